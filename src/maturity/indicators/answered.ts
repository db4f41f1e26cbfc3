/**
 * Questionnaire items as answered indicators. Scoring follows ODM: yes = full points, partial = the configured
 * fraction, no = 0, "unsure" is left out (value null); a question not answered earns nothing.
 */
import { QUESTIONS, type Question } from '../questionnaire.js';
import type { Indicator } from '../types.js';
import { T } from './share.js';

export function answeredIndicator(q: Question): Indicator {
  return {
    id: q.id,
    dimension: q.dimension,
    kind: 'answered',
    title: q.text,
    description: q.guide,
    sources: [{ framework: 'ODM', ref: q.source }],
    advice: T(`Upayakan jawaban "ya" dengan bukti: ${q.text.id}`, `Work towards a "yes" backed by evidence: ${q.text.en}`),
    evaluate({ evidence, config }) {
      const a = evidence.answers.get(q.id);
      if (!a) return { value: 0, evidence: [{ kind: 'answer', ref: q.id, met: false, note: 'not answered' }], answer: { value: null, confirmed: false } };
      const confirmed = a.confirmedBy !== null;
      const note = [a.evidence, confirmed ? `confirmed by ${a.confirmedBy}` : 'not confirmed', a.assessorNote].filter(Boolean).join(' — ');
      const value = a.value === 'unsure' ? null : config.answers[a.value];
      return { value, evidence: [{ kind: 'answer', ref: q.id, field: a.value, met: a.value === 'yes', note }], answer: { value: a.value, confirmed } };
    },
  };
}

export const ANSWERED_INDICATORS: readonly Indicator[] = QUESTIONS.map(answeredIndicator);
