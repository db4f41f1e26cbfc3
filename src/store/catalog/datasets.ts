/**
 * Dataset and resource persistence. Rows stay here: functions return catalogue domain types (src/catalog/types.ts).
 * Writes keep the facet table and the full-text index in step with the row, in the caller's transaction.
 */
import { sql } from 'kysely';
import type { Dataset, Resource } from '../../catalog/types.js';
import { facetValues, fold } from '../../catalog/search-index.js';
import type { Dialect, Executor } from '../db.js';
import type { DatasetsTable, ResourcesTable } from '../schema-catalog.js';

export function resourceFromRow(r: ResourcesTable): Resource {
  return {
    id: r.id,
    datasetId: r.dataset_id,
    name: r.name,
    description: r.description,
    format: r.format,
    mediaType: r.media_type,
    size: r.size === null ? null : Number(r.size),
    sha256: r.sha256,
    url: r.url,
    urlType: r.url_type === 'upload' ? 'upload' : null,
    linkStatus: r.link_status ? JSON.parse(r.link_status) : null,
    position: r.position,
    created: r.created,
    lastModified: r.last_modified,
  };
}

export function resourceToRow(r: Resource): ResourcesTable {
  return {
    id: r.id,
    dataset_id: r.datasetId,
    name: r.name,
    description: r.description,
    format: r.format,
    media_type: r.mediaType,
    size: r.size,
    sha256: r.sha256,
    url: r.url,
    url_type: r.urlType,
    link_status: r.linkStatus ? JSON.stringify(r.linkStatus) : null,
    position: r.position,
    created: r.created,
    last_modified: r.lastModified,
  };
}

type OrgRef = Dataset['organization'];

function datasetFromRow(d: DatasetsTable, org: OrgRef, resources: Resource[]): Dataset {
  return {
    id: d.id,
    name: d.name,
    title: d.title,
    description: d.description,
    organizationId: d.organization_id,
    organization: org,
    private: d.private === 1,
    state: d.state as Dataset['state'],
    licenseId: d.license_id,
    tags: JSON.parse(d.tags),
    groups: JSON.parse(d.groups),
    themes: JSON.parse(d.themes),
    temporalStart: d.temporal_start,
    temporalEnd: d.temporal_end,
    spatial: JSON.parse(d.spatial),
    frequency: d.frequency,
    contactName: d.contact_name,
    contactEmail: d.contact_email,
    accessRights: d.access_rights,
    version: d.version,
    extras: JSON.parse(d.extras),
    created: d.created,
    modified: d.modified,
    resources,
  };
}

function datasetToRow(d: Dataset, revision: number): DatasetsTable {
  return {
    id: d.id,
    name: d.name,
    title: d.title,
    description: d.description,
    organization_id: d.organizationId,
    private: d.private ? 1 : 0,
    state: d.state,
    license_id: d.licenseId,
    tags: JSON.stringify(d.tags),
    groups: JSON.stringify(d.groups),
    themes: JSON.stringify(d.themes),
    spatial: JSON.stringify(d.spatial),
    temporal_start: d.temporalStart,
    temporal_end: d.temporalEnd,
    frequency: d.frequency,
    contact_name: d.contactName,
    contact_email: d.contactEmail,
    access_rights: d.accessRights,
    version: d.version,
    extras: JSON.stringify(d.extras),
    created: d.created,
    modified: d.modified,
    revision,
  };
}

/**
 * Bumps the catalogue version in the caller's transaction and returns the new value. Every write that changes what
 * a catalogue reader shows (datasets, organisation and group titles) calls it.
 */
export async function nextRevision(db: Executor): Promise<number> {
  const r = await db.updateTable('catalog_state').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', 1).returning('version').executeTakeFirstOrThrow();
  return Number(r.version);
}

