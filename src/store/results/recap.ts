/**
 * Stored recapitulation: one row per contest and region (totals, coverage, flag counts as one JSON value, see
 * schema-results.ts), replaced by each import. Children and levels come from the region tree, so rows are read by key.
 */
import type { Database, Executor, Tx } from '../db.js';
import { bulkInsert, RECAP } from './bulk.js';
import { parseRecapRow, type RecapRow, type RegionTotals } from '../../results/recap.js';

export async function replaceRecap(trx: Tx, database: Database, electionId: string, contestId: string, rows: RecapRow[]): Promise<void> {
  await trx.deleteFrom('results_recap').where('election_id', '=', electionId).where('contest_id', '=', contestId).execute();
  await bulkInsert(trx, database, RECAP, rows.map((r) => [electionId, contestId, r.code, r.json]));
}

export async function recapOf(db: Executor, electionId: string, contestId: string, code: string): Promise<RegionTotals | null> {
  const r = await db.selectFrom('results_recap').select(['region_code', 'data']).where('election_id', '=', electionId).where('contest_id', '=', contestId).where('region_code', '=', code).executeTakeFirst();
  return r ? parseRecapRow(r.region_code, r.data) : null;
}

/** Rows of the given regions, by code (absent = no row). */
export async function recapOfCodes(db: Executor, electionId: string, contestId: string, codes: string[]): Promise<Map<string, RegionTotals>> {
  const out = new Map<string, RegionTotals>();
  for (let i = 0; i < codes.length; i += 500) {
    const rows = await db
      .selectFrom('results_recap')
      .select(['region_code', 'data'])
      .where('election_id', '=', electionId)
      .where('contest_id', '=', contestId)
      .where('region_code', 'in', codes.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.region_code, parseRecapRow(r.region_code, r.data));
  }
  return out;
}

export async function allRecap(db: Executor, electionId: string, contestId: string): Promise<Map<string, RegionTotals>> {
  const rows = await db.selectFrom('results_recap').select(['region_code', 'data']).where('election_id', '=', electionId).where('contest_id', '=', contestId).execute();
  return new Map(rows.map((r) => [r.region_code, parseRecapRow(r.region_code, r.data)]));
}
