/**
 * The data.europa.eu Metadata Quality Assessment (MQA, 405 points), computed on each dataset's DCAT-AP description
 * (src/catalog/dcat/describe.ts) — the same description the portal exports, so the score and the metadata agree.
 *
 * Dataset level: keywords, themes, spatial, temporal, DCAT-AP compliance, access rights (+ vocabulary), contact point,
 * publisher, issued, modified. Distribution level: access/download URL and their answers, format, media type,
 * vocabulary, non-proprietary, machine-readable, licence (+ vocabulary), rights, byte size. A distribution-level metric
 * counts for the dataset when its best distribution meets it (MQA scores the best distribution), and an office's
 * score is Σ (share of its datasets meeting the metric × the metric's points) (STANDARDS.md, MQA).
 */
import type { Resource } from '../catalog/types.js';
import type { DcatDataset, DcatDistribution } from '../catalog/dcat/describe.js';
import type { ShaclViolation } from '../catalog/dcat/validate.js';
import type { Bilingual, MqaDataset } from './types.js';
import { MACHINE_READABLE, NON_PROPRIETARY, resourceFileType } from './formats.js';

export type MqaCategory = 'findability' | 'accessibility' | 'interoperability' | 'reusability' | 'contextuality';

export interface MqaMetric {
  /** Indicator id in the registry and key of its points in config/maturity.json. */
  id: string;
  category: MqaCategory;
  level: 'dataset' | 'distribution';
  /** The DCAT-AP property the metric reads. */
  property: string;
  title: Bilingual;
}

interface DatasetCheck extends MqaMetric {
  level: 'dataset';
  check(d: DcatDataset, conforms: boolean): boolean;
}
interface DistributionCheck extends MqaMetric {
  level: 'distribution';
  check(d: DcatDistribution, r: Resource | undefined): boolean;
}

/**
 * Whether a resource's address answered the last link check with 2xx/3xx (MQA "access URL / download URL accessible").
 * A file held by the portal (upload with a checksum) counts as answering until a check says otherwise.
 */
export function answers(r: Resource | undefined): boolean {
  if (!r) return false;
  if (r.linkStatus) return r.linkStatus.ok;
  return r.urlType === 'upload' && r.sha256 !== null;
}

function fileType(d: DcatDistribution): string | null {
  const label = d.format?.vocabulary ? d.format.code : (d.format?.label ?? null);
  return resourceFileType(label, d.mediaType?.value ?? null);
}

const T = (id: string, en: string): Bilingual => ({ id, en });

