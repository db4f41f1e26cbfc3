/** Users, API tokens and sessions. Secrets are stored only as hashes (see src/catalog/secrets.ts). */
import type { Executor } from '../db.js';
import type { ApiTokensTable, UsersTable } from '../schema-catalog.js';

export type UserRow = UsersTable;
export type TokenRow = ApiTokensTable;

export async function findUser(db: Executor, idOrName: string): Promise<UserRow | null> {
  return (
    (await db
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
      .executeTakeFirst()) ?? null
  );
}

export async function insertUser(db: Executor, u: UserRow): Promise<void> {
  await db.insertInto('users').values(u).execute();
}

export async function countUsers(db: Executor): Promise<number> {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function insertToken(db: Executor, t: TokenRow): Promise<void> {
  await db.insertInto('api_tokens').values(t).execute();
}

export async function findTokenByHash(db: Executor, hash: string): Promise<TokenRow | null> {
  return (await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst()) ?? null;
}

export async function listTokens(db: Executor, userId: string): Promise<TokenRow[]> {
  return db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created', 'desc').execute();
}

export async function revokeToken(db: Executor, id: string, at: string): Promise<number> {
  const r = await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertSession(db: Executor, s: { id_hash: string; user_id: string; created: string; expires_at: string }): Promise<void> {
  await db.insertInto('sessions').values(s).execute();
}

export async function findSession(db: Executor, idHash: string): Promise<{ user_id: string; expires_at: string } | null> {
  return (await db.selectFrom('sessions').select(['user_id', 'expires_at']).where('id_hash', '=', idHash).executeTakeFirst()) ?? null;
}

export async function deleteSession(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}
