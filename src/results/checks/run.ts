/**
 * Running the registered rules over forms. In bulk each form gets a bit mask of the rules it breaks (bit = position
 * in `checkIds()`), which the recapitulation counts and the store expands into flags with their numbers; for one form
 * every rule's outcome with its numbers is returned.
 */
import type { FormBatch } from '../batch.js';
import './form-rules.js';
import { FUSED_RULES, scanFused } from './fused.js';
import { checkIds, formChecks, getCheck, type CheckContext, type CheckNumbers } from './registry.js';

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckOutcome {
  rule: string;
  status: CheckStatus;
  numbers: CheckNumbers;
}

export interface Flag {
  rule: string;
  tps: string;
  row: number;
  numbers: CheckNumbers;
}

/** Bit of a rule in a flag mask. */
export function ruleBit(id: string): number {
  const i = checkIds().indexOf(id);
  if (i < 0) throw new Error(`unknown check "${id}"`);
  return 1 << i;
}

/**
 * Masks of broken form rules for every form of a batch. `inTree` (1 per form whose desa is in the region tree), when
 * the caller has already placed the forms, saves the tree lookups of `tps_in_region_tree`.
 *
 * @example
 *   const masks = checkBatch(batch, { tree });
 *   if (masks[0] & ruleBit('sum_votes_eq_valid')) …
 */
export function checkBatch(b: FormBatch, ctx: CheckContext, inTree?: Uint8Array): Uint32Array {
  const ids = checkIds();
  const masks = new Uint32Array(b.length);
  const n = b.length;
  scanFused(b, masks);
  const fused = new Set<string>(FUSED_RULES);
  for (const rule of formChecks()) {
    if (fused.has(rule.id)) continue;
    const bit = 1 << ids.indexOf(rule.id);
    if (rule.id === 'tps_in_region_tree' && inTree) {
      for (let i = 0; i < n; i++) if (!inTree[i]) masks[i]! |= bit;
      continue;
    }
    for (let i = 0; i < n; i++) if (rule.test(b, i, ctx) === false) masks[i]! |= bit;
  }
  return masks;
}

/** Flags (with numbers) of form i given its mask. */
export function flagsOf(b: FormBatch, i: number, mask: number, ctx: CheckContext): Flag[] {
  const out: Flag[] = [];
  const ids = checkIds();
  for (let k = 0; k < ids.length; k++) {
    if (!(mask & (1 << k))) continue;
    const rule = getCheck(ids[k]!)!;
    out.push({ rule: rule.id, tps: b.tps(i), row: b.rows[i]!, numbers: rule.scope === 'form' ? rule.numbers(b, i, ctx) : {} });
  }
  return out;
}

/** Every form rule's outcome for form i, with its numbers (for the TPS page and API). */
export function evaluateForm(b: FormBatch, i: number, ctx: CheckContext): CheckOutcome[] {
  return formChecks().map((rule) => {
    const t = rule.test(b, i, ctx);
    return { rule: rule.id, status: t === null ? 'skip' : t ? 'pass' : 'fail', numbers: rule.numbers(b, i, ctx) };
  });
}
