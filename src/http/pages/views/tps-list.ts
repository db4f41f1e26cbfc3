import { formatNumber } from '../../../i18n/index.js';
import { metaList } from '../components.js';
import type { PageContext } from '../context.js';
import { html, type Html } from '../html.js';
import { csrfField, layout } from '../layout.js';
import type { ContestSummary, ElectionSummary, TpsListImportSummary } from '../results-model.js';

export interface TpsListFormView {
  elections: ElectionSummary[];
  maxBytes: number;
  values?: { election?: string; region?: string };
  /** Field errors or the message of a refused list (the reader names row and column). */
  errors?: string[];
  /** Why a removal was refused (the region has no list of its own, …). */
  removeErrors?: string[];
}

/** The TPS list form: the upload shows its progress (enhance island); the answer is the list report. */
export function tpsListFormPage(ctx: PageContext, v: TpsListFormView): Html {
  const { t } = ctx;
  const action = `/ruang-kerja/daftar-tps?_csrf=${encodeURIComponent(ctx.csrfToken)}`;
  const chosen = v.values?.election ?? '';
  return layout(ctx, {
    title: t('tpl.title'),
    islands: ['enhance'],
    breadcrumbs: [{ label: t('ws.title'), href: '/ruang-kerja' }, { label: t('tpl.title') }],
    body: html`<h1>${t('tpl.title')}</h1><p>${t('tpl.lead')}</p>
${v.errors?.length ? html`<div class="notice bad" role="alert"><p><strong>${t('tpl.failed')}</strong></p><ul>${v.errors.map((e) => html`<li>${e}</li>`)}</ul></div>` : ''}
${v.elections.length === 0 ? html`<p class="notice">${t('tpl.noElections')}</p>` : html`<form class="stack" method="post" action="${action}" enctype="multipart/form-data" data-progress="${t('tpl.progress')}">
${csrfField(ctx)}
<div class="field"><label for="f-election">${t('tpl.election')}</label><select id="f-election" name="election" required>${v.elections.map(
      (e) => html`<option value="${e.id}"${e.id === chosen ? html` selected` : ''}>${e.title}</option>`,
    )}</select></div>
<div class="field"><label for="f-upload">${t('upload.file')}</label><span class="hint" id="f-upload-hint">${t('tpl.file.hint', {
      max: formatNumber(ctx.locale, Math.round(v.maxBytes / 1e6)) + ' MB',
    })}</span><input id="f-upload" type="file" name="upload" required aria-describedby="f-upload-hint" accept=".csv,.xlsx"></div>
<p><button type="submit">${t('tpl.submit')}</button></p>
<p><progress hidden max="1"></progress> <span data-progress-status role="status"></span></p>
</form>
<h2 id="remove-h">${t('tpl.remove')}</h2><p>${t('tpl.remove.lead')}</p>
${v.removeErrors?.length ? html`<div class="notice bad" role="alert"><p><strong>${t('tpl.remove.failed')}</strong></p><ul>${v.removeErrors.map((e) => html`<li>${e}</li>`)}</ul></div>` : ''}
<form class="stack" method="post" action="/ruang-kerja/daftar-tps/hapus" aria-labelledby="remove-h">
${csrfField(ctx)}
<div class="field"><label for="r-election">${t('tpl.election')}</label><select id="r-election" name="election" required>${v.elections.map(
      (e) => html`<option value="${e.id}"${e.id === chosen ? html` selected` : ''}>${e.title}</option>`,
    )}</select></div>
<div class="field"><label for="r-region">${t('tpl.remove.region')}</label><span class="hint" id="r-region-hint">${t('tpl.remove.region.hint')}</span><input id="r-region" type="text" name="region" required inputmode="numeric" pattern="[0-9]{2,10}" value="${v.values?.region ?? ''}" aria-describedby="r-region-hint"></div>
<p><button type="submit" class="secondary">${t('tpl.remove.submit')}</button></p>
</form>`}`,
  });
}

/** The report of a list import: where it applies, what changed, and each contest's coverage against the new list. */
export function tpsListReportPage(ctx: PageContext, s: TpsListImportSummary, contests: ContestSummary[], removal = false): Html {
  const { t } = ctx;
  const n = (x: number) => formatNumber(ctx.locale, x);
  const titles = new Map(contests.map((c) => [c.id, c.title]));
  const region = `${s.region.name} (${s.region.code})`;
  return layout(ctx, {
    title: t('tpl.report'),
    breadcrumbs: [{ label: t('ws.title'), href: '/ruang-kerja' }, { label: t('tpl.title'), href: '/ruang-kerja/daftar-tps' }, { label: t('tpl.report') }],
    body: html`<h1>${t('tpl.report')}</h1>
<p class="notice ${s.changed ? 'ok' : ''}" role="status">${s.changed ? t(removal ? 'tpl.removedSaved' : 'tpl.saved', { index: s.logIndex ?? '—' }) : t('tpl.unchanged')}</p>
${metaList([
  [t('res.region'), region],
  [t('dataset.organization'), html`<a href="/organization/${s.organization}">${s.organization}</a>`],
  [t('tpl.tps'), n(s.tps)],
  [t('tpl.registered'), s.registered === null ? t('tpl.registered.none') : n(s.registered)],
  [t('tpl.added'), n(s.added)],
  [t('tpl.removed'), n(s.removed)],
  [t('tpl.registeredChanged'), n(s.registeredChanged)],
  [t('imp.dataset'), s.dataset === null ? null : html`<a href="/dataset/${s.dataset}">${s.dataset}</a>`],
  [t('tpl.logEntry'), s.logIndex === null ? null : `#${s.logIndex}`],
])}
${s.changed ? html`<h2 id="coverage-h">${t('tpl.coverage')}</h2>
${s.contests.length ? html`<p>${t('tpl.coverage.lead', { region })}</p>
<div class="table-wrap"><table aria-labelledby="coverage-h"><thead><tr><th scope="col">${t('imp.contest')}</th><th scope="col" class="num">${t('res.coverage')}</th><th scope="col" class="num">${t('tpl.missing')}</th></tr></thead><tbody>${s.contests.map(
  (c) => html`<tr><th scope="row"><a href="/hasil/${s.election}/${c.contest}/${s.region.code}">${titles.get(c.contest) ?? c.contest}</a></th><td class="num">${t('tpl.reportedOf', { reported: n(c.reported), expected: n(c.expected) })}</td><td class="num">${n(c.missing)}</td></tr>`,
)}</tbody></table></div>` : html`<p>${t('tpl.noContests')}</p>`}` : ''}
<p><a href="/ruang-kerja/daftar-tps">${t('tpl.again')}</a></p>`,
  });
}
