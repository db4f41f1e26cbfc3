/**
 * Turns credentials into an Actor: an API token (CKAN `Authorization` header or ckanapi's `X-CKAN-API-Key`) or a
 * session cookie. Unknown, revoked and expired tokens are refused with a clear message, never silently anonymous.
 */
import { KotakError } from '../errors.js';
import { sha256Hex } from '../catalog/secrets.js';
import { membershipsOf } from '../store/catalog/organizations.js';
import { findSession, findTokenByHash, findUser } from '../store/catalog/users.js';
import type { Executor } from '../store/db.js';
import type { Actor } from './types.js';

/** The actor the CLI and start-up seeding act as. */
export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'system', sysadmin: true, memberships: new Map() };

export async function actorForUser(db: Executor, userId: string): Promise<Actor | null> {
  const u = await findUser(db, userId);
  if (!u || u.state !== 'active') return null;
  return { id: u.id, name: u.name, sysadmin: u.sysadmin === 1, memberships: await membershipsOf(db, u.id) };
}

export async function actorForToken(db: Executor, token: string, now: Date): Promise<Actor> {
  const t = await findTokenByHash(db, sha256Hex(token.trim()));
  if (!t) throw new KotakError('unauthorized', 'API token not recognised');
  if (t.revoked_at) throw new KotakError('unauthorized', 'API token has been revoked');
  if (t.expires_at && t.expires_at <= now.toISOString()) throw new KotakError('unauthorized', 'API token has expired');
  const a = await actorForUser(db, t.user_id);
  if (!a) throw new KotakError('unauthorized', 'The user of this API token is not active');
  return a;
}

export async function actorForSession(db: Executor, sessionId: string, now: Date): Promise<Actor | null> {
  const s = await findSession(db, sha256Hex(sessionId));
  if (!s || s.expires_at <= now.toISOString()) return null;
  return actorForUser(db, s.user_id);
}
