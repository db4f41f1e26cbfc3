/**
 * The earliest source timestamp of each stored desa row (`results_forms.first_source_ms`, src/results/source-time.ts),
 * written with the row, so "when did results first appear" (issue 5, timeliness) is a MIN over ~84 thousand numbers
 * instead of a scan of every TPS line. Rows stored before this column have NULL and are scanned as before. An index
 * over the columns coverage reads keeps those reads off the figures.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../db.js';

export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('results_forms').addColumn('first_source_ms', 'bigint').execute();
  // Coverage reads (TPS per holding region, earliest stamp) from this index alone: scanning the table itself reads
  // every desa's figures too (~100 MB for a national contest).
  await db.schema
    .createIndex('results_forms_units_idx')
    .on('results_forms')
    .columns(['election_id', 'contest_id', 'region_code', 'tps_count', 'first_source_ms'])
    .execute();
}
