/**
 * Tables of the results part (issue 3; types and the reasons for their shape in ../schema-results.ts). Written once
 * with Kysely's schema builder for both databases, no dialect branch needed.
 */
import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Dialect } from '../db.js';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  // Region codes are compared as bytes (`code >= '3673' AND code < '3673:'` selects a subtree through the primary
  // key); PostgreSQL must not apply a locale's collation to them. SQLite compares text as bytes already.
  const bytewise = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull());
  await db.schema
    .createTable('results_elections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('results_contests')
    .addColumn('election_id', 'text', (c) => c.notNull().references('results_elections.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text')
    .addColumn('spec', 'text', (c) => c.notNull())
    .addColumn('revision', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('results_contests_pk', ['election_id', 'id'])
    .execute();

  await db.schema
    .createTable('results_regions')
    .addColumn('election_id', 'text', (c) => c.notNull().references('results_elections.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
    .addPrimaryKeyConstraint('results_regions_pk', ['election_id', 'code'])
    .execute();

  await db.schema
    .createTable('results_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('election_id', 'text', (c) => c.notNull())
    .addColumn('contest_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('reason', 'text')
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('raw_sha256', 'text', (c) => c.notNull())
    .addColumn('raw_size', 'bigint', (c) => c.notNull())
    .addColumn('normalised_sha256', 'text')
    .addColumn('normalised_size', 'bigint')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('forms', 'integer', (c) => c.notNull())
    .addColumn('tps_new', 'integer', (c) => c.notNull())
    .addColumn('tps_changed', 'integer', (c) => c.notNull())
    .addColumn('tps_unchanged', 'integer', (c) => c.notNull())
    .addColumn('organization_id', 'text')
    .addColumn('dataset_id', 'text')
    .addColumn('log_index', 'bigint')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('results_imports_contest_fk', ['election_id', 'contest_id'], 'results_contests', ['election_id', 'id'])
    .execute();
  await db.schema.createIndex('results_imports_seq_idx').on('results_imports').columns(['election_id', 'contest_id', 'seq']).unique().execute();

  await db.schema
    .createTable('results_forms')
    .addColumn('election_id', 'text', (c) => c.notNull())
    .addColumn('contest_id', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', bytewise)
    .addColumn('desa_code', 'text', (c) => c.notNull())
    .addColumn('tps_count', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('meta', 'text', (c) => c.notNull())
    // Keyed by region first: region pages and downloads read a subtree by key range, and no second index has to be
    // kept up to date by the 84 thousand rows of a national import.
    .addPrimaryKeyConstraint('results_forms_pk', ['election_id', 'contest_id', 'region_code', 'desa_code'])
    .execute();

  await db.schema
    .createTable('results_form_history')
    .addColumn('election_id', 'text', (c) => c.notNull())
    .addColumn('contest_id', 'text', (c) => c.notNull())
    .addColumn('tps_code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('line', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('replaced_by', 'text', (c) => c.notNull())
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('results_form_history_pk', ['election_id', 'contest_id', 'tps_code', 'version'])
    .execute();

  await db.schema
    .createTable('results_flags')
    .addColumn('election_id', 'text', (c) => c.notNull())
    .addColumn('contest_id', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', bytewise)
    .addColumn('tps_code', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('numbers', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('results_flags_pk', ['election_id', 'contest_id', 'region_code', 'tps_code', 'rule'])
    .execute();
  await db.schema.createIndex('results_flags_rule_idx').on('results_flags').columns(['election_id', 'contest_id', 'rule', 'region_code', 'tps_code']).execute();

  await db.schema
    .createTable('results_recap')
    .addColumn('election_id', 'text', (c) => c.notNull())
    .addColumn('contest_id', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('results_recap_pk', ['election_id', 'contest_id', 'region_code'])
    .execute();

  await db.schema
    .createTable('results_official')
    .addColumn('election_id', 'text', (c) => c.notNull())
    .addColumn('contest_id', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('source_sha256', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('results_official_pk', ['election_id', 'contest_id', 'region_code'])
    .execute();
}
