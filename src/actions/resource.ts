/** Resource actions: resource.show, resource.search, resource.create (upload or link), resource.update, resource.patch, resource.delete. */
import { Type } from '@sinclair/typebox';
import { KotakError } from '../errors.js';
import type { Dataset, Resource } from '../catalog/types.js';
import { findDataset, getDatasetsByIds, saveDataset } from '../store/catalog/datasets.js';
import { recordActivity } from '../store/catalog/activities.js';
import type { Tx } from '../store/db.js';
import { anyone, requireActor, requireRole } from './policies.js';
import { readResourceInput, type UploadedFile } from './resource-input.js';
import { datasetDigest } from './dataset-write.js';
import { nowIso, withTransaction } from './tx.js';
import { defineAction, type ActionContext } from './types.js';
import { assertDatasetVisible, canSee } from './visibility.js';

type Raw = Record<string, unknown>;

async function datasetOfResource(ctx: ActionContext, db: Tx | ActionContext['services']['database']['db'], resourceId: string): Promise<Dataset> {
  const r = await db.selectFrom('resources').select('dataset_id').where('id', '=', resourceId).executeTakeFirst();
  if (!r) throw KotakError.notFound('Resource');
  const d = (await getDatasetsByIds(db, [r.dataset_id]))[0];
  if (!d || d.state === 'deleted') throw KotakError.notFound('Resource');
  return d;
}

export const resourceShow = defineAction({
  name: 'resource.show',
  ckan: 'resource_show',
  summary: 'Return the metadata of a resource.',
  input: Type.Object({ id: Type.String({ minLength: 1 }) }, { additionalProperties: true }),
  readOnly: true,
  policy: async (ctx, input) => {
    const r = await ctx.services.database.db.selectFrom('resources').select('dataset_id').where('id', '=', input.id).executeTakeFirst();
    if (!r) throw KotakError.notFound('Resource');
    await assertDatasetVisible(ctx.services.database.db, ctx.actor, r.dataset_id);
  },
  async run(ctx, input): Promise<Resource & { datasetName: string }> {
    const d = await datasetOfResource(ctx, ctx.services.database.db, input.id);
    return { ...d.resources.find((r) => r.id === input.id)!, datasetName: d.name };
  },
});

export const resourceSearch = defineAction({
  name: 'resource.search',
  ckan: 'resource_search',
  summary: 'Find resources of visible datasets by field: `query` is one or more `field:term` (name, description, format, url, hash).',
  input: Type.Object(
    {
      query: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
      limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
      offset: Type.Optional(Type.Integer({ minimum: 0 })),
    },
    { additionalProperties: true },
  ),
  readOnly: true,
  policy: anyone,
  async run(ctx, input): Promise<{ count: number; results: Resource[] }> {
    const terms = (Array.isArray(input.query) ? input.query : input.query ? [input.query] : []).map((q) => {
      const i = q.indexOf(':');
      if (i < 1) throw KotakError.validation({ query: [`"${q}" must be field:term`] });
      const field = q.slice(0, i);
      const cols: Record<string, 'name' | 'description' | 'format' | 'url' | 'sha256'> = { name: 'name', description: 'description', format: 'format', url: 'url', hash: 'sha256', sha256: 'sha256' };
      if (!cols[field]) throw KotakError.validation({ query: [`Field "${field}" not recognised in resource_search`] });
      return { col: cols[field]!, term: q.slice(i + 1) };
    });
    const db = ctx.services.database.db;
    let q = db
      .selectFrom('resources as r')
      .innerJoin('datasets as d', 'd.id', 'r.dataset_id')
      .select(['r.id', 'd.id as dataset_id', 'd.organization_id', 'd.private', 'd.state'])
      .where('d.state', '=', 'active');
    for (const t of terms) {
      q = t.col === 'format' || t.col === 'sha256' ? q.where(`r.${t.col}`, '=', t.col === 'format' ? t.term.toUpperCase() : t.term.toLowerCase()) : q.where(`r.${t.col}`, 'like', `%${t.term}%`);
    }
    const rows = (await q.orderBy('r.id').execute()).filter((r) => canSee(ctx.actor, { organizationId: r.organization_id, private: r.private === 1, state: r.state }));
    const page = rows.slice(input.offset ?? 0, (input.offset ?? 0) + (input.limit ?? 100));
    const datasets = await getDatasetsByIds(db, [...new Set(page.map((r) => r.dataset_id))]);
    const all = datasets.flatMap((d) => d.resources);
    return { count: rows.length, results: page.map((r) => all.find((x) => x.id === r.id)!).filter(Boolean) };
  },
});

