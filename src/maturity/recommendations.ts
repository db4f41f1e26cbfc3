/**
 * Recommendations: for every indicator below full marks, what bringing it to full marks would add to the overall
 * score (its missing points, scaled by its dimension's weight and applicable total), ranked by that gain. Items that
 * also meet an unmet gate say which level they unlock.
 */
import type { Indicator } from './types.js';
import type { DimensionScore, GateOutcome, IndicatorOutcome } from './scoring.js';
import type { Bilingual } from './types.js';

export interface Recommendation {
  indicatorId: string;
  /** Overall score points gained if the indicator reached full marks (0–100 scale). */
  gain: number;
  /** Failing datasets, resources, contests or questions. */
  failing: number;
  /** Up to 10 of them, to start with. */
  targets: string[];
  text: Bilingual;
  /** Unmet gates this indicator feeds (fixing it may lift the level cap). */
  unlocks: Array<{ gate: string; level: number }>;
}

/** Whether improving an indicator moves a gate's metric. */
function feeds(metric: string, o: IndicatorOutcome): boolean {
  if (metric === o.id || metric.startsWith(`${o.id}.`)) return true;
  if (metric === 'mqa.points') return o.id.startsWith('mqa.');
  if (metric.startsWith('questionnaire.')) return o.kind === 'answered';
  return false;
}

export function recommend(
  outcomes: readonly IndicatorOutcome[],
  dimensions: readonly DimensionScore[],
  gates: readonly GateOutcome[],
  indicators: ReadonlyMap<string, Indicator>,
): Recommendation[] {
  const applicableWeight = new Map<string, number>();
  for (const o of outcomes) if (o.value !== null) applicableWeight.set(o.dimension, (applicableWeight.get(o.dimension) ?? 0) + o.weight);
  const dimWeight = new Map(dimensions.map((d) => [d.dimension, d.weight]));
  const recs: Recommendation[] = [];
  for (const o of outcomes) {
    if (o.value === null || o.value >= 1 - 1e-9 || o.weight === 0) continue;
    const total = applicableWeight.get(o.dimension) ?? 0;
    if (total === 0) continue;
    const gain = ((1 - o.value) * o.weight * 100 * (dimWeight.get(o.dimension) ?? 0)) / total;
    const failingItems = o.evidence.filter((e) => !e.met);
    const n = String(failingItems.length);
    const advice = indicators.get(o.id)?.advice ?? o.title;
    recs.push({
      indicatorId: o.id,
      gain,
      failing: failingItems.length,
      targets: failingItems.slice(0, 10).map((e) => e.ref),
      text: { id: advice.id.replaceAll('{n}', n), en: advice.en.replaceAll('{n}', n) },
      unlocks: gates
        .filter((g) => !g.met && feeds(g.metric, o))
        .map((g) => ({ gate: g.id, level: g.level })),
    });
  }
  return recs.sort((a, b) => b.gain - a.gain || a.indicatorId.localeCompare(b.indicatorId));
}
