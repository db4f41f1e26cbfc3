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
export function encodeTreeFile(tree: TpsTree, ref: TreeFileRef): EncodedTree {
  const root = toHex(tree.root());
  const header: TreeFileHeader = { ...ref, root, size: tree.size, kept_from_level: KEPT_FROM_LEVEL };
  const c = tree.codes;
  // The doubles as they lie in memory when the machine is little-endian (all that Node supports in practice).
  const codes = endianness() === 'LE' ? new Uint8Array(c.buffer, c.byteOffset, c.byteLength) : new Uint8Array(c.length * 8);
  if (endianness() !== 'LE') for (let i = 0; i < c.length; i++) Buffer.from(codes.buffer).writeDoubleLE(c[i]!, i * 8);
  const parts: Uint8Array[] = [new TextEncoder().encode(TREE_FILE_MAGIC + JSON.stringify(header) + '\n'), codes, tree.leaves, ...tree.kept];
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return { root, size: tree.size, file: { parts, sha256: h.digest('hex'), bytes: parts.reduce((a, p) => a + p.length, 0) } };
}

/** Parses a tree file; throws when it is malformed or its nodes do not give the root its header names. */
export function decodeTreeFile(buf: Buffer): { header: TreeFileHeader; tree: TpsTree } {
  if (buf.subarray(0, TREE_FILE_MAGIC.length).toString('latin1') !== TREE_FILE_MAGIC) throw new Error('not a TPS tree file');
  const eol = buf.indexOf(0x0a, TREE_FILE_MAGIC.length);
  if (eol < 0) throw new Error('TPS tree file has no header line');
  const header = JSON.parse(buf.toString('utf8', TREE_FILE_MAGIC.length, eol)) as TreeFileHeader;
  const n = header.size;
  if (!Number.isSafeInteger(n) || n < 0 || header.kept_from_level !== KEPT_FROM_LEVEL) throw new Error('TPS tree file header is not valid');
  let at = eol + 1;
  const take = (len: number): Buffer => {
    if (at + len > buf.length) throw new Error('TPS tree file is truncated');
    const part = buf.subarray(at, at + len);
    at += len;
    return part;
  };
  const rawCodes = take(n * 8);
  const codes = new Float64Array(n);
  if (endianness() === 'LE') new Uint8Array(codes.buffer).set(rawCodes);
  else for (let i = 0; i < n; i++) codes[i] = rawCodes.readDoubleLE(i * 8);
  const leaves = take(n * HASH_SIZE);
  const kept: Buffer[] = [];
  for (let level = KEPT_FROM_LEVEL; Math.floor(n / 2 ** level) > 0; level++) kept.push(take(Math.floor(n / 2 ** level) * HASH_SIZE));
  if (at !== buf.length) throw new Error('TPS tree file has trailing bytes');
  const tree = new TpsTree(codes, leaves, kept);
  if (toHex(tree.root()) !== header.root) throw new Error('TPS tree file nodes do not give its root');
  return { header, tree };
}
