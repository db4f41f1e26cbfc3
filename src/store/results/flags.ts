/** Flags: one row per TPS and broken rule, with the numbers involved (a check flags, it never rejects). */
import type { Database, Executor, Tx } from '../db.js';
import { bulkInsert, FLAGS, subtree } from './bulk.js';

export interface FlagRow {
  tps: string;
  rule: string;
  regionCode: string;
  numbers: Record<string, unknown>;
}

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
