/**
 * /kematangan/{organization}/laporan: the printable maturity report (issue 5 §6), on the seeded nine offices with the
 * maturity demo catalogue and one assessment stored, through the real HTTP layer.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../src/actions/invoke.js';
import { getAction, registerActions } from '../../src/actions/registry.js';
import { MATURITY_ACTIONS } from '../../src/actions/maturity-actions.js';
import { seedMaturityDemo } from '../../src/actions/maturity-demo.js';
import { maturityRuntime } from '../../src/actions/maturity-run.js';
import type { TestApp } from '../support/app.js';
import { makeOrg, makeUser } from '../support/factories.js';
import { createPagesApp } from './support.js';

let t: TestApp;
let offices: string[];
const INDICATORS = maturityRuntime().registry.list().map((i) => i.id);
const NASTY = '<script>alert("x")</script> & \'kutip\'';

beforeAll(async () => {
  if (!getAction('maturity.show')) registerActions(MATURITY_ACTIONS);
  t = await createPagesApp('sqlite', { seed: true, now: () => new Date('2025-03-01T00:00:00.000Z') });
  await seedMaturityDemo(t.system, '2025');
  await invoke(t.system, 'maturity.assess', { round: '2025' });
  // An office whose title and questionnaire evidence hold markup, assessed live (nothing stored).
  await makeOrg(t, 'kpu-uji-markup', { title: `KPU ${NASTY}`, region_code: '3699' });
  const admin = await makeUser(t, { org: 'kpu-uji-markup', role: 'admin' });
  await invoke(t.as(admin.actor), 'maturity.answer', { organization: 'kpu-uji-markup', round: '2025', answers: [{ question: 'odm.policy.framework', value: 'yes', evidence: NASTY }] });
  offices = (await invoke<Array<{ name: string }>>(t.system, 'organization.list', { all_fields: true })).map((o) => o.name);
});
afterAll(() => t?.close());

const get = (url: string) => t.server.inject({ url });

describe('/kematangan/{organization}/laporan', () => {
  it('renders for every office, with every indicator id, its level and all four dimensions', async () => {
    expect(offices).toHaveLength(10);
    for (const org of offices) {
      const res = await get(`/kematangan/${org}/laporan?putaran=2025`);
      expect([org, res.statusCode]).toEqual([org, 200]);
      for (const id of INDICATORS) expect([org, res.body.includes(`<code>${id}</code>`)]).toEqual([org, true]);
      expect(res.body).toMatch(/Tingkat [1-5]: (Rintisan|Terkelola|Terdefinisi|Terpadu|Optimum)/);
      expect(res.body.match(/<section class="report-dimension"/g)).toHaveLength(4);
    }
  });

  it('lays out the stored assessment: score, log entry and digest, ranked recommendations, evidence with full addresses', async () => {
    const shown = await invoke<{ score: number; sha256: string; logIndex: number; recommendations: Array<{ indicatorId: string }> }>(t.system, 'maturity.show', {
      organization: 'kpu-kota-cilegon', round: '2025',
    });
    const res = await get('/kematangan/kpu-kota-cilegon/laporan?putaran=2025');
    expect(res.body).toContain('<h1>Laporan kematangan data terbuka: KPU Kota Cilegon</h1>');
    expect(res.body).toContain(`diterbitkan di log, entri #${shown.logIndex}`);
    expect(res.body).toContain(`<code class="hash">${shown.sha256}</code>`);
    // Recommendations in the action's order, each linking to its indicator's section.
    const ranked = [...res.body.matchAll(/<a href="#ind-([^"]+)" class="no-url">/g)].map((m) => m[1]);
    expect(ranked).toEqual(shown.recommendations.map((r) => r.indicatorId));
    for (const id of ranked) expect(res.body).toContain(`<section class="report-indicator" id="ind-${id}"`);
    // Dataset evidence links to the dataset's page at the portal's public address.
    expect(res.body).toMatch(/<a href="http:\/\/kotak\.test\/dataset\/[a-z0-9-]+"><code>[a-z0-9-]+<\/code><\/a>/);
    expect(res.body).toContain('href="http://kotak.test/api/v1/maturity/kpu-kota-cilegon/export.json"');
    expect(res.body).toContain('Dicetak dari');
  });

  it('is in English with ?lang=en', async () => {
    const res = await get('/kematangan/kpu-kota-serang/laporan?putaran=2025&lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain('Open-data maturity report: KPU Kota Serang');
    expect(res.body).toMatch(/Dimension Policy: score [\d.]+ of 100/);
    expect(res.body).toContain('Recommendations (ranked by the points they would gain)');
  });

  it('escapes what offices write: the title and questionnaire evidence', async () => {
    const res = await get('/kematangan/kpu-uji-markup/laporan?putaran=2025');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).toContain('KPU &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;kutip&#39;');
    expect(res.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;kutip&#39; — not confirmed');
    expect(res.body).toContain('belum diterbitkan (dihitung sekarang)');
  });

  it('is linked from the office page, keeping the round', async () => {
    const res = await get('/kematangan/kpu-kota-serang?putaran=2025');
    expect(res.body).toContain('<a href="/kematangan/kpu-kota-serang/laporan?putaran=2025">Cetak laporan</a>');
  });

  it('answers 404 for an unknown office', async () => {
    expect((await get('/kematangan/tidak-ada/laporan')).statusCode).toBe(404);
  });
});

describe('the print stylesheet', () => {
  const css = readFileSync(new URL('../../public/kotak.css', import.meta.url), 'utf8');
  const print = [...css.matchAll(/@media print\{([\s\S]*?)\}\}/g)].map((m) => m[1]).join('\n');

  it('hides navigation and buttons, breaks pages between dimensions and prints the address of each link', () => {
    expect(print).toMatch(/\.site-nav,[^{]*\.no-print,button,\.button[^{]*\{display:none!important\}/);
    expect(print).toContain('.report-dimension{break-before:page}');
    expect(print).toContain('.report a[href]:not(.no-url)::after{content:" <" attr(href) ">"');
  });
});
