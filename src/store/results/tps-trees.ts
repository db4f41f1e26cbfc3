/**
 * TPS trees of stored imports, for receipts (src/actions/results-receipt.ts): the tree file an import wrote to the
 * blob store (src/results/tps-tree-file.ts), checked against the root its log entry committed to, kept in memory by
 * its SHA-256 (a blob never changes, so the cache needs no invalidation). A tree whose file is missing is rebuilt from
 * the stored figures, and served only if it gives the committed root.
 */
import { KotakError } from '../../errors.js';
import { toHex } from '../../integrity/encoding.js';
import type { BlobStore } from '../blob/types.js';
import type { Executor } from '../db.js';
import { TpsDocWriter } from '../../results/tps-doc.js';
import { ImportLeaves } from '../../results/tps-leaves.js';
import type { TpsTree } from '../../results/tps-tree.js';
import { decodeTreeFile, encodeTreeFile, type EncodedTree } from '../../results/tps-tree-file.js';
import { Readable } from 'node:stream';
import type { Logger } from '../../actions/types.js';
import { historyOfImport, loadDesaRows } from './forms.js';
import type { ImportRecord } from './imports.js';

/** What an import's summary says of its tree (results-import.ts). */
export interface TreeRef {
  sha256: string;
  size: number;
  root: string;
}

export function treeRefOf(rec: ImportRecord): TreeRef | null {
  const s = JSON.parse(rec.summary) as { tps_tree?: TreeRef };
  return s.tps_tree ?? null;
}

const MAX_CACHED_BYTES = 256 * 1024 * 1024;
const cache = new Map<string, { tree: TpsTree; root: string; bytes: number }>();
let cachedBytes = 0;

/** Forgets the trees kept in memory (tests that change the blob store behind the server's back). */
export function forgetTreeCache(): void {
  cache.clear();
  cachedBytes = 0;
}

function remember(key: string, tree: TpsTree, root: string): TpsTree {
  const bytes = tree.leaves.length + tree.codes.byteLength + tree.kept.reduce((a, k) => a + k.length, 0);
  cache.set(key, { tree, root, bytes });
  cachedBytes += bytes;
  // Oldest first out (Map keeps insertion order; a hit re-inserts).
  for (const [k, v] of cache) {
    if (cachedBytes <= MAX_CACHED_BYTES || k === key) break;
    cache.delete(k);
    cachedBytes -= v.bytes;
  }
  return tree;
}

/** Tree files being written, by SHA-256: a receipt asked for meanwhile waits for the file instead of rebuilding it. */
const writing = new Map<string, Promise<void>>();

/**
 * Writes an import's tree file to the blob store. The importer calls it once its transaction has committed and does
 * not wait: the file is a cache of what the stored figures determine (rebuilt when missing), so a failed write is
 * logged, not fatal.
 */
export function storeTreeFile(blobs: BlobStore, tree: EncodedTree, logger: Logger): Promise<void> {
  const { sha256, parts } = tree.file;
  const p = blobs
    .put(Readable.from(parts.map((u) => Buffer.from(u.buffer, u.byteOffset, u.byteLength))))
    .then((r) => {
      if (r.sha256 !== sha256) logger.error({ expected: sha256, stored: r.sha256 }, 'TPS tree file stored under another SHA-256');
    })
    .catch((e: unknown) => logger.error({ sha256, error: (e as Error).message }, 'Could not store a TPS tree file; receipts will rebuild it'))
    .finally(() => writing.delete(sha256));
  writing.set(sha256, p);
  return p;
}

/** Resolves once every tree file being written has been written (or failed): an app waits for it when it closes. */
export async function treeFileWrites(): Promise<void> {
  await Promise.all(writing.values());
}

async function readBlob(blobs: BlobStore, sha256: string): Promise<Buffer | null> {
  await writing.get(sha256);
  if (!(await blobs.has(sha256))) return null;
  const parts: Buffer[] = [];
  for await (const chunk of await blobs.get(sha256)) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/**
 * The tree of every TPS result an import set, recomputed from the stored figures (current lines and history): desa
 * chunks, or one leaf per TPS document for an import logged before those (`perTps`).
 */
export async function rebuildTree(db: Executor, writer: TpsDocWriter, rec: ImportRecord, perTps = false): Promise<TpsTree> {
  const leaves = new ImportLeaves(writer, new Set([rec.seq]), perTps ? new Set([rec.seq]) : undefined);
  for (const row of (await loadDesaRows(db, rec.election_id, rec.contest_id)).values()) leaves.addRow(row);
  for (const h of await historyOfImport(db, rec.election_id, rec.contest_id, rec.id)) leaves.addSuperseded(rec.seq, h.version, h.line);
  return leaves.tree(rec.seq);
}

/**
 * The TPS tree of an import whose log entry committed to `root` (hex). Throws `not_found` for an import logged before
 * TPS trees, `conflict` when neither the file nor the stored figures give the committed root.
 */
export async function storedImportTree(
  deps: { db: Executor; blobs: BlobStore; writer: TpsDocWriter; logger: Logger },
  rec: ImportRecord,
  root: string,
  perTps = false,
): Promise<TpsTree> {
  const ref = treeRefOf(rec);
  if (!ref) throw KotakError.notFound(`TPS tree of import #${rec.seq} (published before TPS receipts existed)`);
  const hit = cache.get(ref.sha256);
  if (hit) {
    cache.delete(ref.sha256);
    cache.set(ref.sha256, hit);
    if (hit.root === root) return hit.tree;
  }
  const file = await readBlob(deps.blobs, ref.sha256);
  if (file) {
    try {
      const { tree } = decodeTreeFile(file);
      if (toHex(tree.root()) === root) return remember(ref.sha256, tree, root);
    } catch {
      // An unreadable file is rebuilt below; the self-audit reports the altered blob.
    }
  }
  const tree = await rebuildTree(deps.db, deps.writer, rec, perTps);
  if (toHex(tree.root()) !== root) {
    throw new KotakError('conflict', `The stored TPS figures of import #${rec.seq} no longer give the root its log entry committed to; run kotak audit`);
  }
  // The same tree gives the same file (tps-tree-file.ts is deterministic): put it back for the next process.
  const encoded = encodeTreeFile(tree, { election: rec.election_id, contest: rec.contest_id, import: rec.seq });
  if (encoded.file.sha256 === ref.sha256) void storeTreeFile(deps.blobs, encoded, deps.logger);
  return remember(ref.sha256, tree, root);
}
