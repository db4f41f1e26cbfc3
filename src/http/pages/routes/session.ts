import type { FastifyInstance } from 'fastify';
import { invoke } from '../../../actions/invoke.js';
import { isKotakError } from '../../../errors.js';
import { SESSION_COOKIE } from '../../context.js';
import { setCookie, type PageKit } from '../kit.js';
import { signInPage } from '../views/signin.js';
import { one, type FormBody as Form } from '../form.js';

/** Only a path on this site may follow sign-in (no open redirect: `//host` and `/\host` are refused). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/ruang-kerja';
  return next;
}

/** /masuk (sign in) and /keluar (sign out): a session cookie from session.create, forgotten by session.delete. */
export function sessionRoutes(server: FastifyInstance, kit: PageKit): void {
  server.get('/masuk', async (req, reply) => {
    const { page } = await kit.begin(req, reply);
    reply.header('cache-control', 'no-store');
    return kit.send(reply, signInPage(page, { next: safeNext(page.query.get('next')), signedOut: page.query.has('keluar') }));
  });

  server.post<{ Body: Form }>('/masuk', async (req, reply) => {
    const body = req.body ?? {};
    kit.checkCsrf(req, body);
    const next = safeNext(one(body.next));
    const name = one(body.name).trim();
    try {
      const { action } = await kit.begin(req, reply);
      const s = await invoke<{ sessionId: string; expiresAt: string }>(action, 'session.create', { name, password: one(body.password) });
      const maxAge = Math.max(60, Math.floor((Date.parse(s.expiresAt) - Date.now()) / 1000));
      setCookie(req, reply, SESSION_COOKIE, s.sessionId, maxAge);
      return reply.redirect(next, 303);
    } catch (e) {
      if (!isKotakError(e) || (e.code !== 'unauthorized' && e.code !== 'validation')) throw e;
      const page = kit.bare(req, reply);
      return kit.send(reply, signInPage(page, { next, name, failed: true }), 401);
    }
  });

  server.post<{ Body: Form }>('/keluar', async (req, reply) => {
    kit.checkCsrf(req, req.body ?? {});
    const sid = (req as { cookies?: Record<string, string | undefined> }).cookies?.[SESSION_COOKIE];
    const { action } = await kit.begin(req, reply);
    if (sid) await invoke(action, 'session.delete', { sessionId: sid });
    setCookie(req, reply, SESSION_COOKIE, '', 0);
    return reply.redirect('/masuk?keluar=1', 303);
  });
}
