/**
 * Openness of what an office publishes: five-star openness (ckanext-qa) and the OED principles about formats and
 * licences ("analysable", "non-proprietary", "licence-free").
 */
import type { Dataset, Resource } from '../../catalog/types.js';
import { datasetStars } from '../five-star.js';
import { formatStars } from '../formats.js';
import type { EvidenceItem, Indicator } from '../types.js';
import { NO_DATASETS, T, shareOfDatasets } from './share.js';

const broken = (r: Resource): boolean => r.linkStatus !== null && !r.linkStatus.ok;

/** Best format score among a dataset's reachable resources (format only: licence is judged separately). */
function bestFormatStars(d: Dataset): { stars: number; resource: Resource | null } {
  let best: { stars: number; resource: Resource | null } = { stars: 0, resource: null };
  for (const r of d.resources) {
    if (broken(r)) continue;
    const s = formatStars(r.format, r.mediaType);
    if (s > best.stars) best = { stars: s, resource: r };
  }
  return best;
}

export const fiveStar: Indicator = {
  id: 'openness.five-star',
  dimension: 'quality',
  kind: 'automatic',
  title: T('Keterbukaan lima bintang', 'Five-star openness'),
  description: T(
    'Rata-rata bintang dataset (bintang terbaik dari sumber dayanya, cara ckanext-qa): 0 bila lisensi tidak terbuka atau tautan rusak.',
    'Mean stars of the datasets (each its best resource, as ckanext-qa scores): 0 when the licence is not open or the link is broken.',
  ),
  sources: [{ framework: 'five-star', ref: 'ckanext-qa resource_format_openness_scores.json' }, { framework: 'ODM', ref: 'Quality: five-star cascade' }],
  advice: T(
    'Terbitkan data dalam format terbuka yang dapat dibaca mesin (CSV, JSON) dengan lisensi terbuka; {n} sumber daya di bawah 3 bintang.',
    'Publish data in open machine-readable formats (CSV, JSON) under an open licence; {n} resources are below 3 stars.',
  ),
  evaluate({ evidence }) {
    const { datasets, licenses } = evidence;
    if (datasets.length === 0) return { value: 0, evidence: [NO_DATASETS], measures: { stars: 0 } };
    const histogram = [0, 0, 0, 0, 0, 0];
    let total = 0;
    // One evidence item per resource (its stars and why); a dataset without resources is one item with 0★.
    const items: EvidenceItem[] = [];
    for (const d of datasets) {
      const s = datasetStars(d, licenses);
      histogram[s.stars]!++;
      total += s.stars;
      if (s.resources.length === 0) items.push({ kind: 'dataset', ref: d.name, field: 'resources', met: false, note: '0★ (no resources)' });
      for (const r of s.resources) {
        const res = d.resources.find((x) => x.id === r.resourceId)!;
        items.push({
          kind: 'resource',
          ref: `${d.name}/${r.resourceId}`,
          field: 'format, licence, linkStatus',
          met: r.stars >= 3,
          note: `${res.format || res.mediaType || '?'} ${r.stars}★${r.reason === 'format' ? '' : ` (${r.reason})`}`,
        });
      }
    }
    const stars = total / datasets.length;
    return { value: stars / 5, evidence: items, measures: { stars, ...Object.fromEntries(histogram.map((c, i) => [`datasets${i}star`, c])) } };
  },
};

export const analysable: Indicator = {
  id: 'oed.analysable',
  dimension: 'publication',
  kind: 'automatic',
  title: T('Dapat dianalisis (dapat dibaca mesin)', 'Analysable (machine-readable)'),
  description: T(
    'Bagian dataset yang memiliki sumber daya dalam format yang dapat dibaca mesin (≥ 2 bintang menurut format).',
    'Share of datasets with a resource in a machine-readable format (≥ 2 stars by format).',
  ),
  sources: [{ framework: 'OED', ref: 'analysable' }, { framework: 'GODI', ref: 'machine-readable' }],
  advice: T('Tambahkan versi CSV/XLSX/JSON untuk {n} dataset yang hanya berupa dokumen.', 'Add a CSV/XLSX/JSON version to {n} datasets that are documents only.'),
  evaluate: ({ evidence }) =>
    shareOfDatasets(evidence.datasets, 'format', (d) => {
      const b = bestFormatStars(d);
      return { met: b.stars >= 2, note: b.resource ? `${b.resource.format || b.resource.mediaType} (${b.stars}★)` : 'no reachable resource' };
    }),
};

export const nonProprietary: Indicator = {
  id: 'oed.non-proprietary',
  dimension: 'publication',
  kind: 'automatic',
  title: T('Format non-proprietary', 'Non-proprietary format'),
  description: T(
    'Bagian dataset yang memiliki sumber daya dalam format terbuka (≥ 3 bintang menurut format: CSV, JSON, XML, ODS…).',
    'Share of datasets with a resource in an open format (≥ 3 stars by format: CSV, JSON, XML, ODS…).',
  ),
  sources: [{ framework: 'OED', ref: 'non-proprietary' }, { framework: 'five-star', ref: '3 stars: open format' }],
  advice: T('Terbitkan {n} dataset juga dalam CSV atau JSON.', 'Also publish {n} datasets as CSV or JSON.'),
  evaluate: ({ evidence }) =>
    shareOfDatasets(evidence.datasets, 'format', (d) => {
      const b = bestFormatStars(d);
      return { met: b.stars >= 3, note: b.resource ? `${b.resource.format || b.resource.mediaType} (${b.stars}★)` : 'no reachable resource' };
    }),
};

export const licenceFree: Indicator = {
  id: 'oed.licence-free',
  dimension: 'policy',
  kind: 'automatic',
  title: T('Lisensi terbuka', 'Licence-free (open licence)'),
  description: T(
    'Bagian dataset yang diterbitkan dengan lisensi terbuka (sesuai Open Definition).',
    'Share of datasets published under an open licence (Open Definition conformant).',
  ),
  sources: [
    { framework: 'OED', ref: 'licence-free' },
    { framework: 'GODI', ref: 'open licence' },
    { framework: 'ODM', ref: 'Quality: % of datasets with a licence' },
  ],
  advice: T('Terapkan lisensi terbuka (mis. CC-BY 4.0) pada {n} dataset.', 'Apply an open licence (e.g. CC-BY 4.0) to {n} datasets.'),
  evaluate: ({ evidence }) =>
    shareOfDatasets(evidence.datasets, 'licenseId', (d) => {
      const lic = d.licenseId ? evidence.licenses.get(d.licenseId) : undefined;
      return { met: lic?.isOpen ?? false, note: lic ? lic.id : 'no licence' };
    }),
};

export const OPENNESS_INDICATORS: readonly Indicator[] = [fiveStar, analysable, nonProprietary, licenceFree];
