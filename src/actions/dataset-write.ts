/**
 * Write actions on datasets: dataset.create, dataset.update (full replace, as CKAN's package_update), dataset.patch
 * (only what is given), dataset.delete. Each write records an activity with its diff and — for a public, active
 * dataset — a publication-log entry, in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import canonicalize from 'canonicalize';
import { KotakError } from '../errors.js';
import { readDatasetInput, type DatasetFields } from '../catalog/dataset-input.js';
import type { Dataset, Resource } from '../catalog/types.js';
import { sha256Hex } from '../catalog/secrets.js';
import { findDataset, saveDataset } from '../store/catalog/datasets.js';
import { findGroup, findOrganization } from '../store/catalog/organizations.js';
import { recordActivity } from '../store/catalog/activities.js';
import type { Tx } from '../store/db.js';
import { requireActor, requireRole } from './policies.js';
import { readResourceInput } from './resource-input.js';
import { logFile } from './resource.js';
import { nowIso, withTransaction } from './tx.js';
import { defineAction, type ActionContext } from './types.js';

const DatasetInput = Type.Object({}, { additionalProperties: true });
type Raw = Record<string, unknown>;

function fieldsOf(d: Dataset): DatasetFields {
  return {
    name: d.name, title: d.title, description: d.description, private: d.private, state: d.state, licenseId: d.licenseId,
    tags: d.tags, groups: d.groups, themes: d.themes, temporalStart: d.temporalStart, temporalEnd: d.temporalEnd,
    spatial: d.spatial, frequency: d.frequency, contactName: d.contactName, contactEmail: d.contactEmail,
    accessRights: d.accessRights, version: d.version, extras: d.extras, organizationRef: d.organizationId,
  };
}

/** The organisation named by the input, checked to exist (a validation error otherwise, as in CKAN). */
async function resolveOrg(trx: Tx | ActionContext['services']['database']['db'], ref: string) {
  const org = await findOrganization(trx, ref);
  if (!org || org.state !== 'active') throw KotakError.validation({ owner_org: [`Organisation "${ref}" does not exist`] });
  return org;
}

/** Canonical JSON of a dataset version (RFC 8785) and its hash: what the log entry commits to. */
export function datasetDigest(d: Dataset): string {
  return sha256Hex(canonicalize(d) ?? '');
}

const isPublic = (d: Dataset | null) => d !== null && d.state === 'active' && !d.private;

async function publish(ctx: ActionContext, trx: Tx, d: Dataset, before: Dataset | null, activityType: string): Promise<void> {
  await saveDataset(trx, ctx.services.database.dialect, d, before === null);
  await recordActivity(trx, { objectType: 'package', objectId: d.id, activityType, userId: ctx.actor?.id ?? null, timestamp: d.modified, data: d });
  // Only what the public can see is published; private and draft datasets enter the log when they become public.
  if (d.state === 'active' && !d.private) {
    await ctx.services.log.append(trx, {
      kind: 'dataset-version',
      subject: `dataset:${d.id}`,
      organization: d.organization.name,
      sha256: datasetDigest(d),
      meta: { name: d.name, modified: d.modified, state: d.state },
    });
    // Files uploaded while the dataset was a draft or private are published now, each with its own entry, so they
    // can be verified by their hash like any other file (issue 4 §1).
    if (!isPublic(before)) for (const r of d.resources) await logFile(ctx, trx, d, r);
  }
}

async function buildDataset(ctx: ActionContext, trx: Tx, f: DatasetFields, base: Dataset | null, rawResources: unknown): Promise<Dataset> {
  const org = await resolveOrg(trx, f.organizationRef);
  requireRole(ctx, org.id, 'editor');
  for (const g of f.groups) {
    if (!(await findGroup(trx, g))) throw KotakError.validation({ groups: [`Group "${g}" does not exist`] });
  }
  const now = nowIso(ctx);
  const id = base?.id ?? randomUUID();
  let resources: Resource[] = base?.resources ?? [];
  if (rawResources !== undefined) {
    if (!Array.isArray(rawResources)) throw KotakError.validation({ resources: ['Must be a list'] });
    resources = await Promise.all(
      rawResources.map(async (r, i) => {
        const prev = base?.resources.find((x) => x.id === (r as Raw)?.id);
        return readResourceInput(ctx, r as Raw, { datasetId: id, datasetName: f.name, position: i, base: prev ?? null, now, path: `resources.${i}` });
      }),
    );
  }
  return {
    id,
    name: f.name,
    title: f.title,
    description: f.description,
    organizationId: org.id,
    organization: { id: org.id, name: org.name, title: org.title, regionCode: org.regionCode },
    private: f.private,
    state: f.state,
    licenseId: f.licenseId,
    tags: f.tags,
    groups: f.groups,
    themes: f.themes,
    temporalStart: f.temporalStart,
    temporalEnd: f.temporalEnd,
    spatial: f.spatial,
    frequency: f.frequency,
    contactName: f.contactName,
    contactEmail: f.contactEmail,
    accessRights: f.accessRights,
    version: f.version,
    extras: f.extras,
    created: base?.created ?? now,
    modified: now,
    resources,
  };
}

