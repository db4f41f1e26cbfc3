/**
 * Bulk inserts for the results tables, inside the caller's transaction. A national import writes ~84 thousand desa
 * rows and ~92 thousand recap rows; through Kysely, one compiled statement per row costs more than the whole parse.
 * SQLite: one multi-row prepared statement on the same better-sqlite3 connection Kysely's transaction uses (there is
 * one connection, so the statement runs inside that transaction). PostgreSQL: `INSERT … SELECT FROM unnest(…)` with one
 * array parameter per column, thousands of rows per statement, on the transaction's connection.
 */
import { sql } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { Database, Tx } from '../db.js';

export type ColumnType = 'text' | 'integer' | 'bigint';

export interface BulkTable {
  table: string;
  columns: readonly string[];
  types: readonly ColumnType[];
}

const SQLITE_ROWS = 64;
const PG_ROWS = 5000;
const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

function sqliteStatement(db: SQLite.Database, t: BulkTable, rows: number): SQLite.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  const key = `${t.table}|${rows}`;
  let st = cache.get(key);
  if (!st) {
    const one = `(${t.columns.map(() => '?').join(',')})`;
    st = db.prepare(`INSERT INTO ${t.table} (${t.columns.join(',')}) VALUES ${new Array(rows).fill(one).join(',')}`);
    cache.set(key, st);
  }
  return st;
}

/**
 * Inserts rows (arrays in column order).
 *
 * @example
 *   await bulkInsert(trx, database, FORMS, rows);
 */
export async function bulkInsert(trx: Tx, database: Database, t: BulkTable, rows: readonly unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  if (database.dialect === 'sqlite') {
    const db = database.sqlite!;
    const width = t.columns.length;
    const full = sqliteStatement(db, t, SQLITE_ROWS);
    const flat = new Array<unknown>(SQLITE_ROWS * width);
    let i = 0;
    for (; i + SQLITE_ROWS <= rows.length; i += SQLITE_ROWS) {
      let k = 0;
      for (let r = i; r < i + SQLITE_ROWS; r++) {
        const row = rows[r]!;
        for (let c = 0; c < width; c++) flat[k++] = row[c];
      }
      full.run(flat);
    }
    if (i < rows.length) {
      const rest = rows.slice(i);
      sqliteStatement(db, t, rest.length).run(rest.flat());
    }
    return;
  }
  for (let i = 0; i < rows.length; i += PG_ROWS) {
    const part = rows.slice(i, i + PG_ROWS);
    // Text columns may be given as UTF-8 bytes (see DesaState.data); PostgreSQL text wants strings.
    const arrays = t.columns.map((_, c) => part.map((r) => (Buffer.isBuffer(r[c]) ? (r[c] as Buffer).toString('utf8') : (r[c] ?? null))));
    const unnest = sql.join(arrays.map((a, c) => sql`${a}::${sql.raw(t.types[c]!)}[]`));
    await sql`INSERT INTO ${sql.table(t.table)} (${sql.join(t.columns.map((c) => sql.ref(c)))}) SELECT * FROM unnest(${unnest})`.execute(trx);
  }
}

export const FORMS: BulkTable = {
  table: 'results_forms',
  columns: ['election_id', 'contest_id', 'desa_code', 'region_code', 'tps_count', 'data', 'meta', 'first_source_ms'],
  types: ['text', 'text', 'text', 'text', 'integer', 'text', 'text', 'bigint'],
};

export const RECAP: BulkTable = {
  table: 'results_recap',
  columns: ['election_id', 'contest_id', 'region_code', 'data'],
  types: ['text', 'text', 'text', 'text'],
};

export const FLAGS: BulkTable = {
  table: 'results_flags',
  columns: ['election_id', 'contest_id', 'tps_code', 'rule', 'region_code', 'numbers'],
  types: ['text', 'text', 'text', 'text', 'text', 'text'],
};

export const REGIONS: BulkTable = {
  table: 'results_regions',
  columns: ['election_id', 'code', 'parent_code', 'level', 'name', 'aliases'],
  types: ['text', 'text', 'text', 'text', 'text', 'text'],
};

export const HISTORY: BulkTable = {
  table: 'results_form_history',
  columns: ['election_id', 'contest_id', 'tps_code', 'version', 'line', 'import_id', 'replaced_by', 'replaced_at'],
  types: ['text', 'text', 'text', 'integer', 'text', 'text', 'text', 'text'],
};

/** The key range of a region's subtree: Kemendagri codes are digit strings that extend their parent's code. */
export function subtree(region: string): [string, string] {
  return [region, `${region}:`];
}

export const TPS_LIST: BulkTable = {
  table: 'results_tps',
  columns: ['election_id', 'region_code', 'tps_code', 'registered', 'list_id'],
  types: ['text', 'text', 'text', 'integer', 'text'],
};
