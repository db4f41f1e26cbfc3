/** Stored recapitulation: one row per contest and region (totals, coverage, flag counts), replaced by each import. */
import type { Database, Executor, Tx } from '../db.js';
import { bulkInsert, RECAP } from './bulk.js';
import type { RegionTotals } from '../../results/recap.js';
import type { TreeLevel } from '../../results/regions.js';
import type { ResultsRecapTable } from '../schema-results.js';

export async function replaceRecap(trx: Tx, database: Database, electionId: string, contestId: string, totals: RegionTotals[]): Promise<void> {
  await trx.deleteFrom('results_recap').where('election_id', '=', electionId).where('contest_id', '=', contestId).execute();
  await bulkInsert(
    trx,
    database,
    RECAP,
    totals.map((t) => [
      electionId, contestId, t.code, t.parentCode, t.level, t.name, t.tps.expected, t.tps.reported, t.tps.complete,
      JSON.stringify(t.admin), JSON.stringify(t.votes), JSON.stringify(t.flags),
    ]),
  );
}

function totalsOf(r: ResultsRecapTable): RegionTotals {
  const expected = Number(r.expected);
  const reported = Number(r.reported);
  return {
    code: r.region_code,
    name: r.name,
    level: r.level as TreeLevel,
    parentCode: r.parent_code,
    tps: { expected, reported, complete: Number(r.complete) },
    coverage: expected > 0 ? reported / expected : null,
    admin: JSON.parse(r.admin),
    votes: JSON.parse(r.votes),
    flags: JSON.parse(r.flags),
  };
}

export async function recapOf(db: Executor, electionId: string, contestId: string, code: string): Promise<RegionTotals | null> {
  const r = await db.selectFrom('results_recap').selectAll().where('election_id', '=', electionId).where('contest_id', '=', contestId).where('region_code', '=', code).executeTakeFirst();
  return r ? totalsOf(r) : null;
}

export async function recapChildren(db: Executor, electionId: string, contestId: string, code: string): Promise<RegionTotals[]> {
  const rows = await db.selectFrom('results_recap').selectAll().where('election_id', '=', electionId).where('contest_id', '=', contestId).where('parent_code', '=', code).orderBy('region_code').execute();
  return rows.map(totalsOf);
}

/** Every region of one level inside `code` (prefix match on Kemendagri codes; `ID` = all). */
export async function recapAtLevel(db: Executor, electionId: string, contestId: string, code: string, level: TreeLevel): Promise<RegionTotals[]> {
  let q = db.selectFrom('results_recap').selectAll().where('election_id', '=', electionId).where('contest_id', '=', contestId).where('level', '=', level);
  if (code !== 'ID') q = q.where('region_code', 'like', `${code}%`);
  return (await q.orderBy('region_code').execute()).map(totalsOf);
}

export async function allRecap(db: Executor, electionId: string, contestId: string): Promise<Map<string, RegionTotals>> {
  const rows = await db.selectFrom('results_recap').selectAll().where('election_id', '=', electionId).where('contest_id', '=', contestId).execute();
  return new Map(rows.map((r) => [r.region_code, totalsOf(r)]));
}
