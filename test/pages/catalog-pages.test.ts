import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { makeDataset, makeOrg, makeUser } from '../support/factories.js';
import { createPagesApp } from './support.js';
import { invoke } from '../../src/actions/invoke.js';

let t: TestApp;
let org: { id: string; name: string };

beforeAll(async () => {
  t = await createPagesApp('sqlite');
  org = await makeOrg(t, 'kpu-kota-serang', { title: 'KPU Kota Serang' });
  const editor = await makeUser(t, { org: org.name, role: 'editor' });
  const ds = await makeDataset(t, editor, org.name, { name: 'hasil-ppwp-kota-serang', title: 'Hasil PPWP 2024 Kota Serang', tags: ['pilpres', 'hasil pemilu'] });
  const csv = Buffer.from('tps;paslon_01;paslon_02\n3673011001001;12;<b>34</b>\n3673011001002;56;78\n');
  const put = await t.app.services.blobs.put(csv);
  await invoke(t.as(editor.actor), 'resource.create', { package_id: ds.id, name: 'tps.csv', format: 'CSV' }, { extra: { upload: { sha256: put.sha256, size: put.size, filename: 'tps.csv', mediaType: 'text/csv' } } });
  await invoke(t.as(editor.actor), 'dataset.patch', { id: ds.id, title: 'Hasil Pilpres 2024 Kota Serang' });
  await makeDataset(t, editor, org.name, { name: 'dpt-kota-serang', title: 'DPT Kota Serang', tags: ['dpt'], notes: 'Daftar <script>alert(1)</script> pemilih' });
  await makeDataset(t, editor, org.name, { name: 'rahasia', title: 'Rahasia', private: true });
});
afterAll(() => t?.close());

describe('/dataset', () => {
  it('lists public datasets with facets, in Indonesian by default', async () => {
    const res = await t.server.inject({ url: '/dataset' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('<html lang="id">');
    expect(res.body).toContain('2 dataset ditemukan');
    expect(res.body).toContain('href="/dataset/hasil-ppwp-kota-serang"');
    expect(res.body).not.toContain('/dataset/rahasia');
    expect(res.body).toContain('KPU Kota Serang');
  });

  it('filters by a facet value with spaces and links back to remove it', async () => {
    const res = await t.server.inject({ url: '/dataset?tags=hasil%20pemilu' });
    expect(res.body).toContain('1 dataset ditemukan');
    expect(res.body).toContain('/dataset/hasil-ppwp-kota-serang');
    expect(res.body).not.toContain('href="/dataset/dpt-kota-serang"');
    expect(res.body).toMatch(/href="\/dataset"[^>]*aria-label="Hapus filter hasil pemilu"/);
  });

  it('searches text and answers in English when asked by Accept-Language', async () => {
    const res = await t.server.inject({ url: '/dataset?q=DPT', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain('1 dataset found for “DPT”');
  });

  it('escapes the description and the query it echoes', async () => {
    const res = await t.server.inject({ url: '/dataset?q=%3Cscript%3E' });
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).toContain('&lt;script&gt;');
    const list = await t.server.inject({ url: '/dataset?q=pemilih' });
    expect(list.body).toContain('Daftar &lt;script&gt;alert(1)&lt;/script&gt; pemilih');
  });

  it('shows an unreadable query as a message, not a server error', async () => {
    const res = await t.server.inject({ url: '/dataset?q=tags:%22unclosed' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Kata pencarian tidak dapat dibaca');
  });
});

describe('/dataset/{name}', () => {
  it('shows metadata, the resource with its hash, a preview of the first rows, the API example and the history', async () => {
    const res = await t.server.inject({ url: '/dataset/hasil-ppwp-kota-serang' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Hasil Pilpres 2024 Kota Serang</h1>');
    expect(res.body).toMatch(/<th scope="col">paslon_02<\/th>/);
    expect(res.body).toContain('<td>&lt;b&gt;34&lt;/b&gt;</td>');
    expect(res.body).toContain('/api/3/action/package_show?id=hasil-ppwp-kota-serang');
    expect(res.body).toMatch(/href="\/integritas\?sha256=[0-9a-f]{64}#verify"/);
    expect(res.body).toContain('Dataset dibuat');
    expect(res.body).toContain('<ins>Hasil Pilpres 2024 Kota Serang</ins>');
  });

  it('answers 404 with a page for an unknown dataset and 403 for a private one seen by a stranger', async () => {
    const missing = await t.server.inject({ url: '/dataset/tidak-ada' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Halaman tidak ditemukan');
    const hidden = await t.server.inject({ url: '/dataset/rahasia' });
    expect(hidden.statusCode).toBe(403);
  });
});

describe('/organization/{name} and /', () => {
  it('lists the datasets of an organisation', async () => {
    const res = await t.server.inject({ url: '/organization/kpu-kota-serang' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('2 dataset');
    expect(res.body).toContain('/dataset/dpt-kota-serang');
  });

  it('shows headline figures and the latest datasets on the home page', async () => {
    const res = await t.server.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<strong>2<\/strong> dataset terbuka/);
    expect(res.body).toContain('/dataset/hasil-ppwp-kota-serang');
  });
});

describe('static pages', () => {
  it('serves about, licence, contact and API pages in both languages', async () => {
    for (const path of ['/tentang', '/lisensi', '/kontak', '/api']) {
      const id = await t.server.inject({ url: path });
      expect(id.statusCode, path).toBe(200);
      const en = await t.server.inject({ url: `${path}?lang=en` });
      expect(en.body, path).toContain('<html lang="en">');
      expect(en.headers['set-cookie']).toMatch(/kotak_lang=en/);
    }
  });

  it('serves the stylesheet from /assets/ with a long cache lifetime', async () => {
    const res = await t.server.inject({ url: '/assets/kotak.css' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toMatch(/max-age=31536000/);
  });

  it('serves the children of a region as GeoJSON and 404 for an unknown region', async () => {
    const res = await t.server.inject({ url: '/peta/36.geojson' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/geo\+json/);
    const geo = JSON.parse(res.body);
    expect(geo.features).toHaveLength(8);
    const kec = JSON.parse((await t.server.inject({ url: '/peta/3673.geojson' })).body);
    expect(kec.features).toHaveLength(6);
    expect((await t.server.inject({ url: '/peta/99.geojson' })).statusCode).toBe(404);
  });
});

describe('notFoundPage', () => {
  it('gives browsers an HTML 404 page and leaves API clients to the JSON one', async () => {
    const { notFoundPage, wantsPage } = await import('../../src/http/pages/plugin.js');
    const Fastify = (await import('fastify')).default;
    const f = Fastify();
    f.setNotFoundHandler((req, reply) => (wantsPage(req) ? notFoundPage(t.app, req, reply) : reply.status(404).send({ error: 'nf' })));
    const page = await f.inject({ url: '/tidak/ada', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Halaman tidak ditemukan');
    const api = await f.inject({ url: '/api/v1/tidak-ada', headers: { accept: 'text/html' } });
    expect(api.json()).toEqual({ error: 'nf' });
    await f.close();
  });
});
