import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { makeOrg, makeUser } from '../support/factories.js';
import { invoke } from '../../src/actions/invoke.js';
import type { Dataset } from '../../src/catalog/types.js';
import { cookiesOf, createPagesApp, csrfOf } from './support.js';

let t: TestApp;
let cookie = '';

function form(fields: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) p.append(k, x);
  return p.toString();
}

async function get(url: string) {
  const res = await t.server.inject({ url, headers: { cookie } });
  cookie = cookiesOf(res.headers['set-cookie'], cookie);
  return res;
}
async function post(url: string, fields: Record<string, string | string[]>) {
  const res = await t.server.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form(fields) });
  cookie = cookiesOf(res.headers['set-cookie'], cookie);
  return res;
}

beforeAll(async () => {
  t = await createPagesApp('sqlite');
  await makeOrg(t, 'kpu-kota-cilegon', { title: 'KPU Kota Cilegon' });
  await makeUser(t, { name: 'siti', password: 'rahasia-sekali', org: 'kpu-kota-cilegon', role: 'editor' });
});
afterAll(() => t?.close());

describe('sign in and the workspace', () => {
  it('sends an anonymous visitor of the workspace to the sign-in page', async () => {
    const res = await get('/ruang-kerja');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/masuk?next=%2Fruang-kerja');
  });

  it('refuses a sign-in form without its CSRF token', async () => {
    const res = await post('/masuk', { name: 'siti', password: 'rahasia-sekali' });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Formulir kedaluwarsa');
  });

  it('refuses a wrong password with a message and keeps the name', async () => {
    const page = await get('/masuk');
    const res = await post('/masuk', { _csrf: csrfOf(page.body), name: 'siti', password: 'salah-salah', next: '/ruang-kerja' });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('Nama pengguna atau kata sandi salah.');
    expect(res.body).toContain('value="siti"');
  });

  it('signs in, sets an HttpOnly session cookie and never redirects off the site', async () => {
    const page = await get('/masuk');
    const res = await post('/masuk', { _csrf: csrfOf(page.body), name: 'siti', password: 'rahasia-sekali', next: '//evil.example/' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/ruang-kerja');
    expect(String(res.headers['set-cookie'])).toMatch(/kotak_session=[^;]+;.*HttpOnly/i);
    const ws = await get('/ruang-kerja');
    expect(ws.statusCode).toBe(200);
    expect(ws.body).toContain('Masuk sebagai siti.');
    expect(ws.body).toContain('KPU Kota Cilegon');
  });
});

describe('publishing a dataset from the workspace', () => {
  it('shows the metadata-quality points per field on the form', async () => {
    const res = await get('/ruang-kerja/dataset/baru');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/data-mqa-points="30"[^>]*data-mqa-label="Kata kunci"/);
    expect(res.body).toContain('data-island="form-hints"');
    expect(res.body).toMatch(/<option value="kpu-kota-cilegon"[^>]*>KPU Kota Cilegon<\/option>/);
  });

  it('re-shows the form with field errors when the name is invalid', async () => {
    const page = await get('/ruang-kerja/dataset/baru');
    const res = await post('/ruang-kerja/dataset/baru', { _csrf: csrfOf(page.body), name: 'Bad Name!', title: 'X', notes: 'y', owner_org: 'kpu-kota-cilegon', tags: 'a, b' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('id="error-summary"');
    expect(res.body).toMatch(/<a href="#f-name">name<\/a>/);
    expect(res.body).toContain('value="a, b"');
  });

  it('creates a draft, uploads a CSV, publishes, and the dataset is then public with its file in the log', async () => {
    const page = await get('/ruang-kerja/dataset/baru');
    const created = await post('/ruang-kerja/dataset/baru', {
      _csrf: csrfOf(page.body),
      name: 'dpt-cilegon-2024',
      title: 'DPT Kota Cilegon 2024',
      notes: 'Jumlah pemilih per TPS.',
      owner_org: 'kpu-kota-cilegon',
      license_id: 'cc-by',
      tags: 'dpt, pemilih',
      themes: ['GOVE', 'SOCI'],
      spatial: '3672',
      access_rights: 'PUBLIC',
    });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/ruang-kerja/dataset/dpt-cilegon-2024?dibuat=1');
    expect((await t.server.inject({ url: '/dataset/dpt-cilegon-2024' })).statusCode).toBe(403);

    const uploadPage = await get('/ruang-kerja/dataset/dpt-cilegon-2024/berkas');
    const action = /action="([^"]+berkas\?_csrf=[^"]+)"/.exec(uploadPage.body)![1]!.replace(/&amp;/g, '&');
    const boundary = '----kotak';
    const csv = 'tps,dpt\n3672011001001,250\n';
    const body =
      `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\ndpt.csv\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="dpt.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
    const noToken = await t.server.inject({ method: 'POST', url: '/ruang-kerja/dataset/dpt-cilegon-2024/berkas', headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    expect(noToken.statusCode).toBe(403);
    const up = await t.server.inject({ method: 'POST', url: action, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    expect(up.statusCode).toBe(303);

    const edit = await get('/ruang-kerja/dataset/dpt-cilegon-2024');
    expect(edit.body).toContain('dpt.csv');
    const pub = await post('/ruang-kerja/dataset/dpt-cilegon-2024/terbitkan', { _csrf: csrfOf(edit.body) });
    expect(pub.statusCode).toBe(303);

    const d = await invoke<Dataset>(t.system, 'dataset.show', { id: 'dpt-cilegon-2024' });
    expect(d.state).toBe('active');
    expect(d.themes).toEqual(['GOVE', 'SOCI']);
    expect(d.resources[0]!.size).toBe(csv.length);
    const search = await t.server.inject({ url: '/dataset?q=Cilegon' });
    expect(search.body).toContain('/dataset/dpt-cilegon-2024');
  });

  it('edits a dataset with patch semantics and shows the change in the public history', async () => {
    const edit = await get('/ruang-kerja/dataset/dpt-cilegon-2024');
    const res = await post('/ruang-kerja/dataset/dpt-cilegon-2024', {
      _csrf: csrfOf(edit.body), name: 'dpt-cilegon-2024', owner_org: 'kpu-kota-cilegon', title: 'DPT Cilegon (revisi)', notes: 'Jumlah pemilih per TPS.',
      license_id: 'cc-by', tags: 'dpt, pemilih', themes: ['GOVE', 'SOCI'], spatial: '3672', access_rights: 'PUBLIC',
    });
    expect(res.statusCode).toBe(303);
    const page = await t.server.inject({ url: '/dataset/dpt-cilegon-2024' });
    expect(page.body).toContain('<ins>DPT Cilegon (revisi)</ins>');
    const d = await invoke<Dataset>(t.system, 'dataset.show', { id: 'dpt-cilegon-2024' });
    expect(d.resources).toHaveLength(1);
  });
});

describe('API tokens and signing out', () => {
  it('creates a token shown once, lists it, revokes it', async () => {
    const page = await get('/ruang-kerja/token');
    const res = await post('/ruang-kerja/token', { _csrf: csrfOf(page.body), name: 'skrip-harvest', expires_in_days: '30' });
    expect(res.statusCode).toBe(201);
    const token = /<code id="new-token">([^<]+)<\/code>/.exec(res.body)![1]!;
    const api = await t.server.inject({ url: '/api/3/action/package_search?include_private=true', headers: { authorization: token } });
    expect(api.statusCode).toBe(200);
    const list = await get('/ruang-kerja/token');
    expect(list.body).not.toContain(token);
    const jti = /name="jti" value="([^"]+)"/.exec(list.body)![1]!;
    await post('/ruang-kerja/token/cabut', { _csrf: csrfOf(list.body), jti });
    const after = await t.server.inject({ url: '/api/3/action/package_search', headers: { authorization: token } });
    expect(after.statusCode).toBe(403);
  });

  it('signs out and forgets the session', async () => {
    const page = await get('/ruang-kerja');
    const before = cookie;
    const res = await post('/keluar', { _csrf: csrfOf(page.body) });
    expect(res.statusCode).toBe(303);
    const stale = await t.server.inject({ url: '/ruang-kerja', headers: { cookie: before } });
    expect(stale.statusCode).toBe(303);
  });
});
