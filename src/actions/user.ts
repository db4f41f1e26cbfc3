/** Accounts: user.create, user.show, token.create/list/revoke (CKAN api_token_*), session.create/delete (sign in/out). */
import { randomBytes, randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { KotakError } from '../errors.js';
import { NAME_RE } from '../catalog/dataset-input.js';
import { hashPassword, newToken, sha256Hex, verifyPassword } from '../catalog/secrets.js';
import { deleteSession, findUser, insertSession, insertToken, insertUser, listTokens, revokeToken } from '../store/catalog/users.js';
import { anyone, requireActor, sysadminOnly } from './policies.js';
import { nowIso, withTransaction } from './tx.js';
import { defineAction, type ActionContext } from './types.js';

export interface UserView {
  id: string;
  name: string;
  fullname: string;
  email: string | null;
  sysadmin: boolean;
  created: string;
}

function selfOrSysadmin(ctx: ActionContext, userRef: string): void {
  const a = requireActor(ctx);
  if (!a.sysadmin && a.id !== userRef && a.name !== userRef) throw KotakError.forbidden('Only the user or a system administrator may do this');
}

export const userCreate = defineAction({
  name: 'user.create',
  ckan: 'user_create',
  summary: 'Create a user account (system administrators only).',
  input: Type.Object(
    {
      name: Type.String(),
      fullname: Type.Optional(Type.String({ maxLength: 200 })),
      email: Type.Optional(Type.String({ maxLength: 200 })),
      password: Type.Optional(Type.String({ minLength: 8, maxLength: 1000 })),
      sysadmin: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: true },
  ),
  readOnly: false,
  policy: sysadminOnly,
  async run(ctx, input): Promise<UserView> {
    if (!NAME_RE.test(input.name)) throw KotakError.validation({ name: ['Must be 2–100 characters: lower-case letters a–z, digits, - and _'] });
    const password_hash = input.password ? await hashPassword(input.password) : null;
    return withTransaction(ctx, async (trx) => {
      if (await findUser(trx, input.name)) throw KotakError.validation({ name: ['That login name is not available.'] });
      const u = {
        id: randomUUID(),
        name: input.name,
        fullname: input.fullname ?? input.name,
        email: input.email ?? null,
        password_hash,
        sysadmin: input.sysadmin ? 1 : 0,
        state: 'active',
        created: nowIso(ctx),
      };
      await insertUser(trx, u);
      return { id: u.id, name: u.name, fullname: u.fullname, email: u.email, sysadmin: u.sysadmin === 1, created: u.created };
    });
  },
});

export const userShow = defineAction({
  name: 'user.show',
  ckan: 'user_show',
  summary: 'Return a user (yourself, or anyone for a system administrator).',
  input: Type.Object({ id: Type.String({ minLength: 1 }) }, { additionalProperties: true }),
  readOnly: true,
  policy: (ctx, input) => selfOrSysadmin(ctx, input.id),
  async run(ctx, input): Promise<UserView> {
    const u = await findUser(ctx.services.database.db, input.id);
    if (!u) throw KotakError.notFound('User');
    return { id: u.id, name: u.name, fullname: u.fullname, email: u.email, sysadmin: u.sysadmin === 1, created: u.created };
  },
});

export interface TokenView {
  id: string;
  name: string;
  created: string;
  expiresAt: string | null;
  lastUsed: string | null;
  revokedAt: string | null;
}

export const tokenCreate = defineAction({
  name: 'token.create',
  ckan: 'api_token_create',
  summary: 'Create an API token for a user; the token is shown once and stored only as a hash.',
  input: Type.Object(
    { user: Type.String({ minLength: 1 }), name: Type.String({ minLength: 1, maxLength: 200 }), expires_in_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })) },
    { additionalProperties: true },
  ),
  readOnly: false,
  policy: (ctx, input) => selfOrSysadmin(ctx, input.user),
  async run(ctx, input): Promise<{ token: string; id: string; expiresAt: string | null }> {
    return withTransaction(ctx, async (trx) => {
      const u = await findUser(trx, input.user);
      if (!u) throw KotakError.validation({ user: [`User "${input.user}" does not exist`] });
      const token = newToken();
      const now = ctx.services.now();
      const expiresAt = input.expires_in_days ? new Date(now.getTime() + input.expires_in_days * 86_400_000).toISOString() : null;
      const id = randomUUID();
      await insertToken(trx, { id, user_id: u.id, name: input.name, token_hash: sha256Hex(token), created: now.toISOString(), expires_at: expiresAt, last_used: null, revoked_at: null });
      return { token, id, expiresAt };
    });
  },
});

