/**
 * OpenAPI 3 description of Kotak's REST API (`/api/v1/…`), generated from the TypeBox schemas next to each route,
 * served as JSON at `/api/openapi.json` and as an interactive page at `/api/docs` (assets served locally).
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { App } from '../../app.js';
import { KOTAK_VERSION } from '../../actions/misc.js';

async function plugin(server: FastifyInstance, opts: { app: App }): Promise<void> {
  await server.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Kotak API',
        version: KOTAK_VERSION,
        description:
          'REST API of the Kotak open election-data portal. The CKAN Action API (`/api/3/action/{name}`) offers the same actions for existing CKAN clients. Authenticate with an API token in the `Authorization` header.',
      },
      servers: [{ url: opts.app.services.config.baseUrl }],
      components: { securitySchemes: { apiToken: { type: 'apiKey', in: 'header', name: 'Authorization' } } },
    },
    hideUntagged: true,
  });
  await server.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { docExpansion: 'list' } });
  server.get('/api/openapi.json', { schema: { hide: true } }, async () => server.swagger());
}

export const openApi = fp(plugin, { name: 'kotak-openapi' });
