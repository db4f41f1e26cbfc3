/**
 * Route plugins of the other parts of the product, registered after the core routes. Each entry is one line:
 * a fastify plugin taking `{ app }`.
 */
import type { FastifyInstance } from 'fastify';
import type { App } from '../app.js';
import { maturityRoutes } from './v1/maturity.js';
import { logRoutes } from './log/routes.js';
import { v1ResultsRoutes } from './v1/results.js';
import { pagesPlugin } from './pages/plugin.js';

export interface RoutePlugin {
  name: string;
  prefix?: string;
  register: (server: FastifyInstance, opts: { app: App }) => Promise<void>;
}

export const ROUTE_PLUGINS: RoutePlugin[] = [
  { name: 'log', register: logRoutes },
  { name: 'results', prefix: '/api/v1', register: v1ResultsRoutes },
  // Full paths, not encapsulated: its usage hook counts downloads and API calls on every route.
  { name: 'maturity', register: maturityRoutes },
  { name: 'pages', register: pagesPlugin },
];
