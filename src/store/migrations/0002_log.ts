/**
 * Tables of the publication log (issue 4; types in ../schema-log.ts). Written once with Kysely's schema builder for
 * both databases; the only dialect branch is the binary column type (SQLite BLOB, PostgreSQL bytea).
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../db.js';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('log_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('log_head').values({ id: 1, size: 0 }).execute();

  await db.schema
    .createTable('log_entries')
    .addColumn('idx', 'bigint', (c) => c.primaryKey())
    .addColumn('entry', 'text', (c) => c.notNull())
    .addColumn('leaf_hash', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('org', 'text')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('log_entries_sha256_idx').on('log_entries').column('sha256').execute();
  await db.schema.createIndex('log_entries_kind_idx').on('log_entries').columns(['kind', 'idx']).execute();

  await db.schema
    .createTable('log_subjects')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('idx', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('log_subjects_pk', ['subject', 'idx'])
    .execute();

  await db.schema
    .createTable('log_hashes')
    .addColumn('tile_level', 'integer', (c) => c.notNull())
    .addColumn('tile_index', 'bigint', (c) => c.notNull())
    .addColumn('hashes', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('log_hashes_pk', ['tile_level', 'tile_index'])
    .execute();

  await db.schema
    .createTable('log_checkpoints')
    .addColumn('size', 'bigint', (c) => c.primaryKey())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('log_cosignatures')
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('witness', 'text', (c) => c.notNull())
    .addColumn('line', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('log_cosignatures_pk', ['size', 'witness'])
    .execute();

  await db.schema
    .createTable('log_witnesses')
    .addColumn('vkey', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('log_keys')
    .addColumn('vkey', 'text', (c) => c.primaryKey())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('entry_idx', 'bigint')
    .execute();
}
