/** Flags: one row per TPS and broken rule, with the numbers involved (a check flags, it never rejects). */
import type { Database, Executor, Tx } from '../db.js';
import { bulkInsert, FLAGS, subtree } from './bulk.js';

export interface FlagRow {
  tps: string;
  rule: string;
  regionCode: string;
  numbers: Record<string, unknown>;
}

/**
 * The numbers of the `missing_tps` flag of a TPS on the election's TPS list that no file mentions (it has no stored
 * form). Their JSON text starts with `LIST_ONLY_PREFIX`, which is how totals and coverage tell these TPS from forms
 * without figures without reading the list again (`listOnlyCounts`).
 */
export const LIST_ONLY_NUMBERS = { formulir: 0, di_daftar_tps: 1 } as const;
const LIST_ONLY_PREFIX = '{"formulir":0,';

export async function deleteFlagsOf(trx: Tx, electionId: string, contestId: string, tps: string[] | 'all'): Promise<void> {
  const base = () => trx.deleteFrom('results_flags').where('election_id', '=', electionId).where('contest_id', '=', contestId);
  if (tps === 'all') {
    await base().execute();
    return;
  }
  for (let i = 0; i < tps.length; i += 500) await base().where('tps_code', 'in', tps.slice(i, i + 500)).execute();
}

export async function insertFlags(trx: Tx, database: Database, electionId: string, contestId: string, rows: FlagRow[]): Promise<void> {
  await bulkInsert(trx, database, FLAGS, rows.map((f) => [electionId, contestId, f.tps, f.rule, f.regionCode, JSON.stringify(f.numbers)]));
}

export interface FlagQuery {
  rule?: string;
  /** Kemendagri code; flags of TPS held in this region or below. */
  region?: string;
  limit: number;
  offset: number;
}

export async function listFlags(db: Executor, electionId: string, contestId: string, q: FlagQuery): Promise<{ total: number; rows: FlagRow[] }> {
  let base = db.selectFrom('results_flags').where('election_id', '=', electionId).where('contest_id', '=', contestId);
  if (q.rule) base = base.where('rule', '=', q.rule);
  if (q.region && q.region !== 'ID') {
    const [lo, hi] = subtree(q.region);
    base = base.where('region_code', '>=', lo).where('region_code', '<', hi);
  }
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await base.selectAll().orderBy('region_code').orderBy('tps_code').orderBy('rule').limit(q.limit).offset(q.offset).execute();
  return { total, rows: rows.map((r) => ({ tps: r.tps_code, rule: r.rule, regionCode: r.region_code, numbers: JSON.parse(r.numbers) })) };
}

export async function flagsOfTps(db: Executor, electionId: string, contestId: string, tps: string, regionCode: string): Promise<FlagRow[]> {
  const rows = await db
    .selectFrom('results_flags')
    .selectAll()
    .where('election_id', '=', electionId)
    .where('contest_id', '=', contestId)
    .where('region_code', '=', regionCode)
    .where('tps_code', '=', tps)
    .orderBy('rule')
    .execute();
  return rows.map((r) => ({ tps: r.tps_code, rule: r.rule, regionCode: r.region_code, numbers: JSON.parse(r.numbers) }));
}

/** Flag counts per rule for TPS held exactly by each of the given regions. */
export async function flagCountsByRegion(db: Executor, electionId: string, contestId: string, regions: string[]): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  for (let i = 0; i < regions.length; i += 500) {
    const rows = await db
      .selectFrom('results_flags')
      .select((eb) => ['region_code', 'rule', eb.fn.countAll<number>().as('n')])
      .where('election_id', '=', electionId)
      .where('contest_id', '=', contestId)
      .where('region_code', 'in', regions.slice(i, i + 500))
      .groupBy(['region_code', 'rule'])
      .execute();
    for (const r of rows) {
      let m = out.get(r.region_code);
      if (!m) out.set(r.region_code, (m = {}));
      m[r.rule] = Number(r.n);
    }
  }
  return out;
}

/** Listed TPS without a stored form (`LIST_ONLY_NUMBERS`) held by each region: exactly the given regions, or — with `range` — every region in `[lo, hi)`. */
export async function listOnlyCounts(db: Executor, electionId: string, contestId: string, where: { regions: string[] } | { range: [string, string] | null }): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const base = () =>
    db
      .selectFrom('results_flags')
      .select((eb) => ['region_code', eb.fn.countAll<number>().as('n')])
      .where('election_id', '=', electionId)
      .where('contest_id', '=', contestId)
      .where('rule', '=', 'missing_tps')
      .where('numbers', 'like', `${LIST_ONLY_PREFIX}%`);
  const add = (rows: { region_code: string; n: number | string }[]) => {
    for (const r of rows) out.set(r.region_code, Number(r.n));
  };
  if ('regions' in where) {
    for (let i = 0; i < where.regions.length; i += 500) add(await base().where('region_code', 'in', where.regions.slice(i, i + 500)).groupBy('region_code').execute());
  } else {
    let q = base();
    if (where.range) q = q.where('region_code', '>=', where.range[0]).where('region_code', '<', where.range[1]);
    add(await q.groupBy('region_code').execute());
  }
  return out;
}
