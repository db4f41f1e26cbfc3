/**
 * Maturity actions (issue 5): maturity.assess (compute and publish an assessment: stored and appended to the
 * publication log in one transaction), maturity.show, maturity.compare, maturity.answer (the office answers its
 * questionnaire), maturity.confirm (an assessor from outside the office confirms an answer), maturity.assessorAdd.
 */
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import canonicalize from 'canonicalize';
import { sha256Hex } from '../catalog/secrets.js';
import { KotakError } from '../errors.js';
import { questionById } from '../maturity/questionnaire.js';
import type { AnswerRecord } from '../maturity/evidence.js';
import { anyone, requireActor, requireRole, sysadminOnly } from './policies.js';
import { nowIso, withTransaction } from './tx.js';
import { defineAction, type ActionContext } from './types.js';
import { activeOffices, assessNow, defaultRound, officeByRef } from './maturity-run.js';
import { comparisonRow, publishAssessment, type ComparisonRow, type PublishedAssessment } from './maturity-present.js';
import { addAssessor, findAnswer, insertAssessment, isAssessor, latestAssessment, listAnswers, saveAnswer, trendOf, type TrendPoint } from './maturity-store.js';

const Round = Type.Optional(Type.String({ pattern: '^[0-9A-Za-z._-]{1,32}$', description: 'Assessment round, e.g. 2025 (default: the current year).' }));
const Org = Type.String({ minLength: 1, description: 'Organisation name or id.' });

/** Assessors (and system administrators) run assessments and confirm answers. */
async function requireAssessor(ctx: ActionContext): Promise<void> {
  const a = requireActor(ctx);
  if (a.sysadmin) return;
  if (!(await isAssessor(ctx.services.database.db, a.id))) throw KotakError.forbidden('Only an assessor may do this');
}

export interface AssessResult {
  organization: string;
  round: string;
  score: number;
  level: number;
  sha256: string;
  logIndex: number;
}

export const maturityAssess = defineAction({
  name: 'maturity.assess',
  summary: 'Assess the open-data maturity of one office (or of all offices) now, store the assessment and publish it in the publication log.',
  input: Type.Object({ organization: Type.Optional(Org), round: Round }),
  readOnly: false,
  policy: requireAssessor,
  async run(ctx, input): Promise<AssessResult[]> {
    const round = input.round ?? defaultRound(ctx.services.now());
    const all = await activeOffices(ctx);
    const targets = input.organization ? [await officeByRef(ctx, input.organization)] : all;
    const out: AssessResult[] = [];
    for (const org of targets) {
      const doc = publishAssessment(await assessNow(ctx, org, round, all));
      // The log commits to the RFC 8785 form of the document (entry kind maturity-assessment, hashOf jcs).
      const sha256 = sha256Hex(canonicalize(doc) ?? '');
      const logIndex = await withTransaction(ctx, async (trx) => {
        const { index } = await ctx.services.log.append(trx, {
          kind: 'maturity-assessment',
          subject: `maturity:${org.name}`,
          organization: org.name,
          sha256,
          meta: { round, score: Math.round(doc.score * 100) / 100, level: doc.level.level, config: doc.configVersion },
        });
        await insertAssessment(trx, {
          id: randomUUID(), organization_id: org.id, round, assessed_at: doc.assessedAt, score: doc.score, level: doc.level.level,
          config_version: doc.configVersion, document: JSON.stringify(doc), sha256, log_index: index,
        });
        return index;
      });
      out.push({ organization: org.name, round, score: doc.score, level: doc.level.level, sha256, logIndex });
    }
    return out;
  },
});

export type ShownAssessment = PublishedAssessment & { stored: boolean; sha256: string | null; logIndex: number | null; trend: TrendPoint[] };

export const maturityShow = defineAction({
  name: 'maturity.show',
  summary: 'Return the latest assessment of an office: level, scores, every indicator with its evidence, ranked recommendations and the trend across rounds.',
  input: Type.Object({ organization: Org, round: Round }),
  readOnly: true,
  policy: anyone,
  async run(ctx, input): Promise<ShownAssessment> {
    const org = await officeByRef(ctx, input.organization);
    const db = ctx.services.database.db;
    const trend = await trendOf(db, org.id);
    const row = await latestAssessment(db, org.id, input.round);
    if (row) return { ...(JSON.parse(row.document) as PublishedAssessment), stored: true, sha256: row.sha256, logIndex: row.log_index, trend };
    // Not assessed yet (in this round): a live, unpublished assessment.
    const round = input.round ?? defaultRound(ctx.services.now());
    const doc = publishAssessment(await assessNow(ctx, org, round, await activeOffices(ctx)));
    return { ...doc, stored: false, sha256: null, logIndex: null, trend };
  },
});

export interface Comparison {
  round: string | null;
  offices: Array<ComparisonRow & { trend: TrendPoint[] }>;
}

