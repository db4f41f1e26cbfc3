import { formatNumber, formatPercent, type MessageKey } from '../../../i18n/index.js';
import { barTable } from '../charts/bars.js';
import { metaList } from '../components.js';
import type { Crumb } from '../layout.js';
import type { PageContext } from '../context.js';
import { html, type Html, type Renderable } from '../html.js';
import { layout } from '../layout.js';
import { SELECTION_COLORS, selectionLabel, selectionShort, totalsOf, voteSum, type Child, type RegionResult, type Selection, type TpsRow } from '../results-model.js';
import { resultsMap, type MapArea, type MapMetric } from './results-map.js';

export interface RuleInfo {
  id: string;
  title: { id: string; en: string };
}

export interface RegionView {
  r: RegionResult;
  electionTitle: string;
  contestTitle: string;
  crumbs: Crumb[];
  /** Map of the children when boundaries exist for them. */
  map: boolean;
  metric: string;
  rules: RuleInfo[];
  /** For a desa: its TPS, with the rules each is flagged by. */
  tps?: { rows: TpsRow[]; flagged: Map<string, string[]> };
}

const base = (r: RegionResult) => `/hasil/${r.election}/${r.contest}`;
const pct = (ctx: PageContext, x: number | null) => (x === null || !Number.isFinite(x) ? '—' : formatPercent(ctx.locale, x));
const num = (ctx: PageContext, x: number | null | undefined) => (x === null || x === undefined ? '—' : formatNumber(ctx.locale, x));

function turnout(t: { pengguna_total?: number; pemilih_dpt_total?: number }): number | null {
  return t.pemilih_dpt_total ? (t.pengguna_total ?? 0) / t.pemilih_dpt_total : null;
}

function childLevelKey(r: RegionResult): MessageKey {
  const level = r.children[0]?.level ?? r.region.level;
  return `res.level.${level === 'nasional' ? 'national' : level}` as MessageKey;
}

/** The map metric: a candidate's share of the votes, turnout, or coverage. */
function metrics(ctx: PageContext, r: RegionResult): MapMetric[] {
  return [
    ...r.selections.map((s) => ({ id: `s-${s.key}`, label: ctx.t('res.mapShare', { name: selectionLabel(s) }) })),
    { id: 'turnout', label: ctx.t('res.mapTurnout') },
    { id: 'coverage', label: ctx.t('res.mapCoverage') },
  ];
}

function metricValue(metric: string, c: Child): number | null {
  if (metric === 'turnout') return turnout(totalsOf(c));
  if (metric === 'coverage') return c.coverage.ratio;
  const key = metric.slice(2);
  const sum = voteSum(c.totals.votes);
  return sum ? (c.totals.votes[key] ?? 0) / sum : null;
}

/** The leading selection overall: the default map metric. */
export function defaultMetric(r: RegionResult): string {
  const best = [...r.selections].sort((a, b) => (r.totals.votes[b.key] ?? 0) - (r.totals.votes[a.key] ?? 0))[0];
  return best ? `s-${best.key}` : 'coverage';
}

/** A narrow column header: the ballot number shown, the full name for screen readers and on hover. */
function colHeader(s: Selection): Html {
  return html`<th scope="col" class="num" title="${selectionLabel(s)}"><span aria-hidden="true">${selectionShort(s)}</span><span class="visually-hidden">${selectionLabel(s)}</span></th>`;
}

