/**
 * The TPS tree of a results import (issue 4 §5): an RFC 6962 / RFC 9162 §2.1.1 Merkle tree whose leaves are the desa
 * chunks (src/integrity/tps-chunk.ts) of the TPS results the import set — every TPS it added or corrected, grouped by
 * desa — in ascending desa code order. The import's log entry carries its root (`meta.tps_root`, `meta.tps_size`,
 * `meta.tps_leaf`), so one log entry commits to every TPS of a national import, and a TPS receipt is the log's proof
 * of that entry plus the path of the TPS's desa chunk in this tree. (Imports logged before desa chunks had one leaf
 * per TPS document, keyed by TPS code; tps-leaves.ts still rebuilds those.)
 *
 * Hashes come out of node:crypto's one-shot `hash()` as 'binary' (latin1) strings written into one preallocated
 * buffer per level (measured 0.4 µs per node instead of 0.7 µs, where most of the time is making the output Buffer).
 * Proofs use the same node arithmetic as the log (`inclusionPlan`, `rangeNodes`, `foldRight` of
 * src/integrity/rfc6962.ts) and verify with its `verifyInclusion`.
 *
 * @example
 *   const tree = buildTpsTree(codes, leaves);          // codes ascending, leaves 32 bytes each
 *   const at = tree.position(3601012001);
 *   verifyInclusion(tree.leaf(at), at, tree.size, tree.path(at), tree.root()); // { ok: true }
 */
import { hash } from 'node:crypto';
import { EMPTY_ROOT, foldRight, HASH_SIZE, inclusionPlan, rangeNodes } from '../integrity/rfc6962.js';

/** Levels below this are not kept: a node there is recomputed from its ≤ 128 leaves when a proof needs it. */
export const KEPT_FROM_LEVEL = 8;

/** Writes a 32-character 'binary' digest as bytes (a loop over one-byte characters beats a call into Buffer.write). */
function putBinary(digest: string, out: Buffer, at: number): void {
  for (let b = 0; b < HASH_SIZE; b++) out[at + b] = digest.charCodeAt(b);
}

/** Level k + 1 of complete nodes from level k: node i = SHA-256(0x01 ‖ left ‖ right). */
function nextLevel(cur: Buffer, count: number): Buffer {
  const half = Math.floor(count / 2);
  // allocUnsafeSlow here and below: a tree's buffers are never slices of Node's shared pool (a worker transfers them).
  const next = Buffer.allocUnsafeSlow(half * HASH_SIZE);
  const scratch = Buffer.allocUnsafe(1 + 2 * HASH_SIZE);
  scratch[0] = 0x01;
  for (let i = 0; i < half; i++) {
    cur.copy(scratch, 1, 2 * HASH_SIZE * i, 2 * HASH_SIZE * (i + 1));
    next.write(hash('sha256', scratch, 'binary'), HASH_SIZE * i, 'latin1');
  }
  return next;
}

/**
 * The TPS results in each desa chunk: leaf i holds `counts[i]` TPS, whose codes and versions follow those of the leaves
 * before it. The root commits to them inside the chunks; this copy lets the self-audit name which TPS of a changed
 * chunk differ without keeping the chunks themselves.
 */
export interface LeafMembers {
  counts: Uint32Array;
  codes: Float64Array;
  versions: Uint32Array;
}

/** A TPS tree: sorted leaf keys (desa codes), their leaf hashes and the complete levels from KEPT_FROM_LEVEL up. */
export class TpsTree {
  constructor(
    /** Leaf keys as numbers, ascending: desa codes (TPS codes in trees of per-TPS leaves); both fit a double exactly. */
    readonly codes: Float64Array,
    /** size × 32 bytes. */
    readonly leaves: Buffer,
    /** kept[j] = complete nodes of level KEPT_FROM_LEVEL + j. */
    readonly kept: Buffer[],
    /** the TPS of each desa chunk (absent in trees of per-TPS leaves) */
    readonly members: LeafMembers | null = null,
  ) {}

  get size(): number {
    return this.codes.length;
  }

  leaf(position: number): Uint8Array {
    return this.leaves.subarray(position * HASH_SIZE, (position + 1) * HASH_SIZE);
  }

  /** Position of a leaf key (desa code), or -1. */
  position(code: number): number {
    const c = this.codes;
    let lo = 0;
    let hi = c.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const x = c[mid]!;
      if (x === code) return mid;
      if (x < code) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The complete node `index` of height `level`. */
  node(level: number, index: number): Uint8Array {
    if (level >= KEPT_FROM_LEVEL) {
      const l = this.kept[level - KEPT_FROM_LEVEL];
      if (!l || (index + 1) * HASH_SIZE > l.length) throw new RangeError(`no node at level ${level}, index ${index}`);
      return l.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE);
    }
    const width = 2 ** level;
    if ((index + 1) * width > this.size) throw new RangeError(`no node at level ${level}, index ${index}`);
    let cur = this.leaves.subarray(index * width * HASH_SIZE, (index + 1) * width * HASH_SIZE);
    for (let n = width; n > 1; n /= 2) cur = nextLevel(cur, n);
    return cur;
  }