export const maturityCompare = defineAction({
  name: 'maturity.compare',
  summary: 'Compare all offices: level, score, dimension sub-scores and trend, best first (latest stored assessment, or a live one where none is stored).',
  input: Type.Object({ round: Round }),
  readOnly: true,
  policy: anyone,
  async run(ctx, input): Promise<Comparison> {
    const db = ctx.services.database.db;
    const all = await activeOffices(ctx);
    const offices: Comparison['offices'] = [];
    for (const org of all) {
      const row = await latestAssessment(db, org.id, input.round);
      const r = row
        ? comparisonRow(JSON.parse(row.document) as PublishedAssessment, true)
        : comparisonRow(await assessNow(ctx, org, input.round ?? defaultRound(ctx.services.now()), all), false);
      offices.push({ ...r, trend: await trendOf(db, org.id) });
    }
    offices.sort((a, b) => b.score - a.score || a.organization.localeCompare(b.organization));
    return { round: input.round ?? null, offices };
  },
});

const AnswerInput = Type.Object({
  question: Type.String({ minLength: 1 }),
  value: Type.Union([Type.Literal('yes'), Type.Literal('partial'), Type.Literal('no'), Type.Literal('unsure')]),
  evidence: Type.Optional(Type.String({ maxLength: 4000, description: 'Justification: a link, a document, a short text.' })),
});

export const maturityAnswer = defineAction({
  name: 'maturity.answer',
  summary: 'Answer questions of the maturity questionnaire for an office and round (office administrators). A changed answer needs confirming again.',
  input: Type.Object({ organization: Org, round: Round, answers: Type.Array(AnswerInput, { minItems: 1, maxItems: 100 }) }),
  readOnly: false,
  async policy(ctx, input) {
    const org = await officeByRef(ctx, input.organization);
    requireRole(ctx, org.id, 'admin');
  },
  async run(ctx, input): Promise<AnswerRecord[]> {
    const org = await officeByRef(ctx, input.organization);
    const round = input.round ?? defaultRound(ctx.services.now());
    const unknown = input.answers.map((a, i) => [i, a.question] as const).filter(([, q]) => !questionById(q));
    if (unknown.length) throw KotakError.validation(Object.fromEntries(unknown.map(([i, q]) => [`answers.${i}.question`, [`Unknown question "${q}"`]])));
    const now = nowIso(ctx);
    return withTransaction(ctx, async (trx) => {
      for (const a of input.answers) {
        const before = await findAnswer(trx, org.id, round, a.question);
        const evidence = a.evidence ?? '';
        const same = before !== null && before.value === a.value && before.evidence === evidence;
        await saveAnswer(trx, org.id, round, {
          questionId: a.question, value: a.value, evidence, answeredBy: ctx.actor!.name, answeredAt: now,
          confirmedBy: same ? before.confirmedBy : null, confirmedAt: same ? before.confirmedAt : null, assessorNote: same ? before.assessorNote : null,
        });
      }
      return listAnswers(trx, org.id, round);
    });
  },
});

export const maturityConfirm = defineAction({
  name: 'maturity.confirm',
  summary: 'Confirm (or, with confirm=false, send back with a note) an office’s answer to a question; assessors from outside the office only.',
  input: Type.Object({
    organization: Org, round: Round, question: Type.String({ minLength: 1 }),
    confirm: Type.Boolean({ default: true }), note: Type.Optional(Type.String({ maxLength: 4000 })),
  }),
  readOnly: false,
  async policy(ctx, input) {
    await requireAssessor(ctx);
    const org = await officeByRef(ctx, input.organization);
    if (ctx.actor!.memberships.has(org.id)) throw KotakError.forbidden('An assessor must be from outside the office whose answers they confirm');
  },
  async run(ctx, input): Promise<AnswerRecord> {
    const org = await officeByRef(ctx, input.organization);
    const round = input.round ?? defaultRound(ctx.services.now());
    return withTransaction(ctx, async (trx) => {
      const a = await findAnswer(trx, org.id, round, input.question);
      if (!a) throw KotakError.notFound('Answer');
      const updated: AnswerRecord = {
        ...a,
        confirmedBy: input.confirm ? ctx.actor!.name : null,
        confirmedAt: input.confirm ? nowIso(ctx) : null,
        assessorNote: input.note ?? a.assessorNote,
      };
      await saveAnswer(trx, org.id, round, updated);
      return updated;
    });
  },
});

export const maturityAssessorAdd = defineAction({
  name: 'maturity.assessorAdd',
  summary: 'Make a user a maturity assessor (system administrators only); assessors run assessments and confirm answers of offices they do not belong to.',
  input: Type.Object({ user: Type.String({ minLength: 1, description: 'User name or id.' }) }),
  readOnly: false,
  policy: sysadminOnly,
  async run(ctx, input): Promise<{ user: string }> {
    const db = ctx.services.database.db;
    const u = await db.selectFrom('users').select(['id', 'name']).where((eb) => eb.or([eb('id', '=', input.user), eb('name', '=', input.user)])).executeTakeFirst();
    if (!u) throw KotakError.notFound('User');
    await addAssessor(db, u.id, ctx.actor!.name, nowIso(ctx));
    return { user: u.name };
  },
});
