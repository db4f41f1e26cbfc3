/**
 * The HTTP server: CKAN Action API, Kotak's REST API with OpenAPI, file downloads, and the route plugins of the other
 * parts (publication log, results, maturity, pages). Routes are thin: context → action → presenter.
 *
 * @example
 *   const server = await buildServer(app);
 *   await server.listen({ port: app.services.config.port, host: app.services.config.host });
 */
import Fastify, { type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import compress from '@fastify/compress';
import type { App } from '../app.js';
import { KotakError } from '../errors.js';
import { ckanRoutes } from './ckan/routes.js';
import { downloadRoutes } from './download.js';
import { sendError } from './errors.js';
import { openApi } from './v1/openapi.js';
import { v1CatalogRoutes } from './v1/catalog.js';
import { ROUTE_PLUGINS } from './plugins.js';
import { notFoundPage, wantsPage } from './pages/plugin.js';

export interface ServerOptions {
  /** fastify request logging (off in tests and benchmarks). */
  logRequests?: boolean;
}

export async function buildServer(app: App, opts: ServerOptions = {}): Promise<FastifyInstance> {
  const { config, logger } = app.services;
  const server = Fastify({
    logger: opts.logRequests ? { level: config.logLevel } : false,
    bodyLimit: 16 * 1024 * 1024,
    trustProxy: true,
    // CKAN clients send `facet.field=…`; keep dots and repeated keys as they are.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
  });

  // Reject an upload whose declared size is over the limit before reading a byte of it (413).
  server.addHook('onRequest', async (req) => {
    const len = Number(req.headers['content-length'] ?? 0);
    if (len > config.maxUploadBytes + 1024 * 1024) throw new KotakError('payload_too_large', `Request body of ${len} bytes exceeds the limit of ${config.maxUploadBytes} bytes`);
  });
  server.addHook('onSend', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', 'same-origin');
  });

  server.setErrorHandler((err, req, reply) => sendError(req, reply, err, logger, config.baseUrl));
  server.setNotFoundHandler((req, reply) => {
    if (wantsPage(req)) return notFoundPage(app, req, reply);
    return sendError(req, reply, KotakError.notFound(`Path ${req.url.split('?')[0]}`), logger, config.baseUrl);
  });

  await server.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip', 'deflate'] });
  await server.register(cookie);
  await server.register(formbody);
  await server.register(multipart, { limits: { fileSize: config.maxUploadBytes + 1, files: 1, fields: 200 }, throwFileSizeLimit: true });
  await server.register(openApi, { app });

  await server.register(ckanRoutes, { app });
  await server.register(v1CatalogRoutes, { app, prefix: '/api/v1' });
  await server.register(downloadRoutes, { app });
  for (const plugin of ROUTE_PLUGINS) await server.register(plugin.register, { app, ...(plugin.prefix ? { prefix: plugin.prefix } : {}) });
  return server;
}
