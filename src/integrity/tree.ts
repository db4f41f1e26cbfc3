/**
 * The append-only Merkle tree over a `HashStore`.
 *
 * Appending keeps the right frontier (the roots of the ≤ log2(n) complete subtrees covering [0, n), RFC 9162 §2.1.1's
 * split at the largest power of two applied repeatedly) in memory, so an append reads nothing and hashes amortised
 * two nodes; every subtree it completes is written once. The root of any earlier size and every proof read only the
 * O(log n) complete subtrees that `rfc6962.ts` plans, in one `get`.
 *
 * @example
 *   const tree = await MerkleTree.open(store, 0);
 *   await tree.append([leafHash(entryBytes)]);
 *   const path = await proveInclusion(store, 0, tree.size);
 */
import type { HashStore, StoredHash } from './hash-store.js';
import {
  consistencyPlan,
  EMPTY_ROOT,
  foldRight,
  HASH_SIZE,
  inclusionPlan,
  nodeHash,
  rangeNodes,
  type NodeId,
} from './rfc6962.js';

export class MerkleTree {
  private constructor(
    private readonly store: HashStore,
    private _size: number,
    /** frontier[level] = root of the complete subtree of that height on the right edge, if the size has that bit */
    private frontier: (Uint8Array | undefined)[],
  ) {}

  /** Opens the tree of `size` leaves whose hashes are in `store` (reads at most log2(size) hashes). */
  static async open(store: HashStore, size: number): Promise<MerkleTree> {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`bad tree size ${size}`);
    const ids = rangeNodes(0, size);
    const hashes = await store.get(ids);
    const frontier: (Uint8Array | undefined)[] = [];
    ids.forEach((id, i) => (frontier[id.level] = hashes[i]));
    return new MerkleTree(store, size, frontier);
  }

  get size(): number {
    return this._size;
  }

  /** The roots of the complete subtrees covering [0, size), largest first (what a monitor keeps between runs). */
  frontierHashes(): Uint8Array[] {
    const peaks: Uint8Array[] = [];
    for (let level = this.frontier.length - 1; level >= 0; level--) {
      const h = this.frontier[level];
      if (h) peaks.push(h);
    }
    return peaks;
  }

  /** MTH(D[0:size]) from the frontier, without reading the store. */
  root(): Uint8Array {
    const peaks = this.frontierHashes();
    return peaks.length ? foldRight(peaks) : EMPTY_ROOT;
  }

  /**
   * Appends leaf hashes and writes every complete subtree they finish in one `put`. The tree's state changes only
   * when the put succeeded, so a failed write (e.g. a rolled-back transaction) leaves it usable.
   */
  async append(leaves: readonly Uint8Array[]): Promise<void> {
    const frontier = this.frontier.slice();
    const nodes: StoredHash[] = [];
    let n = this._size;
    for (const leaf of leaves) {
      if (leaf.length !== HASH_SIZE) throw new RangeError('leaf hash must be 32 bytes');
      let h = leaf;
      let level = 0;
      let idx = n;
      nodes.push({ level: 0, index: idx, hash: h });
      // Leaf n completes one subtree per trailing 1-bit of n (each merged with the frontier node of that height).
      while (idx % 2 === 1) {
        h = nodeHash(frontier[level]!, h);
        frontier[level] = undefined;
        level++;
        idx = (idx - 1) / 2;
        nodes.push({ level, index: idx, hash: h });
      }
      frontier[level] = h;
      n++;
    }
    await this.store.put(nodes);
    this.frontier = frontier;
    this._size = n;
  }
}

async function fetchPlan(store: HashStore, plan: NodeId[][]): Promise<Uint8Array[]> {
  const hashes = await store.get(plan.flat());
  let o = 0;
  return plan.map((ids) => {
    const part = hashes.slice(o, o + ids.length);
    o += ids.length;
    return foldRight(part);
  });
}

/** MTH(D[0:size]) for any size the store holds (≤ log2(size) reads). */
export async function treeRoot(store: HashStore, size: number): Promise<Uint8Array> {
  if (size === 0) return EMPTY_ROOT;
  const [root] = await fetchPlan(store, [rangeNodes(0, size)]);
  return root!;
}

/** Inclusion path for leaf `index` in the tree of `size` (RFC 9162 §2.1.3.1). */
export async function proveInclusion(store: HashStore, index: number, size: number): Promise<Uint8Array[]> {
  return fetchPlan(store, inclusionPlan(index, size));
}

/** Consistency path from size m to size n (RFC 9162 §2.1.4.1); empty when m == n. */
export async function proveConsistency(store: HashStore, m: number, n: number): Promise<Uint8Array[]> {
  return fetchPlan(store, consistencyPlan(m, n));
}
