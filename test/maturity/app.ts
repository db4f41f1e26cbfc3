/**
 * Test apps with the maturity part wired in: its actions registered and its routes on the server, unless the
 * lead's registries already do it (src/actions/all.ts, src/http/plugins.ts).
 */
import { registerActions } from '../../src/actions/registry.js';
import { MATURITY_ACTIONS } from '../../src/actions/maturity-actions.js';
import { ROUTE_PLUGINS } from '../../src/http/plugins.js';
import { maturityRoutes } from '../../src/http/v1/maturity.js';
import type { Dialect } from '../../src/store/db.js';
import { createTestApp, type TestApp, type TestAppOptions } from '../support/app.js';

export async function maturityTestApp(dialect: Dialect, opts: TestAppOptions = {}): Promise<TestApp> {
  registerActions(MATURITY_ACTIONS);
  const t = await createTestApp(dialect, opts);
  if (t.server && !ROUTE_PLUGINS.some((p) => p.register === maturityRoutes)) await t.server.register(maturityRoutes, { app: t.app });
  return t;
}
