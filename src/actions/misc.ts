/** Small read actions: tag.list, tag.show, license.list, status.show, help.show. */
import { Type } from '@sinclair/typebox';
import { KotakError } from '../errors.js';
import type { License } from '../catalog/types.js';
import { listLicenses } from '../store/catalog/organizations.js';
import { anyone } from './policies.js';
import { getAction } from './registry.js';
import { defineAction } from './types.js';
import { datasetSearch, type SearchResult } from './dataset.js';

export const tagList = defineAction({
  name: 'tag.list',
  ckan: 'tag_list',
  summary: 'List the tags of public datasets (optionally those containing `query`).',
  input: Type.Object({ query: Type.Optional(Type.String()), all_fields: Type.Optional(Type.Boolean()) }, { additionalProperties: true }),
  readOnly: true,
  policy: anyone,
  async run(ctx, input): Promise<Array<{ name: string; count: number }>> {
    let q = ctx.services.database.db
      .selectFrom('dataset_facets as f')
      .innerJoin('datasets as d', 'd.id', 'f.dataset_id')
      .select(['f.value as name', (eb) => eb.fn.countAll<number>().as('count')])
      .where('f.field', '=', 'tags')
      .where('d.private', '=', 0)
      .where('d.state', '=', 'active');
    if (input.query) q = q.where('f.value', 'like', `%${input.query}%`);
    const rows = await q.groupBy('f.value').orderBy('f.value').execute();
    return rows.map((r) => ({ name: r.name, count: Number(r.count) }));
  },
});

export const tagShow = defineAction({
  name: 'tag.show',
  ckan: 'tag_show',
  summary: 'Return a tag and, with include_datasets=true, its public datasets.',
  input: Type.Object({ id: Type.String({ minLength: 1 }), include_datasets: Type.Optional(Type.Boolean()) }, { additionalProperties: true }),
  readOnly: true,
  policy: anyone,
  async run(ctx, input): Promise<{ name: string; count: number; datasets?: SearchResult['results'] }> {
    const found = await ctx.services.database.db.selectFrom('dataset_facets').select('value').where('field', '=', 'tags').where('value', '=', input.id).executeTakeFirst();
    if (!found) throw KotakError.notFound('Tag');
    const r = await datasetSearch.run(ctx, { fq: `tags:"${input.id.replace(/"/g, '\\"')}"`, rows: 1000, facet: false });
    return { name: input.id, count: r.count, ...(input.include_datasets ? { datasets: r.results } : {}) };
  },
});

export const licenseList = defineAction({
  name: 'license.list',
  ckan: 'license_list',
  summary: 'List the licences datasets may use, with their openness.',
  input: Type.Object({}, { additionalProperties: true }),
  readOnly: true,
  policy: anyone,
  async run(ctx): Promise<License[]> {
    return listLicenses(ctx.services.database.db);
  },
});

export const KOTAK_VERSION = '0.1.0';
/** The CKAN API version Kotak's Action API follows (clients read `ckan_version` from status_show). */
export const CKAN_COMPAT_VERSION = '2.10.4';

export const statusShow = defineAction({
  name: 'status.show',
  ckan: 'status_show',
  summary: 'Return the site title, address, versions and enabled features.',
  input: Type.Object({}, { additionalProperties: true }),
  readOnly: true,
  policy: anyone,
  async run(ctx) {
    const c = ctx.services.config;
    return {
      site_title: c.siteTitle,
      site_url: c.baseUrl,
      site_description: 'Portal data terbuka pemilu: katalog, hasil per TPS, log publikasi yang dapat diverifikasi.',
      ckan_version: CKAN_COMPAT_VERSION,
      kotak_version: KOTAK_VERSION,
      error_emails_to: null,
      locale_default: 'id',
      extensions: ['datastore', 'dcat', 'activity', 'kotak-results', 'kotak-log', 'kotak-maturity'],
    };
  },
});

export const helpShow = defineAction({
  name: 'help.show',
  ckan: 'help_show',
  summary: 'Return the documentation of an action.',
  input: Type.Object({ name: Type.String({ minLength: 1 }) }, { additionalProperties: true }),
  readOnly: true,
  policy: anyone,
  async run(_ctx, input): Promise<string> {
    const def = getAction(input.name);
    if (!def) throw KotakError.notFound(`Action ${input.name}`);
    return `${def.ckan ?? def.name}: ${def.summary}`;
  },
});
