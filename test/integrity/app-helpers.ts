/** Test apps with the log routes mounted, and a `fetch` that talks to the in-process server. */
import type { FastifyInstance } from 'fastify';
import { registerActions } from '../../src/actions/registry.js';
import { ROUTE_PLUGINS } from '../../src/http/plugins.js';
import { logRoutes } from '../../src/http/log/routes.js';
import { LOG_ACTIONS } from '../../src/integrity/actions.js';
import type { Fetch } from '../../src/integrity/client.js';
import type { LogService } from '../../src/integrity/service.js';
import type { Dialect } from '../../src/store/db.js';
import { createTestApp, type TestApp, type TestAppOptions } from '../support/app.js';

export async function createLogApp(dialect: Dialect, opts: TestAppOptions = {}): Promise<TestApp> {
  registerActions(LOG_ACTIONS);
  const t = await createTestApp(dialect, opts);
  // Until the lead lists the log plugin in ROUTE_PLUGINS, mount it here.
  if (t.server && !ROUTE_PLUGINS.some((p) => p.register === logRoutes)) await t.server.register(logRoutes, { app: t.app });
  return t;
}

export const logOf = (t: TestApp) => t.app.services.log as LogService;

export function injectFetch(server: FastifyInstance): Fetch {
  return async (url, init) => {
    const u = new URL(url);
    const r = await server.inject({
      method: (init?.method ?? 'GET') as 'GET',
      url: u.pathname + u.search,
      payload: init?.body as string | undefined,
      headers: init?.headers as Record<string, string> | undefined,
    });
    const headers = new Headers();
    for (const [k, v] of Object.entries(r.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : String(v));
    return new Response(r.rawPayload.length ? new Uint8Array(r.rawPayload) : null, { status: r.statusCode, headers });
  };
}

/** A multipart body with fields and one file in `upload`, as the CKAN API takes it. */
export function multipart(fields: Record<string, string>, file: { name: string; content: Buffer; type?: string }) {
  const boundary = `----kotak${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'text/csv'}\r\n\r\n`));
  parts.push(file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
