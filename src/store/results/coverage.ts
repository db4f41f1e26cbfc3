/**
 * How completely the results of each contest are published for a region: the store's side of the maturity
 * assessment's `ResultsCoverage` (src/maturity/evidence.ts), assembled by src/actions/results-coverage.ts.
 *
 * Every count is an aggregate over the results tables (schema-results.ts), in the same Kysely code for SQLite and
 * PostgreSQL. A region's subtree is the key range of its code (Kemendagri codes extend their parent's, bulk.ts
 * `subtree`); the national code `ID` covers everything.
 *
 * - Expected units: kecamatan and desa/kelurahan from the election's region tree (`results_regions`), TPS from the
 *   stored recapitulation, whose expected count is every TPS of the stored forms and of the election's TPS list
 *   (issue 3: coverage against the TPS list; listed TPS without a form carry a `missing_tps` flag, flags.ts).
 * - Published units: a TPS is published once any vote figure is entered — exactly the TPS not flagged `missing_tps`
 *   (src/results/checks/form-rules.ts); a desa or kecamatan once one of its TPS is.
 */
import { earliestSourceMs, votingDayFloor } from '../../results/source-time.js';
import type { Executor } from '../db.js';
import { NATIONAL_CODE } from '../../results/regions.js';
import { CODE_LENGTH } from '../../results/types.js';
import { subtree } from './bulk.js';
import { listOnlyCounts } from './flags.js';
import { tpsListVersion } from './tps-list.js';

export interface CoverageContest {
  electionId: string;
  electionTitle: string;
  /** Voting day, ISO date. */
  electionDate: string;
  contestId: string;
  kind: string;
  title: string;
  /** Region the contest is held in (a province for a governor, …); null = everywhere. */
  regionCode: string | null;
}

/** Every contest of every election, oldest election first. */
export async function coverageContests(db: Executor): Promise<CoverageContest[]> {
  const rows = await db
    .selectFrom('results_contests as c')
    .innerJoin('results_elections as e', 'e.id', 'c.election_id')
    .select(['e.id as election_id', 'e.title as election_title', 'e.date', 'c.id', 'c.kind', 'c.title', 'c.region_code'])
    .orderBy('e.date')
    .orderBy('e.id')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    electionId: r.election_id, electionTitle: r.election_title, electionDate: r.date, contestId: r.id, kind: r.kind, title: r.title, regionCode: r.region_code,
  }));
}

/** A region of an election's tree, or null when the election does not know it. */
export async function regionOf(db: Executor, electionId: string, code: string): Promise<{ code: string; name: string; level: string } | null> {
  const r = await db.selectFrom('results_regions').select(['code', 'name', 'level']).where('election_id', '=', electionId).where('code', '=', code).executeTakeFirst();
  return r ?? null;
}

/** `[lo, hi)` of a region's subtree, or null for the whole country. */
function range(region: string): [string, string] | null {
  return region === NATIONAL_CODE ? null : subtree(region);
}

/** Kecamatan and desa/kelurahan of the region tree within a region. */
export async function expectedUnits(db: Executor, electionId: string, region: string): Promise<{ kecamatan: number; desa: number }> {
  let q = db
    .selectFrom('results_regions')
    .select((eb) => ['level', eb.fn.countAll<number>().as('n')])
    .where('election_id', '=', electionId)
    .where('level', 'in', ['kecamatan', 'desa_kelurahan']);
  const r = range(region);
  if (r) q = q.where('code', '>=', r[0]).where('code', '<', r[1]);
  const rows = await q.groupBy('level').execute();
  const n = (level: string) => Number(rows.find((x) => x.level === level)?.n ?? 0);
  return { kecamatan: n('kecamatan'), desa: n('desa_kelurahan') };
}

export interface PublishedUnits {
  /** TPS expected — in the stored forms or on the election's TPS list — and those with a vote figure. */
  tps: { listed: number; published: number };
  /** Codes of the desa/kelurahan and kecamatan holding at least one published TPS. */
  desa: Set<string>;
  kecamatan: Set<string>;
}

