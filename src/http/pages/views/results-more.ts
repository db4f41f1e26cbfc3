import { formatDate, formatNumber, formatPercent } from '../../../i18n/index.js';
import { BENFORD_2ND } from '../../../results/forensics/index.js';
import { pager } from '../components.js';
import { digitChart } from '../charts/digits.js';
import { heatmap } from '../charts/heatmap.js';
import type { Crumb } from '../layout.js';
import type { PageContext } from '../context.js';
import { html, type Html } from '../html.js';
import { layout } from '../layout.js';
import { selectionLabel, type ContestSummary, type ElectionSummary, type FlagsResult, type ForensicsResult } from '../results-model.js';
import { ruleTitle } from './results-region.js';

/** /hasil: the elections and their contests. */
export function resultsHome(ctx: PageContext, elections: { election: ElectionSummary; contests: ContestSummary[] }[]): Html {
  const { t } = ctx;
  return layout(ctx, {
    title: t('res.title'),
    body: html`<h1>${t('res.title')}</h1><p class="lead">${t('res.lead')}</p>
${elections.length === 0 ? html`<p>${t('res.noElections')}</p>` : ''}
${elections.map(
  ({ election, contests }) => html`<section><h2>${election.title} <span class="small muted">${formatDate(ctx.locale, election.date)}</span></h2>
<ul class="cards">${contests.map(
    (c) => html`<li><h3><a href="/hasil/${election.id}/${c.id}">${c.title}</a></h3><p class="small muted">${c.selections.map((s) => selectionLabel(s)).join(' · ')}</p></li>`,
  )}</ul></section>`,
)}`,
  });
}

const fixed = (ctx: PageContext, x: number, d = 2) => (Number.isFinite(x) ? formatNumber(ctx.locale, x, d) : '—');
const share = (h: number[]) => {
  const total = h.reduce((a, b) => a + b, 0);
  return h.map((c) => (total ? c / total : 0));
};

/** /hasil/{e}/{c}/{code}/forensik: digit tests and the fingerprint, each with its explanation in plain words. */
export function forensicsPage(ctx: PageContext, f: ForensicsResult, crumbs: Crumb[]): Html {
  const { t } = ctx;
  const winner = f.selections[f.fingerprint.winner];
  const ld = share(f.lastDigit.histogram);
  const sd = share(f.secondDigit.histogram);
  // counts[turnout][share] → rows of the heatmap are the winner's share (y), columns the turnout (x).
  const bins = f.fingerprint.bins;
  const grid = Array.from({ length: bins }, (_, s) => Array.from({ length: bins }, (_, tb) => f.fingerprint.counts[tb]?.[s] ?? 0));
  const digitTable = (id: string, obs: number[], exp: number[]) =>
    html`<details><summary>${t('word.show')}: ${t('res.digit')}</summary><div class="table-wrap"><table class="narrow" aria-labelledby="${id}"><thead><tr><th scope="col">${t(
      'res.digit',
    )}</th><th scope="col" class="num">${t('res.observed')}</th><th scope="col" class="num">${t('res.expected')}</th></tr></thead><tbody>${obs.map(
      (o, d) => html`<tr><th scope="row">${d}</th><td class="num">${formatPercent(ctx.locale, o)}</td><td class="num">${formatPercent(ctx.locale, exp[d] ?? 0)}</td></tr>`,
    )}</tbody></table></div></details>`;
  return layout(ctx, {
    title: `${t('res.forensics')} · ${f.region.name}`,
    breadcrumbs: crumbs,
    body: html`<h1>${t('res.forensics')}: ${f.region.name}</h1>
<p class="notice">${f.label[ctx.locale]}</p><p>${t('res.forensicsLead')}</p>
<section aria-labelledby="ld-h"><h2 id="ld-h">${t('res.lastDigit')}</h2>
<p>${t('res.lastDigitBody', { chi2: fixed(ctx, f.lastDigit.chi2), p: fixed(ctx, f.lastDigit.p, 3) })} (n = ${formatNumber(ctx.locale, f.lastDigit.n)})</p>
${digitChart({ id: 'ld', title: t('res.lastDigit'), description: t('res.lastDigitBody', { chi2: fixed(ctx, f.lastDigit.chi2), p: fixed(ctx, f.lastDigit.p, 3) }), observed: ld, expected: new Array(10).fill(0.1), observedLabel: t('res.observed'), expectedLabel: t('res.expected') })}
${digitTable('ld-h', ld, new Array(10).fill(0.1))}
<p class="small muted">${f.lastDigit.reference}</p></section>
<section aria-labelledby="sd-h"><h2 id="sd-h">${t('res.secondDigit')}</h2>
<p>${t('res.secondDigitBody', { mean: fixed(ctx, f.secondDigit.mean, 3) })} χ² = ${fixed(ctx, f.secondDigit.chi2)}, p = ${fixed(ctx, f.secondDigit.p, 3)}.</p>
${digitChart({ id: 'sd', title: t('res.secondDigit'), description: t('res.secondDigitBody', { mean: fixed(ctx, f.secondDigit.mean, 3) }), observed: sd, expected: BENFORD_2ND, observedLabel: t('res.observed'), expectedLabel: t('res.expected') })}
${digitTable('sd-h', sd, BENFORD_2ND)}
<p class="small muted">${f.secondDigit.reference}</p></section>
<section aria-labelledby="fp-h"><h2 id="fp-h">${t('res.fingerprint')}</h2>
<p>${t('res.fingerprintBody')}</p>
<div class="fingerprint">${heatmap({ id: 'fp', title: `${t('res.fingerprint')}: ${winner ? selectionLabel(winner) : ''}`, description: t('res.fingerprintBody'), counts: grid, xLabel: t('res.turnoutAxis'), yLabel: `${t('res.winnerAxis')}${winner ? ` (${selectionLabel(winner)})` : ''}` })}</div>
<p class="small muted">n = ${formatNumber(ctx.locale, f.fingerprint.n)} TPS · ${f.fingerprint.reference}</p></section>
<section aria-labelledby="z-h"><h2 id="z-h">${t('res.outliers')}</h2>
${f.robustZ.outliers.length ? html`<div class="table-wrap"><table aria-labelledby="z-h"><thead><tr><th scope="col">TPS</th><th scope="col">${t('res.mapMetric')}</th><th scope="col" class="num">z</th><th scope="col" class="num">${t(
      'res.observed',
    )}</th></tr></thead><tbody>${f.robustZ.outliers.slice(0, 50).map(
      (o) => html`<tr><th scope="row"><a href="/hasil/${f.election}/${f.contest}/tps/${o.tps}">${o.tps}</a></th><td>${o.metric === 'turnout' ? t('res.turnout') : t('res.winnerAxis')}</td><td class="num">${fixed(
        ctx,
        o.z,
        1,
      )}</td><td class="num">${formatPercent(ctx.locale, o.value)}</td></tr>`,
    )}</tbody></table></div>` : html`<p>${t('word.none')}</p>`}
<p class="small muted">${f.robustZ.reference}</p></section>`,
  });
}

