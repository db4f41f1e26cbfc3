/**
 * Reads and writes of the maturity tables (migration 0004_maturity), for the maturity actions. Rows stay here; the
 * functions return domain shapes (AnswerRecord) or small plain records.
 */
import { sql } from 'kysely';
import type { Executor } from '../store/db.js';
import type { AnswerRecord } from '../maturity/evidence.js';
import type { AnswerValue } from '../maturity/types.js';
import type { MaturityAnswersTable, MaturityAssessmentsTable } from '../store/schema-maturity.js';

function answerFromRow(r: MaturityAnswersTable): AnswerRecord {
  return {
    questionId: r.question_id,
    value: r.value as AnswerValue,
    evidence: r.evidence,
    answeredBy: r.answered_by,
    answeredAt: r.answered_at,
    confirmedBy: r.confirmed_by,
    confirmedAt: r.confirmed_at,
    assessorNote: r.assessor_note,
  };
}

export async function listAnswers(db: Executor, organizationId: string, round: string): Promise<AnswerRecord[]> {
  const rows = await db.selectFrom('maturity_answers').selectAll().where('organization_id', '=', organizationId).where('round', '=', round).orderBy('question_id').execute();
  return rows.map(answerFromRow);
}

export async function findAnswer(db: Executor, organizationId: string, round: string, questionId: string): Promise<AnswerRecord | null> {
  const r = await db
    .selectFrom('maturity_answers')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('round', '=', round)
    .where('question_id', '=', questionId)
    .executeTakeFirst();
  return r ? answerFromRow(r) : null;
}

/** Insert or replace an answer. A changed answer loses its confirmation: the assessor has to look again. */
export async function saveAnswer(db: Executor, organizationId: string, round: string, a: AnswerRecord): Promise<void> {
  const row: MaturityAnswersTable = {
    organization_id: organizationId,
    round,
    question_id: a.questionId,
    value: a.value,
    evidence: a.evidence,
    answered_by: a.answeredBy,
    answered_at: a.answeredAt,
    confirmed_by: a.confirmedBy,
    confirmed_at: a.confirmedAt,
    assessor_note: a.assessorNote,
  };
  await db
    .insertInto('maturity_answers')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['organization_id', 'round', 'question_id']).doUpdateSet({
        value: row.value,
        evidence: row.evidence,
        answered_by: row.answered_by,
        answered_at: row.answered_at,
        confirmed_by: row.confirmed_by,
        confirmed_at: row.confirmed_at,
        assessor_note: row.assessor_note,
      }),
    )
    .execute();
}

export async function isAssessor(db: Executor, userId: string): Promise<boolean> {
  return (await db.selectFrom('maturity_assessors').select('user_id').where('user_id', '=', userId).executeTakeFirst()) !== undefined;
}

export async function addAssessor(db: Executor, userId: string, grantedBy: string, at: string): Promise<void> {
  await db.insertInto('maturity_assessors').values({ user_id: userId, granted_by: grantedBy, granted_at: at }).onConflict((oc) => oc.column('user_id').doNothing()).execute();
}

export async function insertAssessment(db: Executor, row: MaturityAssessmentsTable): Promise<void> {
  await db.insertInto('maturity_assessments').values(row).execute();
}

/** The newest stored assessment of an office (in a round, when given). */
export async function latestAssessment(db: Executor, organizationId: string, round?: string): Promise<MaturityAssessmentsTable | null> {
  let q = db.selectFrom('maturity_assessments').selectAll().where('organization_id', '=', organizationId);
  if (round) q = q.where('round', '=', round);
  // log_index rises with every append, so it orders assessments made within the same millisecond too.
  return (await q.orderBy('assessed_at', 'desc').orderBy('log_index', 'desc').limit(1).executeTakeFirst()) ?? null;
}

export interface TrendPoint {
  round: string;
  assessedAt: string;
  score: number;
  level: number;
}

/** The last assessment of each round of an office, oldest round first (the trend across rounds). */
export async function trendOf(db: Executor, organizationId: string): Promise<TrendPoint[]> {
  const rows = await db
    .selectFrom('maturity_assessments')
    .select(['round', 'assessed_at', 'score', 'level'])
    .where('organization_id', '=', organizationId)
    .orderBy('assessed_at', 'asc')
    .orderBy('log_index', 'asc')
    .execute();
  const byRound = new Map<string, TrendPoint>();
  for (const r of rows) byRound.set(r.round, { round: r.round, assessedAt: r.assessed_at, score: Number(r.score), level: Number(r.level) });
  return [...byRound.values()].sort((a, b) => a.round.localeCompare(b.round));
}

export interface UsageDelta {
  datasetId: string;
  day: string;
  downloads: number;
  apiCalls: number;
}

/** Add to the per-day counters (one upsert per dataset and day). */
export async function addUsage(db: Executor, deltas: readonly UsageDelta[]): Promise<void> {
  for (const d of deltas) {
    await db
      .insertInto('maturity_usage')
      .values({ dataset_id: d.datasetId, day: d.day, downloads: d.downloads, api_calls: d.apiCalls })
      .onConflict((oc) =>
        oc.columns(['dataset_id', 'day']).doUpdateSet({
          downloads: sql<number>`maturity_usage.downloads + ${d.downloads}`,
          api_calls: sql<number>`maturity_usage.api_calls + ${d.apiCalls}`,
        }),
      )
      .execute();
  }
}

/** Downloads and API calls per dataset from `sinceDay` (inclusive). */
export async function usageSince(db: Executor, datasetIds: readonly string[], sinceDay: string): Promise<Map<string, { downloads: number; apiCalls: number }>> {
  const out = new Map<string, { downloads: number; apiCalls: number }>();
  if (datasetIds.length === 0) return out;
  const rows = await db
    .selectFrom('maturity_usage')
    .select(['dataset_id', (eb) => eb.fn.sum<number>('downloads').as('downloads'), (eb) => eb.fn.sum<number>('api_calls').as('api_calls')])
    .where('day', '>=', sinceDay)
    .where('dataset_id', 'in', [...datasetIds])
    .groupBy('dataset_id')
    .execute();
  for (const r of rows) out.set(r.dataset_id, { downloads: Number(r.downloads), apiCalls: Number(r.api_calls) });
  return out;
}