export const MQA_METRICS: ReadonlyArray<DatasetCheck | DistributionCheck> = [
  { id: 'mqa.keywords', category: 'findability', level: 'dataset', property: 'dcat:keyword', title: T('Kata kunci', 'Keyword usage'), check: (d) => d.keywords.length > 0 },
  { id: 'mqa.themes', category: 'findability', level: 'dataset', property: 'dcat:theme', title: T('Tema', 'Categories'), check: (d) => d.themes.length > 0 },
  { id: 'mqa.spatial', category: 'findability', level: 'dataset', property: 'dct:spatial', title: T('Cakupan wilayah', 'Geo search'), check: (d) => d.spatial.length > 0 },
  { id: 'mqa.temporal', category: 'findability', level: 'dataset', property: 'dct:temporal', title: T('Cakupan waktu', 'Time-based search'), check: (d) => d.temporal !== null },
  { id: 'mqa.access-url-status', category: 'accessibility', level: 'distribution', property: 'dcat:accessURL', title: T('Alamat akses dapat dibuka', 'Access URL accessibility'), check: (d, r) => d.accessURL !== null && answers(r) },
  { id: 'mqa.download-url', category: 'accessibility', level: 'distribution', property: 'dcat:downloadURL', title: T('Alamat unduh tersedia', 'Download URL'), check: (d) => d.downloadURL !== null },
  { id: 'mqa.download-url-status', category: 'accessibility', level: 'distribution', property: 'dcat:downloadURL', title: T('Alamat unduh dapat dibuka', 'Download URL accessibility'), check: (d, r) => d.downloadURL !== null && answers(r) },
  { id: 'mqa.format', category: 'interoperability', level: 'distribution', property: 'dct:format', title: T('Format', 'Format'), check: (d) => d.format !== null },
  { id: 'mqa.media-type', category: 'interoperability', level: 'distribution', property: 'dcat:mediaType', title: T('Jenis media', 'Media type'), check: (d) => d.mediaType !== null },
  { id: 'mqa.format-vocabulary', category: 'interoperability', level: 'distribution', property: 'dct:format / dcat:mediaType', title: T('Format dari kosakata baku', 'Format / media type from vocabulary'), check: (d) => (d.format?.vocabulary ?? false) || (d.mediaType?.registered ?? false) },
  { id: 'mqa.non-proprietary', category: 'interoperability', level: 'distribution', property: 'dct:format', title: T('Format terbuka (non-proprietary)', 'Non-proprietary'), check: (d) => NON_PROPRIETARY.has(fileType(d) ?? '') },
  { id: 'mqa.machine-readable', category: 'interoperability', level: 'distribution', property: 'dct:format', title: T('Dapat dibaca mesin', 'Machine-readable'), check: (d) => MACHINE_READABLE.has(fileType(d) ?? '') },
  { id: 'mqa.dcat-ap-compliance', category: 'interoperability', level: 'dataset', property: 'DCAT-AP 3.0.1 SHACL', title: T('Sesuai DCAT-AP', 'DCAT-AP compliance'), check: (_d, conforms) => conforms },
  { id: 'mqa.licence', category: 'reusability', level: 'distribution', property: 'dct:license', title: T('Lisensi', 'Licence information'), check: (d) => d.license !== null },
  { id: 'mqa.licence-vocabulary', category: 'reusability', level: 'distribution', property: 'dct:license', title: T('Lisensi dari kosakata baku', 'Licence vocabulary'), check: (d) => d.license?.vocabulary ?? false },
  { id: 'mqa.access-rights', category: 'reusability', level: 'dataset', property: 'dct:accessRights', title: T('Hak akses', 'Access restrictions'), check: (d) => d.accessRights !== null },
  { id: 'mqa.access-rights-vocabulary', category: 'reusability', level: 'dataset', property: 'dct:accessRights', title: T('Hak akses dari kosakata baku', 'Access restrictions vocabulary'), check: (d) => d.accessRights?.vocabulary ?? false },
  { id: 'mqa.contact-point', category: 'reusability', level: 'dataset', property: 'dcat:contactPoint', title: T('Narahubung', 'Contact point'), check: (d) => d.contactPoint !== null },
  { id: 'mqa.publisher', category: 'reusability', level: 'dataset', property: 'dct:publisher', title: T('Penerbit', 'Publisher'), check: (d) => d.publisher !== null },
  { id: 'mqa.rights', category: 'contextuality', level: 'distribution', property: 'dct:rights', title: T('Pernyataan hak', 'Rights'), check: (d) => d.rights !== null },
  { id: 'mqa.byte-size', category: 'contextuality', level: 'distribution', property: 'dcat:byteSize', title: T('Ukuran berkas', 'File size'), check: (d) => d.byteSize !== null },
  { id: 'mqa.issued', category: 'contextuality', level: 'dataset', property: 'dct:issued', title: T('Tanggal terbit', 'Date of issue'), check: (d) => d.issued !== null },
  { id: 'mqa.modified', category: 'contextuality', level: 'dataset', property: 'dct:modified', title: T('Tanggal perubahan', 'Modification date'), check: (d) => d.modified !== null },
];

/**
 * Evaluate one dataset. `points` maps metric id → points (config/maturity.json `indicators`).
 *
 * @example
 *   const m = evaluateMqa(description, dataset.resources, shacl, config.indicators);
 *   m.points; // 405 for a fully described dataset
 */
export function evaluateMqa(
  d: DcatDataset,
  resources: readonly Resource[],
  shacl: { conforms: boolean; violations: ShaclViolation[] },
  points: Readonly<Record<string, number>>,
): MqaDataset {
  const byId = new Map(resources.map((r) => [r.id, r]));
  const met: Record<string, boolean> = {};
  const by: Record<string, string[]> = {};
  let total = 0;
  for (const m of MQA_METRICS) {
    if (m.level === 'dataset') {
      met[m.id] = m.check(d, shacl.conforms);
    } else {
      const ok = d.distributions.filter((dist) => m.check(dist, byId.get(dist.resourceId))).map((dist) => dist.resourceId);
      by[m.id] = ok;
      met[m.id] = ok.length > 0;
    }
    if (met[m.id]) total += points[m.id] ?? 0;
  }
  return { datasetId: d.datasetId, name: d.name, met, by, points: total, violations: shacl.violations };
}

/** The MQA band of a score (config `mqaBands`, highest first). */
export function mqaBand<B extends { min: number }>(points: number, bands: readonly B[]): B {
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  return sorted.find((b) => points >= b.min) ?? sorted[sorted.length - 1]!;
}

/** Office-level MQA: Σ share of datasets meeting each metric × its points; 0 for an office without datasets. */
export function officeMqaPoints(evaluations: readonly MqaDataset[], points: Readonly<Record<string, number>>): number {
  if (evaluations.length === 0) return 0;
  let total = 0;
  for (const m of MQA_METRICS) {
    const share = evaluations.filter((e) => e.met[m.id]).length / evaluations.length;
    total += share * (points[m.id] ?? 0);
  }
  return total;
}
