/**
 * Indicators on election results, read from the results coverage of the office's region: the OED principles
 * "timely", "granular" and "complete and in bulk", completeness against the region and TPS lists, and the GODI
 * election-results score. Every contest the coverage lists counts; an office with no results coverage scores 0.
 */
import type { ResultsCoverage, ResultsLevel } from '../evidence.js';
import { formatStars } from '../formats.js';
import type { EvidenceItem, Indicator, IndicatorContext, IndicatorResult } from '../types.js';
import { T, daysBetween, mean } from './share.js';

const NO_RESULTS: EvidenceItem = { kind: 'office', ref: 'results', met: false, note: 'no election results coverage for this office' };

const ref = (c: ResultsCoverage): string => `${c.election}/${c.contest}`;

/** Which region was counted and which dataset publishes it (and whose it is), so every contest item names both. */
export function whereFrom(c: ResultsCoverage): string {
  const parts: string[] = [];
  if (c.region) parts.push(`region ${c.region.code} ${c.region.name}`);
  if (c.dataset) parts.push(`dataset ${c.dataset.name} (${c.dataset.organization})`);
  return parts.length ? ` [${parts.join('; ')}]` : '';
}

/** The results page of the contest in the counted region. */
export function contestUrl(c: ResultsCoverage): string {
  return `/hasil/${encodeURIComponent(c.election)}/${encodeURIComponent(c.contest)}${c.region && c.region.code !== 'ID' ? `/${encodeURIComponent(c.region.code)}` : ''}`;
}

function perContest(ctx: IndicatorContext, field: string, score: (c: ResultsCoverage) => { value: number; note: string }): IndicatorResult {
  const rows = ctx.evidence.coverage;
  if (rows.length === 0) return { value: 0, evidence: [NO_RESULTS] };
  const values: number[] = [];
  const evidence: EvidenceItem[] = rows.map((c) => {
    const s = score(c);
    values.push(s.value);
    return { kind: 'contest', ref: ref(c), field, met: s.value >= 1, note: s.note + whereFrom(c), url: contestUrl(c) };
  });
  return { value: mean(values), evidence };
}

/** Full marks within `full` days of voting day, none after `zero` days, linear in between. */
export function delayScore(days: number, full: number, zero: number): number {
  if (days <= full) return 1;
  if (days >= zero) return 0;
  return (zero - days) / (zero - full);
}

export const timely: Indicator = {
  id: 'oed.timely',
  dimension: 'publication',
  kind: 'automatic',
  title: T('Tepat waktu', 'Timely'),
  description: T(
    'Jeda antara hari pemungutan suara dan terbitnya hasil pertama tiap kontestasi — menurut cap waktu sumber pada formulir TPS (Sirekap) bila ada, selain itu saat pertama terbit di portal ini. Bawaan: nilai penuh dalam 2 hari, nol setelah 35 hari (batas rekapitulasi), linear di antaranya.',
    'Delay between voting day and the first published results of each contest — by the source timestamps of the TPS forms (Sirekap) where they exist, else when this portal first published them. By default full marks within 2 days, none after 35 days (recapitulation deadline), linear between.',
  ),
  sources: [{ framework: 'OED', ref: 'timely' }, { framework: 'ODM', ref: 'Quality: publication delay after a source update' }],
  advice: T('Terbitkan hasil tiap TPS segera setelah formulir C.Hasil tersedia ({n} kontestasi terlambat).', 'Publish each TPS result as soon as its C.Hasil form is available ({n} contests late).'),
  evaluate(ctx) {
    const { resultsFullWithinDays: full, resultsZeroAfterDays: zero } = ctx.config.timeliness;
    const res = perContest(ctx, 'firstPublishedAt', (c) => {
      if (!c.firstPublishedAt) return { value: 0, note: 'not published' };
      const days = daysBetween(c.electionDate, c.firstPublishedAt);
      const from = c.firstPublishedFrom === 'source' ? ' (earliest source timestamp of a TPS form)' : c.firstPublishedFrom === 'portal' ? ' (first publication on this portal)' : '';
      return { value: delayScore(days, full, zero), note: `${days.toFixed(1)} days after voting day${from}` };
    });
    const delays = ctx.evidence.coverage.filter((c) => c.firstPublishedAt).map((c) => daysBetween(c.electionDate, c.firstPublishedAt!));
    return { ...res, measures: { maxDelayDays: delays.length ? Math.max(...delays) : -1 } };
  },
};

