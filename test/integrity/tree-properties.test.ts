/**
 * Property tests of the tree against the naive RFC 9162 reference (reference.ts): for every size 1..1500 the stored
 * tree's root equals MTH, and a random inclusion path and a random consistency proof equal PATH and PROOF and verify;
 * mutated ones do not. Larger sizes around powers of two are checked through the verifiers.
 */
import { describe, expect, it } from 'vitest';
import { MemoryHashStore } from '../../src/integrity/hash-store.js';
import { leafHash, rootOfLeafHashes, verifyConsistency, verifyInclusion } from '../../src/integrity/rfc6962.js';
import { MerkleTree, proveConsistency, proveInclusion, treeRoot } from '../../src/integrity/tree.js';
import { refLeaf, refPath, refProof, refRoot } from './reference.js';

/** xorshift32: reproducible "random" sizes and indexes. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return (n: number) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

const hex = (a: Uint8Array[]) => a.map((h) => Buffer.from(h).toString('hex'));

function flipBit(path: Uint8Array[], rand: (n: number) => number): Uint8Array[] {
  const out = path.map((p) => new Uint8Array(p));
  const i = rand(out.length);
  out[i]![rand(32)]! ^= 1 << rand(8);
  return out;
}

describe('MerkleTree against the RFC 9162 reference', () => {
  const N = 1500;
  const data = Array.from({ length: N }, (_, i) => Buffer.from(`entry ${i}`));
  const leaves = data.map((d) => refLeaf(d));

  it('computes leaf hashes like the reference', () => {
    data.slice(0, 50).forEach((d, i) => expect(Buffer.from(leafHash(d)).equals(leaves[i]!)).toBe(true));
  });

  it(`matches MTH, PATH and PROOF for every size 1..${N}`, async () => {
    const rand = rng(6962);
    const store = new MemoryHashStore();
    const tree = await MerkleTree.open(store, 0);
    // Append in uneven batches (1, 2, 3 … leaves) so batch boundaries fall everywhere.
    for (let i = 0, b = 1; i < N; i += b, b = (b % 7) + 1) await tree.append(leaves.slice(i, i + b));
    expect(tree.size).toBe(N);
    const roots: Uint8Array[] = [];
    for (let n = 1; n <= N; n++) {
      const d = leaves.slice(0, n);
      const root = refRoot(d);
      roots[n] = root;
      expect(Buffer.from(await treeRoot(store, n)).equals(root), `root of ${n}`).toBe(true);

      const i = rand(n);
      const path = await proveInclusion(store, i, n);
      expect(hex(path), `PATH(${i}, ${n})`).toEqual(hex(refPath(i, d)));
      expect(verifyInclusion(leaves[i]!, i, n, path, root).ok).toBe(true);
      if (path.length) expect(verifyInclusion(leaves[i]!, i, n, flipBit(path, rand), root).ok).toBe(false);
      if (n > 1) expect(verifyInclusion(leaves[i]!, (i + 1) % n, n, path, root).ok).toBe(false);

      const m = 1 + rand(n);
      const proof = await proveConsistency(store, m, n);
      expect(hex(proof), `PROOF(${m}, ${n})`).toEqual(hex(refProof(m, d)));
      const oldRoot = roots[m]!;
      expect(verifyConsistency(m, n, proof, oldRoot, root).ok).toBe(true);
      if (proof.length) expect(verifyConsistency(m, n, flipBit(proof, rand), oldRoot, root).ok).toBe(false);
      if (m < n) expect(verifyConsistency(m, n, proof, root, root).ok).toBe(false);
    }
  });

  it('reopens at any size and continues appending to the same tree', async () => {
    const store = new MemoryHashStore();
    await (await MerkleTree.open(store, 0)).append(leaves.slice(0, 777));
    const reopened = await MerkleTree.open(store, 777);
    expect(Buffer.from(reopened.root()).equals(refRoot(leaves.slice(0, 777)))).toBe(true);
    await reopened.append(leaves.slice(777, 1024));
    expect(Buffer.from(reopened.root()).equals(refRoot(leaves.slice(0, 1024)))).toBe(true);
  });

  it('proves inclusion and consistency at sizes around powers of two up to 2^17 + 1', async () => {
    const rand = rng(9162);
    const big = 131073;
    const all = Array.from({ length: big }, (_, i) => leafHash(Buffer.from(`big ${i}`)));
    const store = new MemoryHashStore();
    await (await MerkleTree.open(store, 0)).append(all);
    const sizes = [2 ** 16 - 1, 2 ** 16, 2 ** 16 + 1, 100_000, 2 ** 17 - 1, 2 ** 17, big];
    const roots = new Map(sizes.map((n) => [n, rootOfLeafHashes(all.slice(0, n))]));
    for (const n of sizes) {
      expect(Buffer.from(await treeRoot(store, n)).equals(roots.get(n)!)).toBe(true);
      for (const i of [0, n - 1, rand(n), rand(n)]) {
        expect(verifyInclusion(all[i]!, i, n, await proveInclusion(store, i, n), roots.get(n)!).ok).toBe(true);
      }
      for (const m of sizes.filter((s) => s <= n)) {
        expect(verifyConsistency(m, n, await proveConsistency(store, m, n), roots.get(m)!, roots.get(n)!).ok).toBe(true);
      }
    }
  });

  it('refuses to rewrite a stored hash', async () => {
    const store = new MemoryHashStore();
    await (await MerkleTree.open(store, 0)).append(leaves.slice(0, 4));
    await expect(store.put([{ level: 0, index: 2, hash: leaves[9]! }])).rejects.toThrow(/different hash/);
    await expect(store.put([{ level: 0, index: 9, hash: leaves[9]! }])).rejects.toThrow(/only 4/);
  });
});
