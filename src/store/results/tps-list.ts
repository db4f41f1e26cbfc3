/**
 * The election's TPS list (schema-results.ts `results_tps`, `results_tps_lists`): replaced region by region by list
 * imports, read by region subtree.
 */
import type { Database, Executor, Tx } from '../db.js';
import { NATIONAL_CODE } from '../../results/regions.js';
import { bulkInsert, subtree, TPS_LIST } from './bulk.js';
import type { ResultsTpsListsTable } from '../schema-results.js';

export interface TpsListRow {
  tps: string;
  /** Kemendagri desa holding the TPS. */
  region: string;
  registered: number | null;
}

const rowOf = (r: { tps_code: string; region_code: string; registered: number | null }): TpsListRow => ({
  tps: r.tps_code,
  region: r.region_code,
  registered: r.registered === null ? null : Number(r.registered),
});

/** The election's list rows within a region's subtree (`ID` or null: all of them), as a query to finish. */
function listWithin(db: Executor, electionId: string, region: string | null) {
  let q = db.selectFrom('results_tps').where('election_id', '=', electionId);
  if (region && region !== NATIONAL_CODE) {
    const [lo, hi] = subtree(region);
    q = q.where('region_code', '>=', lo).where('region_code', '<', hi);
  }
  return q;
}

/** The rows of the list within a region (`ID` or null: the whole election), by region and TPS code. */
export async function tpsListIn(db: Executor, electionId: string, region: string | null): Promise<TpsListRow[]> {
  const rows = await listWithin(db, electionId, region).select(['tps_code', 'region_code', 'registered']).orderBy('region_code').orderBy('tps_code').execute();
  return rows.map(rowOf);
}

/** Listed TPS held by each of the given regions (desa), by region. */
export async function tpsListOfRegions(db: Executor, electionId: string, regions: string[]): Promise<Map<string, TpsListRow[]>> {
  const out = new Map<string, TpsListRow[]>();
  for (let i = 0; i < regions.length; i += 500) {
    const rows = await db
      .selectFrom('results_tps')
      .select(['tps_code', 'region_code', 'registered'])
      .where('election_id', '=', electionId)
      .where('region_code', 'in', regions.slice(i, i + 500))
      .orderBy('region_code')
      .orderBy('tps_code')
      .execute();
    for (const r of rows) {
      let l = out.get(r.region_code);
      if (!l) out.set(r.region_code, (l = []));
      l.push(rowOf(r));
    }
  }
  return out;
}

/** Number of listed TPS and their registered voters within a region (`with_registered`: rows that give a number). */
export async function tpsListTotals(db: Executor, electionId: string, region: string): Promise<{ tps: number; registered: number; withRegistered: number }> {
  const r = await listWithin(db, electionId, region)
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number | null>('registered').as('r'), eb.fn.count<number>('registered').as('w')])
    .executeTakeFirst();
  return { tps: Number(r?.n ?? 0), registered: Number(r?.r ?? 0), withRegistered: Number(r?.w ?? 0) };
}

/** A page of the list within a region. */
export async function tpsListPage(db: Executor, electionId: string, region: string, limit: number, offset: number): Promise<TpsListRow[]> {
  const rows = await listWithin(db, electionId, region).select(['tps_code', 'region_code', 'registered']).orderBy('region_code').orderBy('tps_code').limit(limit).offset(offset).execute();
  return rows.map(rowOf);
}

/** Replaces the list of a region's subtree with `rows` (all within it). */
export async function replaceTpsList(trx: Tx, database: Database, electionId: string, region: string, listId: string, rows: readonly TpsListRow[]): Promise<void> {
  let del = trx.deleteFrom('results_tps').where('election_id', '=', electionId);
  if (region !== NATIONAL_CODE) {
    const [lo, hi] = subtree(region);
    del = del.where('region_code', '>=', lo).where('region_code', '<', hi);
  }
  await del.execute();
  await bulkInsert(trx, database, TPS_LIST, rows.map((r) => [electionId, r.region, r.tps, r.registered, listId]));
}

/**
 * The regions whose list is in effect: the list imports replayed in log order — each replaces the lists within its
 * region; a removal (an import of no TPS, results.tpsListRemove) leaves none there.
 */
export async function tpsListRegions(db: Executor, electionId: string): Promise<string[]> {
  const rows = await db.selectFrom('results_tps_lists').select(['region_code', 'tps']).where('election_id', '=', electionId).orderBy('log_index').orderBy('created').execute();
  let regions: string[] = [];
  for (const r of rows) {
    regions = regions.filter((x) => !within(x, r.region_code));
    if (Number(r.tps) > 0) regions.push(r.region_code);
  }
  return regions.sort();
}

/** Whether region `code` lies in `region`'s subtree (Kemendagri codes extend their parent's). */
export function within(code: string, region: string): boolean {
  return region === NATIONAL_CODE || code.startsWith(region);
}

/**
 * How many list imports the election has had (each adds a row, none is deleted): a results import reads the list
 * before its transaction and compares this number inside it, so a list replaced meanwhile is not missed.
 */
export async function tpsListVersion(db: Executor, electionId: string): Promise<number> {
  const r = await db.selectFrom('results_tps_lists').select((eb) => eb.fn.countAll<number>().as('n')).where('election_id', '=', electionId).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export type TpsListImport = ResultsTpsListsTable;

export async function insertTpsListImport(trx: Tx, row: TpsListImport): Promise<void> {
  await trx.insertInto('results_tps_lists').values(row).execute();
}

export async function tpsListImports(db: Executor, electionId: string): Promise<TpsListImport[]> {
  const rows = await db.selectFrom('results_tps_lists').selectAll().where('election_id', '=', electionId).orderBy('created').orderBy('id').execute();
  return rows.map((r) => ({ ...r, size: Number(r.size), tps: Number(r.tps), registered: r.registered === null ? null : Number(r.registered), log_index: r.log_index === null ? null : Number(r.log_index) }));
}
