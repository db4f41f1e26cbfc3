import { describe, expect, it } from 'vitest';
import { assessOffice } from '../../src/maturity/assess.js';
import type { MaturityConfig } from '../../src/maturity/config.js';
import { IndicatorRegistry } from '../../src/maturity/registry.js';
import type { AnswerValue, Dimension, Indicator } from '../../src/maturity/types.js';
import { config, officeEvidence } from './evidence.js';

/** An indicator returning a fixed value (answered ones also report an answer). */
function fixed(id: string, dimension: Dimension, kind: Indicator['kind'], value: number | null, answer?: AnswerValue | null): Indicator {
  const t = { id, en: id };
  return {
    id, dimension, kind, title: t, description: t, advice: { id: `perbaiki ${id}`, en: `improve ${id}` },
    sources: [{ framework: 'Kotak', ref: 'test' }],
    evaluate: () => ({
      value,
      evidence: [{ kind: 'office', ref: id, met: value === 1 }],
      measures: { half: 0.5 },
      ...(kind === 'answered' ? { answer: { value: answer ?? null, confirmed: false } } : {}),
    }),
  };
}

/*
 * Hand-worked office:
 *   policy       P1 auto w30 v1 → 30; P2 answered (partial) w20 v0.5 → 10      score 40/50 = 80; auto 100, answered 50 → disagree
 *   publication  U1 auto w40 v0.25 → 10; U2 answered "unsure" w60 left out       score 10/40 = 25; answered null
 *   quality      Q1 auto w10 v0.6 → 6                                            score 60
 *   impact       I1 answered, not answered, w10 v0                                score 0; answered null (nothing answered)
 *   overall      ¼ (80 + 25 + 60 + 0) = 41.25 → band level 3; gate "U1 ≥ 0.5" at level 3 unmet → level 2
 *   gains        I1 1·10·25/10 = 25; U1 .75·40·25/40 = 18.75; Q1 .4·10·25/10 = 10; P2 .5·20·25/50 = 5
 */
const registry = new IndicatorRegistry()
  .register(fixed('P1', 'policy', 'automatic', 1))
  .register(fixed('P2', 'policy', 'answered', 0.5, 'partial'))
  .register(fixed('U1', 'publication', 'automatic', 0.25))
  .register(fixed('U2', 'publication', 'answered', null, 'unsure'))
  .register(fixed('Q1', 'quality', 'automatic', 0.6))
  .register(fixed('I1', 'impact', 'answered', 0, null));

const testConfig: MaturityConfig = {
  ...config,
  indicators: { P1: 30, P2: 20, U1: 40, U2: 60, Q1: 10, I1: 10 },
  gates: [
    { id: 'g2', level: 2, metric: 'P1', op: '>=', value: 1, title: { id: 'g2', en: 'g2' }, source: 'test' },
    { id: 'g3', level: 3, metric: 'U1', op: '>=', value: 0.5, title: { id: 'g3', en: 'g3' }, source: 'test' },
    { id: 'g4', level: 4, metric: 'Q1.half', op: '>', value: 0.5, title: { id: 'g4', en: 'g4' }, source: 'test' },
  ],
};

async function assess(cfg: MaturityConfig = testConfig) {
  return assessOffice(await officeEvidence([]), { config: cfg, registry, round: '2025-1' });
}

describe('maturity.assess scoring', () => {
  it('scores each dimension as points over applicable weight, with automatic and answered side by side', async () => {
    const a = await assess();
    expect(a.dimensions.map((d) => [d.dimension, d.score, d.automatic, d.answered, d.disagreement])).toEqual([
      ['policy', 80, 100, 50, true],
      ['publication', 25, 25, null, false],
      ['quality', 60, 60, null, false],
      ['impact', 0, null, null, false],
    ]);
  });

  it('weights the four dimensions equally', async () => {
    expect((await assess()).score).toBeCloseTo(41.25, 12);
  });

  it('caps the band level at the lowest unmet gate, as the ODI Pathway does', async () => {
    const a = await assess();
    expect(a.level.bandLevel).toBe(3);
    expect(a.level.level).toBe(2);
    expect(a.level.name).toEqual({ id: 'Terkelola', en: 'Repeatable' });
    expect(a.level.cappedBy.map((g) => g.id)).toEqual(['g3']);
    expect(a.gates.map((g) => [g.id, g.met, g.actual])).toEqual([['g2', true, 1], ['g3', false, 0.25], ['g4', false, 0.5]]);
  });

  it('keeps the band level when every gate up to it is met', async () => {
    const a = await assess({ ...testConfig, gates: testConfig.gates.filter((g) => g.id !== 'g3') });
    expect(a.level.level).toBe(3);
    expect(a.level.cappedBy).toEqual([]);
  });

  it('flags no disagreement when the sub-scores differ by 20 points or less', async () => {
    const a = await assess({ ...testConfig, disagreementThreshold: 50 });
    expect(a.dimensions[0]!.disagreement).toBe(false);
  });

  it('ranks recommendations by the overall points they would gain', async () => {
    const recs = (await assess()).recommendations;
    expect(recs.map((r) => [r.indicatorId, r.gain])).toEqual([['I1', 25], ['U1', 18.75], ['Q1', 10], ['P2', 5]]);
    expect(recs.find((r) => r.indicatorId === 'U1')!.unlocks).toEqual([{ gate: 'g3', level: 3 }]);
    expect(recs[0]!.text.en).toBe('improve I1');
  });

  it('gains exactly the recommended points when a recommendation is carried out', async () => {
    const before = await assess();
    const after = assessOffice(await officeEvidence([]), {
      config: testConfig,
      registry: new IndicatorRegistry()
        .register(fixed('P1', 'policy', 'automatic', 1))
        .register(fixed('P2', 'policy', 'answered', 0.5, 'partial'))
        .register(fixed('U1', 'publication', 'automatic', 1))
        .register(fixed('U2', 'publication', 'answered', null, 'unsure'))
        .register(fixed('Q1', 'quality', 'automatic', 0.6))
        .register(fixed('I1', 'impact', 'answered', 0, null)),
      round: '2025-1',
    });
    expect(after.score - before.score).toBeCloseTo(18.75, 12);
  });
});
