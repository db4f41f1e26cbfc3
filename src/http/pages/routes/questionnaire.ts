import type { FastifyInstance } from 'fastify';
import { invoke } from '../../../actions/invoke.js';
import type { ShownAssessment } from '../../../actions/maturity.js';
import type { OrganizationSummary } from '../../../actions/organization.js';
import { requireRole } from '../../../actions/policies.js';
import { KotakError } from '../../../errors.js';
import { QUESTIONS } from '../../../maturity/questionnaire.js';
import type { PageKit } from '../kit.js';
import { questionnairePage, type CurrentAnswer } from '../views/questionnaire.js';
import { hasMaturity } from './maturity.js';
import { one, type FormBody as Form } from '../form.js';

const VALUES = new Set(['yes', 'partial', 'no', 'unsure']);

/** Current answers as the latest assessment shows them (answered indicators carry the answer and its note). */
function currentAnswers(a: ShownAssessment): Map<string, CurrentAnswer> {
  const m = new Map<string, CurrentAnswer>();
  for (const i of a.indicators) {
    if (i.kind !== 'answered' || !i.answer?.value) continue;
    m.set(i.id, { value: i.answer.value, confirmed: i.answer.confirmed, note: i.evidence.items[0]?.note ?? '' });
  }
  return m;
}

/**
 * /ruang-kerja/kuesioner/{organization}: an office administrator answers the maturity questionnaire (maturity.answer).
 * Only questions whose answer changed, or that got new evidence, are sent, so saving never wipes stored evidence.
 */
export function questionnaireRoutes(server: FastifyInstance, kit: PageKit): void {
  server.get<{ Params: { organization: string } }>('/ruang-kerja/kuesioner/:organization', async (req, reply) => {
    if (!hasMaturity()) throw KotakError.notFound('Page');
    const { page, action } = await kit.begin(req, reply);
    const org = await invoke<OrganizationSummary>(action, 'organization.show', { id: req.params.organization });
    requireRole(action, org.id, 'admin');
    reply.header('cache-control', 'no-store');
    const a = await invoke<ShownAssessment>(action, 'maturity.show', { organization: org.name });
    const saved = page.query.get('disimpan');
    const notice = saved === null ? undefined : saved === '0' ? page.t('q.nothing') : page.t('q.saved', { count: Number(saved) });
    return kit.send(reply, questionnairePage(page, { org, questions: QUESTIONS, current: currentAnswers(a), notice }));
  });

  server.post<{ Params: { organization: string }; Body: Form }>('/ruang-kerja/kuesioner/:organization', async (req, reply) => {
    if (!hasMaturity()) throw KotakError.notFound('Page');
    kit.checkCsrf(req, req.body);
    const { action } = await kit.begin(req, reply);
    const org = await invoke<OrganizationSummary>(action, 'organization.show', { id: req.params.organization });
    requireRole(action, org.id, 'admin');
    const body = req.body ?? {};
    const answers = QUESTIONS.flatMap((q) => {
      const value = one(body[`value:${q.id}`]);
      const evidence = one(body[`evidence:${q.id}`]).trim();
      if (!VALUES.has(value)) return [];
      if (value === one(body[`orig:${q.id}`]) && !evidence) return [];
      return [{ question: q.id, value: value as 'yes', ...(evidence ? { evidence } : {}) }];
    });
    if (answers.length) await invoke(action, 'maturity.answer', { organization: org.name, answers });
    return reply.redirect(`/ruang-kerja/kuesioner/${org.name}?disimpan=${answers.length}`, 303);
  });
}

