/**
 * RFC 6962 / RFC 9162 Merkle tree hashing with SHA-256, proof verification (RFC 9162 §2.1.3.2, §2.1.4.2) and proof
 * generation expressed as "which complete subtrees are needed" so that any hash store can serve it (see `tree.ts`).
 *
 * @example
 *   const leaves = entries.map((e) => leafHash(e));
 *   const root = rootOfLeafHashes(leaves);
 *   verifyInclusion(leaves[3]!, 3, leaves.length, path, root); // { ok: true }
 */
import { hash } from 'node:crypto';
import { bytesEqual } from './encoding.js';
import { walkConsistency, walkInclusion } from './proof-steps.js';

export const HASH_SIZE = 32;

/** The root of the empty tree: SHA-256 of the empty string (RFC 9162 §2.1.1). */
export const EMPTY_ROOT: Uint8Array = hash('sha256', new Uint8Array(0), 'buffer');

export type Check = { ok: true } | { ok: false; reason: string };

/** A complete subtree: the `index`-th node of height `level`, covering leaves [index·2^level, (index+1)·2^level). */
export interface NodeId {
  level: number;
  index: number;
}

const leafBuf = Buffer.alloc(1 + 4096);
const nodeBuf = Buffer.alloc(1 + 2 * HASH_SIZE);
nodeBuf[0] = 0x01;

/** MTH of one entry: SHA-256(0x00 ‖ data) (RFC 9162 §2.1.1). */
export function leafHash(data: Uint8Array): Uint8Array {
  // One-shot hashing of a reused buffer: node:crypto's hash() is about twice as fast as createHash() for small inputs.
  if (data.length < leafBuf.length) {
    leafBuf[0] = 0x00;
    leafBuf.set(data, 1);
    return hash('sha256', leafBuf.subarray(0, 1 + data.length), 'buffer');
  }
  return hash('sha256', Buffer.concat([Buffer.of(0x00), data]), 'buffer');
}

/** Interior node: SHA-256(0x01 ‖ left ‖ right) (RFC 9162 §2.1.1). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  nodeBuf.set(left, 1);
  nodeBuf.set(right, 1 + HASH_SIZE);
  return hash('sha256', nodeBuf, 'buffer');
}

const pow2 = (k: number) => 2 ** k;

/** Largest k with 2^k ≤ x (x ≥ 1). */
export function floorLog2(x: number): number {
  let k = Math.floor(Math.log2(x));
  while (pow2(k) > x) k--;
  while (pow2(k + 1) <= x) k++;
  return k;
}

/**
 * MTH(D[0:n]) of the given leaf hashes in one pass with a stack of at most log2(n) subtree roots: the baseline the
 * tree's append is measured against.
 */
export function rootOfLeafHashes(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return EMPTY_ROOT;
  const stack: Uint8Array[] = [];
  for (let i = 0; i < leaves.length; i++) {
    let h = leaves[i]!;
    // Merge while the subtree just completed has a left sibling of the same height (bit pattern of i + 1).
    for (let j = i; j % 2 === 1; j = Math.floor(j / 2)) h = nodeHash(stack.pop()!, h);
    stack.push(h);
  }
  return foldRight(stack);
}

/** Hash of a run of adjacent complete subtrees, largest first, as RFC 9162 §2.1.1 builds an unbalanced right edge. */
export function foldRight(hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length === 0) return EMPTY_ROOT;
  let acc = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) acc = nodeHash(hashes[i]!, acc);
  return acc;
}

/**
 * The complete subtrees, largest first, whose right fold is MTH(D[lo:hi]). Requires lo to be a multiple of a power of
 * two ≥ hi − lo, which holds for every subtree the RFC 9162 recursion produces (split at the largest power of two).
 */
export function rangeNodes(lo: number, hi: number): NodeId[] {
  const out: NodeId[] = [];
  let cur = lo;
  while (cur < hi) {
    const k = floorLog2(hi - cur);
    out.push({ level: k, index: cur / pow2(k) });
    cur += pow2(k);
  }
  return out;
}

/**
 * PATH(index, D[0:size]) of RFC 9162 §2.1.3.1 as node lists: element j is the fold of `plan[j]`. Walking up from the
 * leaf, each level contributes its sibling if the sibling starts inside the tree (a missing right sibling means the
 * node is promoted unchanged, exactly as the recursion on k < n does).
 */
