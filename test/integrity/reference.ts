/**
 * A naive transcription of the RFC 9162 §2.1.1–§2.1.4.1 definitions (MTH, PATH, PROOF/SUBPROOF) over an array of leaf
 * hashes, recursion and all, with its own hashing: the reference the tree and the proof plans are checked against.
 */
import { hash } from 'node:crypto';

const sha = (...parts: Uint8Array[]) => new Uint8Array(hash('sha256', Buffer.concat(parts), 'buffer'));

export const refLeaf = (data: Uint8Array) => sha(Uint8Array.of(0), data);
const node = (l: Uint8Array, r: Uint8Array) => sha(Uint8Array.of(1), l, r);

/** Largest power of two smaller than n (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[lo:hi]). */
function mth(d: Uint8Array[], lo: number, hi: number): Uint8Array {
  if (hi - lo === 0) return sha();
  if (hi - lo === 1) return d[lo]!;
  const k = split(hi - lo);
  return node(mth(d, lo, lo + k), mth(d, lo + k, hi));
}

export function refRoot(d: Uint8Array[]): Uint8Array {
  return mth(d, 0, d.length);
}

/** PATH(m, D[lo:hi]). */
function path(m: number, d: Uint8Array[], lo: number, hi: number): Uint8Array[] {
  if (hi - lo === 1) return [];
  const k = split(hi - lo);
  if (m < k) return [...path(m, d, lo, lo + k), mth(d, lo + k, hi)];
  return [...path(m - k, d, lo + k, hi), mth(d, lo, lo + k)];
}

export function refPath(m: number, d: Uint8Array[]): Uint8Array[] {
  return path(m, d, 0, d.length);
}

/** SUBPROOF(m, D[lo:hi], b). */
function subproof(m: number, d: Uint8Array[], lo: number, hi: number, b: boolean): Uint8Array[] {
  if (m === hi - lo) return b ? [] : [mth(d, lo, hi)];
  const k = split(hi - lo);
  if (m <= k) return [...subproof(m, d, lo, lo + k, b), mth(d, lo + k, hi)];
  return [...subproof(m - k, d, lo + k, hi, false), mth(d, lo, lo + k)];
}

export function refProof(m: number, d: Uint8Array[]): Uint8Array[] {
  return subproof(m, d, 0, d.length, true);
}
