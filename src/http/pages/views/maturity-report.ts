/**
 * The printable maturity report of one office (/kematangan/{organization}/laporan, issue 5 §6 "a printable report"):
 * level, dimension scores, level requirements, the ranked recommendations, then every indicator with its evidence,
 * one dimension per printed page. Everything is laid out open (no <details>), and every piece of evidence links to
 * where it can be seen, with absolute addresses: the print stylesheet (public/kotak.css) writes each address after
 * its link, so a paper copy still says where to check.
 */
import type { ShownAssessment } from '../../../actions/maturity.js';
import type { PublishedIndicator } from '../../../actions/maturity-present.js';
import { formatDateTime, formatNumber, type MessageKey } from '../../../i18n/index.js';
import type { EvidenceItem } from '../../../maturity/types.js';
import type { PageContext } from '../context.js';
import { html, safeUrl, type Html, type Renderable } from '../html.js';
import { layout } from '../layout.js';
import { dimensionTable, levelBadge, score } from './maturity.js';

const DIMS = ['policy', 'publication', 'quality', 'impact'] as const;

/** An absolute address on this portal for a path (absolute URLs are kept; anything unsafe becomes none). */
function absolute(baseUrl: string, pathOrUrl: string): string | null {
  const safe = safeUrl(pathOrUrl);
  if (safe === '#') return null;
  try {
    return new URL(safe, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).toString();
  } catch {
    return null;
  }
}

/**
 * Where a piece of evidence can be seen: its own `url` when the indicator gave one, else by kind — a dataset's page,
 * a resource's entry on its dataset's page (`dataset/resource` refs), a contest's results. Answers and office-wide
 * facts have no page of their own.
 */
