/** Factories for test data, all through actions (so policies and logs behave as in production). */
import { invoke } from '../../src/actions/invoke.js';
import { actorForUser } from '../../src/actions/auth.js';
import { seedReferenceData } from '../../src/seed.js';
import type { Actor } from '../../src/actions/types.js';
import type { Dataset } from '../../src/catalog/types.js';
import type { TestApp } from './app.js';

let seq = 0;
export const uniq = (prefix: string) => `${prefix}-${process.pid}-${++seq}`;

export async function makeOrg(t: TestApp, name = uniq('org'), extra: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  await seedReferenceData(t.system);
  return invoke(t.system, 'organization.create', { name, title: `Org ${name}`, ...extra });
}

export async function makeGroup(t: TestApp, name = uniq('group')): Promise<{ id: string; name: string }> {
  return invoke(t.system, 'group.create', { name, title: `Group ${name}` });
}

export interface TestUser {
  id: string;
  name: string;
  token: string;
  actor: Actor;
  headers: Record<string, string>;
}

export async function makeUser(
  t: TestApp,
  opts: { name?: string; sysadmin?: boolean; org?: string; role?: 'admin' | 'editor' | 'member'; password?: string } = {},
): Promise<TestUser> {
  const name = opts.name ?? uniq('user');
  const u = await invoke<{ id: string; name: string }>(t.system, 'user.create', { name, sysadmin: opts.sysadmin ?? false, password: opts.password });
  if (opts.org) await invoke(t.system, 'organization.memberCreate', { id: opts.org, username: name, role: opts.role ?? 'editor' });
  const { token } = await invoke<{ token: string }>(t.system, 'token.create', { user: name, name: 'test' });
  const actor = (await actorForUser(t.app.services.database.db, u.id))!;
  return { id: u.id, name, token, actor, headers: { authorization: token } };
}

export async function makeDataset(t: TestApp, owner: TestUser, org: string, fields: Record<string, unknown> = {}): Promise<Dataset> {
  return invoke<Dataset>(t.as(owner.actor), 'dataset.create', {
    name: uniq('ds'),
    title: 'A dataset',
    notes: 'About something',
    owner_org: org,
    license_id: 'cc-by',
    ...fields,
  });
}