export const tokenList = defineAction({
  name: 'token.list',
  ckan: 'api_token_list',
  summary: "List a user's API tokens (never the secrets).",
  input: Type.Object({ user: Type.String({ minLength: 1 }) }, { additionalProperties: true }),
  readOnly: true,
  policy: (ctx, input) => selfOrSysadmin(ctx, input.user),
  async run(ctx, input): Promise<TokenView[]> {
    const u = await findUser(ctx.services.database.db, input.user);
    if (!u) throw KotakError.notFound('User');
    return (await listTokens(ctx.services.database.db, u.id)).map((t) => ({ id: t.id, name: t.name, created: t.created, expiresAt: t.expires_at, lastUsed: t.last_used, revokedAt: t.revoked_at }));
  },
});

export const tokenRevoke = defineAction({
  name: 'token.revoke',
  ckan: 'api_token_revoke',
  summary: 'Revoke an API token by its id (`jti`) or by the token itself.',
  input: Type.Object({ jti: Type.Optional(Type.String()), token: Type.Optional(Type.String()) }, { additionalProperties: true }),
  readOnly: false,
  policy: (ctx) => {
    requireActor(ctx);
  },
  async run(ctx, input): Promise<null> {
    return withTransaction(ctx, async (trx) => {
      const row = input.token
        ? await trx.selectFrom('api_tokens').select(['id', 'user_id']).where('token_hash', '=', sha256Hex(input.token)).executeTakeFirst()
        : input.jti
          ? await trx.selectFrom('api_tokens').select(['id', 'user_id']).where('id', '=', input.jti).executeTakeFirst()
          : undefined;
      if (!input.token && !input.jti) throw KotakError.validation({ jti: ['Give jti or token'] });
      if (!row) throw KotakError.notFound('API token');
      selfOrSysadmin(ctx, row.user_id);
      await revokeToken(trx, row.id, nowIso(ctx));
      return null;
    });
  },
});

const SESSION_DAYS = 7;

export const sessionCreate = defineAction({
  name: 'session.create',
  summary: 'Sign in with name and password; returns a session id for a cookie.',
  input: Type.Object({ name: Type.String({ minLength: 1 }), password: Type.String({ minLength: 1 }) }),
  readOnly: false,
  policy: anyone,
  async run(ctx, input): Promise<{ sessionId: string; user: string; expiresAt: string }> {
    const db = ctx.services.database.db;
    const u = await findUser(db, input.name);
    const ok = u && u.state === 'active' && (await verifyPassword(input.password, u.password_hash));
    if (!u || !ok) throw new KotakError('unauthorized', 'Wrong user name or password');
    const sessionId = randomBytes(32).toString('base64url');
    const now = ctx.services.now();
    const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString();
    await insertSession(db, { id_hash: sha256Hex(sessionId), user_id: u.id, created: now.toISOString(), expires_at: expiresAt });
    return { sessionId, user: u.name, expiresAt };
  },
});

export const sessionDelete = defineAction({
  name: 'session.delete',
  summary: 'Sign out: forget a session.',
  input: Type.Object({ sessionId: Type.String() }),
  readOnly: false,
  policy: anyone,
  async run(ctx, input): Promise<null> {
    await deleteSession(ctx.services.database.db, sha256Hex(input.sessionId));
    return null;
  },
});
