/**
 * Opens the catalogue database: SQLite (embedded default, better-sqlite3) or PostgreSQL (production, pg), both behind
 * Kysely so that query code and migrations are shared. Dialect-specific code (full-text search, bulk loads) asks
 * `database.dialect` and keeps both branches side by side.
 *
 * @example
 *   const database = await openDatabase('sqlite:./data/kotak.db');
 *   await migrate(database);
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import type { DB } from './schema.js';
import { WalCheckpointer } from './wal-checkpoint.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  /** The raw drivers, for the few bulk paths that bypass Kysely's per-query compilation. */
  readonly sqlite?: SQLite.Database;
  readonly pool?: pg.Pool;
  /**
   * Runs a large write with SQLite's automatic WAL checkpoint moved to a worker thread afterwards (wal-checkpoint.ts);
   * on PostgreSQL it just runs `fn`.
   */
  deferCheckpoints<T>(fn: () => Promise<T>): Promise<T>;
  /** Resolves once a deferred checkpoint has run (SQLite), at once otherwise. */
  checkpointsIdle(): Promise<unknown>;
  close(): Promise<void>;
}

export type Tx = Transaction<DB>;
/** Either the database or an open transaction: store functions accept both so callers decide the transaction. */
export type Executor = Kysely<DB> | Tx;

// PostgreSQL returns int8 (COUNT, SUM over integers) as strings; every count we keep fits in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export async function openDatabase(url: string): Promise<Database> {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const sqlite = new SQLite(file);
    // A new database gets 16 KiB pages (an existing one keeps its own: the size is fixed once written). A national
    // results import writes ~100 MB of desa rows; with 4 KiB pages that took ~0.7 s in SQLite alone, with 16 KiB ~0.5 s
    // (bench/results.ts), and reads of a desa row touch one page instead of several.
    sqlite.pragma('page_size = 16384');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    const checkpointer = new WalCheckpointer(sqlite, file);
    return {
      db,
      dialect: 'sqlite',
      sqlite,
      deferCheckpoints: (fn) => checkpointer.deferred(fn),
      checkpointsIdle: () => checkpointer.idle(),
      async close() {
        await checkpointer.close();
        await db.destroy();
      },
    };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle pooled connection that the server closes (restart, failover, DROP DATABASE … WITH (FORCE)) emits an
    // error on the pool; without a listener Node would crash the process. The pool replaces the client on next use.
    pool.on('error', (e: Error & { code?: string }) => {
      if (e.code !== '57P01') console.warn(`PostgreSQL connection lost: ${e.message}`);
    });
    try {
      const c = await pool.connect();
      c.release();
    } catch (e) {
      await pool.end().catch(() => {});
      throw new Error(`Cannot connect to PostgreSQL at ${redact(url)}: ${(e as Error).message}`);
    }
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      pool,
      deferCheckpoints: (fn) => fn(),
      checkpointsIdle: () => Promise.resolve(),
      async close() {
        await db.destroy();
      },
    };
  }
  throw new Error(`Unsupported database URL ${redact(url)} (expected sqlite:PATH or postgres://…)`);
}

/** Hides a password in a database URL before it is printed. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
