/**
 * The CKAN Action API (STANDARDS.md): `/api/action/{name}` and `/api/3/action/{name}`; GET with query parameters for
 * read actions, POST with a JSON body (or multipart for uploads) for all; success and error envelopes as CKAN sends
 * them. Each CKAN name maps to one Kotak action; presenters turn domain results into CKAN dicts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { KotakError } from '../../errors.js';
import { getCkanAction } from '../../actions/registry.js';
import { invoke } from '../../actions/invoke.js';
import type { ActionExtra } from '../../actions/types.js';
import type { Dataset, Group, License, Resource } from '../../catalog/types.js';
import type { SearchResult } from '../../actions/dataset.js';
import type { OrganizationSummary } from '../../actions/organization.js';
import type { Activity } from '../../store/catalog/activities.js';
import type { App } from '../../app.js';
import { contextOf } from '../context.js';
import { ckanHelp } from '../errors.js';
import { readMultipart } from '../upload.js';
import { ckanActivity, ckanGroup, ckanLicense, ckanOrganization, ckanPackage, ckanPackageJson, ckanResource, ckanSearch } from './presenters.js';
import { containsRaw, stringifyWithRaw } from '../raw-json.js';
import { statusShow } from '../../actions/misc.js';
import { AnswerCache } from './answer-cache.js';

type Presenter = (result: any, input: Record<string, unknown>) => unknown;

const PRESENT: Record<string, Presenter> = {
  package_show: (d: Dataset) => ckanPackageJson(d),
  package_create: (d: Dataset) => ckanPackage(d),
  package_update: (d: Dataset) => ckanPackage(d),
  package_patch: (d: Dataset) => ckanPackage(d),
  package_search: (r: SearchResult) => ckanSearch(r),
  current_package_list_with_resources: (ds: Dataset[]) => ds.map((d) => ckanPackage(d)),
  resource_show: (r: Resource) => ckanResource(r),
  resource_create: (r: Resource) => ckanResource(r),
  resource_update: (r: Resource) => ckanResource(r),
  resource_patch: (r: Resource) => ckanResource(r),
  resource_search: (r: { count: number; results: Resource[] }) => ({ count: r.count, results: r.results.map(ckanResource) }),
  organization_list: (os: OrganizationSummary[], input) => (input.all_fields ? os.map((o) => ckanOrganization(o)) : os.map((o) => o.name)),
  organization_show: (o: OrganizationSummary) => ckanOrganization(o),
  organization_create: (o: OrganizationSummary) => ckanOrganization(o),
  group_list: (gs: Group[], input) => (input.all_fields ? gs.map(ckanGroup) : gs.map((g) => g.name)),
  group_show: (g: Group) => ckanGroup(g),
  group_create: (g: Group) => ckanGroup(g),
  tag_list: (ts: Array<{ name: string }>, input) => (input.all_fields ? ts.map((t) => ({ name: t.name, display_name: t.name, vocabulary_id: null })) : ts.map((t) => t.name)),
  tag_show: (t: { name: string; datasets?: Dataset[] }) => ({ name: t.name, display_name: t.name, vocabulary_id: null, ...(t.datasets ? { packages: t.datasets.map((d) => ckanPackage(d)) } : {}) }),
  license_list: (ls: License[]) => ls.map(ckanLicense),
  package_activity_list: (as: Activity[]) => as.map(ckanActivity),
  activity_diff: (r: { activities: Activity[]; diff: unknown }) => ({ activities: r.activities.map(ckanActivity), diff: r.diff }),
  api_token_create: (r: { token: string }) => ({ token: r.token }),
};

/** Query-string values as CKAN reads them: `True`/`False` booleans, repeated keys as lists. */
function queryInput(q: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(q)) {
    if (v === 'True' || v === 'true') out[k] = true;
    else if (v === 'False' || v === 'false') out[k] = false;
    else out[k] = v;
  }
  return out;
}

async function bodyInput(app: App, req: FastifyRequest): Promise<{ input: Record<string, unknown>; extra?: ActionExtra }> {
  if (req.isMultipart()) {
    const { fields, upload } = await readMultipart(app, req);
    return { input: fields, extra: upload ? { upload } : undefined };
  }
  const body = req.body;
  if (body === undefined || body === null || body === '') return { input: {} };
  if (typeof body !== 'object' || Array.isArray(body)) throw KotakError.badRequest('The request body must be a JSON object');
  return { input: body as Record<string, unknown> };
}

export async function ckanRoutes(server: FastifyInstance, opts: { app: App }): Promise<void> {
  const { app } = opts;
  const baseUrl = app.services.config.baseUrl;
  const answers = new AnswerCache(app.services.database);

  const handler = async (req: FastifyRequest<{ Params: { name: string } }>, reply: FastifyReply) => {
    const name = req.params.name;
    const def = getCkanAction(name);
    if (!def) throw KotakError.badRequest(`Bad request - Action name not known: ${name}`);
    const cacheKey = answers.keyOf(req, name);
    let seenVersion = -1;
    if (cacheKey) {
      const { hit, version } = await answers.get(cacheKey);
      if (hit) return reply.type('application/json; charset=utf-8').send(hit);
      seenVersion = version;
    }
    let input: Record<string, unknown>;
    let extra: ActionExtra | undefined;
    if (req.method === 'GET') {
      if (!def.readOnly) throw KotakError.badRequest(`Bad request - JSON Error: Invalid request. Please use POST method for your request (action ${name})`);
      input = queryInput(req.query as Record<string, unknown>);
    } else ({ input, extra } = await bodyInput(app, req));
    const ctx = await contextOf(app, req, 'ckan');
    const result = await invoke(ctx, def.name, input, { coerce: req.method === 'GET' || req.isMultipart(), extra });
    const present = PRESENT[name];
    const body = { help: ckanHelp(baseUrl, name), success: true, result: present ? present(result, input) : result };
    if (!containsRaw(body.result) && !cacheKey) return body;
    const encoded = Buffer.from(stringifyWithRaw(body));
    if (cacheKey) answers.set(cacheKey, encoded, seenVersion);
    return reply.type('application/json; charset=utf-8').send(encoded);
  };

  for (const prefix of ['/api/action', '/api/3/action']) {
    server.get(`${prefix}/:name`, handler);
    server.post(`${prefix}/:name`, handler);
  }
  // CKAN's API version endpoints and the utility status page that uData's harvester reads.
  server.get('/api/3', async () => ({ version: 3 }));
  server.get('/api/util/status', async (req) => statusShow.run(await contextOf(app, req, 'ckan'), {}));
}