async function writeResource(ctx: ActionContext, trx: Tx, d: Dataset, resources: Resource[], activity: string): Promise<Dataset> {
  const next: Dataset = { ...d, resources: resources.map((r, i) => ({ ...r, position: i })), modified: nowIso(ctx) };
  await saveDataset(trx, ctx.services.database.dialect, next, false);
  await recordActivity(trx, { objectType: 'package', objectId: d.id, activityType: activity, userId: ctx.actor?.id ?? null, timestamp: next.modified, data: next });
  if (next.state === 'active' && !next.private) {
    await ctx.services.log.append(trx, { kind: 'dataset-version', subject: `dataset:${next.id}`, organization: next.organization.name, sha256: datasetDigest(next), meta: { name: next.name, modified: next.modified } });
  }
  return next;
}

/** A new uploaded file is a publication of its own: the log commits to the file's bytes (issue 4 §1). */
export async function logFile(ctx: ActionContext, trx: Tx, d: Dataset, r: Resource): Promise<void> {
  if (r.urlType === 'upload' && r.sha256 && d.state === 'active' && !d.private) {
    await ctx.services.log.append(trx, { kind: 'resource', subject: `resource:${r.id}`, related: [`dataset:${d.id}`], organization: d.organization.name, sha256: r.sha256, meta: { dataset: d.name, name: r.name, size: r.size } });
  }
}

const ResourceInput = Type.Object({}, { additionalProperties: true });

export const resourceCreate = defineAction({
  name: 'resource.create',
  ckan: 'resource_create',
  summary: 'Add a resource to a dataset: a link (`url`) or an uploaded file (multipart field `upload`).',
  input: ResourceInput,
  readOnly: false,
  policy: (ctx) => {
    requireActor(ctx);
  },
  async run(ctx, input: Raw, extra?: { upload?: UploadedFile }): Promise<Resource> {
    const ref = input.package_id;
    if (typeof ref !== 'string' || !ref) throw KotakError.validation({ package_id: ['Missing value'] });
    return withTransaction(ctx, async (trx) => {
      const d = await findDataset(trx, ref);
      if (!d || d.state === 'deleted') throw KotakError.notFound('Dataset');
      requireRole(ctx, d.organizationId, 'editor');
      const r = readResourceInput(ctx, input, { datasetId: d.id, datasetName: d.name, position: d.resources.length, base: null, now: nowIso(ctx), upload: extra?.upload });
      const next = await writeResource(ctx, trx, d, [...d.resources, r], 'changed package');
      await logFile(ctx, trx, next, r);
      return next.resources[next.resources.length - 1]!;
    });
  },
});

function resourceChange(name: 'resource.update' | 'resource.patch', ckan: string, replace: boolean) {
  return defineAction({
    name,
    ckan,
    summary: replace ? 'Replace a resource (fields left out are cleared; a new upload replaces the file).' : 'Change only the given fields of a resource.',
    input: ResourceInput,
    readOnly: false,
    policy: (ctx) => {
      requireActor(ctx);
    },
    async run(ctx, input: Raw, extra?: { upload?: UploadedFile }): Promise<Resource> {
      const id = input.id;
      if (typeof id !== 'string' || !id) throw KotakError.validation({ id: ['Missing value'] });
      return withTransaction(ctx, async (trx) => {
        const d = await datasetOfResource(ctx, trx, id);
        requireRole(ctx, d.organizationId, 'editor');
        const old = d.resources.find((r) => r.id === id)!;
        const base: Resource = replace
          ? { ...old, name: '', description: '', format: '', mediaType: null, ...(input.url === undefined && old.urlType !== 'upload' ? { url: '' } : {}) }
          : old;
        const r = readResourceInput(ctx, input, { datasetId: d.id, datasetName: d.name, position: old.position, base, now: nowIso(ctx), upload: extra?.upload });
        const next = await writeResource(ctx, trx, d, d.resources.map((x) => (x.id === id ? r : x)), 'changed package');
        if (r.sha256 !== old.sha256) await logFile(ctx, trx, next, r);
        return r;
      });
    },
  });
}

export const resourceUpdate = resourceChange('resource.update', 'resource_update', true);
export const resourcePatch = resourceChange('resource.patch', 'resource_patch', false);

export const resourceDelete = defineAction({
  name: 'resource.delete',
  ckan: 'resource_delete',
  summary: 'Remove a resource from its dataset (the file stays in the blob store and the log).',
  input: Type.Object({ id: Type.String({ minLength: 1 }) }, { additionalProperties: true }),
  readOnly: false,
  policy: (ctx) => {
    requireActor(ctx);
  },
  async run(ctx, input): Promise<null> {
    return withTransaction(ctx, async (trx) => {
      const d = await datasetOfResource(ctx, trx, input.id);
      requireRole(ctx, d.organizationId, 'editor');
      await writeResource(ctx, trx, d, d.resources.filter((r) => r.id !== input.id), 'changed package');
      return null;
    });
  },
});