/**
 * Published units of a contest within a region: TPS per holding region from `results_forms`, minus the TPS flagged
 * `missing_tps` there, rolled up to desa and kecamatan through the region tree's levels and parents.
 */
export async function publishedUnits(db: Executor, electionId: string, contestId: string, region: string): Promise<PublishedUnits> {
  const r = range(region);
  // Grouped from results_forms_units_idx alone. A region's level is the length of its code (types.ts CODE_LENGTH) and
  // its kecamatan the first 6 digits (Kemendagri codes extend their parent's, as `subtree` relies on): no join with
  // the region table, which cost ~0.2 s per national contest.
  let forms = db
    .selectFrom('results_forms')
    .select((eb) => ['region_code', eb.fn.sum<number>('tps_count').as('tps')])
    .where('election_id', '=', electionId)
    .where('contest_id', '=', contestId);
  if (r) forms = forms.where('region_code', '>=', r[0]).where('region_code', '<', r[1]);
  let missing = db
    .selectFrom('results_flags')
    .select((eb) => ['region_code', eb.fn.countAll<number>().as('n')])
    .where('election_id', '=', electionId)
    .where('contest_id', '=', contestId)
    .where('rule', '=', 'missing_tps');
  if (r) missing = missing.where('region_code', '>=', r[0]).where('region_code', '<', r[1]);
  const [held, unreported, listOnly] = await Promise.all([
    forms.groupBy('region_code').execute(),
    missing.groupBy('region_code').execute(),
    // Only an election with a TPS list has such flags (a national contest has ~100 thousand `missing_tps` to scan).
    tpsListVersion(db, electionId).then((v) => (v ? listOnlyCounts(db, electionId, contestId, { range: r }) : new Map<string, number>())),
  ]);
  // `missing_tps` also flags listed TPS that have no stored form: they are expected, and not among the forms.
  const missingBy = new Map(unreported.map((m) => [m.region_code, Number(m.n) - (listOnly.get(m.region_code) ?? 0)]));
  let listed = 0;
  for (const n of listOnly.values()) listed += n;
  let published = 0;
  const desa = new Set<string>();
  const kecamatan = new Set<string>();
  for (const h of held) {
    const tps = Number(h.tps);
    const reported = tps - (missingBy.get(h.region_code) ?? 0);
    listed += tps;
    published += reported;
    if (reported <= 0) continue;
    // TPS are held by their desa, or by the deepest known ancestor when the desa is not in the tree.
    const n = h.region_code.length;
    if (n === CODE_LENGTH.desa_kelurahan) {
      desa.add(h.region_code);
      kecamatan.add(h.region_code.slice(0, CODE_LENGTH.kecamatan));
    } else if (n === CODE_LENGTH.kecamatan) {
      kecamatan.add(h.region_code);
    }
  }
  return { tps: { listed, published }, desa, kecamatan };
}

export interface ImportSpan {
  id: string;
  seq: number;
  created: string;
  /** The lowest region holding every TPS of the import. */
  regionCode: string;
  organizationId: string | null;
  datasetId: string | null;
  tpsNew: number;
  tpsChanged: number;
}

/** The imports of a contest whose region overlaps `region` (lies inside it or contains it), oldest first. */
export async function importsTouching(db: Executor, electionId: string, contestId: string, region: string): Promise<ImportSpan[]> {
  const rows = await db
    .selectFrom('results_imports')
    .select(['id', 'seq', 'created', 'region_code', 'organization_id', 'dataset_id', 'tps_new', 'tps_changed'])
    .where('election_id', '=', electionId)
    .where('contest_id', '=', contestId)
    .orderBy('seq')
    .execute();
  const overlaps = (code: string) => region === NATIONAL_CODE || code === NATIONAL_CODE || code.startsWith(region) || region.startsWith(code);
  return rows
    .filter((x) => overlaps(x.region_code))
    .map((x) => ({
      id: x.id, seq: Number(x.seq), created: x.created, regionCode: x.region_code, organizationId: x.organization_id, datasetId: x.dataset_id,
      tpsNew: Number(x.tps_new), tpsChanged: Number(x.tps_changed),
    }));
}

