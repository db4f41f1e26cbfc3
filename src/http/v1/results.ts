/**
 * REST routes of results under `/api/v1` (issue 3 §6). Each binds an address to one action; downloads stream the
 * action's body. Register with `{ prefix: '/api/v1' }`.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { App } from '../../app.js';
import { invoke } from '../../actions/invoke.js';
import { getAction } from '../../actions/registry.js';
import type { Download } from '../../actions/results-export.js';
import { contextOf } from '../context.js';
import { addRestRoute, type RestRoute } from './route.js';

const E = { election: Type.String() };
const EC = { ...E, contest: Type.String() };
const base = '/elections/:election/contests/:contest';

const ROUTES: RestRoute[] = [
  { method: 'GET', url: '/elections', action: 'election.list', tag: 'results' },
  { method: 'POST', url: '/elections', action: 'election.create', tag: 'results' },
  { method: 'GET', url: '/elections/:election/contests', action: 'contest.list', tag: 'results', params: Type.Object(E) },
  {
    method: 'GET',
    url: '/elections/:election/tps-list',
    action: 'results.tpsList',
    tag: 'results',
    params: Type.Object(E),
    querystring: Type.Object({ region: Type.Optional(Type.String()), limit: Type.Optional(Type.Integer()), offset: Type.Optional(Type.Integer()) }),
  },
  { method: 'POST', url: '/elections/:election/tps-list', action: 'results.tpsListImport', tag: 'results', params: Type.Object(E) },
  {
    method: 'DELETE',
    url: '/elections/:election/tps-list',
    action: 'results.tpsListRemove',
    tag: 'results',
    params: Type.Object(E),
    querystring: Type.Object({ region: Type.String() }),
  },
  { method: 'POST', url: '/elections/:election/contests', action: 'contest.create', tag: 'results', params: Type.Object(E) },
  { method: 'GET', url: `${base}/tps/:tps`, action: 'results.tps', tag: 'results', params: Type.Object({ ...EC, tps: Type.String() }) },
  {
    method: 'GET',
    url: `${base}/flags`,
    action: 'results.flags',
    tag: 'results',
    params: Type.Object(EC),
    querystring: Type.Object({ rule: Type.Optional(Type.String()), region: Type.Optional(Type.String()), limit: Type.Optional(Type.Integer()), offset: Type.Optional(Type.Integer()) }),
  },
  { method: 'GET', url: `${base}/forensics/:code`, action: 'results.forensics', tag: 'results', params: Type.Object({ ...EC, code: Type.String() }) },
  { method: 'GET', url: `${base}/imports`, action: 'results.imports', tag: 'results', params: Type.Object(EC) },
  { method: 'POST', url: `${base}/imports`, action: 'results.import', tag: 'results', params: Type.Object(EC) },
  { method: 'POST', url: `${base}/official`, action: 'results.officialImport', tag: 'results', params: Type.Object(EC) },
  { method: 'GET', url: `${base}/official/compare`, action: 'results.compare', tag: 'results', params: Type.Object(EC) },
];

/**
 * GET routes whose action answers from a cache (results.region): the answer object is the cached one, so its JSON
 * text is kept beside it and sent as is — serialising the same region for every request would cost more than finding it.
 */
const serialized = new WeakMap<object, string>();
function addCachedGet(server: FastifyInstance, app: App, url: string, action: string): void {
  const def = getAction(action);
  if (!def) throw new Error(`route ${url} names unknown action ${action}`);
  server.get(url, { schema: { summary: def.summary, operationId: def.name, tags: ['results'] } }, async (req, reply) => {
    const ctx = await contextOf(app, req, 'rest');
    const result = await invoke<object>(ctx, action, { ...(req.query as object), ...(req.params as object) }, { coerce: true });
    let body = serialized.get(result);
    if (body === undefined) {
      body = JSON.stringify({ data: result });
      serialized.set(result, body);
    }
    reply.type('application/json; charset=utf-8');
    return body;
  });
}

/** A streamed download: the action returns content type, file name and an async body. */
function addDownload(server: FastifyInstance, app: App, url: string, action: string, input: (req: { params: Record<string, string>; query: Record<string, string> }) => Record<string, unknown>): void {
  server.get(url, { schema: { tags: ['results'], operationId: `${action}:${url}` } }, async (req, reply) => {
    const ctx = await contextOf(app, req, 'rest');
    const d = await invoke<Download>(ctx, action, input({ params: req.params as Record<string, string>, query: req.query as Record<string, string> }), { coerce: true });
    reply
      .header('content-type', d.contentType)
      .header('content-disposition', `attachment; filename="${d.filename.replace(/["\\\r\n]/g, '_')}"`)
      .header('cache-control', 'public, max-age=60');
    return reply.send(Readable.from(d.body));
  });
}

export async function v1ResultsRoutes(server: FastifyInstance, opts: { app: App }): Promise<void> {
  const { app } = opts;
  for (const r of ROUTES) addRestRoute(server, app, r);
  addCachedGet(server, app, `${base}/regions/:code`, 'results.region');
  addDownload(server, app, `${base}/regions/:code/download.:format`, 'results.download', ({ params, query }) => ({
    election: params.election, contest: params.contest, code: params.code, format: params.format, ...(query.level ? { level: query.level } : {}),
  }));
  addDownload(server, app, `${base}/tps/:tps/receipt`, 'results.receipt', ({ params, query }) => ({
    election: params.election, contest: params.contest, tps: params.tps, ...(query.version ? { version: query.version } : {}),
  }));
  addDownload(server, app, `${base}/export/nist-err.json`, 'results.exportNist', ({ params, query }) => ({
    election: params.election, contest: params.contest, ...(query.region ? { region: query.region } : {}),
  }));
  addDownload(server, app, `${base}/export/openelections.csv`, 'results.exportOpenElections', ({ params, query }) => ({
    election: params.election, contest: params.contest, ...(query.region ? { region: query.region } : {}),
  }));
}
