/**
 * dcat.show: one dataset's DCAT-AP 3 description as Turtle or JSON-LD (served at `/dataset/{name}.ttl` and
 * `/dataset/{name}.jsonld`). Visibility is dataset.show's: a private dataset is visible to its office only.
 */
import { Type } from '@sinclair/typebox';
import { datasetQuads } from '../catalog/dcat/catalog.js';
import { toJsonLd, toTurtle } from '../catalog/dcat/serialize.js';
import type { Dataset } from '../catalog/types.js';
import { listLicenses, listOrganizations } from '../store/catalog/organizations.js';
import { invoke } from './invoke.js';
import { defineAction } from './types.js';
import { assertDatasetVisible } from './visibility.js';

export const DCAT_FORMATS = { ttl: 'text/turtle; charset=utf-8', jsonld: 'application/ld+json; charset=utf-8' } as const;

export const dcatShow = defineAction({
  name: 'dcat.show',
  summary: 'Return the DCAT-AP 3 description of a dataset, as Turtle (format=ttl) or JSON-LD (format=jsonld).',
  input: Type.Object({ id: Type.String({ minLength: 1 }), format: Type.Union([Type.Literal('ttl'), Type.Literal('jsonld')], { default: 'ttl' }) }),
  readOnly: true,
  policy: (ctx, input) => assertDatasetVisible(ctx.services.database.db, ctx.actor, input.id),
  async run(ctx, input): Promise<{ contentType: string; body: string }> {
    const dataset = await invoke<Dataset>(ctx, 'dataset.show', { id: input.id });
    const db = ctx.services.database.db;
    const [licenses, organizations] = await Promise.all([listLicenses(db), listOrganizations(db)]);
    const { quads } = datasetQuads(dataset, {
      baseUrl: ctx.services.config.baseUrl,
      language: 'id',
      licenses: new Map(licenses.map((l) => [l.id, l])),
      organizations: new Map(organizations.map((o) => [o.id, o])),
    });
    const body = input.format === 'jsonld' ? JSON.stringify(await toJsonLd(quads), null, 2) : await toTurtle(quads);
    return { contentType: DCAT_FORMATS[input.format], body };
  },
});
