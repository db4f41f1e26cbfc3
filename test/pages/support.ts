/**
 * A test app with the pages mounted: the lead's server plus the pages plugin (and the log routes the integrity page
 * reads) when the server does not register them itself yet, so these tests run before and after the wiring.
 */
import { createTestApp, type TestApp, type TestAppOptions } from '../support/app.js';
import { pagesPlugin } from '../../src/http/pages/plugin.js';
import { logRoutes } from '../../src/http/log/routes.js';
import type { Dialect } from '../../src/store/db.js';

export async function createPagesApp(dialect: Dialect = 'sqlite', opts: TestAppOptions = {}): Promise<TestApp> {
  const t = await createTestApp(dialect, opts);
  // Mount only what the server does not mount itself yet (it may list the plugins in ROUTE_PLUGINS or register them).
  if (!t.server.hasRoute({ method: 'GET', url: '/log/checkpoint' })) await t.server.register(logRoutes, { app: t.app });
  if (!t.server.hasRoute({ method: 'GET', url: '/masuk' })) await t.server.register(pagesPlugin, { app: t.app });
  await t.server.ready();
  return t;
}

/** Cookies from a response's set-cookie headers, as a Cookie request header. */
export function cookiesOf(setCookie: string | string[] | undefined, previous = ''): string {
  const jar = new Map<string, string>();
  for (const part of previous.split(/;\s*/).filter(Boolean)) {
    const [k, ...v] = part.split('=');
    jar.set(k!, v.join('='));
  }
  for (const line of [setCookie ?? []].flat()) {
    const [pair] = line.split(';');
    const [k, ...v] = pair!.split('=');
    if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(k!);
    else jar.set(k!, v.join('='));
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** The value of the hidden CSRF field in a page. */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF field in the page');
  return m[1]!;
}
