/** Organisations, groups, memberships and licences. */
import type { Group, License, MemberRole, Organization } from '../../catalog/types.js';
import type { Executor } from '../db.js';
import { nextRevision } from './datasets.js';
import type { GroupsTable, OrganizationsTable } from '../schema-catalog.js';

export function orgFromRow(r: OrganizationsTable): Organization {
  return {
    id: r.id,
    name: r.name,
    title: r.title,
    description: r.description,
    regionCode: r.region_code,
    imageUrl: r.image_url,
    email: r.email,
    homepage: r.homepage,
    created: r.created,
    state: r.state === 'deleted' ? 'deleted' : 'active',
  };
}

export function groupFromRow(r: GroupsTable): Group {
  return { id: r.id, name: r.name, title: r.title, description: r.description, euTheme: r.eu_theme, created: r.created };
}

export async function findOrganization(db: Executor, idOrName: string): Promise<Organization | null> {
  const r = await db
    .selectFrom('organizations')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .executeTakeFirst();
  return r ? orgFromRow(r) : null;
}

export async function listOrganizations(db: Executor): Promise<Organization[]> {
  const rows = await db.selectFrom('organizations').selectAll().where('state', '=', 'active').orderBy('name').execute();
  return rows.map(orgFromRow);
}

export async function insertOrganization(db: Executor, o: Organization): Promise<void> {
  await nextRevision(db);
  await db
    .insertInto('organizations')
    .values({
      id: o.id,
      name: o.name,
      title: o.title,
      description: o.description,
      region_code: o.regionCode,
      image_url: o.imageUrl,
      email: o.email,
      homepage: o.homepage,
      state: o.state,
      created: o.created,
    })
    .execute();
}

export async function findGroup(db: Executor, idOrName: string): Promise<Group | null> {
  const r = await db
    .selectFrom('catalog_groups')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .executeTakeFirst();
  return r ? groupFromRow(r) : null;
}

export async function listGroups(db: Executor): Promise<Group[]> {
  return (await db.selectFrom('catalog_groups').selectAll().orderBy('name').execute()).map(groupFromRow);
}

export async function insertGroup(db: Executor, g: Group): Promise<void> {
  await nextRevision(db);
  await db
    .insertInto('catalog_groups')
    .values({ id: g.id, name: g.name, title: g.title, description: g.description, eu_theme: g.euTheme, created: g.created })
    .execute();
}

export async function setMembership(db: Executor, userId: string, organizationId: string, role: MemberRole): Promise<void> {
  await db.deleteFrom('memberships').where('user_id', '=', userId).where('organization_id', '=', organizationId).execute();
  await db.insertInto('memberships').values({ user_id: userId, organization_id: organizationId, role }).execute();
}

export async function membershipsOf(db: Executor, userId: string): Promise<Map<string, MemberRole>> {
  const rows = await db.selectFrom('memberships').select(['organization_id', 'role']).where('user_id', '=', userId).execute();
  return new Map(rows.map((r) => [r.organization_id, r.role as MemberRole]));
}

export async function listLicenses(db: Executor): Promise<License[]> {
  const rows = await db.selectFrom('licenses').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, title: r.title, url: r.url, isOpen: r.is_open === 1, euUri: r.eu_uri }));
}

export async function upsertLicenses(db: Executor, licenses: License[]): Promise<void> {
  await db.deleteFrom('licenses').execute();
  await db
    .insertInto('licenses')
    .values(licenses.map((l) => ({ id: l.id, title: l.title, url: l.url, is_open: l.isOpen ? 1 : 0, eu_uri: l.euUri })))
    .execute();
}
