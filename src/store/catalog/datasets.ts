/**
 * Dataset and resource persistence. Rows stay here: functions return catalogue domain types (src/catalog/types.ts).
 * Writes keep the facet table and the full-text index in step with the row, in the caller's transaction.
 */
import { sql } from 'kysely';
import type { Dataset, Resource } from '../../catalog/types.js';
import { yearsOf } from '../../catalog/dataset-input.js';
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

function datasetToRow(d: Dataset): DatasetsTable {
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
  };
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

function facetRows(d: Dataset, licenseIds: string | null): Array<{ dataset_id: string; field: string; value: string }> {
  const rows: Array<[string, string]> = [['organization', d.organization.name], ['state', d.state]];
  for (const t of d.tags) rows.push(['tags', t]);
  for (const g of d.groups) rows.push(['groups', g]);
  for (const t of d.themes) rows.push(['themes', t]);
  for (const r of d.resources) if (r.format) rows.push(['res_format', r.format]);
  if (licenseIds) rows.push(['license_id', licenseIds]);
  for (const c of d.spatial) {
    // A dataset about a desa also belongs to its kecamatan, kab/kota and province (Kemendagri code prefixes).
    for (const len of [2, 4, 6, 10, 13]) if (c.length >= len) rows.push(['region', c.slice(0, len)]);
  }
  for (const y of yearsOf(d.temporalStart, d.temporalEnd)) rows.push(['year', y]);
  const seen = new Set<string>();
  return rows
    .filter(([f, v]) => {
      const k = `${f}\u0000${v}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .map(([field, value]) => ({ dataset_id: d.id, field, value }));
}

async function reindex(db: Executor, dialect: Dialect, d: Dataset): Promise<void> {
  await db.deleteFrom('dataset_facets').where('dataset_id', '=', d.id).execute();
  const facets = facetRows(d, d.licenseId);
  if (facets.length) await db.insertInto('dataset_facets').values(facets).execute();
  const tags = d.tags.join(' ');
  const resources = d.resources.map((r) => `${r.name} ${r.description}`).join(' ');
  if (dialect === 'sqlite') {
    await sql`DELETE FROM dataset_fts WHERE dataset_id = ${d.id}`.execute(db);
    await sql`INSERT INTO dataset_fts (dataset_id, title, description, tags, resources) VALUES (${d.id}, ${d.title + ' ' + d.name}, ${d.description}, ${tags}, ${resources})`.execute(db);
  } else {
    // Weights: title A, tags B, description C, resources D (ts_rank favours A).
    const doc = sql`setweight(to_tsvector('simple', ${d.title + ' ' + d.name.replace(/[-_]/g, ' ')}), 'A') || setweight(to_tsvector('simple', ${tags}), 'B') || setweight(to_tsvector('simple', ${d.description}), 'C') || setweight(to_tsvector('simple', ${resources}), 'D')`;
    await sql`INSERT INTO dataset_fts (dataset_id, document) VALUES (${d.id}, ${doc}) ON CONFLICT (dataset_id) DO UPDATE SET document = EXCLUDED.document`.execute(db);
  }
}

/** Inserts or replaces a dataset with its resources, facets and search document. */
export async function saveDataset(db: Executor, dialect: Dialect, d: Dataset, isNew: boolean): Promise<void> {
  const row = datasetToRow(d);
  if (isNew) await db.insertInto('datasets').values(row).execute();
  else await db.updateTable('datasets').set(row).where('id', '=', d.id).execute();
  await db.deleteFrom('resources').where('dataset_id', '=', d.id).execute();
  if (d.resources.length) await db.insertInto('resources').values(d.resources.map(resourceToRow)).execute();
  await reindex(db, dialect, d);
}