function childrenTable(ctx: PageContext, v: RegionView): Html {
  const { t } = ctx;
  const r = v.r;
  return html`<div class="table-wrap"><table class="children">
<caption>${t('res.childrenTable')}</caption>
<thead><tr><th scope="col">${t('res.region')}</th>${r.selections.map((s) => colHeader(s))}<th scope="col" class="num">${t('res.turnout')}</th><th scope="col" class="num">${t('res.coverage')}</th><th scope="col" class="num">${t('res.flags')}</th></tr></thead>
<tbody>${r.children.map((c) => {
    const sum = voteSum(c.totals.votes);
    const flags = Object.values(c.flags).reduce((a, b) => a + b, 0);
    return html`<tr><th scope="row"><a href="${base(r)}/${c.code}">${c.name}</a></th>${r.selections.map(
      (s) => html`<td class="num">${num(ctx, c.totals.votes[s.key])}<br><span class="small muted">${sum ? pct(ctx, (c.totals.votes[s.key] ?? 0) / sum) : ''}</span></td>`,
    )}<td class="num">${pct(ctx, turnout(totalsOf(c)))}</td><td class="num">${pct(ctx, c.coverage.ratio)}<br><span class="small muted">${num(ctx, c.coverage.tps_reported)}/${num(
      ctx,
      c.coverage.tps_expected,
    )}</span></td><td class="num">${flags ? html`<a href="${base(r)}/${c.code}/tanda">${num(ctx, flags)}</a>` : '0'}</td></tr>`;
  })}</tbody></table></div>`;
}

function tpsTable(ctx: PageContext, v: RegionView): Renderable {
  if (!v.tps) return null;
  const { t } = ctx;
  const r = v.r;
  return html`<h2 id="tps-h">${t('res.tpsList', { region: r.region.name })}</h2>
<div class="table-wrap"><table aria-labelledby="tps-h"><thead><tr><th scope="col">TPS</th>${r.selections.map((s) => colHeader(s))}<th scope="col" class="num">${t('res.valid')}</th><th scope="col" class="num">${t('res.registered')}</th><th scope="col">${t('res.flags')}</th></tr></thead>
<tbody>${v.tps.rows.map((row) => {
    const flags = v.tps!.flagged.get(row.tps_code) ?? [];
    return html`<tr${flags.length ? html` class="fail"` : ''}><th scope="row"><a class="nowrap" href="${base(r)}/tps/${row.tps_code}">TPS ${row.tps_code.slice(10)}</a></th>${r.selections.map(
      (s) => html`<td class="num">${num(ctx, row.votes[s.key])}</td>`,
    )}<td class="num">${num(ctx, row.suara_sah)}</td><td class="num">${num(ctx, row.pemilih_dpt_total)}</td><td>${flags.length ? html`⚠ ${flags.map((f) => ruleTitle(ctx, v.rules, f)).join('; ')}` : '—'}</td></tr>`;
  })}</tbody></table></div>`;
}

export function ruleTitle(ctx: PageContext, rules: RuleInfo[], id: string): string {
  return rules.find((x) => x.id === id)?.title[ctx.locale] ?? id;
}

function flagsBlock(ctx: PageContext, v: RegionView): Html {
  const { t } = ctx;
  const entries = Object.entries(v.r.flags).filter(([, n]) => n > 0);
  return html`<section aria-labelledby="flags-h"><h2 id="flags-h">${t('res.flags')}</h2><p>${t('res.flagsLead')}</p>
${entries.length
  ? html`<div class="table-wrap"><table><thead><tr><th scope="col">${t('res.flagRule')}</th><th scope="col" class="num">${t('res.flagCount')}</th></tr></thead><tbody>${entries.map(
      ([rule, n]) => html`<tr><th scope="row"><a href="${base(v.r)}/${v.r.region.code}/tanda?aturan=${rule}">${ruleTitle(ctx, v.rules, rule)}</a></th><td class="num">${num(ctx, n)}</td></tr>`,
    )}</tbody></table></div>`
  : html`<p>${t('res.noFlags')}</p>`}</section>`;
}

