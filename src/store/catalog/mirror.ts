/**
 * A per-process, in-memory mirror of the datasets, kept exact by the catalogue version counter: before each read it
 * asks the database for `catalog_state.version` (one indexed row) and loads only the datasets written since
 * (`datasets.revision > known`). So a write by this process or by another process sharing the PostgreSQL database is
 * seen by the very next read. Serves dataset.show and, with the memory search engine, dataset.search.
 */
import type { Dataset } from '../../catalog/types.js';
import { SearchIndex } from '../../catalog/search-index.js';
import type { Database } from '../db.js';
import { getDatasetsByIds } from './datasets.js';

export class CatalogMirror {
  readonly index = new SearchIndex();
  private version = -1;
  private memo = new Map<string, unknown>();

  /**
   * A value derived from the catalogue (e.g. facet display names), recomputed when the catalogue version changes.
   * Call after sync(): it answers for the version the mirror has.
   */
  async derived<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (!this.memo.has(key)) this.memo.set(key, await compute());
    return this.memo.get(key) as T;
  }
  private syncing: Promise<void> | null = null;

  constructor(private readonly database: Database) {}

  /** The catalogue version in the database now. */
  databaseVersion(): Promise<number> {
    return this.currentVersion();
  }

  /** The catalogue version: a prepared statement on SQLite (microseconds), a Kysely query on PostgreSQL. */
  private async currentVersion(): Promise<number> {
    const sqlite = this.database.sqlite;
    // Never read past Kysely's connection lock while a write transaction is open on the one SQLite connection: it
    // would see uncommitted rows. Then the query below waits for the transaction like every other query.
    if (sqlite && !sqlite.inTransaction) {
      this.versionStmt ??= sqlite.prepare('SELECT version FROM catalog_state WHERE id = 1').pluck();
      return Number(this.versionStmt.get() ?? 0);
    }
    const row = await this.database.db.selectFrom('catalog_state').select('version').where('id', '=', 1).executeTakeFirst();
    return Number(row?.version ?? 0);
  }
  private versionStmt: { get(): unknown } | null = null;

  async sync(): Promise<SearchIndex> {
    const db = this.database.db;
    const v = await this.currentVersion();
    if (v === this.version) return this.index;
    if (!this.syncing) {
      this.syncing = (async () => {
        try {
          const from = this.version;
          const ids = await db.selectFrom('datasets').select('id').where('revision', '>', from).execute();
          for (let i = 0; i < ids.length; i += 500) {
            const batch: Dataset[] = await getDatasetsByIds(db, ids.slice(i, i + 500).map((r) => r.id));
            for (const d of batch) this.index.upsert(d);
          }
          this.version = Math.max(this.version, v);
          this.memo.clear();
        } finally {
          this.syncing = null;
        }
      })();
    }
    await this.syncing;
    return this.version >= v ? this.index : this.sync();
  }
}

const mirrors = new WeakMap<Database, CatalogMirror>();

export function mirrorOf(database: Database): CatalogMirror {
  let m = mirrors.get(database);
  if (!m) {
    m = new CatalogMirror(database);
    mirrors.set(database, m);
  }
  return m;
}
