/**
 * The TPS list page (/ruang-kerja/daftar-tps) through the real HTTP layer: sign-in, CSRF in the form's address, a
 * multipart upload into results.tpsListImport, and the report or the form again with the reader's row and column.
 * The Banten demo results are loaded, so the report has a contest whose coverage the new list changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/actions/auth.js';
import { invoke } from '../../src/actions/invoke.js';
import { getAction, registerActions } from '../../src/actions/registry.js';
import { RESULTS_ACTIONS } from '../../src/actions/results.js';
import { loadDemoResults } from '../../src/actions/results-demo.js';
import type { TestApp } from '../support/app.js';
import { makeUser } from '../support/factories.js';
import { multipart } from '../results/support/app.js';
import { cookiesOf, createPagesApp, csrfOf } from './support.js';

const PAGE = '/ruang-kerja/daftar-tps';
// Three TPS of desa 3673011001 that the demo results report, and one they do not mention.
const LIST = 'kode_tps,nama_tps,dpt\n3673011001001,TPS 001,289\n3673011001002,TPS 002,290\n3673011001003,TPS 003,250\n3673011001099,TPS 099,301\n';

let t: TestApp;

beforeAll(async () => {
  if (!getAction('results.tpsListImport')) registerActions(RESULTS_ACTIONS);
  t = await createPagesApp('sqlite', { seed: true, config: { loadDemoResults: true } });
  await loadDemoResults(t.app.context(SYSTEM_ACTOR, 'system'));
  await makeUser(t, { name: 'operator-serang', password: 'kata-sandi-panjang', org: 'kpu-kota-serang', role: 'editor' });
}, 120_000);
afterAll(() => t?.close());

/** A session cookie of a signed-in user. */
async function signIn(name: string): Promise<string> {
  const login = await t.server.inject({ url: '/masuk' });
  const cookie = cookiesOf(login.headers['set-cookie']);
  const res = await t.server.inject({
    method: 'POST', url: '/masuk', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfOf(login.body), name, password: 'kata-sandi-panjang' }).toString(),
  });
  expect(res.statusCode).toBe(303);
  return cookiesOf(res.headers['set-cookie'], cookie);
}

/** The form's address, with its CSRF token, as the browser would post to it. */
function actionOf(body: string): string {
  return /action="(\/ruang-kerja\/daftar-tps\?_csrf=[^"]+)"/.exec(body)![1]!.replace(/&amp;/g, '&');
}

async function upload(cookie: string, url: string, name: string, content: string, election = 'pemilu-2024') {
  const body = multipart({ election }, { name, content });
  return t.server.inject({ method: 'POST', url, headers: { cookie, ...body.headers }, payload: body.payload });
}

const listed = async () => (await invoke<{ total: number }>(t.system, 'results.tpsList', { election: 'pemilu-2024', region: '3673011001' })).total;