export function evidenceUrl(e: EvidenceItem, baseUrl: string): string | null {
  const seg = (s: string) => encodeURIComponent(s);
  if (e.url) return absolute(baseUrl, e.url);
  if (e.kind === 'dataset') return absolute(baseUrl, `/dataset/${seg(e.ref)}`);
  if (e.kind === 'resource') {
    const [dataset, resource] = e.ref.split('/');
    return dataset ? absolute(baseUrl, `/dataset/${seg(dataset)}${resource ? `#resource-${seg(resource)}` : ''}`) : null;
  }
  if (e.kind === 'contest') {
    const [election, contest] = e.ref.split('/');
    return election && contest ? absolute(baseUrl, `/hasil/${seg(election)}/${seg(contest)}`) : null;
  }
  return null;
}

function evidenceTable(ctx: PageContext, i: PublishedIndicator, baseUrl: string): Html {
  const { t } = ctx;
  if (i.evidence.items.length === 0) return html`<p class="small muted">${t('mat.report.ev.none')}</p>`;
  return html`<div class="table-wrap"><table class="evidence-table small"><caption>${t('mat.ind.evidence', { met: i.evidence.met, total: i.evidence.total })}</caption>
<thead><tr><th scope="col">${t('mat.report.ev.status')}</th><th scope="col">${t('mat.report.ev.ref')}</th><th scope="col">${t('mat.report.ev.field')}</th><th scope="col">${t(
    'mat.report.ev.note',
  )}</th></tr></thead>
<tbody>${i.evidence.items.map((e) => {
    const url = evidenceUrl(e, baseUrl);
    return html`<tr${e.met ? '' : html` class="fail"`}><td>${e.met ? `✓ ${t('mat.report.ev.yes')}` : `✗ ${t('mat.report.ev.no')}`}</td><td class="wrap">${
      url ? html`<a href="${url}"><code>${e.ref}</code></a>` : html`<code>${e.ref}</code>`
    }</td><td>${e.field ?? ''}</td><td class="wrap">${e.note ?? ''}</td></tr>`;
  })}${
    i.evidence.total > i.evidence.items.length
      ? html`<tr><td colspan="4">${t('mat.ind.more', { count: i.evidence.total - i.evidence.items.length })}</td></tr>`
      : ''
  }</tbody></table></div>`;
}

function indicatorSection(ctx: PageContext, i: PublishedIndicator, baseUrl: string): Html {
  const { t, locale } = ctx;
  const measures = Object.entries(i.measures ?? {});
  return html`<section class="report-indicator" id="ind-${i.id}" aria-labelledby="ind-${i.id}-h">
<h3 id="ind-${i.id}-h">${i.value === null ? '○' : i.value >= 1 ? '✓' : '✗'} ${i.title[locale]} <code>${i.id}</code></h3>
<p><strong>${
    i.value === null
      ? t('mat.ind.na')
      : t('mat.report.value', { value: formatNumber(locale, i.value * 100, 1), points: formatNumber(locale, i.points, 1), weight: formatNumber(locale, i.weight, 0) })
  }</strong> · ${t(i.kind === 'answered' ? 'mat.report.answered' : 'mat.report.automatic')}</p>
<p class="small">${i.description[locale]}</p>
<p class="small muted">${t('mat.report.sources')}: ${i.sources.map((s) => `${s.framework}: ${s.ref}`).join('; ')}${
    measures.length ? html` · ${t('mat.report.measures')}: ${measures.map(([k, v]) => `${k} = ${formatNumber(locale, v, Number.isInteger(v) ? 0 : 2)}`).join(', ')}` : ''
  }</p>
${evidenceTable(ctx, i, baseUrl)}
</section>`;
}

function recommendationsTable(ctx: PageContext, a: ShownAssessment): Html {
  const { t, locale } = ctx;
  if (a.recommendations.length === 0) return html`<p>${t('mat.report.rec.none')}</p>`;
  return html`<div class="table-wrap"><table class="small"><thead><tr><th scope="col" class="num">${t('mat.report.rec.rank')}</th><th scope="col" class="num">${t(
    'mat.report.rec.gain',
  )}</th><th scope="col">${t('mat.report.rec.indicator')}</th><th scope="col">${t('mat.report.rec.step')}</th></tr></thead>
<tbody>${a.recommendations.map(
    (r, k) => html`<tr><td class="num">${k + 1}</td><td class="num">${t('mat.rec.gain', { gain: formatNumber(locale, r.gain, 1) })}</td><td><a href="#ind-${r.indicatorId}" class="no-url"><code>${
      r.indicatorId
    }</code></a></td><td class="wrap">${r.text[locale]}${
      r.failing ? html`<br><span class="muted">${t('mat.rec.failing', { count: r.failing })}${r.targets.length ? `: ${r.targets.join(', ')}` : ''}</span>` : ''
    }${r.unlocks.length ? html` <span class="badge ok">${t('mat.rec.unlocks', { level: Math.min(...r.unlocks.map((u) => u.level)) })}</span>` : ''}</td></tr>`,
  )}</tbody></table></div>`;
}

function dimensionSections(ctx: PageContext, a: ShownAssessment, baseUrl: string): Renderable {
  const { t } = ctx;
  return DIMS.map((dim) => {
    const list = a.indicators.filter((i) => i.dimension === dim);
    if (!list.length) return null;
    const d = a.dimensions.find((x) => x.dimension === dim);
    return html`<section class="report-dimension" aria-labelledby="dim-${dim}"><h2 id="dim-${dim}">${t('mat.report.dimension', {
      name: t(`mat.dim.${dim}` as MessageKey),
      score: score(ctx, d?.score),
    })}</h2>
${list.map((i) => indicatorSection(ctx, i, baseUrl))}</section>`;
  });
}

export interface ReportOptions {
  /** The portal's public address (config.baseUrl): evidence addresses are printed in full. */
  baseUrl: string;
  printedAt: Date;
}

/**
 * @example
 *   const a = await invoke<ShownAssessment>(action, 'maturity.show', { organization });
 *   kit.send(reply, maturityReportPage(page, a, { baseUrl: config.baseUrl, printedAt: services.now() }));
 */
export function maturityReportPage(ctx: PageContext, a: ShownAssessment, opts: ReportOptions): Html {
  const { baseUrl } = opts;
  const { t, locale } = ctx;
  const org = a.organization;
  const self = absolute(baseUrl, `/kematangan/${encodeURIComponent(org.name)}/laporan?putaran=${encodeURIComponent(a.round)}`);
  const api = (suffix: string) => absolute(baseUrl, `/api/v1/maturity/${encodeURIComponent(org.name)}${suffix}`);
  return layout(ctx, {
    title: t('mat.report.title', { org: org.title }),
    breadcrumbs: [{ label: t('mat.title'), href: '/kematangan' }, { label: org.title, href: `/kematangan/${org.name}` }, { label: t('mat.print') }],
    body: html`<article class="report">
<p class="no-print notice">${t('mat.report.hint')} <a href="/kematangan/${org.name}">${t('mat.report.back')}</a></p>
<h1>${t('mat.report.title', { org: org.title })}</h1>
<h2>${t('mat.report.summary')}</h2>
<dl class="meta">
<dt>${t('mat.report.office')}</dt><dd>${org.title} (<code>${org.name}</code>)</dd>
<dt>${t('mat.level')}</dt><dd>${levelBadge(ctx, a.level.level, a.level.name)}${
      a.level.cappedBy.length ? html` — ${t('mat.cappedBy')}: ${a.level.cappedBy[0]!.title[locale]}` : ''
    }</dd>
<dt>${t('mat.score')}</dt><dd><strong>${score(ctx, a.score)}</strong>/100</dd>
<dt>${t('mat.round')}</dt><dd>${a.round}</dd>
<dt>${t('mat.report.assessed')}</dt><dd>${formatDateTime(locale, a.assessedAt)}</dd>
<dt>${t('mat.report.config')}</dt><dd>${a.configVersion}</dd>
<dt>${t('mat.report.publication')}</dt><dd>${
      a.stored && a.logIndex !== null
        ? html`<a href="${absolute(baseUrl, `/integritas?sha256=${a.sha256 ?? ''}`) ?? '#'}">${t('mat.published', { index: a.logIndex })}</a><br><span class="small">${t(
            'mat.report.digest',
          )}: <code class="hash">${a.sha256 ?? ''}</code></span>`
        : t('mat.live')
    }</dd>
${self ? html`<dt>${t('mat.report.address')}</dt><dd><a href="${self}" class="no-url">${self}</a></dd>` : ''}
</dl>
<ul class="figures">
<li><strong>${formatNumber(locale, a.mqa.points, 0)}</strong> / ${a.mqa.max} MQA · ${a.mqa.band[locale]}</li>
<li><strong>${a.fiveStar.stars}</strong>/5 ${t('mat.stars')}</li>
<li>${t('mat.questionnaire', { answered: a.questionnaire.answered, questions: a.questionnaire.questions, confirmed: a.questionnaire.confirmed })}</li>
</ul>
${dimensionTable(ctx, a)}
<h2>${t('mat.gates')}</h2>
<ul>${a.gates.map(
      (g) => html`<li>${g.met ? '✓' : '✗'} ${g.title[locale]} <span class="small muted">(${t('mat.gate.forLevel', { level: g.level })}, ${
        g.met ? t('mat.gate.met') : t('mat.gate.unmet')
      })</span></li>`,
    )}</ul>
<h2>${t('mat.recommendations')}</h2>
${recommendationsTable(ctx, a)}
${dimensionSections(ctx, a, baseUrl)}
${a.trend.length ? html`<h2 id="trend-h">${t('mat.trend')}</h2><div class="table-wrap"><table aria-labelledby="trend-h"><thead><tr><th scope="col">${t('mat.round')}</th><th scope="col">${t(
      'mat.level',
    )}</th><th scope="col" class="num">${t('mat.score')}</th></tr></thead><tbody>${a.trend.map(
      (p) => html`<tr><th scope="row">${p.round}</th><td>${p.level}</td><td class="num">${score(ctx, p.score)}</td></tr>`,
    )}</tbody></table></div>` : ''}
<h2>${t('mat.report.machine')}</h2>
<ul><li><a href="${api('/export.json') ?? '#'}">JSON</a></li><li><a href="${api('/export.csv') ?? '#'}">CSV</a></li><li><a href="${api('') ?? '#'}">API</a></li></ul>
<p class="small muted">${t('mat.report.printed', { site: t('site.name'), time: formatDateTime(locale, opts.printedAt) })}</p>
</article>`,
  });
}
