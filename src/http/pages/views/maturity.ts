import type { Comparison, ShownAssessment } from '../../../actions/maturity.js';
import { formatDateTime, formatNumber, type MessageKey } from '../../../i18n/index.js';
import { bar } from '../charts/bars.js';
import type { PageContext } from '../context.js';
import { html, type Html, type Renderable } from '../html.js';
import { layout } from '../layout.js';

const DIMS = ['policy', 'publication', 'quality', 'impact'] as const;
type Bilingual = { id: string; en: string };

/** The level as a badge: number and name in words (the colour only repeats what the text says). */
export function levelBadge(ctx: PageContext, level: number, name: Bilingual): Html {
  return html`<span class="level level-${level}">${ctx.t('mat.levelBadge', { level, name: name[ctx.locale] })}</span>`;
}

/** A 0–100 score with one decimal, or a dash when there is none. */
export const score = (ctx: PageContext, v: number | null | undefined) => (v === null || v === undefined ? '—' : formatNumber(ctx.locale, v, 1));

export function maturityDashboard(ctx: PageContext, c: Comparison): Html {
  const { t } = ctx;
  return layout(ctx, {
    title: t('mat.title'),
    body: html`<h1>${t('mat.title')}</h1>
<p class="lead">${t('mat.lead')}</p>
<p>${t('mat.levels')}</p>
<h2 id="cmp-h">${t('mat.compare')}</h2>
<div class="table-wrap"><table aria-labelledby="cmp-h"><thead><tr><th scope="col">${t('mat.office')}</th><th scope="col">${t('mat.level')}</th><th scope="col" class="num">${t(
      'mat.score',
    )}</th>${DIMS.map((d) => html`<th scope="col" class="num">${t(`mat.dim.${d}` as MessageKey)}</th>`)}<th scope="col" class="num">${t('mat.mqa')}</th><th scope="col" class="num">${t(
      'mat.stars',
    )}</th></tr></thead>
<tbody>${c.offices.map(
      (o) => html`<tr><th scope="row"><a href="/kematangan/${o.organization}">${o.title}</a>${o.stored ? '' : html`<br><span class="small muted">${t('mat.live')}</span>`}</th>
<td>${levelBadge(ctx, o.level, o.levelName)}${o.cappedBy.length ? html`<br><span class="small muted">${t('mat.cappedBy')}: ${o.cappedBy[0]}</span>` : ''}</td>
<td class="num"><strong>${score(ctx, o.score)}</strong>${bar(o.score / 100)}</td>
${DIMS.map((d) => html`<td class="num">${score(ctx, o.dimensions[d]?.score)}${o.dimensions[d]?.disagreement ? html` <span title="${t('mat.disagree')}" aria-label="${t('mat.disagree')}">⚠</span>` : ''}</td>`)}
<td class="num">${formatNumber(ctx.locale, o.mqaPoints, 0)}</td><td class="num">${o.stars}</td></tr>`,
    )}</tbody></table></div>
<p>${t('mat.exports')}: <a href="/api/v1/maturity/export.csv">CSV</a> · <a href="/api/v1/maturity/export.json">JSON</a> · <a href="/api/v1/maturity">API</a></p>`,
  });
}

/** Dimension scores with their automatic and answered sub-scores and the disagreement flag. */
export function dimensionTable(ctx: PageContext, a: ShownAssessment): Html {
  const { t } = ctx;
  return html`<div class="table-wrap"><table class="bars"><caption>${t('mat.dimensions')}</caption><thead><tr><th scope="col">${t('mat.dimensions')}</th><th scope="col" class="num">${t(
    'mat.score',
  )}</th><th scope="col" class="num">${t('mat.automatic')}</th><th scope="col" class="num">${t('mat.answered')}</th></tr></thead>
<tbody>${a.dimensions.map(
    (d) => html`<tr><th scope="row">${t(`mat.dim.${d.dimension}` as MessageKey)}${bar(d.score / 100)}</th><td class="num">${score(ctx, d.score)}</td><td class="num">${score(ctx, d.automatic)}</td><td class="num">${score(
      ctx,
      d.answered,
    )}${d.disagreement ? html` <strong class="error">⚠ ${t('mat.disagree')}</strong>` : ''}</td></tr>`,
  )}</tbody></table></div>`;
}

