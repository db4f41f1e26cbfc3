import type { Dataset } from '../../../catalog/types.js';
import { formatNumber } from '../../../i18n/index.js';
import { searchForm } from '../components.js';
import type { PageContext } from '../context.js';
import { html, type Html, type Renderable } from '../html.js';
import { layout } from '../layout.js';
import { datasetItem } from './search.js';

export interface HeadlineFigure {
  value: number;
  label: string;
  href?: string;
}

export interface HomeView {
  figures: HeadlineFigure[];
  latest: Dataset[];
  /** The latest signed checkpoint, rendered by the integrity view when the log is there. */
  checkpoint?: Renderable;
}

export function homePage(ctx: PageContext, v: HomeView): Html {
  const { t } = ctx;
  return layout(ctx, {
    title: '',
    headerSearch: false,
    body: html`<h1>${t('home.title')}</h1>
<p class="lead">${t('home.lead')}</p>
${searchForm(ctx, 'home-q')}
<section aria-labelledby="fig-h"><h2 id="fig-h">${t('home.figures')}</h2>
<ul class="figures">${v.figures.map(
      (f) => html`<li>${f.href ? html`<a href="${f.href}"><strong>${formatNumber(ctx.locale, f.value)}</strong> ${f.label}</a>` : html`<strong>${formatNumber(ctx.locale, f.value)}</strong> ${f.label}`}</li>`,
    )}</ul></section>
<section aria-labelledby="explore-h"><h2 id="explore-h">${t('home.explore')}</h2>
<ul class="explore"><li><a href="/hasil">${t('home.explore.results')}</a></li><li><a href="/integritas">${t(
      'home.explore.integrity',
    )}</a></li><li><a href="/kematangan">${t('home.explore.maturity')}</a></li></ul></section>
<section aria-labelledby="latest-h"><h2 id="latest-h">${t('home.latest')}</h2>
<ul class="cards">${v.latest.map((d) => datasetItem(ctx, d))}</ul>
<p><a href="/dataset">${t('home.allDatasets')} →</a></p></section>
${v.checkpoint ? html`<section aria-labelledby="cp-h"><h2 id="cp-h">${t('home.checkpoint')}</h2>${v.checkpoint}</section>` : ''}`,
  });
}
