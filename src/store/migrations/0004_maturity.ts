/**
 * Maturity tables (issue 5): questionnaire answers per office per round with their assessor confirmation, the
 * assessors, stored assessments (each also in the publication log), and usage counters. Link-check results live on
 * `resources.link_status` (0001_catalog), so they need no table here.
 *
 * Usage counters are per dataset and day only — no IP address, user or user agent — so counting stores nothing
 * personal (issue 5 §2).
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../db.js';

export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('maturity_answers')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('round', 'text', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('answered_by', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'text')
    .addColumn('confirmed_at', 'text')
    .addColumn('assessor_note', 'text')
    .addPrimaryKeyConstraint('maturity_answers_pk', ['organization_id', 'round', 'question_id'])
    .execute();

  await db.schema
    .createTable('maturity_assessors')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('maturity_assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('round', 'text', (c) => c.notNull())
    .addColumn('assessed_at', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('config_version', 'text', (c) => c.notNull())
    /** The published assessment document (JSON); `sha256` is of its RFC 8785 form, as in the log entry. */
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('log_index', 'integer')
    .execute();
  await db.schema.createIndex('maturity_assessments_org_idx').on('maturity_assessments').columns(['organization_id', 'assessed_at']).execute();

  await db.schema
    .createTable('maturity_usage')
    .addColumn('dataset_id', 'text', (c) => c.notNull())
    /** UTC day, `YYYY-MM-DD`. */
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('downloads', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('api_calls', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('maturity_usage_pk', ['dataset_id', 'day'])
    .execute();
}
