import { formatDateTime, formatNumber } from '../../../i18n/index.js';
import type { Crumb } from '../layout.js';
import type { PageContext } from '../context.js';
import { html, type Html, type Renderable } from '../html.js';
import { layout } from '../layout.js';
import { selectionLabel, type Selection, type TpsResult } from '../results-model.js';

type Figures = TpsResult['figures'];
type Check = TpsResult['checks'][number];

export interface TpsView {
  r: TpsResult;
  selections: Selection[];
  electionTitle: string;
  contestTitle: string;
  crumbs: Crumb[];
  /** Address of this TPS result's receipt (results.receipt), when the portal keeps a publication log. */
  receipt: string | null;
}

const n = (ctx: PageContext, x: number | null | undefined): string => (x === null || x === undefined ? `(${ctx.t('res.tps.notEntered')})` : formatNumber(ctx.locale, x));
const fig = (f: Figures, k: string): number | null => ((f as unknown as Record<string, number | null>)[k] ?? null);

/**
 * One line of arithmetic per check: the calculation written out with the form's own figures, and whether it holds
 * (DOMAIN.md "Arithmetic a C.Hasil must satisfy"). Rules without a written-out form show their numbers as they are.
 */
function calculation(ctx: PageContext, c: Check, f: Figures, selections: Selection[]): Renderable {
  const N = (k: string) => n(ctx, fig(f, k));
  const votes = selections.map((s) => f.votes[s.key] ?? null);
  const sum = votes.some((v) => v !== null) ? votes.reduce<number>((a, v) => a + (v ?? 0), 0) : null;
  switch (c.rule) {
    case 'sum_votes_eq_valid':
      return html`${selections.map((s, i) => html`${i ? ' + ' : ''}<span title="${selectionLabel(s)}">${n(ctx, votes[i])}</span>`)} = <strong>${n(ctx, sum)}</strong> ${rel(c)} ${ctx.t(
        'res.valid',
      ).toLowerCase()} <strong>${N('suara_sah')}</strong>`;
    case 'valid_plus_invalid_eq_used': {
      const v = fig(f, 'suara_sah');
      const i = fig(f, 'suara_tidak_sah');
      return html`${N('suara_sah')} + ${N('suara_tidak_sah')} = <strong>${v !== null && i !== null ? formatNumber(ctx.locale, v + i) : '—'}</strong> ${rel(c)} ${ctx
        .t('res.ballotsUsed')
        .toLowerCase()} <strong>${N('suara_total')}</strong>`;
    }
    case 'used_eq_voters':
      return html`<strong>${N('suara_total')}</strong> ${rel(c)} <strong>${N('pengguna_total')}</strong>`;
    case 'voters_eq_list_sum': {
      const parts = ['pengguna_dpt', 'pengguna_dptb', 'pengguna_dpk'].map((k) => fig(f, k));
      const s = parts.every((p) => p !== null) ? parts.reduce<number>((a, p) => a + (p ?? 0), 0) : null;
      return html`DPT ${N('pengguna_dpt')} + DPTb ${N('pengguna_dptb')} + DPK ${N('pengguna_dpk')} = <strong>${n(ctx, s)}</strong> ${rel(c)} <strong>${N('pengguna_total')}</strong>`;
    }
    case 'voters_le_registered':
      return html`<strong>${N('pengguna_total')}</strong> ${c.status === 'fail' ? '>' : '≤'} DPT ${N('pemilih_dpt_total')} + DPTb ${N('pengguna_dptb')} + DPK ${N(
        'pengguna_dpk',
      )} = <strong>${n(ctx, (c.numbers as Record<string, number | null>).batas ?? null)}</strong>`;
    case 'votes_le_1_02_registered':
      return html`<strong>${n(ctx, sum)}</strong> ${c.status === 'fail' ? '>' : '≤'} 1,02 × ${N('pemilih_dpt_total')} = <strong>${n(
        ctx,
        (c.numbers as Record<string, number | null>).batas ?? null,
      )}</strong>`;
    default: {
      const entries = Object.entries(c.numbers ?? {});
      return entries.length ? html`${entries.map(([k, v], i) => html`${i ? ', ' : ''}<code>${k}</code> = ${typeof v === 'number' ? formatNumber(ctx.locale, v) : v === null || v === undefined ? '—' : String(v)}`)}` : '—';
    }
  }
}

function rel(c: Check): string {
  return c.status === 'fail' ? '≠' : '=';
}

function status(ctx: PageContext, c: Check): Html {
  if (c.status === 'pass') return html`<span class="badge ok">✓ ${ctx.t('res.tps.holds')}</span>`;
  if (c.status === 'fail') return html`<span class="badge bad">✗ ${ctx.t('res.tps.fails')}</span>`;
  return html`<span class="badge">– ${ctx.t('res.tps.unknown')}</span>`;
}

