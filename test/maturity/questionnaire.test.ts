import { describe, expect, it } from 'vitest';
import { QUESTIONS } from '../../src/maturity/questionnaire.js';
import { defaultRegistry } from '../../src/maturity/registry.js';
import { answer, config, officeEvidence } from './evidence.js';

const registry = defaultRegistry();
const Q = 'odm.policy.framework';

async function evaluate(value?: Parameters<typeof answer>[1], confirmed = false) {
  const answers = new Map(value ? [[Q, answer(Q, value, confirmed)]] : []);
  const ev = await officeEvidence([], { answers });
  return registry.get(Q)!.evaluate({ evidence: ev, config });
}

describe('maturity.answer scoring', () => {
  it('gives full marks for yes, the configured half for partial, nothing for no', async () => {
    expect((await evaluate('yes')).value).toBe(1);
    expect((await evaluate('partial')).value).toBe(config.answers.partial);
    expect(config.answers.partial).toBe(0.5);
    expect((await evaluate('no')).value).toBe(0);
  });

  it('leaves "unsure" out of the score (ODM preliminary score)', async () => {
    const r = await evaluate('unsure');
    expect(r.value).toBeNull();
    expect(r.answer).toEqual({ value: 'unsure', confirmed: false });
  });

  it('gives nothing for a question not answered and says so', async () => {
    const r = await evaluate();
    expect(r.value).toBe(0);
    expect(r.answer).toEqual({ value: null, confirmed: false });
    expect(r.evidence[0]!.note).toBe('not answered');
  });

  it('carries the justification and the assessor confirmation as evidence', async () => {
    const r = await evaluate('yes', true);
    expect(r.answer).toEqual({ value: 'yes', confirmed: true });
    expect(r.evidence[0]!.note).toBe('SK KPU Kota Serang No. 1/2024 — confirmed by asesor-ui');
  });
});

describe('maturity questionnaire', () => {
  it('asks every question in Indonesian and English, with a guide and the ODM item it adapts', () => {
    const incomplete = QUESTIONS.filter((q) => !q.text.id || !q.text.en || !q.guide.id || !q.guide.en || !q.source.startsWith('ODM')).map((q) => q.id);
    expect(incomplete).toEqual([]);
  });

  it('uses unique ids', () => {
    expect(new Set(QUESTIONS.map((q) => q.id)).size).toBe(QUESTIONS.length);
  });
});