/** Loads full datasets (with organisation and resources) by id, in the order given. */
export async function getDatasetsByIds(db: Executor, ids: string[]): Promise<Dataset[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('datasets').selectAll().where('id', 'in', ids).execute();
  const orgIds = [...new Set(rows.map((r) => r.organization_id))];
  const orgs = orgIds.length
    ? await db.selectFrom('organizations').select(['id', 'name', 'title', 'region_code']).where('id', 'in', orgIds).execute()
    : [];
  const orgById = new Map(orgs.map((o) => [o.id, { id: o.id, name: o.name, title: o.title, regionCode: o.region_code }]));
  const res = await db.selectFrom('resources').selectAll().where('dataset_id', 'in', ids).orderBy('position').execute();
  const resBy = new Map<string, Resource[]>();
  for (const r of res) {
    const list = resBy.get(r.dataset_id) ?? [];
    list.push(resourceFromRow(r));
    resBy.set(r.dataset_id, list);
  }
  const byId = new Map(rows.map((r) => [r.id, datasetFromRow(r, orgById.get(r.organization_id)!, resBy.get(r.id) ?? [])]));
  return ids.map((id) => byId.get(id)).filter((d): d is Dataset => d !== undefined);
}

/** Finds a dataset by id or name (CKAN accepts either in `id`). */
export async function findDataset(db: Executor, idOrName: string): Promise<Dataset | null> {
  const row = await db
    .selectFrom('datasets')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .executeTakeFirst();
  if (!row) return null;
  return (await getDatasetsByIds(db, [row.id]))[0] ?? null;
}

/** One row per facet value: the same values the in-memory index derives (src/catalog/search-index.ts). */
function facetRows(d: Dataset): Array<{ dataset_id: string; field: string; value: string }> {
  return [...facetValues(d)].flatMap(([field, values]) => values.map((value) => ({ dataset_id: d.id, field, value })));
}

async function reindex(db: Executor, dialect: Dialect, d: Dataset): Promise<void> {
  await db.deleteFrom('dataset_facets').where('dataset_id', '=', d.id).execute();
  const facets = facetRows(d);
  if (facets.length) await db.insertInto('dataset_facets').values(facets).execute();
  const tags = d.tags.join(' ');
  const resources = d.resources.map((r) => `${r.name} ${r.description}`).join(' ');
  if (dialect === 'sqlite') {
    await sql`DELETE FROM dataset_fts WHERE dataset_id = ${d.id}`.execute(db);
    await sql`INSERT INTO dataset_fts (dataset_id, title, description, tags, resources) VALUES (${d.id}, ${d.title + ' ' + d.name}, ${d.description}, ${tags}, ${resources})`.execute(db);
  } else {
    // Weights: title A, tags B, description C, resources D (ts_rank favours A).
    const doc = sql`setweight(to_tsvector('simple', ${fold(d.title + ' ' + d.name.replace(/[-_]/g, ' '))}), 'A') || setweight(to_tsvector('simple', ${fold(tags)}), 'B') || setweight(to_tsvector('simple', ${fold(d.description)}), 'C') || setweight(to_tsvector('simple', ${fold(resources)}), 'D')`;
    await sql`INSERT INTO dataset_fts (dataset_id, document) VALUES (${d.id}, ${doc}) ON CONFLICT (dataset_id) DO UPDATE SET document = EXCLUDED.document`.execute(db);
  }
}

/** Inserts or replaces a dataset with its resources, facets and search document. */
export async function saveDataset(db: Executor, dialect: Dialect, d: Dataset, isNew: boolean): Promise<void> {
  const row = datasetToRow(d, await nextRevision(db));
  if (isNew) await db.insertInto('datasets').values(row).execute();
  else await db.updateTable('datasets').set(row).where('id', '=', d.id).execute();
  await db.deleteFrom('resources').where('dataset_id', '=', d.id).execute();
  if (d.resources.length) await db.insertInto('resources').values(d.resources.map(resourceToRow)).execute();
  await reindex(db, dialect, d);
}
