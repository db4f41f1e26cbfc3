/** Builds `OfficeEvidence` by hand for the indicator and scoring tests (no store). */
import type { Dataset } from '../../src/catalog/types.js';
import { DatasetValidator } from '../../src/catalog/dcat/validate.js';
import { loadMaturityConfig } from '../../src/maturity/config.js';
import { evaluateDatasets, type AnswerRecord, type ResultsCoverage } from '../../src/maturity/evidence.js';
import type { AnswerValue, OfficeEvidence } from '../../src/maturity/types.js';
import { dcatContext, licenses, org } from './build.js';

const validator = new DatasetValidator();
export const config = loadMaturityConfig();
export const NOW = '2025-03-01T00:00:00.000Z';

export async function officeEvidence(datasets: Dataset[], over: Partial<OfficeEvidence> = {}): Promise<OfficeEvidence> {
  const { dcat, mqa } = await evaluateDatasets(datasets, dcatContext(), validator, config.indicators);
  return {
    organization: org(),
    datasets,
    licenses,
    dcat,
    mqa,
    coverage: [],
    usage: new Map(),
    history: new Map(),
    apiResourceIds: new Set(),
    answers: new Map(),
    now: NOW,
    ...over,
  };
}

export function coverage(over: Partial<ResultsCoverage> = {}): ResultsCoverage {
  return {
    election: 'pemilu-2024',
    contest: 'ppwp',
    major: true,
    electionDate: '2024-02-14',
    finestLevel: 'tps',
    expected: { kecamatan: 6, desa: 67, tps: 1877 },
    published: { kecamatan: 6, desa: 67, tps: 1877 },
    firstPublishedAt: '2024-02-15T00:00:00.000Z',
    lastUpdatedAt: '2024-03-20T00:00:00.000Z',
    fields: { registeredVoters: true, invalidVotes: true, spoiledBallots: true },
    bulk: { available: true, level: 'tps', formats: ['CSV'] },
    api: true,
    datasetId: 'ds-1',
    ...over,
  };
}

export function answer(questionId: string, value: AnswerValue, confirmed = false): AnswerRecord {
  return {
    questionId,
    value,
    evidence: 'SK KPU Kota Serang No. 1/2024',
    answeredBy: 'operator-serang',
    answeredAt: '2025-02-01T00:00:00.000Z',
    confirmedBy: confirmed ? 'asesor-ui' : null,
    confirmedAt: confirmed ? '2025-02-10T00:00:00.000Z' : null,
    assessorNote: null,
  };
}
