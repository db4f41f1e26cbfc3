/** Kotak's REST API (/api/v1) calls the same actions as the CKAN routes and is described by OpenAPI 3. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../support/app.js';
import { makeOrg, makeUser, type TestUser } from '../support/factories.js';

describe.each(DIALECTS)('REST v1 on %s', (dialect) => {
  let t: TestApp;
  let editor: TestUser;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const org = await makeOrg(t, 'kpu-rest');
    editor = await makeUser(t, { org: org.id });
  });
  afterAll(async () => t?.close());

  it('creates, reads, patches and deletes a dataset', async () => {
    const created = await t.server.inject({ method: 'POST', url: '/api/v1/datasets', headers: editor.headers, payload: { name: 'rest-satu', owner_org: 'kpu-rest', title: 'Satu', tags: ['a'] } });
    expect(created.statusCode).toBe(201);
    expect(created.json().data).toMatchObject({ name: 'rest-satu', title: 'Satu', tags: ['a'], organization: { name: 'kpu-rest' } });
    const got = await t.server.inject({ method: 'GET', url: '/api/v1/datasets/rest-satu' });
    expect(got.json().data.id).toBe(created.json().data.id);
    const patched = await t.server.inject({ method: 'PATCH', url: '/api/v1/datasets/rest-satu', headers: editor.headers, payload: { title: 'Dua' } });
    expect(patched.json().data).toMatchObject({ title: 'Dua', tags: ['a'] });
    const search = await t.server.inject({ method: 'GET', url: '/api/v1/datasets?q=dua&facet.field=["tags"]' });
    expect(search.json().data).toMatchObject({ count: 1, facets: { tags: [{ name: 'a', count: 1 }] } });
    const history = await t.server.inject({ method: 'GET', url: '/api/v1/datasets/rest-satu/activity' });
    expect(history.json().data).toHaveLength(2);
    expect((await t.server.inject({ method: 'DELETE', url: '/api/v1/datasets/rest-satu', headers: editor.headers })).statusCode).toBe(204);
    expect((await t.server.inject({ method: 'GET', url: '/api/v1/datasets/rest-satu' })).statusCode).toBe(404);
  });

  it('answers errors in one shape with a stable code', async () => {
    const r = await t.server.inject({ method: 'POST', url: '/api/v1/datasets', headers: editor.headers, payload: { name: 'X!', owner_org: 'kpu-rest' } });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toEqual({ error: { code: 'validation', message: 'Validation failed', fields: { name: [expect.any(String)] } } });
    const nf = await t.server.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(nf.statusCode).toBe(404);
    expect(nf.json().error.code).toBe('not_found');
    const anon = await t.server.inject({ method: 'POST', url: '/api/v1/datasets', payload: { name: 'anon', owner_org: 'kpu-rest' } });
    expect(anon.statusCode).toBe(403);
    expect(anon.json().error.code).toBe('unauthorized');
  });

  it('uploads a resource with multipart and lists tokens without their secrets', async () => {
    await t.server.inject({ method: 'POST', url: '/api/v1/datasets', headers: editor.headers, payload: { name: 'rest-dua', owner_org: 'kpu-rest' } });
    const boundary = 'b0undary';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nhasil.json\r\n--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="hasil.json"\r\nContent-Type: application/json\r\n\r\n{"a":1}\r\n--${boundary}--\r\n`;
    const up = await t.server.inject({ method: 'POST', url: '/api/v1/datasets/rest-dua/resources', headers: { ...editor.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    expect(up.statusCode).toBe(201);
    expect(up.json().data).toMatchObject({ format: 'JSON', size: 7, urlType: 'upload', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const tokens = await t.server.inject({ method: 'GET', url: `/api/v1/users/${editor.name}/tokens`, headers: editor.headers });
    expect(tokens.json().data[0]).not.toHaveProperty('token_hash');
    expect(JSON.stringify(tokens.json())).not.toContain(editor.token);
  });

  it('publishes an OpenAPI 3 document covering the v1 routes, and its docs page', async () => {
    const doc = (await t.server.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/datasets', '/api/v1/datasets/{id}', '/api/v1/organizations']));
    expect(doc.paths['/api/v1/datasets'].get.operationId).toBe('dataset.search');
    const page = await t.server.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/https?:\/\/(?!localhost|kotak\.test)[a-z0-9.-]+\.(com|net|org|io)\//i);
  });
});