export const datasetCreate = defineAction({
  name: 'dataset.create',
  ckan: 'package_create',
  summary: 'Create a dataset (with optional resources given as links) in an organisation where you are an editor.',
  input: DatasetInput,
  readOnly: false,
  policy: (ctx) => {
    requireActor(ctx); // the organisation role is checked against the validated owner_org in run()
  },
  async run(ctx, input: Raw): Promise<Dataset> {
    const f = readDatasetInput(input, null);
    return withTransaction(ctx, async (trx) => {
      if (await findDataset(trx, f.name)) throw KotakError.validation({ name: ['That URL is already in use.'] });
      const d = await buildDataset(ctx, trx, f, null, input.resources);
      await publish(ctx, trx, d, null, 'new package');
      return d;
    });
  },
});

async function existingForWrite(ctx: ActionContext, trx: Tx, input: Raw): Promise<Dataset> {
  const ref = (input.id ?? input.name) as string | undefined;
  if (typeof ref !== 'string' || !ref) throw KotakError.validation({ id: ['Missing value'] });
  const d = await findDataset(trx, ref);
  if (!d || d.state === 'deleted') throw KotakError.notFound('Dataset');
  requireRole(ctx, d.organizationId, 'editor');
  return d;
}

/**
 * The one change path of update and patch. `replace` (CKAN package_update) reads the input over an empty dataset, so
 * fields and resources left out are removed; otherwise (package_patch) over the current one.
 */
async function changeDataset(ctx: ActionContext, input: Raw, replace: boolean): Promise<Dataset> {
  return withTransaction(ctx, async (trx) => {
    const base = await existingForWrite(ctx, trx, input);
    const { id: _id, ...rest } = input;
    const f = replace ? readDatasetInput({ name: base.name, owner_org: base.organizationId, ...rest }, null) : readDatasetInput(rest, fieldsOf(base));
    if (f.name !== base.name && (await findDataset(trx, f.name))) throw KotakError.validation({ name: ['That URL is already in use.'] });
    const d = await buildDataset(ctx, trx, f, base, replace ? (input.resources ?? []) : input.resources);
    await publish(ctx, trx, d, base, 'changed package');
    return d;
  });
}

export const datasetUpdate = defineAction({
  name: 'dataset.update',
  ckan: 'package_update',
  summary: 'Replace a dataset: fields left out are cleared, resources left out are removed (CKAN semantics; use dataset.patch to change only some fields).',
  input: DatasetInput,
  readOnly: false,
  policy: (ctx) => {
    requireActor(ctx);
  },
  run: (ctx, input: Raw) => changeDataset(ctx, input, true),
});

export const datasetPatch = defineAction({
  name: 'dataset.patch',
  ckan: 'package_patch',
  summary: 'Change only the given fields of a dataset; everything else, resources included, stays as it is.',
  input: DatasetInput,
  readOnly: false,
  policy: (ctx) => {
    requireActor(ctx);
  },
  run: (ctx, input: Raw) => changeDataset(ctx, input, false),
});

export const datasetDelete = defineAction({
  name: 'dataset.delete',
  ckan: 'package_delete',
  summary: 'Mark a dataset as deleted. Its history and published log entries stay.',
  input: Type.Object({ id: Type.String({ minLength: 1 }) }, { additionalProperties: true }),
  readOnly: false,
  policy: (ctx) => {
    requireActor(ctx);
  },
  async run(ctx, input): Promise<null> {
    return withTransaction(ctx, async (trx) => {
      const base = await existingForWrite(ctx, trx, input);
      const d: Dataset = { ...base, state: 'deleted', modified: nowIso(ctx) };
      await saveDataset(trx, ctx.services.database.dialect, d, false);
      await recordActivity(trx, { objectType: 'package', objectId: d.id, activityType: 'deleted package', userId: ctx.actor?.id ?? null, timestamp: d.modified, data: d });
      return null;
    });
  },
});
