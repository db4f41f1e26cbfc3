/**
 * Assess one office from its evidence: run every registered indicator, score the dimensions, apply the gates, rank
 * the recommendations. Pure and synchronous over `OfficeEvidence` (gather it with evidence.ts).
 *
 * @example
 *   const evidence = await gatherEvidence(source, org, { round: '2025-1', now, config, dcat, validator });
 *   const a = assessOffice(evidence, { config, registry: defaultRegistry(), round: '2025-1' });
 *   a.level; // { level: 2, name: { id: 'Terkelola', en: 'Repeatable' }, bandLevel: 3, cappedBy: [machine-readable] }
 */
import type { Bilingual, OfficeEvidence } from './types.js';
import type { MaturityConfig } from './config.js';
import { mqaBand, officeMqaPoints } from './mqa.js';
import { QUESTIONS } from './questionnaire.js';
import { recommend, type Recommendation } from './recommendations.js';
import type { IndicatorRegistry } from './registry.js';
import {
  dimensionScores,
  evaluateGates,
  levelFor,
  metricTable,
  outcome,
  overallScore,
  type DimensionScore,
  type GateOutcome,
  type IndicatorOutcome,
  type LevelOutcome,
} from './scoring.js';

export interface Assessment {
  organization: { id: string; name: string; title: string };
  round: string;
  assessedAt: string;
  configVersion: string;
  /** 0–100. */
  score: number;
  level: LevelOutcome;
  dimensions: DimensionScore[];
  mqa: { points: number; max: number; band: Bilingual; datasets: Array<{ name: string; points: number }> };
  fiveStar: { stars: number };
  questionnaire: { questions: number; answered: number; unsure: number; confirmed: number };
  gates: GateOutcome[];
  indicators: IndicatorOutcome[];
  recommendations: Recommendation[];
}

export interface AssessOptions {
  config: MaturityConfig;
  registry: IndicatorRegistry;
  round: string;
}

export function assessOffice(evidence: OfficeEvidence, opts: AssessOptions): Assessment {
  const { config, registry } = opts;
  const indicators = registry.list();
  const outcomes = indicators.map((ind) => outcome(ind, config.indicators[ind.id] ?? 0, ind.evaluate({ evidence, config })));

  const mqaEvaluations = evidence.datasets.map((d) => evidence.mqa.get(d.id)).filter((e) => e !== undefined);
  const mqaPoints = officeMqaPoints(mqaEvaluations, config.indicators);
  const records = [...evidence.answers.values()].filter((a) => QUESTIONS.some((q) => q.id === a.questionId));
  const confirmed = records.filter((a) => a.confirmedBy !== null).length;
  const summaries = {
    'mqa.points': mqaPoints,
    'questionnaire.answered': QUESTIONS.length ? records.length / QUESTIONS.length : 0,
    'questionnaire.confirmed': records.length ? confirmed / records.length : 0,
  };

  const dimensions = dimensionScores(outcomes, config);
  const score = overallScore(dimensions);
  const gates = evaluateGates(config, metricTable(outcomes, summaries));
  const level = levelFor(score, gates, config);
  const byId = new Map(indicators.map((i) => [i.id, i]));
  return {
    organization: { id: evidence.organization.id, name: evidence.organization.name, title: evidence.organization.title },
    round: opts.round,
    assessedAt: evidence.now,
    configVersion: config.version,
    score,
    level,
    dimensions,
    mqa: {
      points: mqaPoints,
      max: mqaMax(config),
      band: mqaBand(mqaPoints, config.mqaBands).name,
      datasets: mqaEvaluations.map((e) => ({ name: e.name, points: e.points })),
    },
    fiveStar: { stars: outcomes.find((o) => o.id === 'openness.five-star')?.measures['stars'] ?? 0 },
    questionnaire: {
      questions: QUESTIONS.length,
      answered: records.length,
      unsure: records.filter((a) => a.value === 'unsure').length,
      confirmed,
    },
    gates,
    indicators: outcomes,
    recommendations: recommend(outcomes, dimensions, gates, byId),
  };
}

/** 405 with the default weights: the sum of the MQA metrics' points. */
function mqaMax(config: MaturityConfig): number {
  return Object.entries(config.indicators).filter(([id]) => id.startsWith('mqa.')).reduce((s, [, w]) => s + w, 0);
}
