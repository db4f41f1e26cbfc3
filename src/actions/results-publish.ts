/**
 * Publishing an import in the catalogue (issue 3 §7): a version of the contest's results dataset in the organisation
 * of the KPU office that owns the region, with the normalised CSV (the full published state of that region) and the
 * raw file as resources (office-dataset.ts), and the publication-log entries — all in the import's transaction
 * (STYLE.md §8).
 */
import canonicalize from 'canonicalize';
import { KotakError } from '../errors.js';
import { formatFromFilename } from '../catalog/formats.js';
import { sha256Hex } from '../catalog/secrets.js';
import type { Dataset, Organization } from '../catalog/types.js';
import { findDataset } from '../store/catalog/datasets.js';
import { orgFromRow } from '../store/catalog/organizations.js';
import type { Executor, Tx } from '../store/db.js';
import type { Election } from '../results/types.js';
import type { Contest } from '../results/contest.js';
import type { RegionTree } from '../results/regions.js';
import type { TpsDocWriter } from '../results/tps-doc.js';
import { TPS_LEAF_DESA } from '../integrity/tps-chunk.js';
import { saveOfficeDataset } from './office-dataset.js';
import { safeFilename } from './resource-input.js';
import type { ActionContext, PublicationInput } from './types.js';

export interface FileRef {
  sha256: string;
  size: number;
  filename: string;
}

/** The KPU office that owns a region: the organisation whose region is the nearest ancestor (or the region itself). */
export async function owningOrganization(db: Executor, tree: RegionTree, region: string): Promise<Organization> {
  const lineage = tree.lineage(region);
  const rows = await db.selectFrom('organizations').selectAll().where('state', '=', 'active').where('region_code', 'in', lineage).execute();
  const best = rows.sort((a, b) => lineage.indexOf(a.region_code!) - lineage.indexOf(b.region_code!))[0];
  if (!best) {
    throw KotakError.validation({
      organization: [`No KPU office owns region ${region} (${tree.get(region)?.name ?? '?'}): create an organisation with region_code ${lineage.join(' or ')}`],
    });
  }
  return orgFromRow(best);
}

export function resultsDatasetName(election: Election, contest: Contest, org: Organization): string {
  return `hasil-${election.id}-${contest.id}-${org.name.replace(/^kpu-/, '')}`.slice(0, 100);
}

interface PublishInput {
  election: Election;
  contest: Contest;
  org: Organization;
  region: { code: string; name: string };
  importId: string;
  importSeq: number;
  raw: FileRef & { format: string };
  normalised: FileRef;
  coverage: { expected: number; reported: number };
  corrections: { tps: string; version: number; line: string }[];
  manifest: Record<string, unknown>;
  /** Root (hex) and size of the import's TPS tree (src/results/tps-tree.ts). */
  tpsTree: { root: string; size: number };
  docWriter: TpsDocWriter;
}

/** Writes the dataset version and the log entries; returns the dataset and the index of the results-import entry. */
export async function publishImport(ctx: ActionContext, trx: Tx, p: PublishInput): Promise<{ dataset: Dataset; logIndex: number }> {
  const name = resultsDatasetName(p.election, p.contest, p.org);
  const base = await findDataset(trx, name);
  const pct = p.coverage.expected ? ((100 * p.coverage.reported) / p.coverage.expected).toFixed(1) : '0';
  const { dataset: d, entries: versionEntries } = await saveOfficeDataset(ctx, trx, base, {
    name,
    org: p.org,
    election: p.election,
    region: p.region,
    title: `${p.contest.title} per TPS — ${p.org.title}`,
    description:
      `Hasil ${p.contest.title} per TPS di ${p.region.name}, ${p.election.title}. ` +
      `Cakupan: ${p.coverage.reported.toLocaleString('id-ID')} dari ${p.coverage.expected.toLocaleString('id-ID')} TPS (${pct} %) sudah berisi angka. ` +
      'Setiap formulir diperiksa aritmetikanya; pemeriksaan menandai, tidak menolak. Koreksi disimpan beserta riwayatnya.\n\n' +
      `Results of ${p.contest.title} per polling station (TPS) in ${p.region.name}; coverage ${pct} %. Forms that do not add up are flagged, never dropped.`,
    tags: [p.election.id, p.contest.id, 'hasil-per-tps'],
    group: 'hasil-pemilu',
    version: String(p.importSeq),
    extras: { election: p.election.id, contest: p.contest.id, results_import: p.importId },
    main: {
      sha256: p.normalised.sha256,
      size: p.normalised.size,
      description:
        `Hasil per TPS (CSV ternormalisasi, UTF-8): satu baris per TPS, kolom tps_code, desa_code, ${p.contest.selections.map((s) => s.column).join(', ')}, ` +
        'suara_sah … pengguna_dpk, sirekap_ts, n_photos. Sel kosong = belum diisi. / Results per TPS (normalised CSV).',
    },
    received: {
      file: p.raw,
      name: `impor-${p.importSeq}-${safeFilename(p.raw.filename)}`,
      description: `Berkas sumber impor #${p.importSeq} (${p.raw.filename}), apa adanya. / Source file of import #${p.importSeq}, as received.`,
      format: p.raw.format,
    },
  });

  const org = p.org.name;
  const manifestHash = sha256Hex(canonicalize(p.manifest) ?? '');
  // The import entry commits to its manifest (stored with the import, results.imports) and, in `meta.tps_root`, to the
  // root of the tree of every TPS result it set (docs/integrity.md "TPS receipts"); each correction to its TPS result
  // document (src/results/tps-doc.ts), as results.tps answers it — all in RFC 8785 form; files to their bytes.
  const entries: PublicationInput[] = [
    {
      kind: 'results-import', subject: `results-import:${p.importId}`, organization: org, sha256: manifestHash, hashOf: 'jcs', related: [`dataset:${d.id}`],
      meta: { election: p.election.id, contest: p.contest.id, seq: p.importSeq, region: p.region.code, tps_root: p.tpsTree.root, tps_size: p.tpsTree.size, tps_leaf: TPS_LEAF_DESA },
    },
    ...versionEntries,
  ];
  for (const c of p.corrections) {
    entries.push({
      kind: 'results-correction',
      subject: `tps:${c.tps}`,
      organization: org,
      sha256: sha256Hex(p.docWriter.fromLine(c.line, c.version)),
      hashOf: 'jcs',
      related: [`results-import:${p.importId}`],
      meta: { version: c.version, import: p.importSeq },
    });
  }
  const idx = await ctx.services.log.appendMany(trx, entries);
  return { dataset: d, logIndex: idx[0]!.index };
}

/** Catalogue format label of an uploaded results file. */
export function rawFormatOf(filename: string): string {
  return formatFromFilename(filename) ?? (/\.(jsonl|ndjson)$/i.test(filename) ? 'JSON' : 'ZIP');
}
