/**
 * The results part's answer to the maturity hook `resultsCoverage` (src/actions/maturity-evidence.ts): for one office,
 * how completely each contest's results are published for its region, as `ResultsCoverage` (src/maturity/evidence.ts
 * documents every field). Counts come from src/store/results/coverage.ts; this file decides what they mean.
 *
 * Coverage is a fact about the office's *region*: the results of Kabupaten Pandeglang count for KPU Kabupaten
 * Pandeglang whoever imported them (in the demo, KPU Provinsi Banten imports the whole province). The dataset that
 * publishes them is named in `dataset`, so the evidence says whose it is, and its licence is the one that applies.
 *
 * @example
 *   registerResultsCoverage(); // once at start-up (src/actions/all.ts)
 *   const rows = await resultsCoverageOf(ctx, org); // [{ election: 'pemilu-2024', contest: 'ppwp', finestLevel: 'tps', … }]
 */
import type { Organization } from '../catalog/types.js';
import type { ResultsCoverage, ResultsLevel } from '../maturity/evidence.js';
import { NATIONAL_CODE } from '../results/regions.js';
import type { ContestKind } from '../results/types.js';
import {
  coverageContests,
  datasetRefs,
  earliestSourceTimestamp,
  expectedUnits,
  importsTouching,
  officialFigures,
  publishedUnits,
  regionOf,
  type ImportSpan,
} from '../store/results/coverage.js';
import { recapOf } from '../store/results/recap.js';
import { registerMaturityHooks } from './maturity-evidence.js';
import { cachedAnswer, contestOf } from './results-context.js';
import type { ActionContext } from './types.js';

/**
 * GODI's election-results dataset asks for the head of state and the legislature (ppwp, dpr, dpd); for a regional
 * office the head of region elected in its area counts too (ResultsCoverage.major).
 */
export const MAJOR_CONTESTS: ReadonlySet<ContestKind> = new Set<ContestKind>(['ppwp', 'dpr', 'dpd', 'gubernur', 'bupati', 'walikota']);

/** What the results download offers at every region (results.download: CSV, JSON, Parquet at TPS level). */
export const BULK_FORMATS: readonly string[] = ['CSV', 'JSON', 'Parquet'];

/** Region-tree levels, coarsest first, and the results level each stands for. */
const OFFICIAL_ORDER = ['provinsi', 'kabupaten_kota', 'kecamatan', 'desa_kelurahan'];
const OFFICIAL_LEVEL: Record<string, ResultsLevel> = { provinsi: 'provinsi', kabupaten_kota: 'kabkota', kecamatan: 'kecamatan', desa_kelurahan: 'desa' };

/** The part of two regions' subtrees they share: the deeper code when one contains the other, else null. */
export function overlap(a: string, b: string): string | null {
  if (a === NATIONAL_CODE) return b;
  if (b === NATIONAL_CODE) return a;
  if (a.startsWith(b)) return a;
  if (b.startsWith(a)) return b;
  return null;
}

/** The dataset that publishes a region's results: the office's own latest, else the latest import's that covers it. */
function publishingDataset(imports: readonly ImportSpan[], officeId: string, area: string): string | null {
  const withDataset = imports.filter((i) => i.datasetId);
  const own = withDataset.filter((i) => i.organizationId === officeId);
  const covering = withDataset.filter((i) => i.regionCode === NATIONAL_CODE || area.startsWith(i.regionCode));
  return (own[own.length - 1] ?? covering[covering.length - 1] ?? withDataset[withDataset.length - 1])?.datasetId ?? null;
}

const earliest = (xs: Array<string | null | undefined>): string | null => xs.filter((x): x is string => !!x).sort()[0] ?? null;
const latest = (xs: Array<string | null | undefined>): string | null => xs.filter((x): x is string => !!x).sort().pop() ?? null;

