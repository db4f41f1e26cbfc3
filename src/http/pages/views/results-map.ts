import { formatPercent } from '../../../i18n/index.js';
import type { MapData } from '../../../web/map/types.js';
import { classes, colorOf, NO_DATA, scaleFor } from '../charts/choropleth.js';
import type { PageContext } from '../context.js';
import { html, jsonScript, type Html } from '../html.js';

/** A colour swatch as SVG (no inline style, so a strict Content-Security-Policy needs no exception). */
function swatch(color: string): Html {
  return html`<svg class="swatch" viewBox="0 0 1 1" width="16" height="16" aria-hidden="true" focusable="false"><rect width="1" height="1" fill="${color}"/></svg> `;
}

export interface MapArea {
  code: string;
  name: string;
  /** The coloured measure, a ratio 0..1, or null without data. */
  value: number | null;
  href: string;
}

export interface MapMetric {
  /** Query value of the metric switch (`?peta=`). */
  id: string;
  label: string;
}

/**
 * The choropleth section of a results page: the map island's mount point with its data, a metric switch that works
 * without JavaScript (links), and the legend in words. The children table of the page is the map's table alternative;
 * the colours only repeat figures that the table gives (WCAG 1.4.1, use of colour).
 */
export function resultsMap(ctx: PageContext, o: { parentCode: string; areas: MapArea[]; metric: MapMetric; metrics: MapMetric[]; linkFor: (metric: string) => string }): Html {
  const { t } = ctx;
  const scale = scaleFor(o.areas.map((a) => a.value));
  const data: MapData = {
    geo: `/peta/${o.parentCode}.geojson`,
    areas: o.areas.map((a) => ({
      code: a.code,
      name: a.name,
      fill: colorOf(scale, a.value),
      label: a.value === null ? t('res.noData') : `${o.metric.label}: ${formatPercent(ctx.locale, a.value)}`,
      href: a.href,
    })),
    empty: NO_DATA,
    title: `${t('res.map')}: ${o.metric.label}`,
    attribution: t('res.mapAttribution'),
  };
  const id = `map-${o.parentCode}`;
  return html`<section aria-labelledby="map-h"><h2 id="map-h">${t('res.map')}</h2>
<nav aria-label="${t('res.mapMetric')}"><p class="small">${t('res.mapMetric')}: ${o.metrics.map((m, i) =>
    html`${i ? ' · ' : ''}${m.id === o.metric.id ? html`<strong aria-current="true">${m.label}</strong>` : html`<a href="${o.linkFor(m.id)}#map-h">${m.label}</a>`}`,
  )}</p></nav>
<div class="map" id="${id}" data-island="map"></div>
<script type="application/json" id="${id}-data">${jsonScript(data)}</script>
<ul class="legend" aria-label="${t('res.legend', { metric: o.metric.label })}">${classes(scale).map(
    (c) => html`<li>${swatch(c.color)}${formatPercent(ctx.locale, c.from, 0)} – ${formatPercent(ctx.locale, c.to, 0)}</li>`,
  )}<li>${swatch(NO_DATA)}${t('res.noData')}</li></ul>
<p class="small muted">${t('res.mapNote')}</p>
</section>`;
}