export const granular: Indicator = {
  id: 'oed.granular',
  dimension: 'publication',
  kind: 'automatic',
  title: T('Rinci hingga TPS', 'Granular down to TPS'),
  description: T(
    'Tingkat terinci hasil yang diterbitkan per kontestasi: TPS 1; desa 0,6; kecamatan 0,4; kab/kota 0,2; provinsi 0,1.',
    'Finest level of published results per contest: TPS 1; desa 0.6; kecamatan 0.4; kab/kota 0.2; province 0.1.',
  ),
  sources: [{ framework: 'OED', ref: 'granular' }, { framework: 'GODI', ref: 'polling-station level results' }],
  advice: T('Terbitkan hasil per TPS untuk {n} kontestasi.', 'Publish results per TPS for {n} contests.'),
  evaluate(ctx) {
    const g = ctx.config.granularity;
    const res = perContest(ctx, 'finestLevel', (c) => ({ value: c.finestLevel ? g[c.finestLevel] : 0, note: c.finestLevel ?? 'none' }));
    return { ...res, measures: { tpsContests: ctx.evidence.coverage.filter((c) => c.finestLevel === 'tps').length } };
  },
};

function share(c: ResultsCoverage, level: 'kecamatan' | 'desa' | 'tps'): number | null {
  return c.expected[level] > 0 ? Math.min(1, c.published[level] / c.expected[level]) : null;
}

/** Share of expected units with results at a level; kab/kota and province count as complete once anything is out. */
function levelShare(c: ResultsCoverage, level: ResultsLevel): number {
  if (level === 'kabkota' || level === 'provinsi') return c.finestLevel ? 1 : 0;
  return share(c, level) ?? 0;
}

export const completeBulk: Indicator = {
  id: 'oed.complete-bulk',
  dimension: 'publication',
  kind: 'automatic',
  title: T('Lengkap dan dapat diunduh sekaligus', 'Complete and in bulk'),
  description: T(
    'Per kontestasi: ada unduhan tunggal berisi seluruh hasil wilayah; nilai = bobot tingkat unduhan × bagian unit yang tercakup.',
    'Per contest: one download holds the whole region’s results; value = weight of the download’s level × share of units it covers.',
  ),
  sources: [{ framework: 'OED', ref: 'complete and in bulk' }, { framework: 'GODI', ref: 'downloadable at once' }],
  advice: T('Sediakan unduhan massal hasil tingkat TPS untuk {n} kontestasi.', 'Provide a bulk download of TPS-level results for {n} contests.'),
  evaluate(ctx) {
    const g = ctx.config.granularity;
    const res = perContest(ctx, 'bulk', (c) => {
      if (!c.bulk.available || !c.bulk.level) return { value: 0, note: 'no bulk download' };
      const cover = levelShare(c, c.bulk.level);
      return { value: g[c.bulk.level] * cover, note: `${c.bulk.level} level, ${(cover * 100).toFixed(1)} % of units, ${c.bulk.formats.join('/') || '?'}` };
    });
    const tpsBulk = ctx.evidence.coverage.filter((c) => c.bulk.available && c.bulk.level === 'tps').length;
    return { ...res, measures: { tpsBulkContests: tpsBulk } };
  },
};

export const completeness: Indicator = {
  id: 'completeness.regions',
  dimension: 'publication',
  kind: 'automatic',
  title: T('Kelengkapan terhadap daftar wilayah dan TPS', 'Completeness against the region and TPS lists'),
  description: T(
    'Per kontestasi, rata-rata bagian kecamatan, desa/kelurahan dan TPS (menurut daftar wilayah dan daftar TPS) yang hasilnya terbit.',
    'Per contest, the mean share of kecamatan, desa/kelurahan and TPS (by the region tree and the TPS list) with published results.',
  ),
  sources: [{ framework: 'OED', ref: 'complete' }, { framework: 'ODM', ref: 'Quality: currency and completeness' }],
  advice: T('Lengkapi hasil yang belum terbit pada {n} kontestasi.', 'Complete the missing results of {n} contests.'),
  evaluate: (ctx) =>
    perContest(ctx, 'published/expected', (c) => {
      const parts = (['kecamatan', 'desa', 'tps'] as const).map((l) => share(c, l)).filter((v): v is number => v !== null);
      const v = mean(parts);
      return { value: v, note: `TPS ${c.published.tps}/${c.expected.tps}, desa ${c.published.desa}/${c.expected.desa}, kecamatan ${c.published.kecamatan}/${c.expected.kecamatan}` };
    }),
};

