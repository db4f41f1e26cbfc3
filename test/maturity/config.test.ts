import { describe, expect, it } from 'vitest';
import { isKotakError } from '../../src/errors.js';
import { loadMaturityConfig, parseMaturityConfig } from '../../src/maturity/config.js';
import { QUESTIONS } from '../../src/maturity/questionnaire.js';
import { defaultRegistry, IndicatorRegistry } from '../../src/maturity/registry.js';
import { DIMENSIONS } from '../../src/maturity/types.js';

const config = loadMaturityConfig();
const registry = defaultRegistry();

function rejects(change: (c: Record<string, unknown>) => void): Record<string, string[]> {
  const copy = structuredClone(config) as unknown as Record<string, unknown>;
  change(copy);
  try {
    parseMaturityConfig(copy);
  } catch (e) {
    if (isKotakError(e) && e.code === 'validation') return e.fields ?? {};
    throw e;
  }
  throw new Error('accepted an invalid configuration');
}

describe('maturity config', () => {
  it('gives every registered indicator a weight and weighs nothing unregistered; every gate reads a known metric', () => {
    expect(registry.checkAgainstConfig(config)).toEqual([]);
  });

  it('weights the four dimensions equally and cites a source for each', () => {
    expect(DIMENSIONS.map((d) => config.dimensions[d].weight)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(DIMENSIONS.every((d) => config.dimensions[d].source.length > 10)).toBe(true);
  });

  it('names the five levels Rintisan, Terkelola, Terdefinisi, Terpadu, Optimum', () => {
    expect(config.levels.map((l) => l.name.id)).toEqual(['Rintisan', 'Terkelola', 'Terdefinisi', 'Terpadu', 'Optimum']);
  });

  it('caps below level 4 when TPS-level results are not available in bulk', () => {
    expect(config.gates.find((g) => g.level === 4 && g.metric === 'oed.complete-bulk.tpsBulkContests')).toBeDefined();
  });

  it('rejects levels out of order, dimension weights not adding up to 1, and missing fields, naming the path', () => {
    expect(Object.keys(rejects((c) => ((c['levels'] as Array<{ minScore: number }>)[2]!.minScore = 10)))).toEqual(['/levels']);
    expect(Object.keys(rejects((c) => ((c['dimensions'] as Record<string, { weight: number }>)['impact']!.weight = 0.5)))).toEqual(['/dimensions']);
    expect(Object.keys(rejects((c) => delete c['gates']))).toContain('/gates');
    expect(Object.keys(rejects((c) => ((c['indicators'] as Record<string, unknown>)['mqa.keywords'] = -1)))).toContain('/indicators/mqa.keywords');
  });

  it('reports a weight without an indicator and an indicator without a weight', () => {
    const r = new IndicatorRegistry().register(registry.get('mqa.keywords')!);
    const problems = r.checkAgainstConfig({ ...config, indicators: { 'mqa.keywords': 30, 'no.such': 1 }, gates: [] });
    expect(problems).toEqual(['config/maturity.json weighs "no.such", which is not a registered indicator']);
    const r2 = new IndicatorRegistry().register(registry.get('mqa.themes')!);
    expect(r2.checkAgainstConfig({ ...config, indicators: {}, gates: [] })).toEqual(['indicator "mqa.themes" has no weight in config/maturity.json']);
  });
});

describe('maturity indicator registry', () => {
  it('refuses an indicator id registered twice', () => {
    const r = new IndicatorRegistry().register(registry.get('mqa.keywords')!);
    expect(() => r.register(registry.get('mqa.keywords')!)).toThrow(/registered twice/);
  });

  it('documents every indicator: Indonesian and English title, description and advice, and at least one source', () => {
    const undocumented = registry
      .list()
      .filter((i) => !i.title.id || !i.title.en || !i.description.id || !i.description.en || !i.advice.id || !i.advice.en || i.sources.length === 0)
      .map((i) => i.id);
    expect(undocumented).toEqual([]);
  });

  it('has automatic and answered indicators in every dimension except where only one kind exists by design', () => {
    const kinds = Object.fromEntries(DIMENSIONS.map((d) => [d, [...new Set(registry.list().filter((i) => i.dimension === d).map((i) => i.kind))].sort()]));
    expect(kinds).toEqual({
      policy: ['answered', 'automatic'],
      publication: ['answered', 'automatic'],
      quality: ['answered', 'automatic'],
      impact: ['answered', 'automatic'],
    });
  });

  it('registers every questionnaire question as an answered indicator', () => {
    expect(QUESTIONS.map((q) => registry.get(q.id)?.kind)).toEqual(QUESTIONS.map(() => 'answered'));
  });

  it('draws on every framework the issue names', () => {
    const frameworks = new Set(registry.list().flatMap((i) => i.sources.map((s) => s.framework)));
    expect([...frameworks].sort()).toEqual(['GODI', 'MQA', 'ODM', 'OED', 'five-star']);
  });
});

describe('maturity reference page', () => {
  it('documents every indicator, gate and question with its weight', async () => {
    const { renderMaturityDoc } = await import('../../src/maturity/doc.js');
    const doc = renderMaturityDoc(registry, config);
    for (const i of registry.list()) expect(doc).toContain(`| \`${i.id}\` | ${i.dimension} | ${i.kind} | ${config.indicators[i.id]} |`);
    for (const g of config.gates) expect(doc).toContain(`\`${g.metric} ${g.op} ${g.value}\``);
    for (const q of QUESTIONS) expect(doc).toContain(`| \`${q.id}\` |`);
  });
});