/** /hasil/{e}/{c}/{code}/tanda: the flagged TPS of a region with the numbers behind each flag. */
export function flagsPage(ctx: PageContext, f: FlagsResult, o: { regionName: string; rule: string | null; page: number; crumbs: Crumb[]; base: string }): Html {
  const { t } = ctx;
  return layout(ctx, {
    title: `${t('res.flaggedList')} · ${o.regionName}`,
    breadcrumbs: o.crumbs,
    body: html`<h1>${t('res.flaggedList')}: ${o.regionName}</h1><p>${t('res.flagsLead')}</p>
<p class="small">${t('res.flagRule')}: ${o.rule ? html`<a href="?">${t('word.total')}</a>` : html`<strong>${t('word.total')}</strong>`}${f.rules
      .filter((r) => r.id !== 'tps_missing')
      .map((r) => html` · ${r.id === o.rule ? html`<strong>${r.title[ctx.locale]}</strong>` : html`<a href="?aturan=${r.id}">${r.title[ctx.locale]}</a>`}`)}</p>
<p role="status">${formatNumber(ctx.locale, f.total)} ${t('res.flagCount')}</p>
<div class="table-wrap"><table><thead><tr><th scope="col">TPS</th><th scope="col">${t('res.flagRule')}</th><th scope="col">${t('res.tps.arithmetic')}</th></tr></thead><tbody>${f.flags.map(
      (x) => html`<tr><th scope="row"><a href="${o.base}/tps/${x.tps}">${x.tps}</a></th><td>${ruleTitle(ctx, f.rules, x.rule)}</td><td class="small">${Object.entries(x.numbers ?? {}).map(
        ([k, v], i) => html`${i ? ', ' : ''}<code>${k}</code> = ${typeof v === 'number' ? formatNumber(ctx.locale, v) : v === null || v === undefined ? '—' : String(v)}`,
      )}</td></tr>`,
    )}</tbody></table></div>
${pager(ctx, o.page, Math.max(1, Math.ceil(f.total / f.limit)))}`,
  });
}
