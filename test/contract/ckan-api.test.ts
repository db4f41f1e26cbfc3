/**
 * Contract tests written from CKAN's published behaviour (ckan/tests/controllers/test_api.py,
 * ckan/tests/logic/action/test_get.py, ckanapi's RemoteCKAN and ckanext-harvest's CKAN harvester).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../support/app.js';
import { makeDataset, makeGroup, makeOrg, makeUser, type TestUser } from '../support/factories.js';

describe.each(DIALECTS)('CKAN Action API on %s', (dialect) => {
  let t: TestApp;
  let editor: TestUser;
  let orgA: { id: string; name: string };
  let orgB: { id: string; name: string };

  /** A client like ckanapi: POSTs JSON to /api/action/{name}. */
  const post = (name: string, body: unknown, headers: Record<string, string> = {}) =>
    t.server.inject({ method: 'POST', url: `/api/action/${name}`, payload: body as object, headers });
  /** A client that GETs /api/3/action/{name}?… */
  const get = (name: string, query: Record<string, string> = {}, headers: Record<string, string> = {}) =>
    t.server.inject({ method: 'GET', url: `/api/3/action/${name}`, query, headers });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    orgA = await makeOrg(t, 'kpu-a');
    orgB = await makeOrg(t, 'kpu-b');
    await makeGroup(t, 'hasil-pemilu');
    editor = await makeUser(t, { org: orgA.id, role: 'editor' });
    const editorB = await makeUser(t, { org: orgB.id, role: 'editor' });
    for (let i = 0; i < 12; i++) {
      await makeDataset(t, editor, orgA.name, {
        name: `hasil-${String(i).padStart(2, '0')}`,
        title: `Hasil pemilu TPS ${i}`,
        tags: i % 2 ? ['pemilu', 'tps'] : ['pemilu'],
        groups: i < 3 ? ['hasil-pemilu'] : [],
        resources: [{ url: `https://example.org/${i}.${i % 3 ? 'csv' : 'json'}`, name: `data-${i}` }],
      });
    }
    for (let i = 0; i < 5; i++) {
      await makeDataset(t, editorB, orgB.name, { name: `logistik-${i}`, title: `Logistik ${i}`, tags: ['logistik'], license_id: 'cc-zero' });
    }
  });
  afterAll(async () => t?.close());

  it('wraps a read in the success envelope with a help link, for POST and GET alike', async () => {
    const a = await post('package_show', { id: 'hasil-00' });
    const b = await get('package_show', { id: 'hasil-00' });
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(a.json()).toMatchObject({ success: true, help: 'http://kotak.test/api/3/action/help_show?name=package_show' });
    expect(a.json().result).toEqual(b.json().result);
    expect(a.json().result).toMatchObject({ name: 'hasil-00', organization: { name: 'kpu-a' }, num_resources: 1, isopen: true });
  });

  it('answers both route prefixes', async () => {
    expect((await t.server.inject({ method: 'GET', url: '/api/action/package_list' })).statusCode).toBe(200);
    expect((await t.server.inject({ method: 'GET', url: '/api/3/action/package_list' })).json().result).toHaveLength(17);
  });

  it('lists datasets and then shows each, as uData harvests', async () => {
    const names: string[] = (await get('package_list')).json().result;
    for (const n of names.slice(0, 4)) expect((await get('package_show', { id: n })).json().result.name).toBe(n);
    expect((await t.server.inject({ method: 'GET', url: '/api/util/status' })).json()).toMatchObject({ ckan_version: expect.any(String) });
  });

  it('visits every dataset exactly once when a harvester pages with rows=5&start=N&sort=id asc', async () => {
    const seen: string[] = [];
    let pages: string[] = [];
    for (let start = 0; ; start += 5) {
      const r = (await get('package_search', { rows: '5', start: String(start), sort: 'id asc' })).json().result;
      const ids = r.results.map((d: { id: string }) => d.id);
      if (ids.length === 0) break;
      expect(ids).not.toEqual(pages); // the CKAN harvester fails when two pages are identical
      pages = ids;
      seen.push(...ids);
      expect(r.count).toBe(17);
    }
    expect(seen).toHaveLength(17);
    expect(new Set(seen).size).toBe(17);
    expect([...seen]).toEqual([...seen].sort());
  });

  it.each([
    ['organization:kpu-a', 12],
    ['-organization:kpu-a', 5],
    ['organization:kpu-a OR organization:kpu-b', 17],
    ['groups:hasil-pemilu', 3],
    ['tags:tps', 6],
    ['res_format:CSV', 8],
    ['res_format:JSON', 4],
    ['metadata_modified:[2000-01-01T00:00:00Z TO *]', 17],
    ['metadata_modified:[* TO 2000-01-01T00:00:00Z]', 0],
    ['license_id:cc-zero', 5],
  ])('filters with fq=%s', async (fq, count) => {
    const r = (await get('package_search', { fq, rows: '0' })).json();
    expect(r.success).toBe(true);
    expect(r.result.count).toBe(count);
  });

  it('accepts fq_list and combines it with fq', async () => {
    const r = (await post('package_search', { fq: 'organization:kpu-a', fq_list: ['tags:tps', 'res_format:CSV'], rows: 100 })).json();
    expect(r.result.count).toBe(4); // odd i (tps) with i % 3 != 0 (csv): 1, 5, 7, 11
  });

  it('returns search_facets for the requested facet.field', async () => {
    const r = (await get('package_search', { q: 'pemilu', 'facet.field': '["organization","tags"]', rows: '0' })).json().result;
    expect(r.count).toBe(12);
    expect(r.search_facets.organization.items).toEqual([{ name: 'kpu-a', display_name: 'Org kpu-a', count: 12 }]);
    expect(r.search_facets.tags.items).toEqual(
      expect.arrayContaining([
        { name: 'pemilu', display_name: 'pemilu', count: 12 },
        { name: 'tps', display_name: 'tps', count: 6 },
      ]),
    );
    expect(r.facets.tags).toEqual({ pemilu: 12, tps: 6 });
  });

  it('finds text in titles, descriptions, tags and resource names', async () => {
    expect((await get('package_search', { q: 'logistik' })).json().result.count).toBe(5);
    expect((await get('package_search', { q: 'data-7' })).json().result.results[0].name).toBe('hasil-07');
    expect((await get('package_search', { q: 'tidakadaapapun' })).json().result.count).toBe(0);
  });

  it('answers an anonymous repeated search from cache only until the catalogue changes', async () => {
    const q = { q: 'segar', rows: '5' };
    expect((await get('package_search', q)).json().result.count).toBe(0);
    expect((await get('package_search', q)).json().result.count).toBe(0);
    await post('package_create', { name: 'data-xyz', title: 'Data segar', owner_org: orgA.name }, editor.headers);
    expect((await get('package_search', q)).json().result.count).toBe(1);
    await post('package_patch', { id: 'data-xyz', title: 'Data lama' }, editor.headers);
    expect((await get('package_search', q)).json().result.count).toBe(0);
    expect((await get('package_show', { id: 'data-xyz' })).json().result.title).toBe('Data lama');
    await post('package_patch', { id: 'data-xyz', title: 'Data baru' }, editor.headers);
    expect((await get('package_show', { id: 'data-xyz' })).json().result.title).toBe('Data baru');
    await post('package_delete', { id: 'data-xyz' }, editor.headers);
  });

  it('caps rows at 1000 with a validation error', async () => {
    const r = await get('package_search', { rows: '1001' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error).toMatchObject({ __type: 'Validation Error', rows: [expect.any(String)] });
  });

  it('returns 404 Not Found Error for a missing dataset', async () => {
    const r = await get('package_show', { id: 'tidak-ada' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ success: false, error: { __type: 'Not Found Error' } });
  });

  it('returns 409 Validation Error with field messages', async () => {
    const r = await post('package_create', { name: 'Bad Name!', owner_org: orgA.name }, editor.headers);
    expect(r.statusCode).toBe(409);
    expect(r.json().error).toMatchObject({ __type: 'Validation Error', name: [expect.stringContaining('lower-case')] });
  });

  it('returns 403 Authorization Error when writing without the right role', async () => {
    const r = await post('package_create', { name: 'coba-b', owner_org: orgB.name }, editor.headers);
    expect(r.statusCode).toBe(403);
    expect(r.json().error.__type).toBe('Authorization Error');
    const anon = await post('package_create', { name: 'coba-c', owner_org: orgA.name });
    expect(anon.statusCode).toBe(403);
  });

  it('returns 400 for an unknown action', async () => {
    const r = await get('package_frobnicate');
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ success: false, error: { __type: 'Bad request' } });
  });

  it('refuses GET for write actions', async () => {
    expect((await get('package_create', { name: 'x' }, editor.headers)).statusCode).toBe(400);
  });

  it('accepts the token in X-CKAN-API-Key as ckanapi sends it', async () => {
    const r = await post('package_create', { name: 'via-ckanapi', owner_org: orgA.name }, { 'x-ckan-api-key': editor.token });
    expect(r.statusCode).toBe(200);
  });

  it('replaces with package_update and changes only what it is given with package_patch', async () => {
    await post('package_create', { name: 'ubah', owner_org: orgA.name, title: 'Judul', notes: 'Isi', tags: ['a'], resources: [{ url: 'https://example.org/a.csv' }] }, editor.headers);
    const patched = (await post('package_patch', { id: 'ubah', title: 'Judul baru' }, editor.headers)).json().result;
    expect(patched).toMatchObject({ title: 'Judul baru', notes: 'Isi', num_resources: 1, tags: [{ name: 'a' }] });
    const updated = (await post('package_update', { id: 'ubah', title: 'Ganti' }, editor.headers)).json().result;
    expect(updated).toMatchObject({ title: 'Ganti', notes: '', num_resources: 0, tags: [] });
  });

  it('records every change as an activity with its diff', async () => {
    const acts = (await get('package_activity_list', { id: 'ubah' })).json().result;
    expect(acts.map((a: { activity_type: string }) => a.activity_type)).toEqual(['changed package', 'changed package', 'new package']);
    const diff = (await get('activity_diff', { id: acts[1].id, object_type: 'package', diff_type: 'unified' })).json().result;
    expect(diff.diff).toEqual(expect.arrayContaining([{ path: 'title', op: 'replace', from: 'Judul', to: 'Judul baru' }]));
  });

  it('deletes with package_delete and hides the dataset from search', async () => {
    await post('package_create', { name: 'hapus', owner_org: orgA.name }, editor.headers);
    expect((await post('package_delete', { id: 'hapus' }, editor.headers)).statusCode).toBe(200);
    expect((await get('package_show', { id: 'hapus' })).statusCode).toBe(404);
    expect((await get('package_search', { fq: 'name:hapus' })).json().result.count).toBe(0);
  });

  it('serves the read actions listed in STANDARDS.md', async () => {
    for (const name of ['organization_list', 'group_list', 'tag_list', 'license_list', 'status_show', 'current_package_list_with_resources']) {
      const r = await get(name);
      expect(r.statusCode, name).toBe(200);
    }
    expect((await get('organization_show', { id: 'kpu-a' })).json().result).toMatchObject({ name: 'kpu-a', package_count: expect.any(Number) });
    expect((await get('group_show', { id: 'hasil-pemilu' })).json().result.name).toBe('hasil-pemilu');
    expect((await get('tag_show', { id: 'tps' })).json().result.name).toBe('tps');
    expect((await get('help_show', { name: 'package_search' })).json().result).toContain('package_search');
    const rs = (await get('resource_search', { query: 'format:JSON' })).json().result;
    expect(rs.count).toBe(4);
    expect((await get('resource_show', { id: rs.results[0].id })).json().result.format).toBe('JSON');
    expect((await get('organization_list', { all_fields: 'true' })).json().result[0]).toHaveProperty('title');
  });

  it('creates organisations only for sysadmins and tokens for oneself', async () => {
    const admin = await makeUser(t, { sysadmin: true });
    expect((await post('organization_create', { name: 'kpu-baru', title: 'KPU Baru' }, editor.headers)).statusCode).toBe(403);
    expect((await post('organization_create', { name: 'kpu-baru', title: 'KPU Baru' }, admin.headers)).json().result.name).toBe('kpu-baru');
    const tok = (await post('api_token_create', { user: editor.name, name: 'mine' }, editor.headers)).json().result.token;
    expect(tok).toMatch(/^kotak_/);
    expect((await post('api_token_create', { user: admin.name, name: 'theirs' }, editor.headers)).statusCode).toBe(403);
  });
});
