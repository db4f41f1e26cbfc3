/**
 * Runs a write inside one database transaction and, once it has committed, lets the publication log sign a new
 * checkpoint. Everything a publication writes — the data, its activity, its log entry — shares the transaction, so a
 * publication without its entry cannot exist (issue 4, STYLE.md §8).
 */
import type { Tx } from '../store/db.js';
import type { ActionContext } from './types.js';

export async function withTransaction<T>(ctx: ActionContext, fn: (trx: Tx) => Promise<T>): Promise<T> {
  const result = await ctx.services.database.db.transaction().execute(fn);
  await ctx.services.log.afterCommit();
  return result;
}

export function nowIso(ctx: ActionContext): string {
  return ctx.services.now().toISOString();
}
