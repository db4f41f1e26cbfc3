/**
 * Publishing a TPS list import in the catalogue, as a results import is (issue 3 §7): a version of the office's
 * "daftar TPS" dataset with the list of its whole region as a normalised CSV (`tps_code,desa_code,pemilih_dpt_total`,
 * the columns of the normalised results CSV) and the file of each import as received, its activity, and their
 * publication-log entries — in the list import's transaction (STYLE.md §8), after its `tps-list` entry.
 */
import { randomUUID } from 'node:crypto';
import { formatFromFilename, mediaTypeOf } from '../catalog/formats.js';
import type { Dataset, Organization, Resource } from '../catalog/types.js';
import type { Election } from '../results/types.js';
import { recordActivity } from '../store/catalog/activities.js';
import { findDataset, saveDataset } from '../store/catalog/datasets.js';
import type { Tx } from '../store/db.js';
import type { TpsListRow } from '../store/results/tps-list.js';
import { datasetDigest } from './dataset-write.js';
import { downloadUrl, safeFilename } from './resource-input.js';
import type { FileRef } from './results-publish.js';
import type { ActionContext, PublicationInput } from './types.js';

/** The header of a published TPS list: the names the normalised results CSV gives these columns. */
export const TPS_LIST_HEADER = 'tps_code,desa_code,pemilih_dpt_total';

export function tpsListDatasetName(election: Election, org: Organization): string {
  return `daftar-tps-${election.id}-${org.name.replace(/^kpu-/, '')}`.slice(0, 100);
}

/** The list as CSV, in the order given (region, then TPS); an unknown number of registered voters is an empty cell. */
export function tpsListCsv(rows: readonly TpsListRow[]): Buffer {
  const lines = [TPS_LIST_HEADER];
  for (const r of rows) lines.push(`${r.tps},${r.region},${r.registered ?? ''}`);
  return Buffer.from(lines.join('\n') + '\n');
}

interface PublishListInput {
  election: Election;
  org: Organization;
  /** The office's region, whose whole list the normalised CSV holds. */
  region: { code: string; name: string };
  /** The list within that region after the import. */
  rows: readonly TpsListRow[];
  /** The file as received; null for a removal, which publishes the region's list without it. */
  raw: FileRef | null;
  listId: string;
}

/** The resource of a list file as received, the `seq`-th of the dataset. */
function rawResource(baseUrl: string, datasetId: string, datasetName: string, seq: number, file: FileRef, now: string): Resource {
  const id = randomUUID();
  const name = `impor-${seq}-${safeFilename(file.filename)}`;
  const format = formatFromFilename(file.filename) ?? 'CSV';
  return {
    id,
    datasetId,
    name,
    description: `Berkas daftar TPS impor #${seq} (${file.filename}), apa adanya. / TPS list file of import #${seq}, as received.`,
    format,
    mediaType: mediaTypeOf(format),
    size: file.size,
    sha256: file.sha256,
    url: downloadUrl(baseUrl, datasetName, id, name),
    urlType: 'upload',
    linkStatus: null,
    position: 0,
    created: now,
    lastModified: now,
  };
}

