import type { SearchResult } from '../../../actions/dataset.js';
import type { OrganizationSummary } from '../../../actions/organization.js';
import { formatNumber } from '../../../i18n/index.js';
import { metaList, pager } from '../components.js';
import type { PageContext } from '../context.js';
import { html, safeUrl, type Html, type Renderable } from '../html.js';
import { layout } from '../layout.js';
import { markdown } from '../markdown.js';
import { datasetItem } from './search.js';

export interface OrganizationView {
  organization: OrganizationSummary;
  datasets: SearchResult;
  page: number;
  pages: number;
  /** The maturity badge, when the maturity part provides it (rendered by its own view). */
  maturity?: Renderable;
}

export function organizationPage(ctx: PageContext, v: OrganizationView): Html {
  const { t } = ctx;
  const o = v.organization;
  return layout(ctx, {
    title: o.title,
    breadcrumbs: [{ label: t('org.list'), href: '/organization' }, { label: o.title }],
    body: html`<h1>${o.title}</h1>
${v.maturity ?? ''}
${o.description ? markdown(o.description) : ''}
${metaList([
  [t('org.region'), o.regionCode],
  [t('dataset.contact'), o.email ? html`<a href="mailto:${o.email}">${o.email}</a>` : null],
  ['Web', o.homepage ? html`<a href="${safeUrl(o.homepage)}">${o.homepage}</a>` : null],
])}
<h2>${t('org.datasets', { name: o.title })}</h2>
<p>${t('org.datasetCount', { count: formatNumber(ctx.locale, v.datasets.count) })} · <a href="/dataset?organization=${o.name}">${t(
      'search.filters',
    )}</a></p>
<ul class="cards">${v.datasets.results.map((d) => datasetItem(ctx, d))}</ul>
${pager(ctx, v.page, v.pages)}`,
  });
}

export function organizationListPage(ctx: PageContext, orgs: OrganizationSummary[]): Html {
  const { t } = ctx;
  return layout(ctx, {
    title: t('org.list'),
    body: html`<h1>${t('org.list')}</h1>
<ul class="cards">${orgs.map(
      (o) => html`<li><h2><a href="/organization/${o.name}">${o.title}</a></h2><p class="small muted">${t('org.datasetCount', {
        count: formatNumber(ctx.locale, o.packageCount),
      })}</p></li>`,
    )}</ul>`,
  });
}
