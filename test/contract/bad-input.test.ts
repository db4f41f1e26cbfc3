/** Bad input gets a clear error and changes nothing (issue 2, acceptance: "Bad input"). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../support/app.js';
import { makeOrg, makeUser, type TestUser } from '../support/factories.js';
import { invoke } from '../../src/actions/invoke.js';

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer; type?: string }) {
  const boundary = '----kotak' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'text/csv'}\r\n\r\n`));
  parts.push(file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(DIALECTS)('bad input on %s', (dialect) => {
  let t: TestApp;
  let editor: TestUser;
  let org: { id: string; name: string };
  const post = (name: string, body: unknown, headers: Record<string, string> = editor.headers) =>
    t.server.inject({ method: 'POST', url: `/api/3/action/${name}`, payload: body as object, headers });
  const count = async () => Number((await t.app.services.database.db.selectFrom('datasets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n);
  const blobs = async () => {
    const out: string[] = [];
    for await (const k of t.app.services.blobs.list()) out.push(k);
    return out.length;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { config: { maxUploadBytes: 1000 } });
    org = await makeOrg(t, 'kpu-x');
    editor = await makeUser(t, { org: org.id });
    await post('package_create', { name: 'ada', owner_org: org.name });
  });
  afterAll(async () => t?.close());

  it('returns 400 Bad request for malformed JSON', async () => {
    const r = await t.server.inject({ method: 'POST', url: '/api/3/action/package_create', payload: '{"name": ', headers: { ...editor.headers, 'content-type': 'application/json' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toMatch(/Malformed JSON/);
    expect(await count()).toBe(1);
  });

  it('returns 409 naming the field for wrong types', async () => {
    const r = await post('package_create', { name: 'tipe', owner_org: org.name, private: 'maybe', tags: 5 });
    expect(r.statusCode).toBe(409);
    expect(r.json().error).toMatchObject({ private: ['Must be true or false'], tags: ['Must be a list'] });
    expect(await count()).toBe(1);
  });

  it('returns 409 for an unknown organisation', async () => {
    const r = await post('package_create', { name: 'yatim', owner_org: 'tidak-ada' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.owner_org[0]).toMatch(/does not exist/);
    expect(await count()).toBe(1);
  });

  it('returns 409 for a duplicate dataset name', async () => {
    const r = await post('package_create', { name: 'ada', owner_org: org.name });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.name).toEqual(['That URL is already in use.']);
    expect(await count()).toBe(1);
  });

  it.each(['A', 'Huruf-Besar', 'spasi di dalam', 'x'.repeat(101), 'titik.titik', 'ñ-unicode'])('returns 409 for the bad name %j', async (name) => {
    const r = await post('package_create', { name, owner_org: org.name });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.name[0]).toMatch(/lower-case/);
  });

  it('returns 413 for an upload over the limit and stores nothing', async () => {
    const before = await blobs();
    const m = multipart({ package_id: 'ada', name: 'besar.csv' }, { name: 'besar.csv', content: Buffer.alloc(5000, 'a') });
    const r = await t.server.inject({ method: 'POST', url: '/api/3/action/resource_create', payload: m.payload, headers: { ...editor.headers, ...m.headers } });
    expect(r.statusCode).toBe(413);
    expect(r.json().success).toBe(false);
    expect(await blobs()).toBe(before);
    expect((await invoke<{ resources: unknown[] }>(t.system, 'dataset.show', { id: 'ada' })).resources).toHaveLength(0);
  });

  it('returns 413 before reading a body whose declared length is over the limit', async () => {
    const r = await t.server.inject({ method: 'POST', url: '/api/3/action/resource_create', payload: Buffer.alloc(10), headers: { ...editor.headers, 'content-type': 'application/octet-stream', 'content-length': String(10 * 1024 ** 3) } });
    expect(r.statusCode).toBe(413);
  });

  it('accepts an upload under the limit and serves the same bytes with their hash', async () => {
    const content = Buffer.from('tps,suara\n3601012001001,226\n');
    const m = multipart({ package_id: 'ada', name: 'kecil.csv' }, { name: 'kecil.csv', content });
    const r = await t.server.inject({ method: 'POST', url: '/api/3/action/resource_create', payload: m.payload, headers: { ...editor.headers, ...m.headers } });
    expect(r.statusCode).toBe(200);
    const res = r.json().result;
    expect(res).toMatchObject({ format: 'CSV', size: content.length, url_type: 'upload', mimetype: 'text/csv' });
    const dl = await t.server.inject({ method: 'GET', url: new URL(res.url).pathname });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(content)).toBe(true);
    expect(dl.headers['x-content-sha256']).toBe(res.hash);
  });

  it('refuses a revoked token and an expired token with 403, changing nothing', async () => {
    const { token, id } = await invoke<{ token: string; id: string }>(t.system, 'token.create', { user: editor.name, name: 'sekali' });
    await invoke(t.system, 'token.revoke', { jti: id });
    const revoked = await post('package_create', { name: 'dicabut', owner_org: org.name }, { authorization: token });
    expect(revoked.statusCode).toBe(403);
    expect(revoked.json().error.message).toMatch(/revoked/);

    const later = new Date(Date.now() + 3 * 86_400_000);
    const { token: short } = await invoke<{ token: string }>(t.system, 'token.create', { user: editor.name, name: 'pendek', expires_in_days: 1 });
    // The same database served with a clock two days past the expiry.
    const { buildServer } = await import('../../src/http/server.js');
    const app2 = { ...t.app, services: { ...t.app.services, now: () => later } };
    const s2 = await buildServer(app2);
    const expired = await s2.inject({ method: 'POST', url: '/api/3/action/package_create', payload: { name: 'kedaluwarsa', owner_org: org.name }, headers: { authorization: short } });
    await s2.close();
    expect(expired.statusCode).toBe(403);
    expect(expired.json().error.message).toMatch(/expired/);
    expect(await count()).toBe(1);
  });

  it('refuses an unknown token rather than treating the caller as anonymous', async () => {
    const r = await t.server.inject({ method: 'GET', url: '/api/3/action/package_list', headers: { authorization: 'kotak_salah' } });
    expect(r.statusCode).toBe(403);
  });
});
