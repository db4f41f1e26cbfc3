/**
 * Publishing a TPS list import in the catalogue, as a results import is (issue 3 §7): a version of the office's
 * "daftar TPS" dataset with the list of its whole region as a normalised CSV (`tps_code,desa_code,pemilih_dpt_total`,
 * the columns of the normalised results CSV) and the file of each import as received (office-dataset.ts), and their
 * publication-log entries — in the list import's transaction (STYLE.md §8), after its `tps-list` entry.
 */
import { formatFromFilename } from '../catalog/formats.js';
import type { Dataset, Organization } from '../catalog/types.js';
import type { Election } from '../results/types.js';
import { findDataset } from '../store/catalog/datasets.js';
import type { Tx } from '../store/db.js';
import type { TpsListRow } from '../store/results/tps-list.js';
import { saveOfficeDataset } from './office-dataset.js';
import { safeFilename } from './resource-input.js';
import type { FileRef } from './results-publish.js';
import type { ActionContext } from './types.js';

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

/** Writes the dataset version and appends its log entries; returns the dataset. */
export async function publishTpsList(ctx: ActionContext, trx: Tx, p: PublishListInput): Promise<Dataset> {
  const name = tpsListDatasetName(p.election, p.org);
  const base = await findDataset(trx, name);
  const main = await ctx.services.blobs.put(tpsListCsv(p.rows));
  const seq = (base?.resources.filter((r) => r.name.startsWith('impor-')).length ?? 0) + 1;
  let registered = 0;
  let withRegistered = 0;
  for (const r of p.rows) {
    if (r.registered === null) continue;
    registered += r.registered;
    withRegistered++;
  }
  const n = (x: number) => x.toLocaleString('id-ID');
  const { dataset, entries } = await saveOfficeDataset(ctx, trx, base, {
    name,
    org: p.org,
    election: p.election,
    region: p.region,
    title: `Daftar TPS dan DPT per TPS — ${p.org.title}`,
    description:
      `Daftar tempat pemungutan suara (TPS) di ${p.region.name}, ${p.election.title}: ${n(p.rows.length)} TPS, ` +
      `${n(registered)} pemilih terdaftar (DPT) di ${n(withRegistered)} TPS yang menyebutkannya. ` +
      'Daftar ini menjadi acuan cakupan hasil: TPS di daftar yang belum punya formulir hasil ditandai missing_tps.\n\n' +
      `The polling stations (TPS) of ${p.region.name} with their registered voters; results coverage is counted against this list.`,
    tags: [p.election.id, 'daftar-tps', 'dpt'],
    group: 'daftar-pemilih',
    version: String((Number(base?.version) || 0) + 1),
    extras: { election: p.election.id, tps_list_import: p.listId },
    main: {
      ...main,
      description:
        `Daftar TPS ${p.region.name} (CSV, UTF-8): satu baris per TPS, kolom ${TPS_LIST_HEADER.split(',').join(', ')} (jumlah pemilih terdaftar, DPT; kosong = tidak disebut). ` +
        '/ The TPS list with registered voters (DPT) per TPS.',
    },
    received: p.raw && {
      file: p.raw,
      name: `impor-${seq}-${safeFilename(p.raw.filename)}`,
      description: `Berkas daftar TPS impor #${seq} (${p.raw.filename}), apa adanya. / TPS list file of import #${seq}, as received.`,
      format: formatFromFilename(p.raw.filename) ?? 'CSV',
    },
  });
  await ctx.services.log.appendMany(trx, entries);
  return dataset;
}
