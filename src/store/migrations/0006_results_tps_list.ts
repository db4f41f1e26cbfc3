/**
 * The election's TPS list (issue 3 §1 "the TPS list; registered voters per TPS"): which TPS are expected to report and
 * how many voters each has on its DPT, imported on its own by `results.tpsListImport` (src/actions/results-tps-list.ts)
 * and kept per election — every contest of the election is held at the same TPS. Coverage is measured against it
 * (§3 "missing TPS (coverage against the TPS list)"). Types and reasons in ../schema-results.ts.
 */
import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Dialect } from '../db.js';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  // Compared as bytes, like every region code of the results tables (0003_results.ts).
  const bytewise = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull());
  await db.schema
    .createTable('results_tps')
    .addColumn('election_id', 'text', (c) => c.notNull().references('results_elections.id'))
    .addColumn('region_code', 'text', bytewise)
    .addColumn('tps_code', 'text', (c) => c.notNull())
    .addColumn('registered', 'integer')
    .addColumn('list_id', 'text', (c) => c.notNull())
    // Keyed by holding region first: every read is a region's subtree (a desa's TPS, a contest's area).
    .addPrimaryKeyConstraint('results_tps_pk', ['election_id', 'region_code', 'tps_code'])
    .execute();

  await db.schema
    .createTable('results_tps_lists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('election_id', 'text', (c) => c.notNull().references('results_elections.id'))
    .addColumn('region_code', 'text', bytewise)
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('tps', 'integer', (c) => c.notNull())
    .addColumn('registered', 'bigint')
    .addColumn('organization_id', 'text')
    .addColumn('log_index', 'bigint')
    .execute();
  await db.schema.createIndex('results_tps_lists_election_idx').on('results_tps_lists').columns(['election_id', 'created']).execute();
}
