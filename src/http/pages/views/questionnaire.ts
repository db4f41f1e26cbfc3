import type { Question } from '../../../maturity/questionnaire.js';
import type { PageContext } from '../context.js';
import { html, type Html } from '../html.js';
import { csrfField, layout } from '../layout.js';

export interface CurrentAnswer {
  value: string | null;
  confirmed: boolean;
  /** The stored note (evidence, confirmation), as the assessment shows it. */
  note: string;
}

const VALUES = ['yes', 'partial', 'no', 'unsure'] as const;

/** The maturity questionnaire of an office (ODM-based, src/maturity/questionnaire.ts), one fieldset per question. */
export function questionnairePage(
  ctx: PageContext,
  v: { org: { name: string; title: string }; questions: readonly Question[]; current: Map<string, CurrentAnswer>; notice?: string },
): Html {
  const { t } = ctx;
  const title = t('q.title', { org: v.org.title });
  const sections = [...new Map(v.questions.map((q) => [q.section.en, q.section])).values()];
  return layout(ctx, {
    title,
    breadcrumbs: [{ label: t('ws.title'), href: '/ruang-kerja' }, { label: title }],
    body: html`<h1>${title}</h1><p>${t('q.lead')}</p>
${v.notice ? html`<p class="notice ok" role="status">${v.notice}</p>` : ''}
<form class="stack" method="post" action="/ruang-kerja/kuesioner/${v.org.name}">
${csrfField(ctx)}
${sections.map(
  (s) => html`<h2>${s[ctx.locale]}</h2>${v.questions
    .filter((q) => q.section.en === s.en)
    .map((q) => {
      const cur = v.current.get(q.id);
      const id = q.id.replace(/[^a-z0-9]/gi, '-');
      return html`<fieldset class="question" aria-describedby="${id}-guide">
<legend>${q.text[ctx.locale]}</legend>
<p class="hint small" id="${id}-guide">${q.guide[ctx.locale]}</p>
<input type="hidden" name="orig:${q.id}" value="${cur?.value ?? ''}">
<div class="choices">${VALUES.map(
        (val) => html`<label><input type="radio" name="value:${q.id}" value="${val}"${cur?.value === val ? html` checked` : ''}> ${t(`q.${val}`)}</label>`,
      )}</div>
${cur?.note ? html`<p class="small muted">${t('q.current', { note: cur.note })}${cur.confirmed ? html` <span class="badge ok">${t('q.confirmed')}</span>` : ''}</p>` : ''}
<label for="${id}-ev" class="small">${t('q.evidence')}</label>
<textarea id="${id}-ev" name="evidence:${q.id}" rows="2" maxlength="4000"></textarea>
</fieldset>`;
    })}`,
)}
<p><button type="submit">${t('q.save')}</button></p>
</form>`,
  });
}
