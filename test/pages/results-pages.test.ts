import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { getAction, registerActions } from '../../src/actions/registry.js';
import { RESULTS_ACTIONS } from '../../src/actions/results.js';
import { loadDemoResults } from '../../src/actions/results-demo.js';
import { SYSTEM_ACTOR } from '../../src/actions/auth.js';
import { makeUser } from '../support/factories.js';
import { cookiesOf, createPagesApp, csrfOf } from './support.js';

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

describe('importing results from the workspace', () => {
  it('imports a correction, answers with the check report, and the TPS page shows the corrected figures and their history', async () => {
    await makeUser(t, { name: 'operator', password: 'kata-sandi-panjang', org: 'kpu-kota-serang', role: 'editor' });
    const login = await t.server.inject({ url: '/masuk' });
    let cookie = cookiesOf(login.headers['set-cookie']);
    const signin = await t.server.inject({
      method: 'POST', url: '/masuk', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfOf(login.body), name: 'operator', password: 'kata-sandi-panjang' }).toString(),
    });
    cookie = cookiesOf(signin.headers['set-cookie'], cookie);
    const form = await t.server.inject({ url: '/ruang-kerja/impor', headers: { cookie } });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="pemilu-2024/ppwp"');
    const action = /action="(\/ruang-kerja\/impor\?_csrf=[^"]+)"/.exec(form.body)![1]!.replace(/&amp;/g, '&');
    const csv =
      'tps_code,desa_code,votes_01,votes_02,votes_03,suara_sah,suara_tidak_sah,suara_total,pemilih_dpt_total,pengguna_total,pengguna_dpt,pengguna_dptb,pengguna_dpk,sirekap_ts,n_photos\n' +
      '3673011002001,3673011002,94,106,24,224,6,230,292,230,230,0,0,2024-03-01 10:00:00,3\n';
    const boundary = '----kotakimport';
    const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body =
      part('target', 'pemilu-2024/ppwp') + part('layout', 'auto') + part('reason', 'Salah baca Sirekap: 24 seharusnya 230') +
      `--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="koreksi.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
    const res = await t.server.inject({ method: 'POST', url: action, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Laporan pemeriksaan');
    expect(res.body).toMatch(/TPS dikoreksi<\/dt><dd>1</);
    const tps = await t.server.inject({ url: '/hasil/pemilu-2024/ppwp/tps/3673011002001' });
    expect(tps.body).toContain('Salah baca Sirekap: 24 seharusnya 230');
    expect(tps.body).toMatch(/<code>pengguna_total<\/code>: <del>24<\/del> → <ins>230<\/ins>/);
  });

  it('refuses a file with a wrong header, naming the expected columns, and changes nothing', async () => {
    const login = await t.server.inject({ url: '/masuk' });
    let cookie = cookiesOf(login.headers['set-cookie']);
    const signin = await t.server.inject({
      method: 'POST', url: '/masuk', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfOf(login.body), name: 'operator', password: 'kata-sandi-panjang' }).toString(),
    });
    cookie = cookiesOf(signin.headers['set-cookie'], cookie);
    const form = await t.server.inject({ url: '/ruang-kerja/impor', headers: { cookie } });
    const action = /action="(\/ruang-kerja\/impor\?_csrf=[^"]+)"/.exec(form.body)![1]!.replace(/&amp;/g, '&');
    const boundary = '----kotakimport2';
    const body =
      `--${boundary}\r\nContent-Disposition: form-data; name="target"\r\n\r\npemilu-2024/ppwp\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="salah.csv"\r\nContent-Type: text/csv\r\n\r\nfoo,bar\n1,2\n\r\n--${boundary}--\r\n`;
    const res = await t.server.inject({ method: 'POST', url: action, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.body).toContain('Impor ditolak; data yang diterbitkan tidak berubah.');
    expect(res.body).toMatch(/<li>[^<]*tps_code[^<]*<\/li>/);
  });
});
