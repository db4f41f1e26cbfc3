import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { makeDataset, makeOrg, makeUser } from '../support/factories.js';
import { invoke } from '../../src/actions/invoke.js';
import { createPagesApp } from './support.js';

let t: TestApp;
const csv = Buffer.from('kode,nama\n36,Banten\n');
const sha = createHash('sha256').update(csv).digest('hex');

beforeAll(async () => {
  t = await createPagesApp('sqlite');
  const org = await makeOrg(t, 'kpu-provinsi-banten', { title: 'KPU Provinsi Banten' });
  const editor = await makeUser(t, { org: org.name, role: 'editor' });
  const ds = await makeDataset(t, editor, org.name, { name: 'wilayah', title: 'Wilayah Banten' });
  const put = await t.app.services.blobs.put(csv);
  await invoke(t.as(editor.actor), 'resource.create', { package_id: ds.id, name: 'wilayah.csv', format: 'CSV' }, { extra: { upload: { sha256: put.sha256, size: put.size, filename: 'wilayah.csv', mediaType: 'text/csv' } } });
  await t.app.services.log.afterCommit();
});
afterAll(() => t?.close());

describe('/integritas', () => {
  it('shows the log size, the signed checkpoint, the public key and the latest entries', async () => {
    const res = await t.server.inject({ url: '/integritas' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Checkpoint bertanda tangan terbaru');
    expect(res.body).toMatch(/<pre><code>kotak\.test\/log\n\d+\n/);
    expect(res.body).toMatch(/<code id="vkey">kotak\.test\/log\+[0-9a-f]{8}\+/);
    expect(res.body).toContain('wilayah.csv');
    expect(res.body).toContain('data-island="verify"');
  });

  it('finds a published file by its SHA-256 and offers its receipt', async () => {
    const res = await t.server.inject({ url: `/integritas?sha256=${sha}` });
    expect(res.body).toContain('Tercatat di log publikasi');
    expect(res.body).toContain('wilayah.csv diterbitkan oleh kpu-provinsi-banten');
    expect(res.body).toContain(`/api/v1/log/receipt?sha256=${sha}`);
    const receipt = await t.server.inject({ url: `/api/v1/log/receipt?sha256=${sha}` });
    expect(receipt.statusCode).toBe(200);
  });

  it('reports a changed file as not published, and a malformed hash as such', async () => {
    const changed = Buffer.from(csv);
    changed[0] = changed[0]! ^ 1;
    const other = createHash('sha256').update(changed).digest('hex');
    const res = await t.server.inject({ url: `/integritas?sha256=${other}` });
    expect(res.body).toContain('Tidak ditemukan di log');
    const bad = await t.server.inject({ url: '/integritas?sha256=xyz' });
    expect(bad.body).toContain('Itu bukan SHA-256');
  });

  it('links the receipt of a logged file from the dataset page and shows the log on the home page', async () => {
    const page = await t.server.inject({ url: '/dataset/wilayah' });
    expect(page.body).toContain(`/api/v1/log/receipt?sha256=${sha}`);
    const home = await t.server.inject({ url: '/' });
    expect(home.body).toContain('entri di log publikasi');
    expect(home.body).toContain('Checkpoint terbaru');
  });
});