  /** MTH of all leaves (RFC 9162 §2.1.1). */
  root(): Uint8Array {
    if (this.size === 0) return EMPTY_ROOT;
    return foldRight(rangeNodes(0, this.size).map((id) => this.node(id.level, id.index)));
  }

  /** PATH(position, D[0:size]) (RFC 9162 §2.1.3.1), leaf's sibling first. */
  path(position: number): Uint8Array[] {
    return inclusionPlan(position, this.size).map((ids) => foldRight(ids.map((id) => this.node(id.level, id.index))));
  }
}

/**
 * Builds the tree from leaves already in TPS order (codes ascending, no repeats). Hashes every interior node once.
 *
 * @example
 *   const tree = buildTpsTree(Float64Array.of(3601012001001, 3601012001002), leaves);
 */
export function buildTpsTree(codes: Float64Array, leaves: Buffer): TpsTree {
  const n = codes.length;
  if (leaves.length !== n * HASH_SIZE) throw new RangeError(`${leaves.length / HASH_SIZE} leaf hashes for ${n} TPS`);
  for (let i = 1; i < n; i++) if (!(codes[i - 1]! < codes[i]!)) throw new RangeError(`TPS codes not ascending at position ${i}`);
  const kept: Buffer[] = [];
  let cur = leaves;
  let count = n;
  for (let level = 0; count >= 2; level++) {
    cur = nextLevel(cur, count);
    count = Math.floor(count / 2);
    if (level + 1 >= KEPT_FROM_LEVEL) kept.push(cur);
  }
  return new TpsTree(codes, leaves, kept);
}

/** Puts (code, leaf) pairs gathered in any order into TPS order. */
export function sortLeaves(codes: Float64Array, leaves: Buffer): { codes: Float64Array; leaves: Buffer } {
  let sorted = true;
  for (let i = 1; i < codes.length && sorted; i++) if (!(codes[i - 1]! < codes[i]!)) sorted = false;
  if (sorted) return { codes, leaves };
  const order = Array.from({ length: codes.length }, (_, i) => i).sort((a, b) => codes[a]! - codes[b]!);
  const c = new Float64Array(codes.length);
  const l = Buffer.allocUnsafeSlow(leaves.length);
  order.forEach((from, to) => {
    c[to] = codes[from]!;
    leaves.copy(l, to * HASH_SIZE, from * HASH_SIZE, (from + 1) * HASH_SIZE);
  });
  return { codes: c, leaves: l };
}

/**
 * Growable (code, leaf) columns for gathering leaves one by one. While the codes come in ascending order (a file in
 * TPS order, or stored rows read in order) the tree's nodes are hashed as the leaves arrive, as the log's own append
 * does (tree.ts: leaf n completes one subtree per trailing 1-bit of n), so the tree is ready when the last leaf is;
 * leaves that come out of order are sorted and hashed at the end.
 */
export class LeafColumns {
  codes = new Float64Array(1024);
  leaves = Buffer.allocUnsafeSlow(1024 * HASH_SIZE);
  length = 0;
  private ordered = true;
  /** Levels 1 … KEPT_FROM_LEVEL − 1: only the latest node of each, the left sibling the next merge needs. */
  private readonly low = Buffer.allocUnsafe(KEPT_FROM_LEVEL * HASH_SIZE);
  /** Levels from KEPT_FROM_LEVEL: every complete node, growing. */
  private kept: { buf: Buffer; count: number }[] = [];
  private readonly scratch = Buffer.alloc(1 + 2 * HASH_SIZE, 0x01);
  private readonly tmp = Buffer.allocUnsafe(HASH_SIZE);
  private views: Buffer<ArrayBufferLike>[] = [];
  private viewsOf: Buffer | null = null;
  private memberCounts: Uint32Array | null = null;
  private memberCodes = new Float64Array(0);
  private memberVersions = new Uint32Array(0);
  private memberLeaves = 0;
  private members = 0;

  /** Records the TPS (codes, versions) of the leaf just added: a desa chunk's members (LeafMembers). */
  addMembers(codes: readonly number[], versions: readonly number[]): void {
    const n = codes.length;
    if (!this.memberCounts || this.memberLeaves === this.memberCounts.length) {
      const c = new Uint32Array(Math.max(1024, this.memberLeaves * 2));
      if (this.memberCounts) c.set(this.memberCounts);
      this.memberCounts = c;
    }
    this.memberCounts[this.memberLeaves++] = n;
    if (this.members + n > this.memberCodes.length) {
      const size = Math.max(8192, (this.members + n) * 2);
      const c = new Float64Array(size);
      c.set(this.memberCodes.subarray(0, this.members));
      this.memberCodes = c;
      const v = new Uint32Array(size);
      v.set(this.memberVersions.subarray(0, this.members));
      this.memberVersions = v;
    }
    for (let i = 0; i < n; i++) {
      this.memberCodes[this.members + i] = codes[i]!;
      this.memberVersions[this.members + i] = versions[i]!;
    }
    this.members += n;
  }