function indicatorsBlock(ctx: PageContext, a: ShownAssessment): Renderable {
  const { t } = ctx;
  return DIMS.map((dim) => {
    const list = a.indicators.filter((i) => i.dimension === dim);
    if (!list.length) return null;
    return html`<h3>${t(`mat.dim.${dim}` as MessageKey)}</h3><ul class="indicators">${list.map((i) => {
      const ok = i.value !== null && i.value >= 1;
      return html`<li><details><summary>${i.value === null ? '○' : ok ? '✓' : '✗'} ${i.title[ctx.locale]} <span class="small muted">${
        i.value === null ? t('mat.ind.na') : t('mat.ind.points', { points: formatNumber(ctx.locale, i.points, 1), weight: formatNumber(ctx.locale, i.weight, 0) })
      }</span></summary>
<p class="small">${i.description[ctx.locale]} <span class="muted">(${i.sources.map((s) => `${s.framework}: ${s.ref}`).join('; ')})</span></p>
<p class="small">${t('mat.ind.evidence', { met: i.evidence.met, total: i.evidence.total })}</p>
${i.evidence.items.length ? html`<ul class="small evidence">${i.evidence.items.map(
        (e) => html`<li>${e.met ? '✓' : '✗'} <code>${e.ref}</code>${e.field ? html` · ${e.field}` : ''}${e.note ? html` — ${e.note}` : ''}</li>`,
      )}${i.evidence.total > i.evidence.items.length ? html`<li>${t('mat.ind.more', { count: i.evidence.total - i.evidence.items.length })}</li>` : ''}</ul>` : ''}
</details></li>`;
    })}</ul>`;
  });
}

export function maturityOfficePage(ctx: PageContext, a: ShownAssessment): Html {
  const { t } = ctx;
  const org = a.organization;
  const unmet = a.gates.filter((g) => !g.met);
  return layout(ctx, {
    title: `${t('mat.title')}: ${org.title}`,
    breadcrumbs: [{ label: t('mat.title'), href: '/kematangan' }, { label: org.title }],
    body: html`<h1>${org.title}</h1>
<p class="level-line">${levelBadge(ctx, a.level.level, a.level.name)} · ${t('mat.score')} <strong>${score(ctx, a.score)}</strong>/100</p>
<p class="small muted">${t('mat.assessedAt', { time: formatDateTime(ctx.locale, a.assessedAt), round: a.round })} · ${
      a.stored && a.logIndex !== null ? html`<a href="/integritas?sha256=${a.sha256 ?? ''}#verify">${t('mat.published', { index: a.logIndex })}</a>` : t('mat.live')
    } · <a href="/kematangan/${org.name}/laporan?putaran=${a.round}">${t('mat.print')}</a></p>
<ul class="figures">
<li><strong>${formatNumber(ctx.locale, a.mqa.points, 0)}</strong> / ${a.mqa.max} MQA · ${a.mqa.band[ctx.locale]}</li>
<li><strong>${a.fiveStar.stars}</strong>/5 ${t('mat.stars')}</li>
<li>${t('mat.questionnaire', { answered: a.questionnaire.answered, questions: a.questionnaire.questions, confirmed: a.questionnaire.confirmed })}</li>
</ul>
${dimensionTable(ctx, a)}
<h2>${t('mat.gates')}</h2>
<ul>${a.gates.map(
      (g) => html`<li>${g.met ? '✓' : '✗'} ${g.title[ctx.locale]} <span class="small muted">(${t('mat.gate.forLevel', { level: g.level })}, ${
        g.met ? t('mat.gate.met') : t('mat.gate.unmet')
      })</span></li>`,
    )}</ul>
${unmet.length && a.level.cappedBy.length ? html`<p class="notice">${t('mat.cappedBy')}: ${a.level.cappedBy[0]!.title[ctx.locale]}</p>` : ''}
<h2>${t('mat.recommendations')}</h2>
<ol class="recommendations">${a.recommendations.slice(0, 10).map(
      (r) => html`<li><strong>${t('mat.rec.gain', { gain: formatNumber(ctx.locale, r.gain, 1) })}</strong> — ${r.text[ctx.locale]}
${r.failing ? html`<br><span class="small muted">${t('mat.rec.failing', { count: r.failing })}${r.targets.length ? `: ${r.targets.slice(0, 5).join(', ')}` : ''}</span>` : ''}
${r.unlocks.length ? html` <span class="badge ok">${t('mat.rec.unlocks', { level: Math.min(...r.unlocks.map((u) => u.level)) })}</span>` : ''}</li>`,
    )}</ol>
<h2>${t('mat.indicators')}</h2>
${indicatorsBlock(ctx, a)}
${a.trend.length ? html`<h2 id="trend-h">${t('mat.trend')}</h2><div class="table-wrap"><table aria-labelledby="trend-h"><thead><tr><th scope="col">${t('mat.round')}</th><th scope="col">${t(
      'mat.level',
    )}</th><th scope="col" class="num">${t('mat.score')}</th></tr></thead><tbody>${a.trend.map(
      (p) => html`<tr><th scope="row">${p.round}</th><td>${p.level}</td><td class="num">${score(ctx, p.score)}</td></tr>`,
    )}</tbody></table></div>` : ''}
<p>${t('mat.exports')}: <a href="/kematangan/${org.name}/laporan?putaran=${a.round}">${t('mat.print')}</a> · <a href="/api/v1/maturity/${org.name}/export.csv">CSV</a> · <a href="/api/v1/maturity/${org.name}/export.json">JSON</a> · <a href="/api/v1/maturity/${
      org.name
    }">API</a></p>`,
  });
}
