import type { FacetItem, SearchResult } from '../../../actions/dataset.js';
import type { Dataset } from '../../../catalog/types.js';
import { formatDate, formatNumber, type MessageKey } from '../../../i18n/index.js';
import { pager, searchForm } from '../components.js';
import type { PageContext } from '../context.js';
import { html, type Html, type Renderable } from '../html.js';
import { layout } from '../layout.js';
import { excerpt } from '../markdown.js';

/** Facets shown on the search page, in order; the query parameter of each is its CKAN field name (as CKAN's /dataset). */
export const PAGE_FACETS = ['organization', 'groups', 'tags', 'res_format', 'license_id', 'year', 'region'] as const;
export type PageFacet = (typeof PAGE_FACETS)[number];

export const SORTS: { value: string; key: MessageKey }[] = [
  { value: '', key: 'search.sort.relevance' },
  { value: 'metadata_modified desc', key: 'search.sort.modified' },
  { value: 'metadata_created desc', key: 'search.sort.created' },
  { value: 'title_string asc', key: 'search.sort.title' },
];

export interface SearchView {
  q: string;
  sort: string;
  page: number;
  pages: number;
  /** Active filters: facet → values. */
  active: Partial<Record<PageFacet, string[]>>;
  result: SearchResult | null;
  /** A message when the query could not be parsed. */
  error: string | null;
  /** Display names of facet values the search result does not name (regions). */
  names: Map<string, string>;
}

function facetLink(ctx: PageContext, field: string, value: string, add: boolean): string {
  const q = new URLSearchParams(ctx.query);
  q.delete('page');
  if (add) q.append(field, value);
  else {
    const rest = q.getAll(field).filter((v) => v !== value);
    q.delete(field);
    for (const v of rest) q.append(field, v);
  }
  const s = q.toString();
  return s ? `/dataset?${s}` : '/dataset';
}

function facetBlock(ctx: PageContext, v: SearchView, field: PageFacet, items: FacetItem[]): Renderable {
  if (!items.length) return null;
  const active = new Set(v.active[field] ?? []);
  return html`<h2 id="facet-${field}">${ctx.t(`facet.${field}` as MessageKey)}</h2>
<ul aria-labelledby="facet-${field}">${items.map((i) => {
    const on = active.has(i.name);
    const label = v.names.get(`${field}:${i.name}`) ?? i.display_name;
    return html`<li><a href="${facetLink(ctx, field, i.name, !on)}"${on ? html` aria-current="true"` : ''}>${on ? '✓ ' : ''}${label}</a> <span class="muted">(${formatNumber(
      ctx.locale,
      i.count,
    )})</span></li>`;
  })}</ul>`;
}

export function datasetItem(ctx: PageContext, d: Dataset, headingLevel: 2 | 3 = 3): Html {
  const formats = [...new Set(d.resources.map((r) => r.format).filter(Boolean))];
  const title = html`<a href="/dataset/${d.name}">${d.title || d.name}</a>`;
  return html`<li>
${headingLevel === 2 ? html`<h2>${title}</h2>` : html`<h3>${title}</h3>`}
<p class="small muted"><a href="/organization/${d.organization.name}">${d.organization.title}</a> · ${ctx.t('dataset.modified')} ${formatDate(
    ctx.locale,
    d.modified,
  )}${d.private ? html` · <span class="badge warn">${ctx.t('dataset.private')}</span>` : ''}${
    d.state === 'draft' ? html` · <span class="badge warn">${ctx.t('dataset.draft')}</span>` : ''
  }</p>
${d.description ? html`<p>${excerpt(d.description)}</p>` : ''}
${formats.length ? html`<p>${formats.map((f) => html`<span class="badge">${f}</span> `)}</p>` : ''}
</li>`;
}

function sortForm(ctx: PageContext, v: SearchView): Html {
  const hidden: Html[] = [];
  for (const [k, value] of ctx.query) if (k !== 'sort' && k !== 'page') hidden.push(html`<input type="hidden" name="${k}" value="${value}">`);
  return html`<form class="sort" method="get" action="/dataset">${hidden}
<label for="sort">${ctx.t('search.sort')}</label>
<select id="sort" name="sort">${SORTS.map(
    (s) => html`<option value="${s.value}"${s.value === v.sort ? html` selected` : ''}>${ctx.t(s.key)}</option>`,
  )}</select>
<button type="submit" class="secondary">${ctx.t('word.show')}</button></form>`;
}

export function searchPage(ctx: PageContext, v: SearchView): Html {
  const { t } = ctx;
  const count = v.result?.count ?? 0;
  const summary = v.q
    ? t('search.foundFor', { count: formatNumber(ctx.locale, count), q: v.q })
    : t('search.found', { count: formatNumber(ctx.locale, count) });
  const activeList = PAGE_FACETS.flatMap((f) => (v.active[f] ?? []).map((value) => ({ f, value })));
  return layout(ctx, {
    title: v.q ? `${v.q} · ${t('search.title')}` : t('search.title'),
    headerSearch: false,
    body: html`<h1>${t('search.title')}</h1>
${searchForm(ctx, 'q', v.q)}
${v.error ? html`<p class="notice bad" role="alert">${t('search.badQuery', { message: v.error })}</p>` : ''}
<div class="with-side">
<aside class="facets" aria-label="${t('search.filters')}">
${activeList.length ? html`<h2>${t('search.activeFilters')}</h2><ul>${activeList.map(
        (a) =>
          html`<li><a href="${facetLink(ctx, a.f, a.value, false)}" aria-label="${t('search.removeFilter', {
            name: v.names.get(`${a.f}:${a.value}`) ?? a.value,
          })}">✕ ${v.names.get(`${a.f}:${a.value}`) ?? a.value}</a></li>`,
      )}</ul><p><a href="${v.q ? `/dataset?q=${encodeURIComponent(v.q)}` : '/dataset'}">${t('search.clear')}</a></p>` : ''}
${PAGE_FACETS.map((f) => facetBlock(ctx, v, f, v.result?.facets[f] ?? []))}
</aside>
<section aria-labelledby="results-h">
<h2 id="results-h" class="visually-hidden">${t('search.title')}</h2>
<p role="status">${summary}</p>
${sortForm(ctx, v)}
${count === 0 && !v.error ? html`<p>${t('search.none')}</p>` : ''}
<ul class="cards">${(v.result?.results ?? []).map((d) => datasetItem(ctx, d))}</ul>
${pager(ctx, v.page, v.pages)}
</section>
</div>`,
  });
}
