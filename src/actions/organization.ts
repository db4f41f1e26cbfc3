/** Organisation and group actions: organization.list/show/create, organization.memberCreate, group.list/show/create. */
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { KotakError } from '../errors.js';
import { NAME_RE } from '../catalog/dataset-input.js';
import type { Group, MemberRole, Organization } from '../catalog/types.js';
import { findGroup, findOrganization, insertGroup, insertOrganization, listGroups, listOrganizations, setMembership } from '../store/catalog/organizations.js';
import { findUser } from '../store/catalog/users.js';
import { recordActivity } from '../store/catalog/activities.js';
import { anyone, requireRole, sysadminOnly } from './policies.js';
import { nowIso, withTransaction } from './tx.js';
import { defineAction } from './types.js';

export interface OrganizationSummary extends Organization {
  packageCount: number;
}

async function packageCounts(db: Parameters<typeof listOrganizations>[0]): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('datasets')
    .select(['organization_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('state', '=', 'active')
    .where('private', '=', 0)
    .groupBy('organization_id')
    .execute();
  return new Map(rows.map((r) => [r.organization_id, Number(r.n)]));
}

export const organizationList = defineAction({
  name: 'organization.list',
  ckan: 'organization_list',
  summary: 'List organisations (names, or full records with all_fields=true).',
  input: Type.Object({ all_fields: Type.Optional(Type.Boolean()) }, { additionalProperties: true }),
  readOnly: true,
  policy: anyone,
  async run(ctx): Promise<OrganizationSummary[]> {
    const db = ctx.services.database.db;
    const counts = await packageCounts(db);
    return (await listOrganizations(db)).map((o) => ({ ...o, packageCount: counts.get(o.id) ?? 0 }));
  },
});

export const organizationShow = defineAction({
  name: 'organization.show',
  ckan: 'organization_show',
  summary: 'Return an organisation by id or name.',
  input: Type.Object({ id: Type.String({ minLength: 1 }) }, { additionalProperties: true }),
  readOnly: true,
  policy: anyone,
  async run(ctx, input): Promise<OrganizationSummary> {
    const db = ctx.services.database.db;
    const o = await findOrganization(db, input.id);
    if (!o || o.state !== 'active') throw KotakError.notFound('Organization');
    return { ...o, packageCount: (await packageCounts(db)).get(o.id) ?? 0 };
  },
});

const OrgInput = Type.Object(
  {
    name: Type.String(),
    title: Type.Optional(Type.String({ maxLength: 500 })),
    description: Type.Optional(Type.String()),
    region_code: Type.Optional(Type.Union([Type.String({ pattern: '^(ID|\\d{2}|\\d{4})$', description: 'Kemendagri code of the province (2 digits) or kab/kota (4), or ID for the national office (KPU RI)' }), Type.Null()])),
    image_url: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    email: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    homepage: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  },
  { additionalProperties: true },
);

export const organizationCreate = defineAction({
  name: 'organization.create',
  ckan: 'organization_create',
  summary: 'Create a publishing organisation (system administrators only).',
  input: OrgInput,
  readOnly: false,
  policy: sysadminOnly,
  async run(ctx, input): Promise<Organization> {
    if (!NAME_RE.test(input.name)) throw KotakError.validation({ name: ['Must be 2–100 characters: lower-case letters a–z, digits, - and _'] });
    return withTransaction(ctx, async (trx) => {
      if (await findOrganization(trx, input.name)) throw KotakError.validation({ name: ['Group name already exists in database'] });
      const o: Organization = {
        id: randomUUID(),
        name: input.name,
        title: input.title || input.name,
        description: input.description ?? '',
        regionCode: input.region_code ?? null,
        imageUrl: input.image_url ?? null,
        email: input.email ?? null,
        homepage: input.homepage ?? null,
        created: nowIso(ctx),
        state: 'active',
      };
      await insertOrganization(trx, o);
      await recordActivity(trx, { objectType: 'organization', objectId: o.id, activityType: 'new organization', userId: ctx.actor?.id ?? null, timestamp: o.created, data: o });
      return o;
    });
  },
});

export const organizationMemberCreate = defineAction({
  name: 'organization.memberCreate',
  ckan: 'organization_member_create',
  summary: 'Give a user a role (admin, editor, member) in an organisation (organisation admins and sysadmins).',
  input: Type.Object({ id: Type.String(), username: Type.String(), role: Type.Union([Type.Literal('admin'), Type.Literal('editor'), Type.Literal('member')]) }, { additionalProperties: true }),
  readOnly: false,
  policy: async (ctx, input) => {
    const o = await findOrganization(ctx.services.database.db, input.id);
    if (!o) throw KotakError.notFound('Organization');
    requireRole(ctx, o.id, 'admin');
  },
  async run(ctx, input): Promise<{ organization: string; user: string; role: MemberRole }> {
    return withTransaction(ctx, async (trx) => {
      const o = await findOrganization(trx, input.id);
      const u = await findUser(trx, input.username);
      if (!o) throw KotakError.notFound('Organization');
      if (!u) throw KotakError.validation({ username: [`User "${input.username}" does not exist`] });
      await setMembership(trx, u.id, o.id, input.role);
      return { organization: o.name, user: u.name, role: input.role };
    });
  },
});

export const groupList = defineAction({
  name: 'group.list',
  ckan: 'group_list',
  summary: 'List the thematic groups.',
  input: Type.Object({ all_fields: Type.Optional(Type.Boolean()) }, { additionalProperties: true }),
  readOnly: true,
  policy: anyone,
  async run(ctx): Promise<Group[]> {
    return listGroups(ctx.services.database.db);
  },
});

export const groupShow = defineAction({
  name: 'group.show',
  ckan: 'group_show',
  summary: 'Return a group by id or name.',
  input: Type.Object({ id: Type.String({ minLength: 1 }) }, { additionalProperties: true }),
  readOnly: true,
  policy: anyone,
  async run(ctx, input): Promise<Group> {
    const g = await findGroup(ctx.services.database.db, input.id);
    if (!g) throw KotakError.notFound('Group');
    return g;
  },
});

export const groupCreate = defineAction({
  name: 'group.create',
  ckan: 'group_create',
  summary: 'Create a thematic group (system administrators only).',
  input: Type.Object({ name: Type.String(), title: Type.Optional(Type.String()), description: Type.Optional(Type.String()), eu_theme: Type.Optional(Type.String()) }, { additionalProperties: true }),
  readOnly: false,
  policy: sysadminOnly,
  async run(ctx, input): Promise<Group> {
    if (!NAME_RE.test(input.name)) throw KotakError.validation({ name: ['Must be 2–100 characters: lower-case letters a–z, digits, - and _'] });
    return withTransaction(ctx, async (trx) => {
      if (await findGroup(trx, input.name)) throw KotakError.validation({ name: ['Group name already exists in database'] });
      const g: Group = { id: randomUUID(), name: input.name, title: input.title || input.name, description: input.description ?? '', euTheme: input.eu_theme ?? null, created: nowIso(ctx) };
      await insertGroup(trx, g);
      return g;
    });
  },
});
