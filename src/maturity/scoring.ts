/**
 * From indicator results to scores and a level (issue 5 §4):
 * - a dimension's score is Σ value × weight / Σ weight × 100 over its applicable indicators (value null = left out,
 *   as ODM leaves "unsure" out of the preliminary score); automatic and answered sub-scores are computed the same way
 *   over each kind and flagged when they differ by more than the configured threshold;
 * - the overall score is the weighted mean of the four dimensions (equal weights by default);
 * - the level is the highest band the score reaches, capped in the manner of the ODI Pathway by the lowest level
 *   whose gate is unmet (a level is only as high as its lowest unmet requirement).
 */
import type { Gate, MaturityConfig } from './config.js';
import { DIMENSIONS, type Bilingual, type Dimension, type EvidenceItem, type Indicator, type IndicatorResult, type SourceRef } from './types.js';

export interface IndicatorOutcome {
  id: string;
  dimension: Dimension;
  kind: Indicator['kind'];
  title: Bilingual;
  description: Bilingual;
  sources: SourceRef[];
  weight: number;
  value: number | null;
  /** value × weight (0 when not applicable). */
  points: number;
  evidence: EvidenceItem[];
  measures: Record<string, number>;
  answer?: IndicatorResult['answer'];
}

export interface DimensionScore {
  dimension: Dimension;
  weight: number;
  score: number;
  automatic: number | null;
  answered: number | null;
  /** |automatic − answered| > threshold (both present). */
  disagreement: boolean;
}

export interface GateOutcome {
  id: string;
  level: number;
  metric: string;
  op: Gate['op'];
  threshold: number;
  actual: number | null;
  met: boolean;
  title: Bilingual;
  source: string;
}

export interface LevelOutcome {
  level: number;
  name: Bilingual;
  /** Level by score band alone. */
  bandLevel: number;
  /** Unmet gates at or below the band level, lowest first: the first one is what caps the level. */
  cappedBy: GateOutcome[];
}

export function outcome(indicator: Indicator, weight: number, result: IndicatorResult): IndicatorOutcome {
  const value = result.value === null ? null : Math.min(1, Math.max(0, result.value));
  return {
    id: indicator.id,
    dimension: indicator.dimension,
    kind: indicator.kind,
    title: indicator.title,
    description: indicator.description,
    sources: indicator.sources,
    weight,
    value,
    points: value === null ? 0 : value * weight,
    evidence: result.evidence,
    measures: result.measures ?? {},
    ...(result.answer ? { answer: result.answer } : {}),
  };
}

/** Σ points / Σ applicable weight × 100, or null when nothing applies. */
function percent(items: readonly IndicatorOutcome[]): number | null {
  const applicable = items.filter((i) => i.value !== null);
  const max = applicable.reduce((s, i) => s + i.weight, 0);
  return max > 0 ? (applicable.reduce((s, i) => s + i.points, 0) / max) * 100 : null;
}

export function dimensionScores(outcomes: readonly IndicatorOutcome[], config: MaturityConfig): DimensionScore[] {
  return DIMENSIONS.map((dimension) => {
    const mine = outcomes.filter((o) => o.dimension === dimension);
    const automatic = percent(mine.filter((o) => o.kind === 'automatic'));
    const answeredItems = mine.filter((o) => o.kind === 'answered');
    // No answer at all in this dimension: the questionnaire has not been filled in, so there is nothing to compare.
    const anyAnswer = answeredItems.some((o) => o.answer?.value != null);
    const answered = anyAnswer ? percent(answeredItems) : null;
    return {
      dimension,
      weight: config.dimensions[dimension].weight,
      score: percent(mine) ?? 0,
      automatic,
      answered,
      disagreement: automatic !== null && answered !== null && Math.abs(automatic - answered) > config.disagreementThreshold,
    };
  });
}

export function overallScore(dimensions: readonly DimensionScore[]): number {
  return dimensions.reduce((s, d) => s + d.weight * d.score, 0);
}

/** Flat metric table gates read: `<indicator>` = value, `<indicator>.<measure>` = measure, plus summaries. */
export function metricTable(outcomes: readonly IndicatorOutcome[], summaries: Record<string, number>): Record<string, number> {
  const m: Record<string, number> = { ...summaries };
  for (const o of outcomes) {
    if (o.value !== null) m[o.id] = o.value;
    for (const [k, v] of Object.entries(o.measures)) m[`${o.id}.${k}`] = v;
  }
  return m;
}

export function evaluateGates(config: MaturityConfig, metrics: Readonly<Record<string, number>>): GateOutcome[] {
  return config.gates.map((g) => {
    const actual = metrics[g.metric] ?? null;
    const met = actual !== null && (g.op === '>=' ? actual >= g.value - 1e-9 : actual > g.value);
    return { id: g.id, level: g.level, metric: g.metric, op: g.op, threshold: g.value, actual, met, title: g.title, source: g.source };
  });
}

export function levelFor(score: number, gates: readonly GateOutcome[], config: MaturityConfig): LevelOutcome {
  const bandLevel = [...config.levels].reverse().find((l) => score >= l.minScore - 1e-9)?.level ?? 1;
  const cappedBy = gates.filter((g) => !g.met && g.level <= bandLevel).sort((a, b) => a.level - b.level);
  const level = cappedBy.length ? cappedBy[0]!.level - 1 : bandLevel;
  return { level, name: config.levels[level - 1]!.name, bandLevel, cappedBy };
}
