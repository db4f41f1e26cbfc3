/**
 * Route plugins of the other parts of the product, registered after the core routes. Each entry is one line:
 * a fastify plugin taking `{ app }`.
 */
import type { FastifyInstance } from 'fastify';
import type { App } from '../app.js';
import { maturityRoutes } from './v1/maturity.js';

export interface RoutePlugin {
  name: string;
  prefix?: string;
  register: (server: FastifyInstance, opts: { app: App }) => Promise<void>;
}

export const ROUTE_PLUGINS: RoutePlugin[] = [
  // Full paths, not encapsulated: its usage hook counts downloads and API calls on every route.
  { name: 'maturity', register: maturityRoutes },
];