export interface OfficialFigures {
  /** Regions within the region that have official figures, with their level and parent. */
  regions: Array<{ code: string; level: string; parentCode: string | null }>;
  /** When the first and the last of them were stored. */
  firstAt: string | null;
  lastAt: string | null;
}

/** Official recapitulation figures (D.Hasil, results.officialImport) within `region`. */
export async function officialFigures(db: Executor, electionId: string, contestId: string, region: string): Promise<OfficialFigures> {
  const r = range(region);
  let q = db
    .selectFrom('results_official as o')
    .innerJoin('results_regions as g', (j) => j.onRef('g.election_id', '=', 'o.election_id').onRef('g.code', '=', 'o.region_code'))
    .select(['o.region_code', 'g.level', 'g.parent_code', 'o.created'])
    .where('o.election_id', '=', electionId)
    .where('o.contest_id', '=', contestId);
  if (r) q = q.where('o.region_code', '>=', r[0]).where('o.region_code', '<', r[1]);
  const rows = await q.orderBy('o.region_code').execute();
  const times = rows.map((x) => x.created).sort();
  return {
    regions: rows.map((x) => ({ code: x.region_code, level: x.level, parentCode: x.parent_code })),
    firstAt: times[0] ?? null,
    lastAt: times[times.length - 1] ?? null,
  };
}

/**
 * The earliest source timestamp among the published TPS lines within a region — lines with at least one of the
 * `votes` vote columns filled — as an ISO instant; null when none. Rules in src/results/source-time.ts. Desa rows keep
 * their own earliest stamp (`first_source_ms`); rows stored before that column existed are scanned line by line.
 */
export async function earliestSourceTimestamp(db: Executor, electionId: string, contestId: string, region: string, votes: number, votingDay: string): Promise<string | null> {
  const r = range(region);
  const floor = votingDayFloor(votingDay);
  let stored = db
    .selectFrom('results_forms')
    .select((eb) => eb.fn.min<number | null>('first_source_ms').as('ms'))
    .where('election_id', '=', electionId)
    .where('contest_id', '=', contestId)
    .where('first_source_ms', '>=', floor);
  let legacy = db.selectFrom('results_forms').select('data').where('election_id', '=', electionId).where('contest_id', '=', contestId).where('first_source_ms', 'is', null);
  if (r) {
    stored = stored.where('region_code', '>=', r[0]).where('region_code', '<', r[1]);
    legacy = legacy.where('region_code', '>=', r[0]).where('region_code', '<', r[1]);
  }
  const [min, old] = await Promise.all([stored.executeTakeFirst(), legacy.execute()]);
  let best = min?.ms === null || min?.ms === undefined ? Infinity : Number(min.ms);
  for (const row of old) {
    const ms = earliestSourceMs(row.data as string | Uint8Array, votes, floor);
    if (ms >= 0 && ms < best) best = ms;
  }
  return best === Infinity ? null : new Date(best).toISOString();
}

export interface DatasetRef {
  id: string;
  name: string;
  organization: string;
  licenseId: string | null;
  /** Active and not private. */
  public: boolean;
}

/** Catalogue datasets by id, with the name of the organisation that publishes each. */
export async function datasetRefs(db: Executor, ids: readonly string[]): Promise<Map<string, DatasetRef>> {
  const out = new Map<string, DatasetRef>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('datasets as d')
    .innerJoin('organizations as o', 'o.id', 'd.organization_id')
    .select(['d.id', 'd.name', 'o.name as org', 'd.license_id', 'd.state', 'd.private'])
    .where('d.id', 'in', [...new Set(ids)])
    .execute();
  for (const r of rows) out.set(r.id, { id: r.id, name: r.name, organization: r.org, licenseId: r.license_id, public: r.state === 'active' && Number(r.private) === 0 });
  return out;
}
