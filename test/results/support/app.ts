/** Test apps with the results actions and routes mounted (until the lead lists them in the registries). */
import { registerActions } from '../../../src/actions/registry.js';
import { RESULTS_ACTIONS } from '../../../src/actions/results.js';
import { ROUTE_PLUGINS } from '../../../src/http/plugins.js';
import { v1ResultsRoutes } from '../../../src/http/v1/results.js';
import type { Dialect } from '../../../src/store/db.js';
import { createTestApp, type TestApp, type TestAppOptions } from '../../support/app.js';

export async function createResultsApp(dialect: Dialect, opts: TestAppOptions = {}): Promise<TestApp> {
  registerActions(RESULTS_ACTIONS);
  const t = await createTestApp(dialect, { seed: true, ...opts, config: { loadDemoResults: true, ...opts.config } });
  if (t.server && !ROUTE_PLUGINS.some((p) => p.register === v1ResultsRoutes)) await t.server.register(v1ResultsRoutes, { app: t.app, prefix: '/api/v1' });
  return t;
}

/** A multipart/form-data body with text fields and one file part named `upload`. */
export function multipart(fields: Record<string, string>, file: { name: string; content: Buffer | string; type?: string }): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----kotakresults${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'text/csv'}\r\n\r\n`));
  parts.push(typeof file.content === 'string' ? Buffer.from(file.content) : file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