  /**
   * Adds the leaf whose input — 0x00 and the leaf's bytes (RFC 9162 §2.1.1) — is `buf[0 … end)`, as TpsChunkWriter
   * and TpsDocWriter leave it in their reused buffer.
   */
  add(code: number, buf: Buffer, end: number): void {
    if (this.length === this.codes.length) {
      const c = new Float64Array(this.codes.length * 2);
      c.set(this.codes);
      this.codes = c;
      const l = Buffer.allocUnsafeSlow(this.leaves.length * 2);
      this.leaves.copy(l);
      this.leaves = l;
    }
    const n = this.length++;
    if (n > 0 && !(this.codes[n - 1]! < code)) this.ordered = false;
    this.codes[n] = code;
    // One view per leaf length over the writer's buffer, reused (a subarray per leaf costs more than its hash).
    if (this.viewsOf !== buf) {
      this.views = [];
      this.viewsOf = buf;
    }
    const view = (this.views[end] ??= buf.subarray(0, end));
    putBinary(hash('sha256', view, 'binary'), this.leaves, n * HASH_SIZE);
    if (this.ordered) this.merge(n);
  }

  /** Hashes the subtrees leaf n completes (RFC 9162 §2.1.1 node = SHA-256(0x01 ‖ left ‖ right)). */
  private merge(n: number): void {
    const sc = this.scratch;
    let idx = n;
    let level = 0;
    // Where the node just completed at `level` (index idx) is.
    let right: Buffer = this.leaves;
    let rightAt = n * HASH_SIZE;
    while (idx % 2 === 1) {
      // Its left sibling (index idx − 1) was completed earlier: a leaf, the latest node of a low level, or a kept node.
      // Byte loops: for 32 bytes they beat a call into Buffer.copy.
      let left: Buffer = this.leaves;
      let leftAt = (idx - 1) * HASH_SIZE;
      if (level > 0 && level < KEPT_FROM_LEVEL) {
        left = this.low;
        leftAt = level * HASH_SIZE;
      } else if (level >= KEPT_FROM_LEVEL) left = this.kept[level - KEPT_FROM_LEVEL]!.buf;
      for (let b = 0; b < HASH_SIZE; b++) sc[1 + b] = left[leftAt + b]!;
      for (let b = 0; b < HASH_SIZE; b++) sc[1 + HASH_SIZE + b] = right[rightAt + b]!;
      const node = hash('sha256', sc, 'binary');
      level++;
      idx = (idx - 1) / 2;
      if (level < KEPT_FROM_LEVEL) {
        // A left child waits in `low` for its sibling; a right child is merged at once from `tmp`.
        const odd = idx % 2 === 1;
        right = odd ? this.tmp : this.low;
        rightAt = odd ? 0 : level * HASH_SIZE;
        putBinary(node, right, rightAt);
      } else {
        let k = this.kept[level - KEPT_FROM_LEVEL];
        // allocUnsafeSlow: never a slice of Node's shared pool, so the worker may transfer it.
        if (!k) this.kept.push((k = { buf: Buffer.allocUnsafeSlow(HASH_SIZE * 64), count: 0 }));
        if ((k.count + 1) * HASH_SIZE > k.buf.length) {
          const b = Buffer.allocUnsafeSlow(k.buf.length * 2);
          k.buf.copy(b);
          k.buf = b;
        }
        putBinary(node, k.buf, k.count * HASH_SIZE);
        right = k.buf;
        rightAt = k.count++ * HASH_SIZE;
      }
    }
  }

  /** The tree over what was added (sorted into TPS order when it came out of order). */
  tree(): TpsTree {
    const codes = this.codes.subarray(0, this.length);
    const leaves = this.leaves.subarray(0, this.length * HASH_SIZE);
    if (this.memberLeaves) {
      if (!this.ordered || this.memberLeaves !== this.length) throw new Error('desa chunks must come in desa order, each with its TPS');
      const members = {
        counts: this.memberCounts!.slice(0, this.memberLeaves),
        codes: this.memberCodes.slice(0, this.members),
        versions: this.memberVersions.slice(0, this.members),
      };
      return new TpsTree(codes, leaves, this.kept.map((k) => k.buf.subarray(0, k.count * HASH_SIZE)), members);
    }
    if (!this.ordered) {
      const s = sortLeaves(codes, leaves);
      return buildTpsTree(s.codes, s.leaves);
    }
    return new TpsTree(codes, leaves, this.kept.map((k) => k.buf.subarray(0, k.count * HASH_SIZE)));
  }
}
