/**
 * The index arithmetic of RFC 9162 proof verification, separated from hashing so that the Node verifier
 * (`rfc6962.ts`, synchronous node:crypto) and the browser verifier (`src/web/verify`, asynchronous WebCrypto) run the
 * very same walk. No Node built-ins here.
 *
 * Sizes and indexes are JavaScript numbers and must be safe integers (< 2^53); shifts are done arithmetically because
 * the bitwise operators truncate to 32 bits.
 */

export type InclusionWalk =
  | { ok: true; /** for each path element: true = `HASH(0x01 || p || r)`, false = `HASH(0x01 || r || p)` */ left: boolean[] }
  | { ok: false; reason: string };

export type ConsistencyWalk =
  | { ok: true; /** first == second: the proof is empty and the two roots must be equal */ equal: true }
  | {
      ok: true;
      equal: false;
      /** the old root is prepended to the path (RFC 9162 §2.1.4.2 step 2: `first` is an exact power of 2) */
      prependFirst: boolean;
      /** for each path element after the first: true = update both fr and sr, false = only sr */
      both: boolean[];
    }
  | { ok: false; reason: string };

const odd = (x: number) => x % 2 === 1;
const half = (x: number) => Math.floor(x / 2);

export function isSize(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}

/** True when x is an exact power of two (x ≥ 1). */
export function isPowerOfTwo(x: number): boolean {
  if (x < 1) return false;
  while (x % 2 === 0) x /= 2;
  return x === 1;
}

/** RFC 9162 §2.1.3.2 steps 1, 2, 4 and the `sn == 0` part of step 5, for a path of `pathLength` elements. */
export function walkInclusion(index: number, size: number, pathLength: number): InclusionWalk {
  if (!isSize(index) || !isSize(size)) return { ok: false, reason: 'index and tree size must be non-negative integers' };
  // Step 1.
  if (index >= size) return { ok: false, reason: `leaf index ${index} is not below tree size ${size}` };
  // Step 2.
  let fn = index;
  let sn = size - 1;
  const left: boolean[] = [];
  // Step 4.
  for (let i = 0; i < pathLength; i++) {
    if (sn === 0) return { ok: false, reason: 'inclusion path is longer than the tree is high' };
    if (odd(fn) || fn === sn) {
      left.push(true);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      left.push(false);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // Step 5 (the size part; the hash comparison is the caller's).
  if (sn !== 0) return { ok: false, reason: 'inclusion path is shorter than the tree is high' };
  return { ok: true, left };
}

/**
 * RFC 9162 §2.1.4.2 steps 1–6 without hashing, plus the preconditions the RFC states in §2.1.4: a consistency proof
 * exists only for 0 < first ≤ second; when first == second the proof is empty and the roots must be equal (the
 * caller compares them).
 */
export function walkConsistency(first: number, second: number, pathLength: number): ConsistencyWalk {
  if (!isSize(first) || !isSize(second)) return { ok: false, reason: 'tree sizes must be non-negative integers' };
  if (first === 0) return { ok: false, reason: 'no consistency proof exists from an empty tree' };
  if (first > second) return { ok: false, reason: `old size ${first} is larger than new size ${second}` };
  if (first === second) {
    if (pathLength !== 0) return { ok: false, reason: 'sizes are equal but the proof is not empty' };
    return { ok: true, equal: true };
  }
  // Step 1.
  if (pathLength === 0) return { ok: false, reason: 'consistency path is empty' };
  // Step 2.
  const prependFirst = isPowerOfTwo(first);
  const total = pathLength + (prependFirst ? 1 : 0);
  // Step 3.
  let fn = first - 1;
  let sn = second - 1;
  // Step 4.
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // Steps 5 and 6.
  const both: boolean[] = [];
  for (let i = 1; i < total; i++) {
    if (sn === 0) return { ok: false, reason: 'consistency path is too long' };
    if (odd(fn) || fn === sn) {
      both.push(true);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      both.push(false);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // Step 7 (the size part).
  if (sn !== 0) return { ok: false, reason: 'consistency path is too short' };
  return { ok: true, equal: false, prependFirst, both };
}
