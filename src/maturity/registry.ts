/**
 * The indicator registry (STYLE.md §9: extension points as named hooks, core features built on them). The built-in
 * indicators are registered through the same `register` a plug-in would use; ids are unique and each must have a
 * weight in config/maturity.json (checked by `checkAgainstConfig`, at start-up and in a test).
 *
 * @example
 *   const registry = defaultRegistry();
 *   registry.get('mqa.keywords')?.sources; // [{ framework: 'MQA', ref: 'findability: Keyword usage' }]
 */
import type { MaturityConfig } from './config.js';
import { ANSWERED_INDICATORS } from './indicators/answered.js';
import { CATALOGUE_INDICATORS } from './indicators/catalogue.js';
import { ELECTION_INDICATORS } from './indicators/election.js';
import { MQA_INDICATORS } from './indicators/mqa.js';
import { OPENNESS_INDICATORS } from './indicators/openness.js';
import { USAGE_INDICATORS } from './indicators/usage.js';
import type { Indicator } from './types.js';

export class IndicatorRegistry {
  private readonly byId = new Map<string, Indicator>();

  register(indicator: Indicator): this {
    if (this.byId.has(indicator.id)) throw new Error(`maturity indicator "${indicator.id}" registered twice`);
    this.byId.set(indicator.id, indicator);
    return this;
  }

  get(id: string): Indicator | undefined {
    return this.byId.get(id);
  }

  list(): Indicator[] {
    return [...this.byId.values()];
  }

  /** Problems between the registry and the configuration: indicators without a weight, weights without an indicator. */
  checkAgainstConfig(config: MaturityConfig): string[] {
    const problems: string[] = [];
    for (const id of this.byId.keys()) if (!(id in config.indicators)) problems.push(`indicator "${id}" has no weight in config/maturity.json`);
    for (const id of Object.keys(config.indicators)) if (!this.byId.has(id)) problems.push(`config/maturity.json weighs "${id}", which is not a registered indicator`);
    for (const g of config.gates) {
      const base = g.metric.split('.').slice(0, 2).join('.');
      if (!this.byId.has(g.metric) && !this.byId.has(base) && !SUMMARY_METRICS.includes(g.metric)) {
        problems.push(`gate "${g.id}" reads "${g.metric}", which no indicator or summary provides`);
      }
    }
    return problems;
  }
}

/** Metrics the scoring computes besides indicator values and measures (gates may read them). */
export const SUMMARY_METRICS: readonly string[] = ['mqa.points', 'questionnaire.confirmed', 'questionnaire.answered'];

export const BUILTIN_INDICATORS: readonly Indicator[] = [
  ...OPENNESS_INDICATORS,
  ...CATALOGUE_INDICATORS,
  ...ELECTION_INDICATORS,
  ...MQA_INDICATORS,
  ...USAGE_INDICATORS,
  ...ANSWERED_INDICATORS,
];

export function defaultRegistry(): IndicatorRegistry {
  const r = new IndicatorRegistry();
  for (const i of BUILTIN_INDICATORS) r.register(i);
  return r;
}
