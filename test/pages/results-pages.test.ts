import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { getAction, registerActions } from '../../src/actions/registry.js';
import { RESULTS_ACTIONS } from '../../src/actions/results.js';
import { loadDemoResults } from '../../src/actions/results-demo.js';
import { SYSTEM_ACTOR } from '../../src/actions/auth.js';
import { createPagesApp } from './support.js';

let t: TestApp;

beforeAll(async () => {
  if (!getAction('results.region')) registerActions(RESULTS_ACTIONS);
  t = await createPagesApp('sqlite', { seed: true, config: { loadDemoResults: true } });
  await loadDemoResults(t.app.context(SYSTEM_ACTOR, 'system'));
}, 120_000);
afterAll(() => t?.close());

describe('/hasil', () => {
  it('lists the elections and contests and starts the contest at the province', async () => {
    const home = await t.server.inject({ url: '/hasil' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('href="/hasil/pemilu-2024/ppwp"');
    const start = await t.server.inject({ url: '/hasil/pemilu-2024/ppwp' });
    expect(start.statusCode).toBe(302);
    expect(start.headers.location).toBe('/hasil/pemilu-2024/ppwp/36');
  });

  it('shows a province with votes, coverage, a map with legend and its table alternative, and flags', async () => {
    const res = await t.server.inject({ url: '/hasil/pemilu-2024/ppwp/36' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<h1>BANTEN|<h1>Banten/i);
    expect(res.body).toContain('data-island="map"');
    expect(res.body).toContain('"geo":"/peta/36.geojson"');
    expect(res.body).toContain('class="legend"');
    expect(res.body).toContain('href="/hasil/pemilu-2024/ppwp/3673"');
    expect(res.body).toMatch(/dari 33\.324 TPS sudah ada angkanya/);
    expect(res.body).toContain('Formulir bertanda');
    expect(res.body).toContain('/api/v1/elections/pemilu-2024/contests/ppwp/regions/36/download.csv');
  });

  it('drills down to a desa with its TPS and then to one TPS with its arithmetic line by line', async () => {
    const kec = await t.server.inject({ url: '/hasil/pemilu-2024/ppwp/367301' });
    expect(kec.statusCode).toBe(200);
    const desaCode = /href="\/hasil\/pemilu-2024\/ppwp\/(367301\d{4})"/.exec(kec.body)![1]!;
    const desa = await t.server.inject({ url: `/hasil/pemilu-2024/ppwp/${desaCode}` });
    expect(desa.statusCode).toBe(200);
    expect(desa.body).toContain(`href="/hasil/pemilu-2024/ppwp/367301"`); // breadcrumb to the kecamatan
    const tps = /href="\/hasil\/pemilu-2024\/ppwp\/tps\/(\d{13})"/.exec(desa.body)![1]!;
    const page = await t.server.inject({ url: `/hasil/pemilu-2024/ppwp/tps/${tps}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Pemeriksaan aritmetika, baris demi baris');
    expect(page.body).toContain('Jumlah suara sama dengan suara sah');
    expect(page.body).toContain('Riwayat koreksi');
  });

  it('lists flagged TPS of a region with the numbers behind the flag', async () => {
    const res = await t.server.inject({ url: '/hasil/pemilu-2024/ppwp/3673/tanda?aturan=sum_votes_eq_valid' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<code>selisih<\/code>/);
  });

  it('shows the forensic charts with their explanation', async () => {
    const res = await t.server.inject({ url: '/hasil/pemilu-2024/ppwp/3673/forensik' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Sidik jari pemilu');
    expect(res.body).toContain('role="img"');
  });

  it('answers 404 pages for an unknown region, TPS or contest', async () => {
    expect((await t.server.inject({ url: '/hasil/pemilu-2024/ppwp/99' })).statusCode).toBe(404);
    expect((await t.server.inject({ url: '/hasil/pemilu-2024/dpr/36' })).statusCode).toBe(404);
    expect((await t.server.inject({ url: '/hasil/pemilu-2024/ppwp/tps/3673011001999' })).statusCode).toBe(404);
  });
});
