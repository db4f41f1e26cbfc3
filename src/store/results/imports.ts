/** Import records: who imported what, when and why — the "who, when, why" of every figure's history. */
import type { Executor } from '../db.js';
import type { ResultsImportsTable } from '../schema-results.js';

export type ImportRecord = ResultsImportsTable;

export async function nextImportSeq(db: Executor, electionId: string, contestId: string): Promise<number> {
  const r = await db
    .selectFrom('results_imports')
    .select((eb) => eb.fn.max<number>('seq').as('seq'))
    .where('election_id', '=', electionId)
    .where('contest_id', '=', contestId)
    .executeTakeFirst();
  return Number(r?.seq ?? 0) + 1;
}

export async function insertImport(db: Executor, rec: ImportRecord): Promise<void> {
  await db.insertInto('results_imports').values(rec).execute();
}

export async function importsBySeq(db: Executor, electionId: string, contestId: string, seqs: number[]): Promise<Map<number, ImportRecord>> {
  const out = new Map<number, ImportRecord>();
  if (seqs.length === 0) return out;
  const rows = await db
    .selectFrom('results_imports')
    .selectAll()
    .where('election_id', '=', electionId)
    .where('contest_id', '=', contestId)
    .where('seq', 'in', [...new Set(seqs)])
    .execute();
  for (const r of rows) out.set(Number(r.seq), normalise(r));
  return out;
}

export async function importsById(db: Executor, ids: string[]): Promise<Map<string, ImportRecord>> {
  const out = new Map<string, ImportRecord>();
  if (ids.length === 0) return out;
  for (const r of await db.selectFrom('results_imports').selectAll().where('id', 'in', [...new Set(ids)]).execute()) out.set(r.id, normalise(r));
  return out;
}

export async function listImports(db: Executor, electionId: string, contestId: string): Promise<ImportRecord[]> {
  const rows = await db.selectFrom('results_imports').selectAll().where('election_id', '=', electionId).where('contest_id', '=', contestId).orderBy('seq').execute();
  return rows.map(normalise);
}

function normalise(r: ImportRecord): ImportRecord {
  return { ...r, seq: Number(r.seq), raw_size: Number(r.raw_size), normalised_size: r.normalised_size === null ? null : Number(r.normalised_size), log_index: r.log_index === null ? null : Number(r.log_index) };
}
