/**
 * Maturity routes: the REST API under `/api/v1/maturity` (one office, the comparison, the trend, CSV and JSON
 * exports, assessing, answering, confirming), `/api/v1/linkcheck`, the DCAT-AP documents `/dataset/{name}.ttl` and
 * `/dataset/{name}.jsonld`, and the usage counter that counts downloads and dataset API calls (no personal data).
 *
 * The plugin is registered without encapsulation (fastify's `skip-override`) so that its counting hook sees every
 * route, not only its own.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { invoke } from '../../actions/invoke.js';
import type { App } from '../../app.js';
import { contextOf } from '../context.js';
import { addRestRoute, type RestRoute } from './route.js';
import type { Comparison, ShownAssessment } from '../../actions/maturity.js';
import { comparisonCsv, indicatorsCsv } from '../../actions/maturity-present.js';
import { usageCounter, type UsageRef } from '../../actions/maturity-usage.js';

const OrgParam = Type.Object({ organization: Type.String() });
const RoundQuery = Type.Object({ round: Type.Optional(Type.String()) });

const ROUTES: RestRoute[] = [
  { method: 'GET', url: '/api/v1/maturity', action: 'maturity.compare', tag: 'maturity', querystring: RoundQuery },
  { method: 'POST', url: '/api/v1/maturity/assess', action: 'maturity.assess', tag: 'maturity', status: 201 },
  { method: 'POST', url: '/api/v1/maturity/assessors', action: 'maturity.assessorAdd', tag: 'maturity', status: 201 },
  { method: 'GET', url: '/api/v1/maturity/:organization', action: 'maturity.show', tag: 'maturity', params: OrgParam, querystring: RoundQuery },
  {
    method: 'GET', url: '/api/v1/maturity/:organization/trend', action: 'maturity.show', tag: 'maturity', params: OrgParam,
    present: (a: ShownAssessment) => ({ organization: a.organization, trend: a.trend }),
  },
  { method: 'POST', url: '/api/v1/maturity/:organization/assess', action: 'maturity.assess', tag: 'maturity', params: OrgParam, status: 201 },
  { method: 'PUT', url: '/api/v1/maturity/:organization/answers', action: 'maturity.answer', tag: 'maturity', params: OrgParam },
  {
    method: 'POST', url: '/api/v1/maturity/:organization/answers/:question/confirm', action: 'maturity.confirm', tag: 'maturity',
    params: Type.Object({ organization: Type.String(), question: Type.String() }), status: 200,
  },
  { method: 'POST', url: '/api/v1/linkcheck', action: 'linkcheck.run', tag: 'maturity', status: 200 },
];

function attachment(reply: FastifyReply, type: string, filename: string, body: string): FastifyReply {
  return reply.header('content-type', type).header('content-disposition', `attachment; filename="${filename}"`).send(body);
}

const round = (req: FastifyRequest) => {
  const r = (req.query as { round?: string }).round;
  return r ? { round: r } : {};
};

/** Which dataset a finished request used, if it was a download or a dataset API call. */
export function usageOf(req: FastifyRequest): { ref: UsageRef; kind: 'download' | 'api' } | null {
  const route = req.routeOptions?.url ?? '';
  const p = (req.params ?? {}) as Record<string, string>;
  if (route === '/dataset/:name/resource/:id/download/:filename') return { ref: { resource: p.id! }, kind: 'download' };
  if (route === '/api/v1/datasets/:id' && req.method === 'GET') return { ref: { dataset: p.id! }, kind: 'api' };
  if (route === '/api/3/action/:name' || route === '/api/action/:name') {
    const args = { ...((req.query ?? {}) as Record<string, unknown>), ...(typeof req.body === 'object' && req.body ? (req.body as Record<string, unknown>) : {}) };
    if (p.name === 'package_show' && typeof args.id === 'string') return { ref: { dataset: args.id }, kind: 'api' };
    if (p.name === 'datastore_search' && typeof args.resource_id === 'string') return { ref: { resource: args.resource_id }, kind: 'api' };
  }
  return null;
}

async function maturityPlugin(server: FastifyInstance, opts: { app: App }): Promise<void> {
  const { app } = opts;
  for (const r of ROUTES) addRestRoute(server, app, r);

  server.get('/api/v1/maturity/export.csv', { schema: { tags: ['maturity'], summary: 'All offices compared, as CSV.', querystring: RoundQuery } }, async (req, reply) => {
    const c = await invoke<Comparison>(await contextOf(app, req, 'rest'), 'maturity.compare', round(req));
    return attachment(reply, 'text/csv; charset=utf-8', 'kematangan-data-terbuka.csv', comparisonCsv(c.offices));
  });
  server.get('/api/v1/maturity/export.json', { schema: { tags: ['maturity'], summary: 'All offices compared, as a JSON file.', querystring: RoundQuery } }, async (req, reply) => {
    const c = await invoke<Comparison>(await contextOf(app, req, 'rest'), 'maturity.compare', round(req));
    return attachment(reply, 'application/json; charset=utf-8', 'kematangan-data-terbuka.json', JSON.stringify(c, null, 2));
  });
  server.get<{ Params: { organization: string } }>(
    '/api/v1/maturity/:organization/export.csv',
    { schema: { tags: ['maturity'], summary: 'Every indicator of one office, as CSV.', params: OrgParam, querystring: RoundQuery } },
    async (req, reply) => {
      const a = await invoke<ShownAssessment>(await contextOf(app, req, 'rest'), 'maturity.show', { organization: req.params.organization, ...round(req) });
      return attachment(reply, 'text/csv; charset=utf-8', `kematangan-${a.organization.name}-${a.round}.csv`, indicatorsCsv(a));
    },
  );
  server.get<{ Params: { organization: string } }>(
    '/api/v1/maturity/:organization/export.json',
    { schema: { tags: ['maturity'], summary: 'The assessment of one office, as a JSON file.', params: OrgParam, querystring: RoundQuery } },
    async (req, reply) => {
      const a = await invoke<ShownAssessment>(await contextOf(app, req, 'rest'), 'maturity.show', { organization: req.params.organization, ...round(req) });
      return attachment(reply, 'application/json; charset=utf-8', `kematangan-${a.organization.name}-${a.round}.json`, JSON.stringify(a, null, 2));
    },
  );

  for (const format of ['ttl', 'jsonld'] as const) {
    server.get<{ Params: { name: string } }>(`/dataset/:name.${format}`, async (req, reply) => {
      const out = await invoke<{ contentType: string; body: string }>(await contextOf(app, req, 'page'), 'dcat.show', { id: req.params.name, format });
      return reply.header('content-type', out.contentType).send(out.body);
    });
  }

  server.addHook('onResponse', async (req, reply) => {
    if (reply.statusCode >= 400) return;
    const u = usageOf(req);
    if (u) usageCounter(app.services).record(u.ref, u.kind);
  });
  server.addHook('onClose', async () => {
    await usageCounter(app.services).flush().catch(() => {});
  });
}

// Registered without encapsulation so the onResponse hook applies to every route (what fastify-plugin does).
(maturityPlugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

export const maturityRoutes = maturityPlugin;