export function inclusionPlan(index: number, size: number): NodeId[][] {
  if (!(index >= 0 && index < size)) throw new RangeError(`index ${index} outside tree of size ${size}`);
  const plan: NodeId[][] = [];
  let idx = index;
  for (let level = 0; pow2(level) < size; level++, idx = Math.floor(idx / 2)) {
    const sib = idx % 2 === 1 ? idx - 1 : idx + 1;
    const start = sib * pow2(level);
    if (start >= size) continue;
    plan.push(rangeNodes(start, Math.min(start + pow2(level), size)));
  }
  return plan;
}

/** PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true) of RFC 9162 §2.1.4.1, as node lists. Requires 0 < m ≤ n. */
export function consistencyPlan(m: number, n: number): NodeId[][] {
  if (!(m > 0 && m <= n)) throw new RangeError(`no consistency proof from ${m} to ${n}`);
  const ranges: [number, number][] = [];
  const sub = (mm: number, lo: number, hi: number, b: boolean): void => {
    const size = hi - lo;
    if (mm === size) {
      if (!b) ranges.push([lo, hi]);
      return;
    }
    const k = pow2(floorLog2(size - 1)); // largest power of two smaller than size
    if (mm <= k) {
      sub(mm, lo, lo + k, b);
      ranges.push([lo + k, hi]);
    } else {
      sub(mm - k, lo + k, hi, false);
      ranges.push([lo, lo + k]);
    }
  };
  sub(m, 0, n, true);
  return ranges.map(([lo, hi]) => rangeNodes(lo, hi));
}

function badHashes(path: readonly Uint8Array[]): string | null {
  return path.some((p) => p.length !== HASH_SIZE) ? 'a proof hash is not 32 bytes' : null;
}

/** The root implied by an inclusion path (RFC 9162 §2.1.3.2 up to step 5), or the reason the path is malformed. */
export function rootFromInclusion(
  leaf: Uint8Array,
  index: number,
  size: number,
  path: readonly Uint8Array[],
): { ok: true; root: Uint8Array } | { ok: false; reason: string } {
  if (leaf.length !== HASH_SIZE) return { ok: false, reason: 'leaf hash is not 32 bytes' };
  const bad = badHashes(path);
  if (bad) return { ok: false, reason: bad };
  const walk = walkInclusion(index, size, path.length);
  if (!walk.ok) return walk;
  let r = leaf;
  walk.left.forEach((isLeft, i) => (r = isLeft ? nodeHash(path[i]!, r) : nodeHash(r, path[i]!)));
  return { ok: true, root: r };
}

/** RFC 9162 §2.1.3.2: does `path` prove that `leaf` is at `index` in the tree of `size` with `root`? */
export function verifyInclusion(leaf: Uint8Array, index: number, size: number, path: readonly Uint8Array[], root: Uint8Array): Check {
  const r = rootFromInclusion(leaf, index, size, path);
  if (!r.ok) return r;
  return bytesEqual(r.root, root) ? { ok: true } : { ok: false, reason: 'computed root does not match the tree root' };
}

/** RFC 9162 §2.1.4.2: does `path` prove the tree of size `first` and root `firstRoot` is a prefix of the second? */
export function verifyConsistency(
  first: number,
  second: number,
  path: readonly Uint8Array[],
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
): Check {
  const walk = walkConsistency(first, second, path.length);
  if (!walk.ok) return walk;
  if (walk.equal) {
    return bytesEqual(firstRoot, secondRoot) ? { ok: true } : { ok: false, reason: 'same tree size but different roots' };
  }
  const bad = badHashes(path);
  if (bad) return { ok: false, reason: bad };
  const full = walk.prependFirst ? [firstRoot, ...path] : path;
  let fr = full[0]!;
  let sr = full[0]!;
  walk.both.forEach((both, i) => {
    const c = full[i + 1]!;
    if (both) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
    } else {
      sr = nodeHash(sr, c);
    }
  });
  if (!bytesEqual(fr, firstRoot)) return { ok: false, reason: 'proof does not reproduce the old root' };
  if (!bytesEqual(sr, secondRoot)) return { ok: false, reason: 'proof does not reproduce the new root' };
  return { ok: true };
}
