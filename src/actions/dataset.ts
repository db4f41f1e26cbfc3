/** Read actions on datasets: dataset.show, dataset.list, dataset.search, dataset.listWithResources. */
import { Type } from '@sinclair/typebox';
import { KotakError } from '../errors.js';
import { parseFq, type FilterQuery } from '../catalog/fq.js';
import type { Dataset } from '../catalog/types.js';
import { findDataset, getDatasetsByIds } from '../store/catalog/datasets.js';
import { dateBound, FACET_FIELDS, searchDatasets, textTokens, type SearchQuery } from '../store/catalog/search.js';
import { mirrorOf } from '../store/catalog/mirror.js';
import { listGroups, listLicenses, listOrganizations } from '../store/catalog/organizations.js';
import { anyone } from './policies.js';
import { defineAction, type ActionContext } from './types.js';
import { assertDatasetVisible, canSee, searchVisibility } from './visibility.js';

/** The dataset the policy of dataset.show read from the mirror, for the same call's run (keyed by the input object). */
const checkedByPolicy = new WeakMap<object, Dataset>();

const IdInput = Type.Object({ id: Type.String({ minLength: 1 }) }, { additionalProperties: true });

export const datasetShow = defineAction({
  name: 'dataset.show',
  ckan: 'package_show',
  summary: 'Return the metadata of a dataset and its resources, by id or name.',
  input: IdInput,
  readOnly: true,
  policy: async (ctx, input) => {
    const d = (await mirrorOf(ctx.services.database).sync()).get(input.id);
    if (!d) return assertDatasetVisible(ctx.services.database.db, ctx.actor, input.id);
    if (!canSee(ctx.actor, d)) throw d.state === 'deleted' ? KotakError.notFound('Dataset') : KotakError.forbidden('User not authorized to read this dataset');
    checkedByPolicy.set(input, d);
  },
  async run(ctx, input): Promise<Dataset> {
    // The mirror is exact (synced by the catalogue version before each read); it saves four queries per show.
    const d = checkedByPolicy.get(input) ?? (await mirrorOf(ctx.services.database).sync()).get(input.id) ?? (await findDataset(ctx.services.database.db, input.id));
    if (!d) throw KotakError.notFound('Dataset');
    return d;
  },
});

const Paging = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })), offset: Type.Optional(Type.Integer({ minimum: 0 })) },
  { additionalProperties: true },
);

export const datasetList = defineAction({
  name: 'dataset.list',
  ckan: 'package_list',
  summary: 'Return the names of all public, active datasets.',
  input: Paging,
  readOnly: true,
  policy: anyone,
  async run(ctx, input): Promise<string[]> {
    let q = ctx.services.database.db.selectFrom('datasets').select('name').where('private', '=', 0).where('state', '=', 'active').orderBy('name');
    if (input.limit !== undefined) q = q.limit(input.limit);
    if (input.offset) q = q.offset(input.offset).$if(input.limit === undefined, (qb) => qb.limit(1_000_000));
    return (await q.execute()).map((r) => r.name);
  },
});

export const datasetListWithResources = defineAction({
  name: 'dataset.listWithResources',
  ckan: 'current_package_list_with_resources',
  summary: 'Return public active datasets with their resources, most recently modified first.',
  input: Paging,
  readOnly: true,
  policy: anyone,
  async run(ctx, input): Promise<Dataset[]> {
    const db = ctx.services.database.db;
    const ids = await db
      .selectFrom('datasets')
      .select('id')
      .where('private', '=', 0)
      .where('state', '=', 'active')
      .orderBy('modified', 'desc')
      .orderBy('id')
      .limit(Math.min(input.limit ?? 100, 1000))
      .offset(input.offset ?? 0)
      .execute();
    return getDatasetsByIds(db, ids.map((r) => r.id));
  },
});

const StrOrList = Type.Union([Type.String(), Type.Array(Type.String())]);
export const SearchInput = Type.Object(
  {
    q: Type.Optional(Type.String()),
    fq: Type.Optional(Type.String()),
    fq_list: Type.Optional(StrOrList),
    sort: Type.Optional(Type.String()),
    rows: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    start: Type.Optional(Type.Integer({ minimum: 0 })),
    'facet.field': Type.Optional(StrOrList),
    'facet.limit': Type.Optional(Type.Integer({ minimum: -1 })),
    facet: Type.Optional(Type.Union([Type.Boolean(), Type.String()])),
    include_private: Type.Optional(Type.Boolean()),
    include_drafts: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: true },
);

export interface FacetItem {
  name: string;
  display_name: string;
  count: number;
}
export interface SearchResult {
  count: number;
  sort: string;
  results: Dataset[];
  facets: Record<string, FacetItem[]>;
}

function listParam(v: string | string[] | undefined, field: string): string[] {
  if (v === undefined) return [];
  if (Array.isArray(v)) return v;
  const s = v.trim();
  if (s.startsWith('[')) {
    try {
      const parsed = JSON.parse(s);
      if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return parsed;
    } catch {
      /* fall through */
    }
    throw KotakError.validation({ [field]: ['Must be a JSON list of strings'] });
  }
  return s ? [s] : [];
}

