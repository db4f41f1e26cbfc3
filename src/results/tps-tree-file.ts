/**
 * The stored form of an import's TPS tree, kept in the blob store so TPS receipts are served without rehashing the
 * import (a national tree is 1.6 million hashes). It is a cache of what the stored TPS figures determine: the import's
 * log entry commits to its root, the server checks the file against that root before serving from it, and a lost
 * file is rebuilt from the stored figures. Content-addressed like every blob, so `kotak audit` finds a changed byte.
 *
 * Layout (little-endian):
 *   kotak-tps-tree/1\n
 *   {"contest","election","import","root","size","kept_from_level"} as one JSON line\n
 *   size × 8 bytes   TPS codes as IEEE-754 doubles, ascending
 *   size × 32 bytes  leaf hashes
 *   for level = kept_from_level, … while ⌊size / 2^level⌋ > 0: ⌊size / 2^level⌋ × 32 bytes of complete nodes
 *   when the header says `members` (desa-chunk leaves, tps-tree.ts LeafMembers): size × 4 bytes TPS per leaf (uint32),
 *   members × 8 bytes TPS codes (doubles), members × 4 bytes versions (uint32)
 */
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import { toHex } from '../integrity/encoding.js';
import { HASH_SIZE } from '../integrity/rfc6962.js';
import { KEPT_FROM_LEVEL, TpsTree } from './tps-tree.js';

export const TREE_FILE_MAGIC = 'kotak-tps-tree/1\n';

export interface TreeFileHeader {
  election: string;
  contest: string;
  /** import sequence number within the contest */
  import: number;
  /** hex MTH */
  root: string;
  size: number;
  kept_from_level: number;
  /** TPS in the desa chunks (absent: per-TPS leaves, no member section) */
  members?: number;
}

/** Which import a tree file belongs to. */
export interface TreeFileRef {
  election: string;
  contest: string;
  import: number;
}

/** An encoded tree file: its parts (written as a stream, no 40 MB concatenation), SHA-256 and size, and the root. */
export interface EncodedTree {
  root: string;
  size: number;
  file: { parts: Uint8Array[]; sha256: string; bytes: number };
}

/** Encodes a tree and hashes the file, as the blob store will name it. */
/** A typed array's bytes as little-endian (all that Node supports in practice, but checked). */
function le(a: Float64Array | Uint32Array): Uint8Array {
  if (endianness() === 'LE') return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const out = Buffer.alloc(a.byteLength);
  a.forEach((x, i) => (a instanceof Float64Array ? out.writeDoubleLE(x, i * 8) : out.writeUInt32LE(x, i * 4)));
  return out;
}

function fromLe<T extends Float64Array | Uint32Array>(raw: Buffer, make: new (n: number) => T): T {
  const width = make === (Float64Array as unknown) ? 8 : 4;
  const out = new make(raw.length / width);
  if (endianness() === 'LE') new Uint8Array(out.buffer).set(raw);
  else for (let i = 0; i < out.length; i++) out[i] = width === 8 ? raw.readDoubleLE(i * 8) : raw.readUInt32LE(i * 4);
  return out;
}

export function encodeTreeFile(tree: TpsTree, ref: TreeFileRef): EncodedTree {
  const root = toHex(tree.root());
  const m = tree.members;
  const header: TreeFileHeader = { ...ref, root, size: tree.size, kept_from_level: KEPT_FROM_LEVEL, ...(m ? { members: m.codes.length } : {}) };
  const parts: Uint8Array[] = [new TextEncoder().encode(TREE_FILE_MAGIC + JSON.stringify(header) + '\n'), le(tree.codes), tree.leaves, ...tree.kept];
  if (m) parts.push(le(m.counts), le(m.codes), le(m.versions));
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return { root, size: tree.size, file: { parts, sha256: h.digest('hex'), bytes: parts.reduce((a, p) => a + p.length, 0) } };
}

export function decodeTreeFile(buf: Buffer): { header: TreeFileHeader; tree: TpsTree } {
  if (buf.subarray(0, TREE_FILE_MAGIC.length).toString('latin1') !== TREE_FILE_MAGIC) throw new Error('not a TPS tree file');
  const eol = buf.indexOf(0x0a, TREE_FILE_MAGIC.length);
  if (eol < 0) throw new Error('TPS tree file has no header line');
  const header = JSON.parse(buf.toString('utf8', TREE_FILE_MAGIC.length, eol)) as TreeFileHeader;
  const n = header.size;
  const total = header.members;
  if (!Number.isSafeInteger(n) || n < 0 || header.kept_from_level !== KEPT_FROM_LEVEL || (total !== undefined && !Number.isSafeInteger(total))) {
    throw new Error('TPS tree file header is not valid');
  }
  let at = eol + 1;
  const take = (len: number): Buffer => {
    if (at + len > buf.length) throw new Error('TPS tree file is truncated');
    const part = buf.subarray(at, at + len);
    at += len;
    return part;
  };
  const codes = fromLe(take(n * 8), Float64Array);
  const leaves = take(n * HASH_SIZE);
  const kept: Buffer[] = [];
  for (let level = KEPT_FROM_LEVEL; Math.floor(n / 2 ** level) > 0; level++) kept.push(take(Math.floor(n / 2 ** level) * HASH_SIZE));
  const members = total === undefined ? null : { counts: fromLe(take(n * 4), Uint32Array), codes: fromLe(take(total * 8), Float64Array), versions: fromLe(take(total * 4), Uint32Array) };
  if (at !== buf.length) throw new Error('TPS tree file has trailing bytes');
  const tree = new TpsTree(codes, leaves, kept, members);
  if (toHex(tree.root()) !== header.root) throw new Error('TPS tree file nodes do not give its root');
  return { header, tree };
}