/** Results coverage of every contest held in (part of) an office's region. */
export async function resultsCoverageOf(ctx: ActionContext, organization: Organization): Promise<ResultsCoverage[]> {
  const home = organization.regionCode;
  if (!home) return [];
  const { database } = ctx.services;
  const db = database.db;
  const out: ResultsCoverage[] = [];
  for (const c of await coverageContests(db)) {
    const area = overlap(home, c.regionCode ?? NATIONAL_CODE);
    if (!area) continue;
    const node = area === NATIONAL_CODE ? { code: NATIONAL_CODE, name: 'Indonesia' } : await regionOf(db, c.electionId, area);
    if (!node) continue; // the election's region tree does not reach this office
    // Forms, flags, recap rows and imports change only with an import, which bumps the contest's revision: their
    // aggregates are cached per revision (results-context.ts). Official figures are stored without a bump: read each time.
    const [{ expected, units, recap, imports }, official] = await Promise.all([
      cachedAnswer(database, c.electionId, c.contestId, `maturity-units:${area}`, async () => {
        const [expected, units, recap, imports] = await Promise.all([
          expectedUnits(db, c.electionId, area),
          publishedUnits(db, c.electionId, c.contestId, area),
          recapOf(db, c.electionId, c.contestId, area),
          importsTouching(db, c.electionId, c.contestId, area),
        ]);
        return { expected, units, recap, imports };
      }),
      officialFigures(db, c.electionId, c.contestId, area),
    ]);
    // The recapitulation's TPS count is the TPS list (it also counts listed TPS no file mentioned); below kecamatan
    // there is no recap row and the units are counted from the stored forms and flags (publishedUnits).
    const tps = { expected: recap?.tps.expected ?? units.tps.listed, published: recap?.tps.reported ?? units.tps.published };
    const hasTps = tps.published > 0;
    // Official figures (D.Hasil) publish their regions too: a kecamatan with official figures has public results.
    const desa = new Set(units.desa);
    const kecamatan = new Set(units.kecamatan);
    let finest = -1;
    for (const o of official.regions) {
      finest = Math.max(finest, OFFICIAL_ORDER.indexOf(o.level));
      if (o.level === 'desa_kelurahan') {
        desa.add(o.code);
        if (o.parentCode) kecamatan.add(o.parentCode);
      } else if (o.level === 'kecamatan') kecamatan.add(o.code);
    }
    const finestLevel: ResultsLevel | null = hasTps ? 'tps' : finest >= 0 ? OFFICIAL_LEVEL[OFFICIAL_ORDER[finest]!]! : null;
    // The forms' own timestamps (Sirekap's, when the file carries them) say when results first appeared publicly;
    // the scan is cached per contest revision (results-context.ts).
    const source = hasTps
      ? await cachedAnswer(database, c.electionId, c.contestId, `maturity-source-ts:${area}`, async () => {
          const { compiled } = await contestOf(database, c.electionId, c.contestId);
          return earliestSourceTimestamp(db, c.electionId, c.contestId, area, compiled.selections.length, c.electionDate);
        })
      : null;
    const portal = earliest([imports.find((i) => i.tpsNew > 0)?.created, official.firstAt]);
    const firstPublishedAt = finestLevel === null ? null : earliest([source, portal]);
    const datasetId = publishingDataset(imports, organization.id, area);
    const ref = datasetId ? (await datasetRefs(db, [datasetId])).get(datasetId) : undefined;
    out.push({
      election: c.electionId,
      contest: c.contestId,
      major: MAJOR_CONTESTS.has(c.kind as ContestKind),
      electionDate: c.electionDate,
      finestLevel,
      expected: { kecamatan: expected.kecamatan, desa: expected.desa, tps: tps.expected },
      published: { kecamatan: kecamatan.size, desa: desa.size, tps: tps.published },
      firstPublishedAt,
      lastUpdatedAt: latest([imports[imports.length - 1]?.created, official.lastAt]),
      // Spoiled ballots (surat suara rusak) are not among the figures a TPS form is stored with (ADMIN_FIELDS).
      fields: { registeredVoters: (recap?.admin.registered ?? 0) > 0, invalidVotes: (recap?.admin.invalid ?? 0) > 0, spoiledBallots: false },
      bulk: hasTps ? { available: true, level: 'tps', formats: [...BULK_FORMATS] } : { available: false, level: null, formats: [] },
      api: hasTps,
      datasetId: ref ? datasetId : null,
      region: { code: node.code, name: node.name },
      ...(firstPublishedAt ? { firstPublishedFrom: firstPublishedAt === source ? ('source' as const) : ('portal' as const) } : {}),
      ...(ref ? { dataset: { name: ref.name, organization: ref.organization, licenseId: ref.licenseId, public: ref.public } } : {}),
    });
  }
  return out;
}

/** Registers `resultsCoverageOf` as the maturity assessment's results evidence; called once at start-up. */
export function registerResultsCoverage(): void {
  registerMaturityHooks({ resultsCoverage: resultsCoverageOf });
}
