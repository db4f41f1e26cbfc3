/** Private datasets are visible only to members of their organisation; sysadmins see all (issue 2 §7). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../support/app.js';
import { makeDataset, makeOrg, makeUser, type TestUser } from '../support/factories.js';

describe.each(DIALECTS)('dataset visibility on %s', (dialect) => {
  let t: TestApp;
  let member: TestUser;
  let outsider: TestUser;
  let admin: TestUser;
  const get = (name: string, query: Record<string, string>, headers: Record<string, string> = {}) =>
    t.server.inject({ method: 'GET', url: `/api/3/action/${name}`, query, headers });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const org = await makeOrg(t, 'kpu-rahasia');
    const other = await makeOrg(t, 'kpu-lain');
    const editor = await makeUser(t, { org: org.id, role: 'editor' });
    member = await makeUser(t, { org: org.id, role: 'member' });
    outsider = await makeUser(t, { org: other.id, role: 'admin' });
    admin = await makeUser(t, { sysadmin: true });
    await makeDataset(t, editor, org.name, { name: 'rahasia', private: true, title: 'Data rahasia' });
    await makeDataset(t, editor, org.name, { name: 'terbuka', title: 'Data terbuka' });
    await makeDataset(t, editor, org.name, { name: 'konsep', state: 'draft', title: 'Data konsep' });
  });
  afterAll(async () => t?.close());

  it('hides a private dataset from anonymous users and outsiders', async () => {
    expect((await get('package_show', { id: 'rahasia' })).statusCode).toBe(403);
    expect((await get('package_show', { id: 'rahasia' }, outsider.headers)).statusCode).toBe(403);
    expect((await get('package_search', { q: 'rahasia', include_private: 'true' }, outsider.headers)).json().result.count).toBe(0);
    expect((await get('package_list', {})).json().result).toEqual(['terbuka']);
  });

  it('shows a private dataset to members of its organisation and to sysadmins', async () => {
    expect((await get('package_show', { id: 'rahasia' }, member.headers)).statusCode).toBe(200);
    expect((await get('package_show', { id: 'rahasia' }, admin.headers)).statusCode).toBe(200);
    expect((await get('package_search', { q: 'data', include_private: 'true' }, member.headers)).json().result.count).toBe(2);
    expect((await get('package_search', { q: 'data', include_private: 'true' }, admin.headers)).json().result.count).toBe(2);
  });

  it('leaves private datasets out of search unless include_private is set, as CKAN does', async () => {
    expect((await get('package_search', { q: 'data' }, member.headers)).json().result.count).toBe(1);
  });

  it('shows drafts only to editors with include_drafts', async () => {
    expect((await get('package_show', { id: 'konsep' }, member.headers)).statusCode).toBe(403);
    expect((await get('package_search', { q: 'konsep', include_drafts: 'true' }, admin.headers)).json().result.count).toBe(1);
    expect((await get('package_search', { q: 'konsep' })).json().result.count).toBe(0);
  });

  it('keeps private resources out of resource_search', async () => {
    expect((await get('resource_search', { query: 'name:x' })).json().result.count).toBe(0);
  });
});
