/**
 * Every automatic indicator on one hand-built office ("catalogue A"), expected values worked out by hand in the
 * comments. Now = 2025-03-01.
 *
 *   d1  CSV upload, CC-BY, IRREG, group hasil-pemilu, link ok            — history: none
 *   d2  PDF link, CC-BY, ANNUAL, last change 2024-01-01, daftar-pemilih   — 2 versions replaced, 1 kept
 *   d3  XLSX link never checked, CC-NC (not open), RESTRICTED, MONTHLY,
 *       last change 20 days ago, in the DataStore                        — renamed
 *   d4  HTML link answering 404, no licence, no frequency, no groups      — 1 replaced, 1 kept, 2 URLs moved
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { OfficeEvidence } from '../../src/maturity/types.js';
import { defaultRegistry } from '../../src/maturity/registry.js';
import { delayScore } from '../../src/maturity/indicators/election.js';
import { fullDataset, resource } from './build.js';
import { config, coverage, officeEvidence } from './evidence.js';

const registry = defaultRegistry();
let ev: OfficeEvidence;

function value(id: string): number | null {
  return registry.get(id)!.evaluate({ evidence: ev, config }).value;
}
function measures(id: string): Record<string, number> {
  return registry.get(id)!.evaluate({ evidence: ev, config }).measures ?? {};
}

beforeAll(async () => {
  const d1 = fullDataset({ id: 'd1', name: 'd1' });
  const d2 = fullDataset({
    id: 'd2', name: 'd2', tags: [], groups: ['daftar-pemilih'], frequency: 'ANNUAL',
    resources: [resource({ id: 'r2', datasetId: 'd2', format: 'PDF', mediaType: 'application/pdf', urlType: null, url: 'https://kpu.go.id/dpt.pdf', lastModified: '2024-01-01T00:00:00.000Z' })],
  });
  const d3 = fullDataset({
    id: 'd3', name: 'd3', licenseId: 'cc-nc', accessRights: 'RESTRICTED', frequency: 'MONTHLY', groups: [],
    resources: [resource({ id: 'r3', datasetId: 'd3', format: 'XLSX', mediaType: null, urlType: null, url: 'https://kpu.go.id/x.xlsx', linkStatus: null, lastModified: '2025-02-09T00:00:00.000Z' })],
  });
  const d4 = fullDataset({
    id: 'd4', name: 'd4', licenseId: null, frequency: null, groups: [],
    resources: [resource({ id: 'r4', datasetId: 'd4', format: 'HTML', mediaType: 'text/html', urlType: null, url: 'https://kpu.go.id/old', linkStatus: { ok: false, httpStatus: 404, checkedAt: '2025-02-01T00:00:00Z' } })],
  });
  ev = await officeEvidence([d1, d2, d3, d4], {
    coverage: [
      // ppwp: TPS level, 1500 of 1877 TPS, first results 1 day after voting day, bulk CSV, API, dataset d1.
      coverage({ published: { kecamatan: 6, desa: 67, tps: 1500 }, datasetId: 'd1' }),
      // dpr: kecamatan level only, 19 days after voting day, bulk PDF at kecamatan level, no spoiled ballots, dataset d2.
      coverage({
        contest: 'dpr', finestLevel: 'kecamatan', published: { kecamatan: 6, desa: 0, tps: 0 }, firstPublishedAt: '2024-03-04T00:00:00.000Z',
        fields: { registeredVoters: true, invalidVotes: true, spoiledBallots: false }, bulk: { available: true, level: 'kecamatan', formats: ['PDF'] },
        api: false, datasetId: 'd2',
      }),
    ],
    usage: new Map([
      ['d1', { downloads: 25, apiCalls: 0 }],
      ['d2', { downloads: 10, apiCalls: 12 }],
      ['d3', { downloads: 9, apiCalls: 10 }],
    ]),
    history: new Map([
      ['d2', { versionsReplaced: 2, versionsKept: 1, renamed: false, movedUrls: 0 }],
      ['d3', { versionsReplaced: 0, versionsKept: 0, renamed: true, movedUrls: 0 }],
      ['d4', { versionsReplaced: 1, versionsKept: 1, renamed: false, movedUrls: 2 }],
    ]),
    apiResourceIds: new Set(['r3']),
  });
});

describe('maturity indicators on catalogue A', () => {
  it('oed.licence-free: d1 and d2 are CC-BY, d3 is non-commercial, d4 has none → 2/4', () => {
    expect(value('oed.licence-free')).toBe(0.5);
  });

  it('policy.core-datasets: hasil-pemilu and daftar-pemilih present, logistik and peserta-pemilu missing → 2/4', () => {
    expect(value('policy.core-datasets')).toBe(0.5);
  });

  it('policy.update-plan: d1 IRREG, d2 ANNUAL, d3 MONTHLY declare one, d4 none → 3/4', () => {
    expect(value('policy.update-plan')).toBe(0.75);
  });

  it('timeliness.update-frequency: d2 (ANNUAL) last changed 425 days ago > 366 × 1.1; d3 (MONTHLY) 20 days ago; IRREG left out → 1/2', () => {
    expect(value('timeliness.update-frequency')).toBe(0.5);
  });

  it('openness.five-star: d1 CSV 3★, d2 PDF 1★, d3 0★ (licence not open), d4 0★ → 1 star, value 0.2', () => {
    expect(value('openness.five-star')).toBe(0.2);
    expect(measures('openness.five-star')).toMatchObject({ stars: 1, datasets0star: 2, datasets1star: 1, datasets3star: 1 });
  });

  it('openness.five-star gives its evidence per resource, with the rule that decided each', () => {
    const items = registry.get('openness.five-star')!.evaluate({ evidence: ev, config }).evidence;
    expect(items.map((i) => [i.kind, i.ref, i.note])).toEqual([
      ['resource', 'd1/res-1', 'CSV 3★'],
      ['resource', 'd2/r2', 'PDF 1★'],
      ['resource', 'd3/r3', 'XLSX 0★ (licence-not-open)'],
      ['resource', 'd4/r4', 'HTML 0★ (licence-not-open)'],
    ]);
  });

  it('oed.analysable: d1 CSV and d3 XLSX are machine-readable, d2 PDF is not, d4 HTML is broken → 2/4', () => {
    expect(value('oed.analysable')).toBe(0.5);
  });

  it('oed.non-proprietary: only d1 (CSV) has an open format → 1/4', () => {
    expect(value('oed.non-proprietary')).toBe(0.25);
  });

  it('oed.free: d1 (upload, ok) and d2 (link ok) answer; d3 never checked, d4 404 → 2/4', () => {
    expect(value('oed.free')).toBe(0.5);
  });

  it('oed.non-discriminatory: only d3 is RESTRICTED (a 404 is not a login wall) → 3/4', () => {
    expect(value('oed.non-discriminatory')).toBe(0.75);
  });

  it('oed.permanent: d1 1, d2 ½ (a version lost), d3 ½ (renamed), d4 ½ (URLs moved) → 0.625', () => {
    expect(value('oed.permanent')).toBe(0.625);
  });

  it('access.api: d1 through the results API, d3 in the DataStore → 2/4', () => {
    expect(value('access.api')).toBe(0.5);
  });

  it('usage.downloads: d1 25 and d2 10 reach 10 downloads, d3 9 and d4 0 do not → 1/2, 44 in all', () => {
    expect(value('usage.downloads')).toBe(0.5);
    expect(measures('usage.downloads')['total']).toBe(44);
  });

  it('usage.api-calls: d2 12 and d3 10 reach 10 calls → 1/2, 22 in all', () => {
    expect(value('usage.api-calls')).toBe(0.5);
    expect(measures('usage.api-calls')['total']).toBe(22);
  });

  it('oed.timely: ppwp 1 day after voting day = 1; dpr 19 days = (35 − 19)/(35 − 2) → mean', () => {
    expect(value('oed.timely')).toBeCloseTo((1 + 16 / 33) / 2, 12);
    expect(measures('oed.timely')['maxDelayDays']).toBe(19);
  });

  it('oed.granular: ppwp at TPS level 1, dpr at kecamatan 0.4 → 0.7', () => {
    expect(value('oed.granular')).toBeCloseTo(0.7, 12);
  });

  it('oed.complete-bulk: ppwp TPS bulk covering 1500/1877 TPS; dpr kecamatan bulk 0.4 × 6/6 → mean; one TPS bulk contest', () => {
    expect(value('oed.complete-bulk')).toBeCloseTo((1500 / 1877 + 0.4) / 2, 12);
    expect(measures('oed.complete-bulk')['tpsBulkContests']).toBe(1);
  });

  it('completeness.regions: ppwp mean(6/6, 67/67, 1500/1877); dpr mean(6/6, 0, 0) → mean', () => {
    const ppwp = (1 + 1 + 1500 / 1877) / 3;
    const dpr = 1 / 3;
    expect(value('completeness.regions')).toBeCloseTo((ppwp + dpr) / 2, 12);
  });

  it('godi.election-results: ppwp 100 × 4/4; dpr (PDF: no open format) 80 × 2/4 = 40 → 70 points', () => {
    expect(value('godi.election-results')).toBeCloseTo(0.7, 12);
    expect(measures('godi.election-results')['points']).toBeCloseTo(70, 12);
  });

  it('mqa.keywords: d2 has no keywords → 3/4', () => {
    expect(value('mqa.keywords')).toBe(0.75);
  });

  it('mqa.licence: d4 has no licence → 3/4; mqa.licence-vocabulary: CC-BY and CC-NC are in the EU vocabulary → 3/4', () => {
    expect(value('mqa.licence')).toBe(0.75);
    expect(value('mqa.licence-vocabulary')).toBe(0.75);
  });

  it('mqa.access-url-status: d1 and d2 answer, d3 never checked, d4 404 → 2/4', () => {
    expect(value('mqa.access-url-status')).toBe(0.5);
  });

  it('mqa.download-url: d4 links a web page → 3/4; mqa.machine-readable: d2 PDF and d4 HTML are not → 2/4', () => {
    expect(value('mqa.download-url')).toBe(0.75);
    expect(value('mqa.machine-readable')).toBe(0.5);
  });
});

describe('maturity indicators without evidence', () => {
  it('score 0 for an office with no datasets and no results, and leave update-frequency not applicable', async () => {
    const empty = await officeEvidence([]);
    const values = Object.fromEntries(
      registry.list().filter((i) => i.kind === 'automatic').map((i) => [i.id, i.evaluate({ evidence: empty, config }).value]),
    );
    expect(values['timeliness.update-frequency']).toBeNull();
    expect(Object.entries(values).filter(([id, v]) => id !== 'timeliness.update-frequency' && v !== 0)).toEqual([]);
  });
});

describe('delayScore', () => {
  it('is 1 up to the full-marks day, 0 from the deadline, linear between', () => {
    expect([0, 2, 18.5, 35, 40].map((d) => delayScore(d, 2, 35))).toEqual([1, 1, 0.5, 0, 0]);
  });
});
