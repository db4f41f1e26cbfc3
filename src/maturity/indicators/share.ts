/** Helpers shared by indicators that score the share of an office's datasets meeting a rule. */
import type { Dataset } from '../../catalog/types.js';
import type { Bilingual, EvidenceItem, IndicatorResult } from '../types.js';

export const T = (id: string, en: string): Bilingual => ({ id, en });

export const NO_DATASETS: EvidenceItem = { kind: 'office', ref: 'datasets', met: false, note: 'no public datasets' };

/**
 * Share of datasets for which `test` holds, with one evidence item per dataset.
 * An office without datasets scores 0 (nothing published is not "not applicable").
 */
export function shareOfDatasets(
  datasets: readonly Dataset[],
  field: string,
  test: (d: Dataset) => { met: boolean; note?: string },
  measures?: (met: number, total: number) => Record<string, number>,
): IndicatorResult {
  if (datasets.length === 0) return { value: 0, evidence: [NO_DATASETS], measures: measures?.(0, 0) };
  const evidence: EvidenceItem[] = datasets.map((d) => {
    const r = test(d);
    return { kind: 'dataset', ref: d.name, field, met: r.met, ...(r.note ? { note: r.note } : {}) };
  });
  const met = evidence.filter((e) => e.met).length;
  return { value: met / datasets.length, evidence, measures: { ...measures?.(met, datasets.length), datasets: datasets.length, meeting: met } };
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length;
}

export const DAY_MS = 86_400_000;

export function daysBetween(fromIso: string, toIso: string): number {
  return (Date.parse(toIso) - Date.parse(fromIso)) / DAY_MS;
}
