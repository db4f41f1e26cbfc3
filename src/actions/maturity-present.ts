/**
 * Presenters of maturity assessments: the published document (what is stored, hashed and logged), the comparison
 * row, and the CSV exports. Evidence lists are capped per indicator — failing items first — so an office with
 * thousands of datasets still yields a readable document; the counts are always complete.
 */
import type { Assessment } from '../maturity/assess.js';
import type { EvidenceItem } from '../maturity/types.js';

export const EVIDENCE_LIMIT = 25;

export interface PublishedIndicator extends Omit<Assessment['indicators'][number], 'evidence'> {
  evidence: { total: number; met: number; items: EvidenceItem[] };
}

export interface PublishedAssessment extends Omit<Assessment, 'indicators'> {
  indicators: PublishedIndicator[];
}

export function publishAssessment(a: Assessment, limit = EVIDENCE_LIMIT): PublishedAssessment {
  return {
    ...a,
    indicators: a.indicators.map((o) => {
      const failing = o.evidence.filter((e) => !e.met);
      const met = o.evidence.filter((e) => e.met);
      return { ...o, evidence: { total: o.evidence.length, met: met.length, items: [...failing, ...met].slice(0, limit) } };
    }),
  };
}

export interface ComparisonRow {
  organization: string;
  title: string;
  round: string;
  assessedAt: string;
  stored: boolean;
  score: number;
  level: number;
  levelName: { id: string; en: string };
  bandLevel: number;
  cappedBy: string[];
  dimensions: Record<string, { score: number; automatic: number | null; answered: number | null; disagreement: boolean }>;
  mqaPoints: number;
  stars: number;
}

export function comparisonRow(a: PublishedAssessment | Assessment, stored: boolean): ComparisonRow {
  return {
    organization: a.organization.name,
    title: a.organization.title,
    round: a.round,
    assessedAt: a.assessedAt,
    stored,
    score: a.score,
    level: a.level.level,
    levelName: a.level.name,
    bandLevel: a.level.bandLevel,
    cappedBy: a.level.cappedBy.map((g) => g.id),
    dimensions: Object.fromEntries(
      a.dimensions.map((d) => [d.dimension, { score: d.score, automatic: d.automatic, answered: d.answered, disagreement: d.disagreement }]),
    ),
    mqaPoints: a.mqa.points,
    stars: a.fiveStar.stars,
  };
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
function csvField(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'number' ? String(Math.round(v * 100) / 100) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(rows: unknown[][]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const DIMS = ['policy', 'publication', 'quality', 'impact'] as const;

/** One row per office (the comparison). */
export function comparisonCsv(rows: readonly ComparisonRow[]): string {
  const header = ['organization', 'title', 'round', 'assessed_at', 'score', 'level', 'level_name', 'band_level', 'capped_by', 'mqa_points', 'stars'];
  for (const d of DIMS) header.push(`${d}_score`, `${d}_automatic`, `${d}_answered`, `${d}_disagreement`);
  return csv([
    header,
    ...rows.map((r) => [
      r.organization, r.title, r.round, r.assessedAt, r.score, r.level, r.levelName.id, r.bandLevel, r.cappedBy.join(' '), r.mqaPoints, r.stars,
      ...DIMS.flatMap((d) => [r.dimensions[d]?.score, r.dimensions[d]?.automatic, r.dimensions[d]?.answered, r.dimensions[d]?.disagreement]),
    ]),
  ]);
}

/** One row per indicator of an office. */
export function indicatorsCsv(a: PublishedAssessment): string {
  return csv([
    ['indicator', 'dimension', 'kind', 'sources', 'weight', 'value', 'points', 'items', 'items_met', 'title_id', 'title_en'],
    ...a.indicators.map((o) => [
      o.id, o.dimension, o.kind, o.sources.map((s) => `${s.framework}: ${s.ref}`).join('; '), o.weight, o.value, o.points,
      o.evidence.total, o.evidence.met, o.title.id, o.title.en,
    ]),
  ]);
}
