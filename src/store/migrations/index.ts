/**
 * The ordered list of migrations. Each part of the product owns its file; a migration is `up(db, dialect)` and runs
 * once, recorded by Kysely's migrator in `kysely_migration`.
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Database, Dialect } from '../db.js';
import * as catalog from './0001_catalog.js';
import * as log from './0002_log.js';
import * as results from './0003_results.js';
import * as maturity from './0004_maturity.js';
import * as sourceTime from './0005_results_source_time.js';
import * as tpsList from './0006_results_tps_list.js';
import * as orgCounts from './0007_catalog_org_counts.js';

type Up = (db: Kysely<any>, dialect: Dialect) => Promise<void>;
const MIGRATIONS: Array<[string, Up]> = [
  ['0001_catalog', catalog.up],
  ['0002_log', log.up],
  ['0003_results', results.up],
  ['0004_maturity', maturity.up],
  ['0005_results_source_time', sourceTime.up],
  ['0006_results_tps_list', tpsList.up],
  ['0007_catalog_org_counts', orgCounts.up],
];

export async function migrate(database: Database): Promise<void> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, up] of MIGRATIONS) out[name] = { up: (db) => up(db, database.dialect) };
      return out;
    },
  };
  const { error, results } = await new Migrator({ db: database.db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message ?? String(error)}`);
  }
}
