import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ActionContext } from '../../actions/types.js';
import type { App } from '../../app.js';
import { LOCALE_COOKIE, isLocale, negotiateLocale, translator } from '../../i18n/index.js';
import { SESSION_COOKIE, contextOf } from '../context.js';
import type { Assets } from './assets.js';
import type { PageContext, PageUser } from './context.js';
import { CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, csrfToken, newCsrfBinding, verifyCsrfToken } from './csrf.js';
import type { Html } from './html.js';

/**
 * What every page route uses: the request's page context (language, user, CSRF token) and action context, and
 * sending HTML. Routes stay thin: `const { page, action } = await kit.begin(req, reply)` → invoke actions → view.
 */
export interface PageKit {
  readonly app: App;
  readonly assets: Assets;
  begin(req: FastifyRequest, reply: FastifyReply): Promise<{ page: PageContext; action: ActionContext }>;
  /** A page context without looking up the user (for error pages, which must render whatever went wrong). */
  bare(req: FastifyRequest, reply: FastifyReply): PageContext;
  /** Throws a `forbidden` KotakError with code csrf when the form's token does not match (see csrf.ts). */
  checkCsrf(req: FastifyRequest, fields?: Record<string, unknown>): void;
  send(reply: FastifyReply, body: Html, status?: number): FastifyReply;
}

export class CsrfError extends Error {
  constructor() {
    super('CSRF token missing or invalid');
  }
}

type CookieRequest = FastifyRequest & { cookies?: Record<string, string | undefined> };
type CookieReply = FastifyReply & { setCookie?: (name: string, value: string, opts: Record<string, unknown>) => FastifyReply };

const YEAR = 365 * 86_400;

/**
 * The key that signs CSRF tokens: KOTAK_SESSION_SECRET when set, else a random key kept in the data directory
 * (mode 0600, like the log key) so tokens survive a restart and are shared by processes on the same data dir.
 */
export function pagesSecret(app: App): Buffer {
  const { sessionSecret, dataDir } = app.services.config;
  if (sessionSecret) return Buffer.from(sessionSecret, 'utf8');
  const dir = join(dataDir, 'keys');
  const file = join(dir, 'pages-csrf.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(dir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}

function isSecure(req: FastifyRequest): boolean {
  return req.protocol === 'https';
}

export function setCookie(req: FastifyRequest, reply: FastifyReply, name: string, value: string, maxAge: number, httpOnly = true): void {
  const r = reply as CookieReply;
  const opts = { path: '/', maxAge, httpOnly, sameSite: 'lax', secure: isSecure(req) };
  if (r.setCookie) r.setCookie(name, value, opts);
}

export function createKit(app: App, assets: Assets): PageKit {
  const secret = pagesSecret(app);

  const binding = (req: FastifyRequest): string | undefined => {
    const c = (req as CookieRequest).cookies ?? {};
    return c[SESSION_COOKIE] || c[CSRF_COOKIE];
  };

  return {
    app,
    assets,
    async begin(req, reply) {
      const action = await contextOf(app, req, 'page');
      const user: PageUser | null = action.actor
        ? { name: action.actor.name, displayName: action.actor.name, sysadmin: action.actor.sysadmin }
        : null;
      return { page: pageContext(req, reply, user), action };
    },
    bare: (req, reply) => pageContext(req, reply, null),
    checkCsrf(req, fields) {
      const q = new URLSearchParams(req.url.split('?')[1] ?? '');
      const given = fields?.[CSRF_FIELD] ?? req.headers[CSRF_HEADER] ?? q.get(CSRF_FIELD);
      if (!verifyCsrfToken(secret, binding(req), given)) throw new CsrfError();
    },
    send(reply, body, status = 200) {
      return reply.status(status).type('text/html; charset=utf-8').send(body.value);
    },
  };

  function pageContext(req: FastifyRequest, reply: FastifyReply, user: PageUser | null): PageContext {
    const cookies = (req as CookieRequest).cookies ?? {};
    const query = new URLSearchParams((req.url.split('?')[1] ?? ''));
    const lang = query.get('lang');
    const locale = negotiateLocale({ query: lang, cookie: cookies[LOCALE_COOKIE], acceptLanguage: req.headers['accept-language'] });
    // The switch is remembered, so the next address (same in both languages) stays in the chosen language.
    if (isLocale(lang) && cookies[LOCALE_COOKIE] !== lang) setCookie(req, reply, LOCALE_COOKIE, lang, YEAR, false);
    query.delete('lang');
    let token: string | null = null;
    const page: PageContext = {
      locale,
      t: translator(locale),
      path: req.url.split('?')[0] ?? '/',
      query,
      user,
      assets,
      // Computed on first use, so pages without forms set no cookie (and stay cacheable).
      get csrfToken() {
        if (token) return token;
        let b = binding(req);
        if (!b) {
          b = newCsrfBinding();
          setCookie(req, reply, CSRF_COOKIE, b, YEAR);
        }
        token = csrfToken(secret, b);
        return token;
      },
    };
    reply.header('vary', 'Accept-Language, Cookie');
    return page;
  }
}
