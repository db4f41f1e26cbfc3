import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../app.js';
import { isKotakError } from '../../errors.js';
import { normaliseError } from '../errors.js';
import { ASSET_PREFIX, loadAssets } from './assets.js';
import { loadBoundaries } from './geo.js';
import { CsrfError, createKit, type PageKit } from './kit.js';
import { datasetRoutes } from './routes/dataset.js';
import { datasetSearchRoutes } from './routes/datasets.js';
import { homeRoutes, type HomeContributor } from './routes/home.js';
import { integrityHome, integrityRoutes } from './routes/integrity.js';
import { maturityRoutes } from './routes/maturity.js';
import { organizationRoutes } from './routes/organization.js';
import { questionnaireRoutes } from './routes/questionnaire.js';
import { resultsHomeContributor, resultsRoutes } from './routes/results.js';
import { resultsImportRoutes } from './routes/results-import.js';
import { sessionRoutes } from './routes/session.js';
import { staticRoutes } from './routes/static.js';
import { tokenRoutes } from './routes/tokens.js';
import { tpsListRoutes } from './routes/tps-list.js';
import { workspaceRoutes, type WorkspaceLinks } from './routes/workspace.js';
import { errorPage } from './views/error.js';

/** public/ beside src/: the stylesheet, the built islands and the boundary files. */
export const PUBLIC_DIR = fileURLToPath(new URL('../../../public/', import.meta.url));

export interface PagesOptions {
  app: App;
  /** Another public folder (tests). */
  publicDir?: string;
}

/**
 * The web interface as one fastify plugin (issue 6): server-rendered pages in Indonesian and English, the static
 * files they use under /assets/, and the boundary shapes of the results map under /peta/. Every page calls actions,
 * never the store. Registered by the server in one line: `{ name: 'pages', register: pagesPlugin }`.
 */
export async function pagesPlugin(server: FastifyInstance, opts: PagesOptions): Promise<void> {
  const publicDir = opts.publicDir ?? PUBLIC_DIR;
  const assets = loadAssets(publicDir);
  const boundaries = loadBoundaries(join(publicDir, 'geo'));
  const kit = createKit(opts.app, assets);

  await server.register(fastifyStatic, {
    root: publicDir,
    prefix: ASSET_PREFIX,
    decorateReply: false,
    index: false,
    // Built islands have content hashes in their names and the stylesheet a ?v= hash: cache them for a year.
    maxAge: '365d',
    immutable: true,
  });

  server.get<{ Params: { code: string } }>('/peta/:code', async (req, reply) => {
    const code = req.params.code.replace(/\.geojson$/, '');
    const text = /^\d{2,10}$/.test(code) ? boundaries.childrenGeoJson(code) : null;
    if (!text) return reply.status(404).type('application/json').send({ error: { code: 'not_found', message: 'No boundaries for this region' } });
    return reply.type('application/geo+json').header('cache-control', 'public, max-age=86400').send(text);
  });

  server.setErrorHandler((err, req, reply) => pageError(kit, err, req, reply));

  const home: HomeContributor[] = [resultsHomeContributor, integrityHome];
  homeRoutes(server, kit, home);
  staticRoutes(server, kit);
  datasetSearchRoutes(server, kit, boundaries);
  datasetRoutes(server, kit, boundaries);
  organizationRoutes(server, kit);
  sessionRoutes(server, kit);
  const workspaceLinks: WorkspaceLinks[] = [];
  workspaceRoutes(server, kit, workspaceLinks);
  tokenRoutes(server, kit);
  integrityRoutes(server, kit);
  maturityRoutes(server, kit);
  questionnaireRoutes(server, kit);
  resultsRoutes(server, kit, boundaries);
  resultsImportRoutes(server, kit);
  tpsListRoutes(server, kit);
}

/** Turns an error on a page route into a page: sign-in for the anonymous, 403/404/400 pages, or 500 with an id. */
export function pageError(kit: PageKit, err: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const page = kit.bare(req, reply);
  if (err instanceof CsrfError) return kit.send(reply, errorPage(page, 'csrf'), 403);
  const k = normaliseError(err as FastifyError);
  if (k?.code === 'unauthorized' && req.method === 'GET') {
    return reply.redirect(`/masuk?next=${encodeURIComponent(req.url)}`, 303);
  }
  if (k?.code === 'not_found') return kit.send(reply, errorPage(page, 'not_found'), 404);
  if (k?.code === 'forbidden' || k?.code === 'unauthorized') return kit.send(reply, errorPage(page, 'forbidden'), 403);
  if (k && k.status < 500) return kit.send(reply, errorPage(page, 'bad_request', { message: k.message }), k.status);
  const id = String(req.id);
  kit.app.services.logger.error({ id, url: req.url, err: (err as Error)?.stack ?? String(err) }, 'page error');
  return kit.send(reply, errorPage(page, 'internal', { id }), isKotakError(err) ? err.status : 500);
}

let notFoundKit: PageKit | null = null;

/** True for a browser navigation (Accept: text/html) outside the APIs and the log: it should get a page, not JSON. */
export function wantsPage(req: FastifyRequest): boolean {
  const path = req.url.split('?')[0] ?? '';
  if (/^\/(api|log)(\/|$)/.test(path)) return false;
  return /text\/html/.test(String(req.headers.accept ?? ''));
}

/**
 * The 404 page for addresses no route knows, for the server's not-found handler (fastify allows one per prefix, and the
 * server owns the root's): `if (wantsPage(req)) return notFoundPage(app, req, reply);`.
 */
export function notFoundPage(app: App, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  notFoundKit ??= createKit(app, loadAssets(PUBLIC_DIR));
  return notFoundKit.send(reply, errorPage(notFoundKit.bare(req, reply), 'not_found'), 404);
}
