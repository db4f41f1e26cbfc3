import { formatNumber } from '../../i18n/index.js';
import type { PageContext } from './context.js';
import { linkWith } from './context.js';
import { html, type Html, type Renderable } from './html.js';

/** Small pieces shared by several pages. */

/** A search form for datasets (GET /dataset, so it works without JavaScript and can be bookmarked). */
export function searchForm(ctx: PageContext, id: string, value = ''): Html {
  const { t } = ctx;
  return html`<form class="search-box" role="search" action="/dataset" method="get">
<label for="${id}" class="visually-hidden">${t('search.label')}</label>
<input id="${id}" type="search" name="q" value="${value}" placeholder="${t('search.placeholder')}">
<button type="submit">${t('search.submit')}</button>
</form>`;
}

/** Previous/next paging that keeps the other query parameters (`page` is 1-based). */
export function pager(ctx: PageContext, page: number, pages: number): Renderable {
  if (pages <= 1) return null;
  const { t } = ctx;
  return html`<nav class="pager" aria-label="${t('pager.label')}">
${page > 1 ? html`<a rel="prev" href="${linkWith(ctx, { page: page === 2 ? null : String(page - 1) })}">← ${t('pager.prev')}</a>` : ''}
<span>${t('pager.status', { page: formatNumber(ctx.locale, page), pages: formatNumber(ctx.locale, pages) })}</span>
${page < pages ? html`<a rel="next" href="${linkWith(ctx, { page: String(page + 1) })}">${t('pager.next')} →</a>` : ''}
</nav>`;
}

/** A definition list of label/value pairs, skipping empty values. */
export function metaList(rows: [string, Renderable][]): Html {
  return html`<dl class="meta">${rows
    .filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

/** Field errors of a form (KotakError validation `fields`) as a summary linked to the fields (GOV.UK pattern). */
export function errorSummary(ctx: PageContext, fields: Record<string, string[]> | undefined, idOf: (field: string) => string): Renderable {
  if (!fields || Object.keys(fields).length === 0) return null;
  return html`<div class="notice bad" role="alert" tabindex="-1" id="error-summary">
<p><strong>${ctx.t('error.validation.summary')}</strong></p>
<ul>${Object.entries(fields).map(([f, msgs]) => html`<li><a href="#${idOf(f)}">${f}</a>: ${msgs.join('; ')}</li>`)}</ul>
</div>`;
}
