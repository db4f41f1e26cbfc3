/**
 * TPS figures, one row per contest and desa (schema-results.ts), their superseded versions, and import
 * records.
 */
import { earliestSourceMs, votingDayFloor } from '../../results/source-time.js';
import type { Database, Executor, Tx } from '../db.js';
import { bulkInsert, FORMS, HISTORY, subtree } from './bulk.js';
import type { DesaState } from '../../results/merge.js';

export type DesaRow = DesaState;

function rowToDesa(r: { desa_code: string; region_code: string; tps_count: number; data: string | Uint8Array; meta: string }): DesaRow {
  // SQLite may hold `data` as a BLOB (a first import binds the bytes it wrote); readers get text either way.
  const data = typeof r.data === 'string' ? r.data : Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength).toString('utf8');
  return { desaCode: r.desa_code, regionCode: r.region_code, count: Number(r.tps_count), data, meta: r.meta };
}

export async function hasForms(db: Executor, electionId: string, contestId: string): Promise<boolean> {
  const r = await db.selectFrom('results_forms').select('desa_code').where('election_id', '=', electionId).where('contest_id', '=', contestId).limit(1).executeTakeFirst();
  return r !== undefined;
}

/**
 * Desa rows by desa code — all of the contest when `keys` is omitted, else those of the given desa with the region
 * that holds each (the key starts with the region).
 */
export async function loadDesaRows(db: Executor, electionId: string, contestId: string, keys?: { desaCode: string; regionCode: string }[]): Promise<Map<string, DesaRow>> {
  const out = new Map<string, DesaRow>();
  const base = () => db.selectFrom('results_forms').select(['desa_code', 'region_code', 'tps_count', 'data', 'meta']).where('election_id', '=', electionId).where('contest_id', '=', contestId);
  if (!keys) {
    for (const r of await base().execute()) out.set(r.desa_code, rowToDesa(r));
    return out;
  }
  for (let i = 0; i < keys.length; i += 500) {
    const part = keys.slice(i, i + 500);
    const rows = await base()
      .where('region_code', 'in', [...new Set(part.map((k) => k.regionCode))])
      .where('desa_code', 'in', part.map((k) => k.desaCode))
      .execute();
    for (const r of rows) out.set(r.desa_code, rowToDesa(r));
  }
  return out;
}

/** Desa rows whose region lies in `regionCode` (its subtree; `ID` = all), in desa order. */
export async function desaRowsIn(db: Executor, electionId: string, contestId: string, regionCode: string): Promise<DesaRow[]> {
  let q = db.selectFrom('results_forms').select(['desa_code', 'region_code', 'tps_count', 'data', 'meta']).where('election_id', '=', electionId).where('contest_id', '=', contestId);
  if (regionCode !== 'ID') {
    const [lo, hi] = subtree(regionCode);
    q = q.where('region_code', '>=', lo).where('region_code', '<', hi);
  }
  return (await q.execute()).map(rowToDesa).sort((a, b) => (a.desaCode < b.desaCode ? -1 : a.desaCode > b.desaCode ? 1 : 0));
}

/** The desa row holding a TPS, given the region that holds it (RegionTree.placeTps). */
export async function desaRowOfTps(db: Executor, electionId: string, contestId: string, tps: string, regionCode: string): Promise<DesaRow | null> {
  const r = await db
    .selectFrom('results_forms')
    .select(['desa_code', 'region_code', 'tps_count', 'data', 'meta'])
    .where('election_id', '=', electionId)
    .where('contest_id', '=', contestId)
    .where('region_code', '=', regionCode)
    .where('desa_code', '=', tps.slice(0, 10))
    .executeTakeFirst();
  return r ? rowToDesa(r) : null;
}

/**
 * Replaces the given desa rows, each with its earliest source time (src/results/source-time.ts): `source` gives the
 * contest's number of vote columns and the election's voting day.
 */
