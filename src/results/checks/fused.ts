/**
 * The built-in arithmetic rules evaluated together in one pass per form. Called once per rule per form, the separate
 * `test` functions cost ~0.5 s on a national file (823,220 forms × 8 rules through one megamorphic call site); here
 * each figure is read once. The result must equal the separate rules' — test/results/checks.test.ts compares them on
 * random forms — so the rules in form-rules.ts stay the definition and this is only their fast form.
 */
import type { FormBatch } from '../batch.js';
import { checkIds } from './registry.js';

export const FUSED_RULES = [
  'sum_votes_eq_valid',
  'valid_plus_invalid_eq_used',
  'used_eq_voters',
  'voters_eq_list_sum',
  'voters_le_registered',
  'votes_le_1_02_registered',
  'counts_nonnegative_integer',
] as const;

/** ORs the bits of the fused rules into `masks` for every form of the batch. */
export function scanFused(b: FormBatch, masks: Uint32Array): void {
  const ids = checkIds();
  const bit = (id: string) => 1 << ids.indexOf(id);
  const B_SUM = bit('sum_votes_eq_valid');
  const B_VIU = bit('valid_plus_invalid_eq_used');
  const B_UV = bit('used_eq_voters');
  const B_LIST = bit('voters_eq_list_sum');
  const B_LE = bit('voters_le_registered');
  const B_102 = bit('votes_le_1_02_registered');
  const B_NN = bit('counts_nonnegative_integer');
  const v = b.values;
  const W = b.layout.width;
  const S = b.layout.selections;
  const A = b.layout.admin;
  const n = b.length;
  for (let i = 0; i < n; i++) {
    const o = i * W;
    let m = 0;
    let sum = 0;
    let any = false;
    for (let k = 0; k < S; k++) {
      const x = v[o + k]!;
      if (x === x) {
        sum += x;
        any = true;
      }
    }
    const a = o + A;
    const valid = v[a]!;
    const invalid = v[a + 1]!;
    const used = v[a + 2]!;
    const reg = v[a + 3]!;
    const voters = v[a + 4]!;
    const dpt = v[a + 5]!;
    const dptb = v[a + 6]!;
    const dpk = v[a + 7]!;
    if (any && valid === valid && sum !== valid) m |= B_SUM;
    if (valid === valid && invalid === invalid && used === used && valid + invalid !== used) m |= B_VIU;
    if (used === used && voters === voters && used !== voters) m |= B_UV;
    if (voters === voters && dpt === dpt && dptb === dptb && dpk === dpk && voters !== dpt + dptb + dpk) m |= B_LIST;
    if (voters === voters && reg === reg && voters > reg + (dptb === dptb ? dptb : 0) + (dpk === dpk ? dpk : 0)) m |= B_LE;
    if (any && reg === reg && 100 * sum > 102 * reg) m |= B_102;
    for (let k = 0; k < W; k++) {
      const x = v[o + k]!;
      if (x === x && (x < 0 || Math.floor(x) !== x)) {
        m |= B_NN;
        break;
      }
    }
    masks[i]! |= m;
  }
}