function figuresTable(ctx: PageContext, f: Figures, selections: Selection[], caption: string): Html {
  const { t } = ctx;
  const rows: [string, number | null][] = [
    ...selections.map((s) => [selectionLabel(s), f.votes[s.key] ?? null] as [string, number | null]),
    [t('res.valid'), fig(f, 'suara_sah')],
    [t('res.invalid'), fig(f, 'suara_tidak_sah')],
    [t('res.ballotsUsed'), fig(f, 'suara_total')],
    [t('res.registered'), fig(f, 'pemilih_dpt_total')],
    [t('res.voters'), fig(f, 'pengguna_total')],
    ['— DPT', fig(f, 'pengguna_dpt')],
    ['— DPTb', fig(f, 'pengguna_dptb')],
    ['— DPK', fig(f, 'pengguna_dpk')],
  ];
  return html`<div class="table-wrap"><table class="narrow"><caption>${caption}</caption><tbody>${rows.map(
    ([label, v]) => html`<tr><th scope="row">${label}</th><td class="num">${n(ctx, v)}</td></tr>`,
  )}</tbody></table></div>`;
}

/** What changed between two versions of the figures, field by field. */
function changes(ctx: PageContext, before: Figures, after: Figures, selections: Selection[]): Html {
  const out: Html[] = [];
  for (const s of selections) {
    const a = before.votes[s.key] ?? null;
    const b = after.votes[s.key] ?? null;
    if (a !== b) out.push(html`<li>${selectionLabel(s)}: <del>${n(ctx, a)}</del> → <ins>${n(ctx, b)}</ins></li>`);
  }
  for (const k of ['suara_sah', 'suara_tidak_sah', 'suara_total', 'pemilih_dpt_total', 'pengguna_total', 'pengguna_dpt', 'pengguna_dptb', 'pengguna_dpk']) {
    const a = fig(before, k);
    const b = fig(after, k);
    if (a !== b) out.push(html`<li><code>${k}</code>: <del>${n(ctx, a)}</del> → <ins>${n(ctx, b)}</ins></li>`);
  }
  return html`<ul class="small">${out}</ul>`;
}

export function tpsPage(ctx: PageContext, v: TpsView): Html {
  const { t } = ctx;
  const r = v.r;
  const number = r.tps.slice(10);
  const title = t('res.tps.title', { number, desa: r.region.name });
  // Versions oldest first: each history entry is a version that a later import replaced.
  const versions = [...r.history].sort((a, b) => a.version - b.version);
  return layout(ctx, {
    title: `${title} · ${v.contestTitle}`,
    breadcrumbs: v.crumbs,
    body: html`<p class="small muted">${v.electionTitle} · ${v.contestTitle}</p>
<h1>${title} <span class="muted small">${r.tps}</span></h1>
${r.has_form
  ? r.checks.some((c) => c.status === 'fail') ? html`<p class="notice bad">⚠ ${t('res.flagsLead')}</p>` : ''
  : html`<p class="notice bad">⚠ ${t('res.tps.listedOnly')}</p>`}
${r.listed ? html`<p class="small">${t('res.tps.listed', { registered: r.listed.registered === null ? '—' : formatNumber(ctx.locale, r.listed.registered) })}</p>` : ''}
<div class="two-col">
<section aria-labelledby="form-h"><h2 id="form-h">${t('res.tps.form')}</h2>
${figuresTable(ctx, r.figures, v.selections, `${t('res.tps.version')} ${r.version}`)}
${r.import ? html`<p class="small muted">${formatDateTime(ctx.locale, r.import.created)} · ${r.import.filename ?? ''}${r.import.reason ? ` · ${r.import.reason}` : ''}</p>` : ''}
${r.figures.n_photos ? html`<p class="small">${t('res.tps.photos')}: ${r.figures.n_photos}</p>` : ''}
${v.receipt ? html`<p><a href="${v.receipt}" download>${t('res.tps.receipt')}</a><br><span class="small muted">${t('res.tps.receiptHint')}</span></p>` : r.import?.normalised_sha256 ? html`<p><a href="/integritas?sha256=${r.import.normalised_sha256}#verify">${t('dataset.verify')}</a></p>` : ''}
</section>
<section aria-labelledby="calc-h"><h2 id="calc-h">${t('res.tps.arithmetic')}</h2>
<ol class="arithmetic">${r.checks.map(
      (c) => html`<li class="st-${c.status}"><p><strong>${c.title[ctx.locale]}</strong> ${status(ctx, c)}</p><p class="calc">${calculation(ctx, c, r.figures, v.selections)}</p></li>`,
    )}</ol></section>
</div>
<section aria-labelledby="hist-h"><h2 id="hist-h">${t('res.tps.history')}</h2>
${!r.has_form ? '' : versions.length === 0
  ? html`<p>${t('res.tps.noHistory')}</p>`
  : html`<ol class="history">${versions.map((h, i) => {
      const next = versions[i + 1]?.figures ?? r.figures;
      return html`<li><p><strong>${t('res.tps.version')} ${h.version}</strong>${h.set_by ? html` · ${formatDateTime(ctx.locale, h.set_by.created)}` : ''} → ${t('res.tps.version')} ${
        versions[i + 1]?.version ?? r.version
      } · ${formatDateTime(ctx.locale, h.replaced.at)}${h.replaced.by ? html` · ${t('res.tps.who')}: ${h.replaced.by}` : ''}${h.replaced.reason ? html` · ${t('res.tps.why')}: ${h.replaced.reason}` : ''}</p>
${changes(ctx, h.figures, next, v.selections)}</li>`;
    })}</ol>`}
</section>`,
  });
}
