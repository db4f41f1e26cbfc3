/**
 * Who may see what: private datasets only to members of their organisation, drafts only to its editors; sysadmins see
 * everything (issue 2 §7). Used by the policies of every read action that touches datasets.
 */
import { KotakError } from '../errors.js';
import type { Executor } from '../store/db.js';
import type { Visibility } from '../store/catalog/search.js';
import { hasRole } from './policies.js';
import type { Actor } from './types.js';

export function canSee(actor: Actor | null, d: { organizationId: string; private: boolean; state: string }): boolean {
  if (d.state === 'deleted') return actor?.sysadmin === true;
  if (d.state === 'draft' && !hasRole(actor, d.organizationId, 'editor')) return false;
  if (d.private && !hasRole(actor, d.organizationId, 'member')) return false;
  return true;
}

/** Throws not_found when the dataset is missing and forbidden when it exists but is hidden from the actor. */
export async function assertDatasetVisible(db: Executor, actor: Actor | null, idOrName: string): Promise<void> {
  const row = await db
    .selectFrom('datasets')
    .select(['organization_id', 'private', 'state'])
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .executeTakeFirst();
  if (!row) throw KotakError.notFound('Dataset');
  if (!canSee(actor, { organizationId: row.organization_id, private: row.private === 1, state: row.state })) {
    if (row.state === 'deleted') throw KotakError.notFound('Dataset');
    throw KotakError.forbidden('User not authorized to read this dataset');
  }
}

/** The search visibility for an actor; `includePrivate`/`includeDrafts` follow CKAN's package_search flags. */
export function searchVisibility(actor: Actor | null, includePrivate: boolean, includeDrafts: boolean): Visibility {
  if (actor?.sysadmin) return { privateOrgs: includePrivate ? 'all' : [], draftOrgs: includeDrafts ? 'all' : [] };
  const member = actor ? [...actor.memberships.keys()] : [];
  const editor = actor ? [...actor.memberships].filter(([, r]) => r !== 'member').map(([id]) => id) : [];
  return { privateOrgs: includePrivate ? member : [], draftOrgs: includeDrafts ? editor : [] };
}
