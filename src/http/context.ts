/**
 * Builds the read-only ActionContext of a request: the actor comes from an API token (`Authorization: <token>`,
 * `Authorization: Bearer <token>` or ckanapi's `X-CKAN-API-Key`) or from the session cookie of the web interface.
 */
import type { FastifyRequest } from 'fastify';
import { actorForSession, actorForToken } from '../actions/auth.js';
import type { ActionContext, Actor, Channel } from '../actions/types.js';
import type { App } from '../app.js';

export const SESSION_COOKIE = 'kotak_session';

const cache = new WeakMap<FastifyRequest, Promise<Actor | null>>();

function tokenOf(req: FastifyRequest): string | null {
  const h = req.headers.authorization ?? (req.headers['x-ckan-api-key'] as string | undefined);
  if (!h) return null;
  const t = h.replace(/^Bearer\s+/i, '').trim();
  return t || null;
}

export function actorOf(app: App, req: FastifyRequest): Promise<Actor | null> {
  let p = cache.get(req);
  if (!p) {
    const db = app.services.database.db;
    const now = app.services.now();
    const token = tokenOf(req);
    if (token) p = actorForToken(db, token, now);
    else {
      const sid = (req as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies?.[SESSION_COOKIE];
      p = sid ? actorForSession(db, sid, now) : Promise.resolve(null);
    }
    cache.set(req, p);
  }
  return p;
}

export async function contextOf(app: App, req: FastifyRequest, channel: Channel): Promise<ActionContext> {
  return { services: app.services, actor: await actorOf(app, req), channel, requestId: String(req.id) };
}