export async function writeDesaRows(
  trx: Tx,
  database: Database,
  electionId: string,
  contestId: string,
  rows: DesaRow[],
  replacing: boolean,
  source: { votes: number; votingDay: string },
  /** each row's earliest source time when already read (the import's worker thread), else read here */
  firstSourceMs?: ArrayLike<number> | null,
): Promise<void> {
  if (replacing) {
    for (let i = 0; i < rows.length; i += 500) {
      const part = rows.slice(i, i + 500);
      await trx
        .deleteFrom('results_forms')
        .where('election_id', '=', electionId)
        .where('contest_id', '=', contestId)
        .where('region_code', 'in', [...new Set(part.map((r) => r.regionCode))])
        .where('desa_code', 'in', part.map((r) => r.desaCode))
        .execute();
    }
  }
  const floor = votingDayFloor(source.votingDay);
  await bulkInsert(
    trx,
    database,
    FORMS,
    rows.map((r, i) => {
      const first = firstSourceMs ? firstSourceMs[i]! : earliestSourceMs(r.data, source.votes, floor);
      return [electionId, contestId, r.desaCode, r.regionCode, r.count, r.data, r.meta, first];
    }),
  );
}

export interface HistoryRow {
  tps: string;
  version: number;
  line: string;
  importId: string;
  replacedBy: string;
  replacedAt: string;
}

export async function insertHistory(trx: Tx, database: Database, electionId: string, contestId: string, rows: HistoryRow[]): Promise<void> {
  await bulkInsert(trx, database, HISTORY, rows.map((h) => [electionId, contestId, h.tps, h.version, h.line, h.importId, h.replacedBy, h.replacedAt]));
}

/** The history rows of a contest, to narrow further. */
function history(db: Executor, electionId: string, contestId: string) {
  return db.selectFrom('results_form_history').selectAll().where('election_id', '=', electionId).where('contest_id', '=', contestId);
}

function historyRow(r: { tps_code: string; version: number; line: string; import_id: string; replaced_by: string; replaced_at: string }): HistoryRow {
  return { tps: r.tps_code, version: r.version, line: r.line, importId: r.import_id, replacedBy: r.replaced_by, replacedAt: r.replaced_at };
}

export async function historyOfTps(db: Executor, electionId: string, contestId: string, tps: string): Promise<HistoryRow[]> {
  return (await history(db, electionId, contestId).where('tps_code', '=', tps).orderBy('version').execute()).map(historyRow);
}

/** The superseded lines an import had set (their figures before a later import corrected them). */
export async function historyOfImport(db: Executor, electionId: string, contestId: string, importId: string): Promise<HistoryRow[]> {
  return (await history(db, electionId, contestId).where('import_id', '=', importId).execute()).map(historyRow);
}

/** The superseded lines an import had set in one desa (TPS codes starting with its 10 digits). */
export async function historyOfImportInDesa(db: Executor, electionId: string, contestId: string, importId: string, desa: string): Promise<HistoryRow[]> {
  return (await history(db, electionId, contestId).where('import_id', '=', importId).where('tps_code', 'like', `${desa}%`).execute()).map(historyRow);
}

/** Every superseded line of a contest. */
export async function historyOfContest(db: Executor, electionId: string, contestId: string): Promise<HistoryRow[]> {
  return (await history(db, electionId, contestId).execute()).map(historyRow);
}

/** Desa rows held exactly by each of the given regions (a Kemendagri desa may gather rows of two KPU codes). */
export async function desaRowsOfRegions(db: Executor, electionId: string, contestId: string, regions: string[]): Promise<Map<string, DesaRow[]>> {
  const out = new Map<string, DesaRow[]>();
  for (let i = 0; i < regions.length; i += 500) {
    const rows = await db
      .selectFrom('results_forms')
      .select(['desa_code', 'region_code', 'tps_count', 'data', 'meta'])
      .where('election_id', '=', electionId)
      .where('contest_id', '=', contestId)
      .where('region_code', 'in', regions.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      let l = out.get(r.region_code);
      if (!l) out.set(r.region_code, (l = []));
      l.push(rowToDesa(r));
    }
  }
  return out;
}
