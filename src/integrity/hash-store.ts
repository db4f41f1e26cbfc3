/**
 * Where the tree keeps the hashes of its complete subtrees, addressed by (level, index): level 0 holds leaf hashes,
 * level k index i holds MTH(D[i·2^k : (i+1)·2^k]). These are exactly the hashes C2SP tlog-tiles serves (tile level L
 * holds Merkle level 8L), so tiles are read straight from a store.
 *
 * A store only ever grows at the right end of each level: a hash, once written, never changes (the tree is
 * append-only, RFC 9162 §2.1). Implementations: `MemoryHashStore` here (tests, benchmarks, offline audit), the SQL
 * store in `src/integrity/sql-hash-store.ts`, and `TileHashStore` (a remote log read through its tiles).
 */
import { bytesEqual } from './encoding.js';
import { HASH_SIZE, type NodeId } from './rfc6962.js';

export interface StoredHash extends NodeId {
  hash: Uint8Array;
}

export interface HashStore {
  /** The hashes of the given complete subtrees, in the order asked. Rejects when one is not stored. */
  get(ids: readonly NodeId[]): Promise<Uint8Array[]>;
  /** Stores the hashes of newly completed subtrees (in any order across levels, increasing within a level). */
  put(nodes: readonly StoredHash[]): Promise<void>;
}

/** Thrown by a store asked for a hash it does not have (a bug, or a tampered/truncated store). */
export class MissingHashError extends Error {
  constructor(readonly id: NodeId) {
    super(`no stored hash at level ${id.level}, index ${id.index}`);
    this.name = 'MissingHashError';
  }
}

/** Thrown when a put would change a stored hash or leave a gap: the store refuses to be rewritten. */
export class AppendOnlyError extends Error {
  constructor(readonly id: NodeId, detail: string) {
    super(`refusing to write level ${id.level}, index ${id.index}: ${detail}`);
    this.name = 'AppendOnlyError';
  }
}

/**
 * In-memory store: one growable byte array per level (32 bytes per hash, no object per hash), so tens of millions of
 * hashes fit in memory for benchmarks and audits.
 */
export class MemoryHashStore implements HashStore {
  private levels: Uint8Array[] = [];
  private counts: number[] = [];

  /** Number of hashes stored at `level`. */
  count(level: number): number {
    return this.counts[level] ?? 0;
  }

  getSync(id: NodeId): Uint8Array {
    if (!(id.index >= 0 && id.index < this.count(id.level))) throw new MissingHashError(id);
    const o = id.index * HASH_SIZE;
    return this.levels[id.level]!.subarray(o, o + HASH_SIZE);
  }

  async get(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    return ids.map((id) => this.getSync(id));
  }

  putSync(node: StoredHash): void {
    const { level, index, hash } = node;
    if (hash.length !== HASH_SIZE) throw new AppendOnlyError(node, 'hash is not 32 bytes');
    const n = this.count(level);
    if (index < n) {
      if (!bytesEqual(this.getSync(node), hash)) throw new AppendOnlyError(node, 'a different hash is stored');
      return;
    }
    if (index > n) throw new AppendOnlyError(node, `level has only ${n} hashes`);
    let buf = this.levels[level];
    if (!buf || buf.length < (n + 1) * HASH_SIZE) {
      const grown = new Uint8Array(Math.max(1024, (n + 1) * HASH_SIZE * 2));
      if (buf) grown.set(buf.subarray(0, n * HASH_SIZE));
      buf = grown;
      this.levels[level] = buf;
    }
    buf.set(hash, n * HASH_SIZE);
    this.counts[level] = n + 1;
  }

  async put(nodes: readonly StoredHash[]): Promise<void> {
    for (const node of nodes) this.putSync(node);
  }
}
