import type { ImportSummary } from '../../../actions/results-import.js';
import { formatNumber } from '../../../i18n/index.js';
import { metaList } from '../components.js';
import type { PageContext } from '../context.js';
import { html, type Html } from '../html.js';
import { csrfField, layout } from '../layout.js';
import type { ContestSummary, ElectionSummary } from '../results-model.js';
import { ruleTitle, type RuleInfo } from './results-region.js';

export interface ImportFormView {
  contests: { election: ElectionSummary; contest: ContestSummary }[];
  maxBytes: number;
  values?: { target?: string; layout?: string; reason?: string };
  /** Field errors or the message of a refused import (row and column named by the importer). */
  errors?: string[];
}

/** The import form: the upload shows its progress (enhance island); the answer is the check report. */
export function importFormPage(ctx: PageContext, v: ImportFormView): Html {
  const { t } = ctx;
  const action = `/ruang-kerja/impor?_csrf=${encodeURIComponent(ctx.csrfToken)}`;
  const target = v.values?.target ?? '';
  return layout(ctx, {
    title: t('imp.title'),
    islands: ['enhance'],
    breadcrumbs: [{ label: t('ws.title'), href: '/ruang-kerja' }, { label: t('imp.title') }],
    body: html`<h1>${t('imp.title')}</h1><p>${t('imp.lead')}</p>
${v.errors?.length ? html`<div class="notice bad" role="alert"><p><strong>${t('imp.failed')}</strong></p><ul>${v.errors.map((e) => html`<li>${e}</li>`)}</ul></div>` : ''}
<form class="stack" method="post" action="${action}" enctype="multipart/form-data" data-progress="${t('imp.progress')}">
${csrfField(ctx)}
<div class="field"><label for="f-target">${t('imp.contest')}</label><select id="f-target" name="target" required>${v.contests.map(
      ({ election, contest }) => html`<option value="${election.id}/${contest.id}"${`${election.id}/${contest.id}` === target ? html` selected` : ''}>${election.title} — ${contest.title}</option>`,
    )}</select></div>
<div class="field"><label for="f-upload">${t('upload.file')}</label><span class="hint" id="f-upload-hint">${t('upload.file.hint', {
      max: formatNumber(ctx.locale, Math.round(v.maxBytes / 1e6)) + ' MB',
    })}</span><input id="f-upload" type="file" name="upload" required aria-describedby="f-upload-hint" accept=".csv,.xlsx,.json,.jsonl,.zip"></div>
<div class="field"><label for="f-layout">${t('imp.layout')}</label><select id="f-layout" name="layout">${(['auto', 'wide', 'long'] as const).map(
      (l) => html`<option value="${l}"${l === (v.values?.layout ?? 'auto') ? html` selected` : ''}>${t(`imp.layout.${l}`)}</option>`,
    )}</select></div>
<div class="field"><label for="f-reason">${t('imp.reason')}</label><span class="hint" id="f-reason-hint">${t('imp.reason.hint')}</span><input id="f-reason" type="text" name="reason" maxlength="2000" value="${
      v.values?.reason ?? ''
    }" aria-describedby="f-reason-hint"></div>
<p><button type="submit">${t('imp.submit')}</button></p>
<p><progress hidden max="1"></progress> <span data-progress-status role="status"></span></p>
</form>`,
  });
}

/** The check report of an import: what changed, what was flagged, where it was published. */
export function importReportPage(ctx: PageContext, s: Omit<ImportSummary, 'timings'>, rules: RuleInfo[]): Html {
  const { t } = ctx;
  const n = (x: number) => formatNumber(ctx.locale, x);
  const base = `/hasil/${s.election}/${s.contest}`;
  const flags = Object.entries(s.flags).filter(([, c]) => c > 0);
  return layout(ctx, {
    title: t('imp.report'),
    breadcrumbs: [{ label: t('ws.title'), href: '/ruang-kerja' }, { label: t('imp.title'), href: '/ruang-kerja/impor' }, { label: t('imp.report') }],
    body: html`<h1>${t('imp.report')}</h1>
<p class="notice ${s.changed ? 'ok' : ''}" role="status">${s.changed && s.import ? t('imp.published', { seq: s.import.seq, index: s.logIndex ?? '—' }) : t('imp.unchanged')}</p>
${metaList([
  [t('res.region'), html`<a href="${base}/${s.region.code}">${s.region.name}</a>`],
  [t('dataset.organization'), html`<a href="/organization/${s.organization}">${s.organization}</a>`],
  [t('imp.dataset'), s.dataset ? html`<a href="/dataset/${s.dataset}">${s.dataset}</a>` : null],
  [t('imp.forms'), n(s.forms)],
  [t('imp.new'), n(s.tps.new)],
  [t('imp.changed'), n(s.tps.changed)],
  [t('imp.same'), n(s.tps.unchanged)],
  [t('imp.duplicates'), n(s.duplicates)],
  [t('res.coverage'), t('imp.coverage', { region: s.region.name, reported: n(s.coverage.reported), expected: n(s.coverage.expected) })],
])}
<h2 id="flags-h">${t('imp.flagsInFile')}</h2><p>${t('res.flagsLead')}</p>
${flags.length ? html`<div class="table-wrap"><table aria-labelledby="flags-h"><thead><tr><th scope="col">${t('res.flagRule')}</th><th scope="col" class="num">${t('res.flagCount')}</th></tr></thead><tbody>${flags.map(
      ([rule, c]) => html`<tr><th scope="row"><a href="${base}/${s.region.code}/tanda?aturan=${rule}">${ruleTitle(ctx, rules, rule)}</a></th><td class="num">${n(c)}</td></tr>`,
    )}</tbody></table></div>` : html`<p>${t('res.noFlags')}</p>`}
<p><a href="/ruang-kerja/impor">${t('imp.again')}</a></p>`,
  });
}
