/**
 * Reusable policy building blocks. A policy throws `forbidden` (or `unauthorized` when nobody is signed in) and
 * returns nothing otherwise. Private datasets are visible only to members of their organisation; sysadmins see all.
 */
import { KotakError } from '../errors.js';
import type { MemberRole } from '../catalog/types.js';
import type { ActionContext, Actor, Policy } from './types.js';

const RANK: Record<MemberRole, number> = { member: 1, editor: 2, admin: 3 };

export const anyone: Policy<unknown> = () => {};

export const signedIn: Policy<unknown> = (ctx) => {
  requireActor(ctx);
};

export const sysadminOnly: Policy<unknown> = (ctx) => {
  const a = requireActor(ctx);
  if (!a.sysadmin) throw KotakError.forbidden('Only a system administrator may do this');
};

export function requireActor(ctx: ActionContext): Actor {
  if (!ctx.actor) throw new KotakError('unauthorized', 'Sign in or send an API token (Authorization header) to do this');
  return ctx.actor;
}

/** True when the actor has at least `role` in the organisation (sysadmins always). */
export function hasRole(actor: Actor | null, organizationId: string, role: MemberRole): boolean {
  if (!actor) return false;
  if (actor.sysadmin) return true;
  const r = actor.memberships.get(organizationId);
  return r !== undefined && RANK[r] >= RANK[role];
}

export function requireRole(ctx: ActionContext, organizationId: string, role: MemberRole): void {
  const a = requireActor(ctx);
  if (!hasRole(a, organizationId, role)) {
    throw KotakError.forbidden(`User ${a.name} needs the ${role} role in this organisation`);
  }
}
