import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { makeDataset, makeOrg, makeUser } from '../support/factories.js';
import { getAction, registerActions } from '../../src/actions/registry.js';
import { MATURITY_ACTIONS } from '../../src/actions/maturity-actions.js';
import { cookiesOf, createPagesApp, csrfOf } from './support.js';

let t: TestApp;
let cookie = '';

beforeAll(async () => {
  if (!getAction('maturity.show')) registerActions(MATURITY_ACTIONS);
  t = await createPagesApp('sqlite');
  await makeOrg(t, 'kpu-kota-serang', { title: 'KPU Kota Serang', region_code: '3673' });
  await makeOrg(t, 'kpu-kota-cilegon', { title: 'KPU Kota Cilegon', region_code: '3672' });
  const admin = await makeUser(t, { name: 'ketua', password: 'kata-sandi-panjang', org: 'kpu-kota-serang', role: 'admin' });
  await makeDataset(t, admin, 'kpu-kota-serang', { name: 'dpt-serang', title: 'DPT Kota Serang', tags: ['dpt'], themes: ['GOVE'], spatial: ['3673'] });
  const login = await t.server.inject({ url: '/masuk' });
  cookie = cookiesOf(login.headers['set-cookie']);
  const res = await t.server.inject({
    method: 'POST', url: '/masuk', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfOf(login.body), name: 'ketua', password: 'kata-sandi-panjang' }).toString(),
  });
  cookie = cookiesOf(res.headers['set-cookie'], cookie);
});
afterAll(() => t?.close());

describe('/kematangan', () => {
  it('compares the offices with level, score and dimensions', async () => {
    const res = await t.server.inject({ url: '/kematangan' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/kematangan/kpu-kota-serang"');
    expect(res.body).toContain('href="/kematangan/kpu-kota-cilegon"');
    expect(res.body).toMatch(/Tingkat [1-5]: (Rintisan|Terkelola|Terdefinisi|Terpadu|Optimum)/);
    expect(res.body).toContain('Kebijakan');
  });

  it('shows an office with its evidence and ranked recommendations, in English too', async () => {
    const res = await t.server.inject({ url: '/kematangan/kpu-kota-serang?lang=en' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>KPU Kota Serang</h1>');
    expect(res.body).toContain('Recommendations (ranked by the points they would gain)');
    expect(res.body).toContain('<code>dpt-serang</code>');
    expect(res.body).toMatch(/Level [1-5]: /);
  });

  it('answers 404 for an unknown office', async () => {
    expect((await t.server.inject({ url: '/kematangan/tidak-ada' })).statusCode).toBe(404);
  });

  it('puts the maturity badge on the organisation page', async () => {
    const res = await t.server.inject({ url: '/organization/kpu-kota-serang' });
    expect(res.body).toMatch(/Tingkat kematangan data terbuka: <a href="\/kematangan\/kpu-kota-serang"><span class="level level-[1-5]">/);
  });
});

describe('the maturity questionnaire', () => {
  it('lets an office administrator answer, and the answer shows in the assessment', async () => {
    const form = await t.server.inject({ url: '/ruang-kerja/kuesioner/kpu-kota-serang', headers: { cookie } });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="value:odm.policy.framework"');
    const payload = new URLSearchParams({ _csrf: csrfOf(form.body), 'value:odm.policy.framework': 'yes', 'orig:odm.policy.framework': '', 'evidence:odm.policy.framework': 'Keputusan KPU Kota Serang No. 12/2024' });
    const res = await t.server.inject({ method: 'POST', url: '/ruang-kerja/kuesioner/kpu-kota-serang', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: payload.toString() });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/ruang-kerja/kuesioner/kpu-kota-serang?disimpan=1');
    const again = await t.server.inject({ url: '/ruang-kerja/kuesioner/kpu-kota-serang?disimpan=1', headers: { cookie } });
    expect(again.body).toContain('1 jawaban tersimpan.');
    expect(again.body).toMatch(/name="value:odm\.policy\.framework" value="yes" checked/);
    expect(again.body).toContain('Keputusan KPU Kota Serang No. 12/2024');
  });

  it('refuses the questionnaire of an office one does not administer', async () => {
    const res = await t.server.inject({ url: '/ruang-kerja/kuesioner/kpu-kota-cilegon', headers: { cookie } });
    expect(res.statusCode).toBe(403);
  });
});
