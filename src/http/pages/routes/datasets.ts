import type { FastifyInstance } from 'fastify';
import type { SearchResult } from '../../../actions/dataset.js';
import { invoke } from '../../../actions/invoke.js';
import { isKotakError } from '../../../errors.js';
import type { Boundaries } from '../geo.js';
import type { PageKit } from '../kit.js';
import { PAGE_FACETS, SORTS, searchPage, type PageFacet, type SearchView } from '../views/search.js';

const ROWS = 20;

/** A Solr term with the value quoted, so a tag with spaces or a colon stays one value (see src/catalog/fq.ts). */
export function fqTerm(field: string, value: string): string {
  return `${field}:"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** Display names of region facet values (`region:3673` → Kota Serang), from the boundary files. */
function regionNames(boundaries: Boundaries, codes: string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of codes) {
    const name = boundaries.nameOf(c);
    if (name) m.set(`region:${c}`, name);
  }
  return m;
}

/**
 * /dataset — search as in CKAN: `q`, one query parameter per facet (repeatable; values of one facet are all required,
 * as CKAN's /dataset does), `sort`, `page`. Calls dataset.search (package_search).
 */
export function datasetSearchRoutes(server: FastifyInstance, kit: PageKit, boundaries: Boundaries): void {
  server.get('/dataset', async (req, reply) => {
    const { page, action } = await kit.begin(req, reply);
    const q = (page.query.get('q') ?? '').trim().slice(0, 500);
    const sortParam = page.query.get('sort') ?? '';
    const sort = SORTS.some((s) => s.value === sortParam) ? sortParam : '';
    const pageNo = Math.max(1, Math.min(10_000, Number.parseInt(page.query.get('page') ?? '1', 10) || 1));
    const active: Partial<Record<PageFacet, string[]>> = {};
    const fq: string[] = [];
    for (const f of PAGE_FACETS) {
      const values = page.query.getAll(f).filter((v) => v.trim() !== '').slice(0, 20);
      if (values.length) active[f] = values;
      for (const v of values) fq.push(fqTerm(f, v));
    }
    let result: SearchResult | null = null;
    let error: string | null = null;
    try {
      result = await invoke<SearchResult>(action, 'dataset.search', {
        q,
        fq_list: fq,
        ...(sort ? { sort } : {}),
        rows: ROWS,
        start: (pageNo - 1) * ROWS,
        'facet.field': [...PAGE_FACETS],
        'facet.limit': 10,
        include_private: true,
        include_drafts: false,
      });
    } catch (e) {
      if (!isKotakError(e) || (e.code !== 'search_query' && e.code !== 'validation')) throw e;
      error = e.message;
    }
    const view: SearchView = {
      q,
      sort,
      page: pageNo,
      pages: result ? Math.max(1, Math.ceil(result.count / ROWS)) : 1,
      active,
      result,
      error,
      names: regionNames(boundaries, [...(result?.facets.region ?? []).map((i) => i.name), ...(active.region ?? [])]),
    };
    return kit.send(reply, searchPage(page, view), error ? 400 : 200);
  });
}