describe('results.tpsListImport page', () => {
  it('sends an anonymous visitor to sign in and refuses an anonymous upload', async () => {
    const get = await t.server.inject({ url: PAGE });
    expect(get.statusCode).toBe(303);
    expect(get.headers.location).toBe('/masuk?next=%2Fruang-kerja%2Fdaftar-tps');
    const login = await t.server.inject({ url: '/masuk' });
    const cookie = cookiesOf(login.headers['set-cookie']);
    const res = await upload(cookie, `${PAGE}?_csrf=${encodeURIComponent(csrfOf(login.body))}`, 'dpt.csv', LIST);
    expect(res.statusCode).toBe(403);
    expect(await listed()).toBe(0);
  });

  it('shows an editor the form: the elections, CSV or XLSX, the columns and the size limit, linked from the workspace', async () => {
    const cookie = await signIn('operator-serang');
    const ws = await t.server.inject({ url: '/ruang-kerja', headers: { cookie } });
    expect(ws.body).toContain(`<a href="${PAGE}">Unggah daftar TPS</a>`);
    const form = await t.server.inject({ url: PAGE, headers: { cookie } });
    expect(form.statusCode).toBe(200);
    expect(form.headers['cache-control']).toBe('no-store');
    expect(form.body).toContain('<h1>Unggah daftar TPS</h1>');
    expect(form.body).toMatch(/<option value="pemilu-2024">[^<]+<\/option>/);
    expect(form.body).toContain('accept=".csv,.xlsx"');
    expect(form.body).toMatch(/kolom tps_code .* dan dpt \(pemilih terdaftar; boleh juga registered\)\. Kolom lain tidak dibaca\. Hingga [\d.]+ MB\./);
    const en = await t.server.inject({ url: `${PAGE}?lang=en`, headers: { cookie } });
    expect(en.body).toContain('<h1>Upload a TPS list</h1>');
  });

  it('refuses a list that names a TPS twice, naming row and column, and changes nothing', async () => {
    const cookie = await signIn('operator-serang');
    const form = await t.server.inject({ url: PAGE, headers: { cookie } });
    const res = await upload(cookie, actionOf(form.body), 'dpt.csv', 'tps_code,dpt\n3673011001001,289\n3673011001002,290\n3673011001001,289\n');
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Daftar TPS ditolak; tidak ada yang berubah.');
    expect(res.body).toMatch(/<li>[^<]*row 4, column 1 \(A, &quot;tps_code&quot;\): TPS 3673011001001 is listed twice \(first in row 2\)<\/li>/);
    expect(res.body).toContain('<option value="pemilu-2024" selected>');
    expect(await listed()).toBe(0);
  });

  it('refuses a list without a TPS code column, naming the columns it expects', async () => {
    const cookie = await signIn('operator-serang');
    const form = await t.server.inject({ url: PAGE, headers: { cookie } });
    const res = await upload(cookie, actionOf(form.body), 'dpt.csv', 'desa,dpt\n3673011001,289\n');
    expect(res.statusCode).toBe(409);
    expect(res.body).toMatch(/<li>[^<]*row 1: missing column tps_code; a TPS list has the columns tps_code/);
    expect(await listed()).toBe(0);
  });

  it('asks for a file when none was chosen', async () => {
    const cookie = await signIn('operator-serang');
    const form = await t.server.inject({ url: PAGE, headers: { cookie } });
    const res = await upload(cookie, actionOf(form.body), 'kosong.csv', '');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Pilih berkas untuk diunggah.');
  });

  it('refuses an upload without the CSRF token and changes nothing', async () => {
    const cookie = await signIn('operator-serang');
    const res = await upload(cookie, PAGE, 'dpt.csv', LIST);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Formulir kedaluwarsa');
    expect(await listed()).toBe(0);
  });

  it('refuses an editor of another office with 403', async () => {
    await makeUser(t, { name: 'operator-pandeglang', password: 'kata-sandi-panjang', org: 'kpu-kabupaten-pandeglang', role: 'editor' });
    const cookie = await signIn('operator-pandeglang');
    const form = await t.server.inject({ url: PAGE, headers: { cookie } });
    const res = await upload(cookie, actionOf(form.body), 'dpt.csv', LIST);
    expect(res.statusCode).toBe(403);
    expect(await listed()).toBe(0);
  });

  it('saves a good list and reports region, office, TPS, registered voters, changes, coverage per contest and the log entry', async () => {
    const cookie = await signIn('operator-serang');
    const form = await t.server.inject({ url: PAGE, headers: { cookie } });
    const res = await upload(cookie, actionOf(form.body), 'dpt-3673011001.csv', LIST);
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain('<h1>Laporan daftar TPS</h1>');
    const entry = await t.app.services.database.db.selectFrom('log_entries').select(['idx', 'kind']).where('kind', '=', 'tps-list').orderBy('idx', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(body).toContain(`Daftar TPS disimpan dan dicatat sebagai entri log #${entry.idx}.`);
    expect(body).toContain('<dt>Wilayah</dt><dd>');
    expect(body).toMatch(/<dt>Wilayah<\/dt><dd>[^<]+ \(3673011001\)<\/dd>/);
    expect(body).toContain('<dt>Penerbit</dt><dd><a href="/organization/kpu-kota-serang">kpu-kota-serang</a></dd>');
    expect(body).toContain('<dt>TPS dalam daftar</dt><dd>4</dd>');
    expect(body).toContain('<dt>Pemilih terdaftar (DPT)</dt><dd>1.130</dd>');
    expect(body).toContain('<dt>TPS baru</dt><dd>4</dd>');
    expect(body).toContain('<dt>TPS dihapus</dt><dd>0</dd>');
    expect(body).toContain('<dt>TPS dengan DPT berubah</dt><dd>0</dd>');
    expect(body).toContain(`<dt>Entri log</dt><dd>#${entry.idx}</dd>`);
    expect(body).toContain('<dt>Dataset</dt><dd><a href="/dataset/daftar-tps-pemilu-2024-kota-serang">daftar-tps-pemilu-2024-kota-serang</a></dd>');
    const dataset = await t.server.inject({ url: '/dataset/daftar-tps-pemilu-2024-kota-serang' });
    expect(dataset.statusCode).toBe(200);
    // Coverage as the results page now shows it: the TPS only on the list is expected and missing.
    const region = await invoke<{ coverage: { tps_expected: number; tps_reported: number }; flags: Record<string, number> }>(t.system, 'results.region', {
      election: 'pemilu-2024', contest: 'ppwp', code: '3673011001',
    });
    const n = (x: number) => x.toLocaleString('id-ID');
    expect(body).toMatch(
      new RegExp(
        `<tr><th scope="row"><a href="/hasil/pemilu-2024/ppwp/3673011001">[^<]+</a></th><td class="num">${n(region.coverage.tps_reported)} dari ${n(region.coverage.tps_expected)} TPS</td><td class="num">${region.flags.missing_tps}</td></tr>`,
      ),
    );
    expect(region.flags.missing_tps).toBeGreaterThanOrEqual(1);
    expect(await listed()).toBe(4);

    const again = await upload(cookie, actionOf(form.body), 'dpt-3673011001.csv', LIST);
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Tidak ada yang berubah: daftar ini sama dengan yang sudah tersimpan.');
    expect(again.body).not.toContain('<dt>Entri log</dt>');
  });

  it('removes the list of a region from the second form: refused with the reason first, then the report', async () => {
    const cookie = await signIn('operator-serang');
    const form = await t.server.inject({ url: PAGE, headers: { cookie } });
    expect(form.body).toContain('<h2 id="remove-h">Hapus daftar TPS suatu wilayah</h2>');
    const remove = (region: string, csrf = csrfOf(form.body)) =>
      t.server.inject({
        method: 'POST', url: `${PAGE}/hapus`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf, election: 'pemilu-2024', region }).toString(),
      });
    expect((await remove('3673011001', 'palsu')).statusCode).toBe(403);
    // The list was given for the desa: the kecamatan has none of its own.
    const refused = await remove('367301');
    expect(refused.statusCode).toBe(409); // the validation status of the CKAN API this portal follows
    expect(refused.body).toContain('Daftar tidak dihapus; tidak ada yang berubah.');
    expect(refused.body).toContain('region: Region 367301 has no TPS list of its own (lists are in effect for 3673011001)');
    expect(refused.body).toContain('value="367301"');
    expect(await listed()).toBe(4);
    const res = await remove('3673011001');
    expect(res.statusCode).toBe(200);
    const entry = await t.app.services.database.db.selectFrom('log_entries').select('idx').where('kind', '=', 'tps-list').orderBy('idx', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(res.body).toContain(`Daftar TPS wilayah ini dihapus dan dicatat sebagai entri log #${entry.idx}.`);
    expect(res.body).toContain('<dt>TPS dihapus</dt><dd>4</dd>');
    expect(await listed()).toBe(0);
    const region = await invoke<{ flags: Record<string, number> }>(t.system, 'results.region', { election: 'pemilu-2024', contest: 'ppwp', code: '3673011001' });
    expect(region.flags.tps_not_in_list ?? 0).toBe(0);
  });
});