function parseSort(s: string): Array<{ field: string; dir: 'asc' | 'desc' }> {
  return s
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const [field, dir = 'asc'] = p.split(/\s+/);
      if (dir !== 'asc' && dir !== 'desc') throw new KotakError('search_query', `Sort direction must be asc or desc, got "${dir}"`);
      return { field: field!, dir };
    });
}

const DEFAULT_FACETS = ['organization', 'groups', 'tags', 'res_format', 'license_id'];

export const datasetSearch = defineAction({
  name: 'dataset.search',
  ckan: 'package_search',
  summary: 'Search datasets: full text (q), Solr-style filters (fq, fq_list), facets, sort and paging.',
  input: SearchInput,
  readOnly: true,
  policy: anyone,
  async run(ctx, input): Promise<SearchResult> {
    const db = ctx.services.database.db;
    const filters: FilterQuery = [];
    const text: string[] = [];
    const q = (input.q ?? '').trim();
    if (q) {
      const parsed = parseFq(q);
      filters.push(...parsed.filters);
      text.push(...parsed.text);
    }
    for (const fq of [input.fq ?? '', ...listParam(input.fq_list, 'fq_list')]) {
      if (!fq.trim()) continue;
      const parsed = parseFq(fq);
      filters.push(...parsed.filters);
      text.push(...parsed.text);
    }
    const sort = input.sort?.trim() || (text.length ? 'score desc, metadata_modified desc' : 'metadata_modified desc');
    const facetWanted = input.facet !== false && input.facet !== 'false';
    const facetFields = facetWanted ? (input['facet.field'] !== undefined ? listParam(input['facet.field'], 'facet.field') : DEFAULT_FACETS) : [];
    const limit = input['facet.limit'] ?? 50;
    const query: SearchQuery = {
      text,
      filters,
      visibility: searchVisibility(ctx.actor, input.include_private ?? false, input.include_drafts ?? false),
      sort: parseSort(sort),
      rows: input.rows ?? 10,
      start: input.start ?? 0,
      facetFields,
      facetLimit: limit < 0 ? 1000 : limit,
    };
    const out = await runSearch(ctx, query);
    const results = out.datasets;
    const fields = Object.keys(out.facets).sort();
    const names = await mirrorOf(ctx.services.database).derived(`facet-names:${fields.join(',')}`, () => displayNames(db, fields));
    const facets: Record<string, FacetItem[]> = {};
    for (const [field, items] of Object.entries(out.facets)) {
      facets[field] = items.map((i) => ({ name: i.value, count: i.count, display_name: names.get(`${field}:${i.value}`) ?? i.value }));
    }
    return { count: out.count, sort, results, facets };
  },
});

/** Runs a search on the configured engine; both engines share the parsed query and give the same answers. */
async function runSearch(ctx: ActionContext, q: SearchQuery): Promise<{ count: number; datasets: Dataset[]; facets: Record<string, Array<{ value: string; count: number }>> }> {
  for (const s of q.sort) {
    if (!['score', 'rank', 'id', 'name', 'title', 'title_string', 'metadata_modified', 'metadata_created', 'owner_org'].includes(s.field)) {
      throw new KotakError('search_query', `Cannot sort by "${s.field}"`);
    }
  }
  for (const f of q.facetFields) if (!FACET_FIELDS.includes(f === 'organization_name' ? 'organization' : f)) throw new KotakError('search_query', `Cannot facet on "${f}"`);
  for (const group of q.filters) {
    for (const c of group) {
      const field = c.field === 'organization_name' ? 'organization' : c.field;
      if (!FACET_FIELDS.includes(field) && !['id', 'name', 'title', 'title_string', 'metadata_modified', 'metadata_created', 'owner_org'].includes(field)) {
        throw new KotakError('search_query', `Unknown field "${c.field}" in the filter query`);
      }
    }
  }
  const now = ctx.services.now();
  if (ctx.services.config.searchEngine === 'sql') {
    const out = await searchDatasets(ctx.services.database.db, ctx.services.database.dialect, q, now);
    return { count: out.count, facets: out.facets, datasets: await getDatasetsByIds(ctx.services.database.db, out.ids) };
  }
  const index = await mirrorOf(ctx.services.database).sync();
  return index.search({ ...q, tokens: textTokens(q.text) }, now, dateBound);
}

/** Titles shown for facet values (organisation, group and licence titles). */
async function displayNames(db: Parameters<typeof listOrganizations>[0], fields: string[]): Promise<Map<string, string>> {
  const m = new Map<string, string>();
  if (fields.includes('organization')) for (const o of await listOrganizations(db)) m.set(`organization:${o.name}`, o.title);
  if (fields.includes('groups')) for (const g of await listGroups(db)) m.set(`groups:${g.name}`, g.title);
  if (fields.includes('license_id')) for (const l of await listLicenses(db)) m.set(`license_id:${l.id}`, l.title);
  return m;
}