/** Writes the dataset version and its log entries; returns the dataset. */
export async function publishTpsList(ctx: ActionContext, trx: Tx, p: PublishListInput): Promise<Dataset> {
  const { blobs, config } = ctx.services;
  const now = ctx.services.now().toISOString();
  const name = tpsListDatasetName(p.election, p.org);
  const base = await findDataset(trx, name);
  const id = base?.id ?? randomUUID();
  const normName = `${name}.csv`;
  const oldNorm = base?.resources.find((r) => r.name === normName);
  const norm = await blobs.put(tpsListCsv(p.rows));
  const normId = oldNorm?.id ?? randomUUID();
  const normalised: Resource = {
    id: normId,
    datasetId: id,
    name: normName,
    description:
      `Daftar TPS ${p.region.name} (CSV, UTF-8): satu baris per TPS, kolom ${TPS_LIST_HEADER.split(',').join(', ')} (jumlah pemilih terdaftar, DPT; kosong = tidak disebut). ` +
      '/ The TPS list with registered voters (DPT) per TPS.',
    format: 'CSV',
    mediaType: 'text/csv',
    size: norm.size,
    sha256: norm.sha256,
    url: downloadUrl(config.baseUrl, name, normId, normName),
    urlType: 'upload',
    linkStatus: null,
    position: 0,
    created: oldNorm?.created ?? now,
    lastModified: oldNorm?.sha256 === norm.sha256 ? oldNorm.lastModified : now,
  };
  const seq = (base?.resources.filter((r) => r.name.startsWith('impor-')).length ?? 0) + 1;
  const raw = p.raw ? rawResource(config.baseUrl, id, name, seq, p.raw, now) : null;
  const others = (base?.resources ?? []).filter((r) => r.name !== normName);
  const resources = [normalised, ...others, ...(raw ? [raw] : [])].map((r, i) => ({ ...r, position: i }));
  let registered = 0;
  let withRegistered = 0;
  for (const r of p.rows) {
    if (r.registered === null) continue;
    registered += r.registered;
    withRegistered++;
  }
  const group = await trx.selectFrom('catalog_groups').select('name').where('name', '=', 'daftar-pemilih').executeTakeFirst();
  const d: Dataset = {
    id,
    name,
    title: `Daftar TPS dan DPT per TPS — ${p.org.title}`,
    description:
      `Daftar tempat pemungutan suara (TPS) di ${p.region.name}, ${p.election.title}: ${p.rows.length.toLocaleString('id-ID')} TPS, ` +
      `${registered.toLocaleString('id-ID')} pemilih terdaftar (DPT) di ${withRegistered.toLocaleString('id-ID')} TPS yang menyebutkannya. ` +
      'Daftar ini menjadi acuan cakupan hasil: TPS di daftar yang belum punya formulir hasil ditandai missing_tps.\n\n' +
      `The polling stations (TPS) of ${p.region.name} with their registered voters; results coverage is counted against this list.`,
    organizationId: p.org.id,
    organization: { id: p.org.id, name: p.org.name, title: p.org.title, regionCode: p.org.regionCode },
    private: false,
    state: 'active',
    licenseId: base?.licenseId ?? 'other-open',
    tags: [...new Set([...(base?.tags ?? []), p.election.id, 'daftar-tps', 'dpt'])],
    groups: group ? ['daftar-pemilih'] : [],
    themes: ['GOVE'],
    temporalStart: p.election.date,
    temporalEnd: p.election.date,
    spatial: [p.region.code],
    frequency: 'IRREG',
    contactName: base?.contactName ?? p.org.title,
    contactEmail: base?.contactEmail ?? p.org.email,
    accessRights: 'PUBLIC',
    version: String((Number(base?.version) || 0) + 1),
    extras: { ...(base?.extras ?? {}), election: p.election.id, tps_list_import: p.listId },
    created: base?.created ?? now,
    modified: now,
    resources,
  };
  await saveDataset(trx, ctx.services.database.dialect, d, !base);
  await recordActivity(trx, { objectType: 'package', objectId: d.id, activityType: base ? 'changed package' : 'new package', userId: ctx.actor?.id ?? null, timestamp: now, data: d });
  const org = p.org.name;
  const entries: PublicationInput[] = [
    { kind: 'dataset-version', subject: `dataset:${d.id}`, organization: org, sha256: datasetDigest(d), hashOf: 'jcs', meta: { name: d.name, modified: d.modified, state: d.state } },
  ];
  if (raw) {
    entries.push({ kind: 'resource', subject: `resource:${raw.id}`, organization: org, sha256: raw.sha256!, hashOf: 'bytes', related: [`dataset:${d.id}`], meta: { dataset: d.name, name: raw.name, size: raw.size } });
  }
  if (normalised.sha256 !== oldNorm?.sha256) {
    entries.push({ kind: 'resource', subject: `resource:${normId}`, organization: org, sha256: norm.sha256, hashOf: 'bytes', related: [`dataset:${d.id}`], meta: { dataset: d.name, name: normName, size: norm.size } });
  }
  await ctx.services.log.appendMany(trx, entries);
  return d;
}
