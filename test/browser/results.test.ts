import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAction, registerActions } from '../../src/actions/registry.js';
import { RESULTS_ACTIONS } from '../../src/actions/results.js';
import { loadDemoResults } from '../../src/actions/results-demo.js';
import { SYSTEM_ACTOR } from '../../src/actions/auth.js';
import { auditPage, expectAccessible, expectSameOrigin, newPage, startHarness, type BrowserHarness } from './support.js';

let h: BrowserHarness;

beforeAll(async () => {
  if (!getAction('results.region')) registerActions(RESULTS_ACTIONS);
  h = await startHarness({ seed: true, config: { loadDemoResults: true } });
  await loadDemoResults(h.t.app.context(SYSTEM_ACTOR, 'system'));
}, 180_000);
afterAll(() => h?.close());

describe('browser: results drill-down', () => {
  it('goes from the province to one TPS through the map and the tables, the map drawn at each level', async () => {
    const { context, page, traffic } = await newPage(h);
    await page.goto(h.origin + '/hasil');
    await page.getByRole('link', { name: /Pemilihan Presiden dan Wakil Presiden 2024/ }).click();
    await page.waitForURL(/\/hasil\/pemilu-2024\/ppwp\/36$/);
    // The map island drew the 8 kabupaten/kota from the local GeoJSON.
    await page.waitForSelector('[data-island="map"][data-drawn="8"]', { timeout: 15_000 });
    expect(await page.locator('.leaflet-interactive').count()).toBe(8);
    expect(await page.locator('.leaflet-tile').count()).toBe(0);
    // Clicking an area on the map leads to its page.
    await page.locator('.leaflet-interactive').first().click({ force: true });
    await page.waitForURL(/\/hasil\/pemilu-2024\/ppwp\/36\d{2}$/);
    await page.waitForSelector('[data-island="map"][data-drawn]', { timeout: 15_000 });
    // Down through the table alternative: a kecamatan, a desa, a TPS.
    await page.locator('table.children tbody th a').first().click();
    await page.waitForURL(/\/hasil\/pemilu-2024\/ppwp\/\d{6}$/);
    await page.waitForSelector('[data-island="map"][data-drawn]', { timeout: 15_000 });
    await page.locator('table.children tbody th a').first().click();
    await page.waitForURL(/\/hasil\/pemilu-2024\/ppwp\/\d{10}$/);
    await page.locator('a[href*="/tps/"]').first().click();
    await page.waitForURL(/\/hasil\/pemilu-2024\/ppwp\/tps\/\d{13}$/);
    expect(await page.textContent('h2#calc-h')).toBe('Pemeriksaan aritmetika, baris demi baris');
    await expectAccessible(page, 'TPS page');
    expectSameOrigin(h, traffic);
    await context.close();
  });

  it('checks each results page: same origin, no serious axe violation, budget except the map pages', async () => {
    await auditPage(h, '/hasil', { screenshot: 'hasil' });
    await auditPage(h, '/hasil/pemilu-2024/ppwp/36', { budget: null, waitFor: '[data-island="map"][data-drawn]', screenshot: 'hasil-provinsi' });
    await auditPage(h, '/hasil/pemilu-2024/ppwp/3673', { budget: null, waitFor: '[data-island="map"][data-drawn]', screenshot: 'hasil-kota' });
    const kec = await h.t.server.inject({ url: '/hasil/pemilu-2024/ppwp/367301' });
    const desa = /href="\/hasil\/pemilu-2024\/ppwp\/(367301\d{4})"/.exec(kec.body)![1]!;
    await auditPage(h, `/hasil/pemilu-2024/ppwp/${desa}`, { screenshot: 'hasil-desa' });
    // A TPS whose votes do not add up, to show a failing line of arithmetic.
    const flagged = await h.t.server.inject({ url: '/hasil/pemilu-2024/ppwp/3673/tanda?aturan=sum_votes_eq_valid' });
    const tps = /href="\/hasil\/pemilu-2024\/ppwp\/tps\/(\d{13})"/.exec(flagged.body)![1]!;
    await auditPage(h, `/hasil/pemilu-2024/ppwp/tps/${tps}`, { screenshot: 'hasil-tps' });
    await auditPage(h, '/hasil/pemilu-2024/ppwp/3673/forensik', { screenshot: 'hasil-forensik' });
    await auditPage(h, '/hasil/pemilu-2024/ppwp/36/tanda', { screenshot: 'hasil-tanda' });
  });
});
