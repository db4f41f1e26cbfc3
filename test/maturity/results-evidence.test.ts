/**
 * The results evidence of the maturity assessment (issue 5 §2: timeliness, granularity down to TPS, complete and in
 * bulk, completeness against the region and TPS lists, GODI), read through the `resultsCoverage` hook that start-up
 * registers (src/actions/results-coverage.ts), on both databases:
 * - on the hand-made portal of results-fixture.ts, every score worked out by hand below;
 * - on the real Banten PPWP 2024 demo results, where every office's region has results.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maturityHooks } from '../../src/actions/maturity-evidence.js';
import { activeOffices, assessNow } from '../../src/actions/maturity-run.js';
import { invoke } from '../../src/actions/invoke.js';
import { loadDemoResults } from '../../src/actions/results-demo.js';
import { resultsCoverageOf } from '../../src/actions/results-coverage.js';
import { importResultsFile } from '../../src/actions/results-import.js';
import type { Assessment } from '../../src/maturity/assess.js';
import type { ResultsCoverage } from '../../src/maturity/evidence.js';
import { DIALECTS, createTestApp, type TestApp } from '../support/app.js';
import { NOW, PPWP_FILE, resultsFixture, type ResultsFixture } from './results-fixture.js';

const RESULTS_INDICATORS = ['oed.timely', 'oed.granular', 'oed.complete-bulk', 'completeness.regions', 'godi.election-results'] as const;

async function assessAll(t: TestApp): Promise<Map<string, Assessment>> {
  const ctx = t.system;
  const offices = await activeOffices(ctx);
  const out = new Map<string, Assessment>();
  for (const o of offices) out.set(o.name, await assessNow(ctx, o, '2024', offices));
  return out;
}

const indicator = (a: Assessment, id: string) => a.indicators.find((i) => i.id === id)!;

describe('the results coverage hook', () => {
  it('is registered at start-up', async () => {
    const t = await createTestApp('sqlite', { http: false });
    try {
      expect(maturityHooks().resultsCoverage).toBe(resultsCoverageOf);
    } finally {
      await t.close();
    }
  });
});

describe.each(DIALECTS)('results evidence on a hand-made portal on %s', (dialect) => {
  let f: ResultsFixture;
  let byOffice: Map<string, Assessment>;
  const value = (org: string, id: string) => indicator(byOffice.get(org)!, id).value;
  beforeAll(async () => {
    f = await resultsFixture(dialect);
    byOffice = await assessAll(f.t);
  });
  afterAll(async () => f?.t.close());

  it('describes Kota Serang’s ppwp coverage from its own import', async () => {
    const office = (await activeOffices(f.t.system)).find((o) => o.name === 'kpu-kota-serang')!;
    const [c, ...rest] = await resultsCoverageOf(f.t.system, office);
    expect(rest).toEqual([]); // the walikota contest is Cilegon's
    expect(c).toMatchObject<Partial<ResultsCoverage>>({
      election: 'uji-2024', contest: 'ppwp', major: true, electionDate: '2024-02-14', finestLevel: 'tps',
      expected: { kecamatan: 2, desa: 3, tps: 5 },
      published: { kecamatan: 2, desa: 2, tps: 3 },
      firstPublishedAt: '2024-02-20T00:00:00.000Z', firstPublishedFrom: 'source', lastUpdatedAt: NOW,
      fields: { registeredVoters: true, invalidVotes: true, spoiledBallots: false },
      bulk: { available: true, level: 'tps', formats: ['CSV', 'JSON', 'Parquet'] },
      api: true,
      region: { code: '3673', name: 'Kota Serang' },
      dataset: { name: 'hasil-uji-2024-ppwp-kota-serang', organization: 'kpu-kota-serang', licenseId: 'other-open', public: true },
    });
  });

  it('Kota Serang: timely (35 − 6)/(35 − 2); TPS level 1; bulk 3/5 TPS; completeness mean(2/2, 2/3, 3/5); GODI 100 × 3/4', () => {
    expect(value('kpu-kota-serang', 'oed.timely')).toBeCloseTo(29 / 33, 12);
    expect(value('kpu-kota-serang', 'oed.granular')).toBe(1);
    expect(value('kpu-kota-serang', 'oed.complete-bulk')).toBeCloseTo(3 / 5, 12);
    expect(value('kpu-kota-serang', 'completeness.regions')).toBeCloseTo((1 + 2 / 3 + 3 / 5) / 3, 12);
    expect(value('kpu-kota-serang', 'godi.election-results')).toBeCloseTo(0.75, 12);
    expect(indicator(byOffice.get('kpu-kota-serang')!, 'oed.complete-bulk').measures['tpsBulkContests']).toBe(1);
  });

  it('Kota Cilegon: ppwp has nothing in its region; the walikota contest has official kecamatan figures only, stored 16 days after voting day', () => {
    // ppwp: 0 everywhere. walikota: timely (35 − 16)/33, kecamatan 0.4, no bulk, completeness mean(1/1, 0/2), GODI
    // 45/100 (online, free, up to date) × description 0/4.
    expect(value('kpu-kota-cilegon', 'oed.timely')).toBeCloseTo((0 + 19 / 33) / 2, 12);
    expect(value('kpu-kota-cilegon', 'oed.granular')).toBeCloseTo(0.2, 12);
    expect(value('kpu-kota-cilegon', 'oed.complete-bulk')).toBe(0);
    expect(value('kpu-kota-cilegon', 'completeness.regions')).toBeCloseTo((0 + 0.5) / 2, 12);
    expect(value('kpu-kota-cilegon', 'godi.election-results')).toBe(0);
    const godi = indicator(byOffice.get('kpu-kota-cilegon')!, 'godi.election-results').evidence;
    expect(godi.map((e) => [e.ref, e.note])).toEqual([
      ['uji-2024/ppwp', '0/100 × description 0; missing: online, free, bulk, upToDate, openLicence, openMachineReadable; description lacks: tpsLevel, registeredVoters, invalidVotes, spoiledBallots [region 3672 Kota Cilegon]'],
      ['uji-2024/walikota-cilegon', '45/100 × description 0; missing: bulk, openLicence, openMachineReadable; description lacks: tpsLevel, registeredVoters, invalidVotes, spoiledBallots [region 3672 Kota Cilegon]'],
    ]);
  });

  it('Banten province: ppwp over the whole province (published through Kota Serang’s dataset) and the walikota contest in Cilegon', () => {
    // ppwp: timely 29/33, TPS 1, bulk 3/5, completeness mean(2/3, 2/5, 3/5) = 5/9, GODI 75; walikota as in Cilegon.
    expect(value('kpu-provinsi-banten', 'oed.timely')).toBeCloseTo((29 / 33 + 19 / 33) / 2, 12);
    expect(value('kpu-provinsi-banten', 'oed.granular')).toBeCloseTo(0.7, 12);
    expect(value('kpu-provinsi-banten', 'oed.complete-bulk')).toBeCloseTo(0.3, 12);
    expect(value('kpu-provinsi-banten', 'completeness.regions')).toBeCloseTo((5 / 9 + 1 / 2) / 2, 12);
    expect(value('kpu-provinsi-banten', 'godi.election-results')).toBeCloseTo(0.375, 12);
    const completeness = indicator(byOffice.get('kpu-provinsi-banten')!, 'completeness.regions').evidence[0]!;
    expect(completeness).toEqual({
      kind: 'contest', ref: 'uji-2024/ppwp', field: 'published/expected', met: false,
      note: 'TPS 3/5, desa 2/5, kecamatan 2/3 [region 36 Banten; dataset hasil-uji-2024-ppwp-kota-serang (kpu-kota-serang)]',
      url: '/hasil/uji-2024/ppwp/36',
    });
  });

  it('says where the delay was measured from', () => {
    const notes = indicator(byOffice.get('kpu-kota-cilegon')!, 'oed.timely').evidence.map((e) => e.note);
    expect(notes).toEqual([
      'not published [region 3672 Kota Cilegon]',
      '16.0 days after voting day (first publication on this portal) [region 3672 Kota Cilegon]',
    ]);
    expect(indicator(byOffice.get('kpu-kota-serang')!, 'oed.timely').evidence[0]!.note).toBe(
      '6.0 days after voting day (earliest source timestamp of a TPS form) [region 3673 Kota Serang; dataset hasil-uji-2024-ppwp-kota-serang (kpu-kota-serang)]',
    );
  });

  // Last: it changes the portal. The coverage is cached per contest revision, which the import bumps.
  it('follows a later import at once: filling B1-002 publishes a fourth TPS of five', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kotak-coverage-')), 'b1.csv');
    writeFileSync(file, `${PPWP_FILE.split('\n')[0]}\n3673021001002,3673021001,50,40,30,120,3,123,200,123,120,2,1,2024-02-22 07:00:00,1\n`);
    await importResultsFile(f.t.system, { election: 'uji-2024', contest: 'ppwp', path: file });
    const office = (await activeOffices(f.t.system)).find((o) => o.name === 'kpu-kota-serang')!;
    const [c] = await resultsCoverageOf(f.t.system, office);
    expect([c!.published, c!.expected.tps, c!.firstPublishedAt]).toEqual([{ kecamatan: 2, desa: 2, tps: 4 }, 5, '2024-02-20T00:00:00.000Z']);
    const a = await assessNow(f.t.system, office, '2024', await activeOffices(f.t.system));
    expect(indicator(a, 'oed.complete-bulk').value).toBeCloseTo(4 / 5, 12);
    expect(indicator(a, 'completeness.regions').value).toBeCloseTo((1 + 2 / 3 + 4 / 5) / 3, 12);
  });
});

describe.each(DIALECTS)('results evidence on the Banten PPWP 2024 demo on %s', (dialect) => {
  let t: TestApp;
  let byOffice: Map<string, Assessment>;
  let children: Array<{ code: string; coverage: { tps_expected: number; tps_reported: number } }>;
  beforeAll(async () => {
    t = await createTestApp(dialect, { seed: true, http: false, config: { loadDemoResults: true } });
    expect((await loadDemoResults(t.system))?.tps.new).toBe(33324);
    byOffice = await assessAll(t);
    children = (await invoke<{ children: typeof children }>(t.system, 'results.region', { election: 'pemilu-2024', contest: 'ppwp', code: '36' })).children;
  });
  afterAll(async () => t?.close());

  it('scores the results indicators above 0 for all nine offices, whose regions all have results', () => {
    expect(byOffice.size).toBe(9);
    for (const [org, a] of byOffice) {
      for (const id of RESULTS_INDICATORS) expect([org, id, indicator(a, id).value! > 0]).toEqual([org, id, true]);
      // Sirekap stamped the first Banten form on election night (2024-02-14 21:46 WIB), well within 2 days.
      expect([org, indicator(a, 'oed.timely').value, indicator(a, 'oed.granular').value]).toEqual([org, 1, 1]);
      // Online, free, in bulk, up to date, open licence, open format; the forms carry no spoiled-ballot count.
      expect([org, indicator(a, 'godi.election-results').value]).toEqual([org, 0.75]);
    }
  });

  it('counts each kabupaten/kota’s TPS as the results pages do, and the province as their sum', () => {
    const byRegion = new Map<string, Assessment>([...byOffice.values()].map((a) => [a.organization.name, a]));
    let reported = 0;
    for (const child of children) {
      const a = [...byRegion.values()].find((x) => indicator(x, 'completeness.regions').evidence[0]!.note!.includes(`[region ${child.code} `))!;
      const note = indicator(a, 'completeness.regions').evidence[0]!.note!;
      expect(note.startsWith(`TPS ${child.coverage.tps_reported}/${child.coverage.tps_expected},`)).toBe(true);
      expect(indicator(a, 'oed.complete-bulk').value).toBeCloseTo(child.coverage.tps_reported / child.coverage.tps_expected, 12);
      reported += child.coverage.tps_reported;
    }
    expect(children).toHaveLength(8);
    expect(indicator(byOffice.get('kpu-provinsi-banten')!, 'completeness.regions').evidence[0]!.note).toBe(
      `TPS ${reported}/33324, desa 1549/1552, kecamatan 155/155 [region 36 Banten; dataset hasil-pemilu-2024-ppwp-provinsi-banten (kpu-provinsi-banten)]`,
    );
  });

  it('names the region and the dataset in the evidence of every office, with the results page as its address', () => {
    for (const [org, a] of byOffice) {
      for (const id of RESULTS_INDICATORS) {
        const items = indicator(a, id).evidence;
        expect(items).toHaveLength(1);
        expect([org, id, items[0]!.ref]).toEqual([org, id, 'pemilu-2024/ppwp']);
        expect(items[0]!.note).toMatch(/\[region 36\d* [A-Z][^;]+; dataset hasil-pemilu-2024-ppwp-provinsi-banten \(kpu-provinsi-banten\)\]$/);
        expect(items[0]!.url).toMatch(/^\/hasil\/pemilu-2024\/ppwp\/36\d*$/);
      }
    }
    expect(indicator(byOffice.get('kpu-kota-serang')!, 'oed.granular').evidence[0]!.url).toBe('/hasil/pemilu-2024/ppwp/3673');
  });
});