export const godi: Indicator = {
  id: 'godi.election-results',
  dimension: 'publication',
  kind: 'automatic',
  title: T('Skor GODI hasil pemilu', 'GODI election results score'),
  description: T(
    'Kriteria GODI per kontestasi utama (daring 15, gratis 15, sekaligus 15, mutakhir 15, lisensi terbuka 20, format terbuka 20) × bagian deskripsi data yang dipenuhi (tingkat TPS, pemilih terdaftar, suara tidak sah, surat suara rusak).',
    'GODI criteria per major contest (online 15, free 15, at once 15, up to date 15, open licence 20, open format 20) × share of the data description met (TPS level, registered voters, invalid votes, spoiled ballots).',
  ),
  sources: [{ framework: 'GODI', ref: 'Election results' }],
  advice: T('Penuhi kriteria GODI yang belum terpenuhi pada {n} kontestasi.', 'Meet the missing GODI criteria for {n} contests.'),
  evaluate(ctx) {
    const { evidence, config } = ctx;
    const pts = config.godi;
    const major = evidence.coverage.filter((c) => c.major);
    const rows = major.length ? major : evidence.coverage;
    if (rows.length === 0) return { value: 0, evidence: [NO_RESULTS], measures: { points: 0 } };
    const publicIds = new Set(evidence.datasets.map((d) => d.id));
    const byId = new Map(evidence.datasets.map((d) => [d.id, d]));
    const points: number[] = [];
    const items: EvidenceItem[] = rows.map((c) => {
      const ds = c.datasetId ? byId.get(c.datasetId) : undefined;
      // The dataset may be another office's (a province publishing its kabupaten/kota): then its own record says
      // whether it is public and under which licence.
      const online = c.finestLevel !== null && (c.datasetId === null || publicIds.has(c.datasetId) || c.dataset?.public === true);
      const upToDate = c.firstPublishedAt !== null && daysBetween(c.electionDate, c.firstPublishedAt) <= pts.upToDateDays;
      const licenseId = ds ? ds.licenseId : (c.dataset?.licenseId ?? null);
      const openLicence = licenseId ? (evidence.licenses.get(licenseId)?.isOpen ?? false) : false;
      const openFormat = c.bulk.available && c.bulk.formats.some((f) => formatStars(f) >= 3);
      const met = { online, free: online, bulk: c.bulk.available, upToDate, openLicence, openMachineReadable: openFormat };
      const raw = (Object.keys(met) as Array<keyof typeof met>).reduce((s, k) => s + (met[k] ? pts[k] : 0), 0);
      const description = { tpsLevel: c.finestLevel === 'tps', ...c.fields };
      const lacking = (Object.keys(description) as Array<keyof typeof description>).filter((k) => !description[k]);
      const descShare = (4 - lacking.length) / 4;
      points.push(raw * descShare);
      const missing = (Object.keys(met) as Array<keyof typeof met>).filter((k) => !met[k]);
      return {
        kind: 'contest',
        ref: ref(c),
        field: 'GODI',
        met: raw * descShare >= 100,
        note: `${raw}/100 × description ${descShare}${missing.length ? `; missing: ${missing.join(', ')}` : ''}${lacking.length ? `; description lacks: ${lacking.join(', ')}` : ''}${whereFrom(c)}`,
        url: contestUrl(c),
      };
    });
    const avg = mean(points);
    return { value: avg / 100, evidence: items, measures: { points: avg } };
  },
};

export const ELECTION_INDICATORS: readonly Indicator[] = [timely, granular, completeBulk, completeness, godi];