export function regionPage(ctx: PageContext, v: RegionView): Html {
  const { t } = ctx;
  const r = v.r;
  const tot = totalsOf(r);
  const sum = voteSum(tot.votes);
  const leader = [...r.selections].sort((a, b) => (tot.votes[b.key] ?? 0) - (tot.votes[a.key] ?? 0))[0];
  const all = metrics(ctx, r);
  const metric = all.find((m) => m.id === v.metric) ?? all.find((m) => m.id === defaultMetric(r))!;
  const areas: MapArea[] = r.children.map((c) => ({ code: c.code, name: c.name, value: metricValue(metric.id, c), href: `${base(r)}/${c.code}` }));
  const levelKey = (r.region.level === 'nasional' ? 'res.level.national' : `res.level.${r.region.level}`) as MessageKey;
  const api = `/api/v1/elections/${r.election}/contests/${r.contest}/regions/${r.region.code}`;
  return layout(ctx, {
    title: `${r.region.name} · ${v.contestTitle}`,
    islands: v.map ? ['map'] : [],
    breadcrumbs: v.crumbs,
    body: html`<p class="small muted">${v.electionTitle} · ${v.contestTitle}</p>
<h1>${r.region.name} <span class="muted small">${t(levelKey)} ${r.region.code}</span></h1>
<section aria-labelledby="cov-h"><h2 id="cov-h" class="visually-hidden">${t('res.coverage')}</h2>
<ul class="figures">
<li><strong>${pct(ctx, r.coverage.ratio)}</strong> ${t('res.coverage')}<br><span class="small">${t('res.coverageBody', {
      reported: num(ctx, r.coverage.tps_reported),
      expected: num(ctx, r.coverage.tps_expected),
      share: pct(ctx, r.coverage.ratio),
      complete: num(ctx, r.coverage.tps_complete),
    })}</span></li>
<li><strong>${num(ctx, tot.pemilih_dpt_total)}</strong> ${t('res.registered')}</li>
<li><strong>${pct(ctx, turnout(tot))}</strong> ${t('res.turnout')}</li>
<li><strong>${num(ctx, Object.values(r.flags).reduce((a, b) => a + b, 0))}</strong> <a href="#flags-h">${t('res.flags')}</a></li>
</ul></section>
<section aria-labelledby="votes-h"><h2 id="votes-h">${t('res.votes')}</h2>
${barTable({
  caption: t('res.votesCaption', { region: r.region.name }),
  labelHeader: t('res.candidate'),
  figureHeader: t('res.voteCount'),
  shareHeader: t('res.share'),
  rows: r.selections.map((s, i) => ({
    label: selectionLabel(s),
    figure: num(ctx, tot.votes[s.key]),
    share: sum ? (tot.votes[s.key] ?? 0) / sum : 0,
    shareText: sum ? pct(ctx, (tot.votes[s.key] ?? 0) / sum) : '—',
    color: SELECTION_COLORS[i % SELECTION_COLORS.length],
    highlight: s === leader,
  })),
})}
<details><summary>${t('res.admin')}</summary>${metaList([
      [t('res.registered'), num(ctx, tot.pemilih_dpt_total)],
      [t('res.voters'), num(ctx, tot.pengguna_total)],
      [t('res.valid'), num(ctx, tot.suara_sah)],
      [t('res.invalid'), num(ctx, tot.suara_tidak_sah)],
      [t('res.ballotsUsed'), num(ctx, tot.suara_total)],
    ])}</details></section>
${r.children.length ? html`${v.map ? resultsMap(ctx, { parentCode: r.region.code, areas, metric, metrics: all, linkFor: (m) => `${base(r)}/${r.region.code}?peta=${m}` }) : ''}
<section aria-labelledby="children-h"><h2 id="children-h">${t('res.children', { level: t(childLevelKey(r)), region: r.region.name })}</h2>
${childrenTable(ctx, v)}</section>` : ''}
${tpsTable(ctx, v)}
${flagsBlock(ctx, v)}
<section aria-labelledby="more-h"><h2 id="more-h">${t('res.downloads')}</h2>
<p><a href="${api}/download.csv">CSV (TPS)</a> · <a href="${api}/download.json">JSON (TPS)</a> · <a href="${api}/download.parquet">Parquet (TPS)</a> · <a href="/api/v1/elections/${r.election}/contests/${r.contest}/export/nist-err.json?region=${r.region.code}">NIST SP 1500-100</a> · <a href="${api}">API</a></p>
<p><a href="${base(r)}/${r.region.code}/forensik">${t('res.forensics')} →</a></p></section>`,
  });
}
