/** REST routes of the catalogue under `/api/v1`. Each line binds an address to one action. */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { App } from '../../app.js';
import { addRestRoute, type RestRoute } from './route.js';

const Id = Type.Object({ id: Type.String() });

const ROUTES: RestRoute[] = [
  { method: 'GET', url: '/status', action: 'status.show', tag: 'portal' },
  { method: 'GET', url: '/datasets', action: 'dataset.search', tag: 'datasets' },
  { method: 'POST', url: '/datasets', action: 'dataset.create', tag: 'datasets' },
  { method: 'GET', url: '/datasets/:id', action: 'dataset.show', tag: 'datasets', params: Id },
  { method: 'PUT', url: '/datasets/:id', action: 'dataset.update', tag: 'datasets', params: Id },
  { method: 'PATCH', url: '/datasets/:id', action: 'dataset.patch', tag: 'datasets', params: Id },
  { method: 'DELETE', url: '/datasets/:id', action: 'dataset.delete', tag: 'datasets', params: Id, status: 204 },
  { method: 'GET', url: '/datasets/:id/activity', action: 'dataset.activityList', tag: 'datasets', params: Id },
  { method: 'GET', url: '/activity/:id/diff', action: 'activity.diff', tag: 'datasets', params: Id },
  {
    method: 'POST',
    url: '/datasets/:package_id/resources',
    action: 'resource.create',
    tag: 'resources',
    params: Type.Object({ package_id: Type.String() }),
  },
  { method: 'GET', url: '/resources/:id', action: 'resource.show', tag: 'resources', params: Id },
  { method: 'PUT', url: '/resources/:id', action: 'resource.update', tag: 'resources', params: Id },
  { method: 'PATCH', url: '/resources/:id', action: 'resource.patch', tag: 'resources', params: Id },
  { method: 'DELETE', url: '/resources/:id', action: 'resource.delete', tag: 'resources', params: Id, status: 204 },
  { method: 'GET', url: '/organizations', action: 'organization.list', tag: 'organizations' },
  { method: 'POST', url: '/organizations', action: 'organization.create', tag: 'organizations' },
  { method: 'GET', url: '/organizations/:id', action: 'organization.show', tag: 'organizations', params: Id },
  { method: 'POST', url: '/organizations/:id/members', action: 'organization.memberCreate', tag: 'organizations', params: Id },
  { method: 'GET', url: '/groups', action: 'group.list', tag: 'groups' },
  { method: 'GET', url: '/groups/:id', action: 'group.show', tag: 'groups', params: Id },
  { method: 'GET', url: '/tags', action: 'tag.list', tag: 'datasets' },
  { method: 'GET', url: '/licenses', action: 'license.list', tag: 'portal' },
  { method: 'POST', url: '/users', action: 'user.create', tag: 'accounts' },
  { method: 'GET', url: '/users/:id', action: 'user.show', tag: 'accounts', params: Id },
  { method: 'GET', url: '/users/:user/tokens', action: 'token.list', tag: 'accounts', params: Type.Object({ user: Type.String() }) },
  { method: 'POST', url: '/users/:user/tokens', action: 'token.create', tag: 'accounts', params: Type.Object({ user: Type.String() }) },
  { method: 'DELETE', url: '/tokens/:jti', action: 'token.revoke', tag: 'accounts', params: Type.Object({ jti: Type.String() }), status: 204 },
];

export async function v1CatalogRoutes(server: FastifyInstance, opts: { app: App }): Promise<void> {
  for (const r of ROUTES) addRestRoute(server, opts.app, r);
}
