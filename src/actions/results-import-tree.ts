/**
 * The TPS tree of a results import (src/results/tps-tree.ts): one leaf per desa chunk (src/integrity/tps-chunk.ts) of
 * the TPS results the import set. A first import hashes its desa rows' bytes as stored (one pass over the normalised
 * body: ~0.3 s for a national file, on a worker thread while the rows are stored when the file is large,
 * tps-tree-builder.ts); a later one gathers the lines it set from the rows it writes. The importer collects it just
 * before writing the import's log entry, which commits to its root.
 */
import type { TpsDocWriter } from '../results/tps-doc.js';
import type { DesaState } from '../results/merge.js';
import { TpsChunkWriter } from '../results/tps-chunk-writer.js';
import { firstImportTree, ImportLeaves } from '../results/tps-leaves.js';
import { encodeTreeFile, type EncodedTree, type TreeFileRef } from '../results/tps-tree-file.js';
import { TpsTreeBuilder } from '../results/tps-tree-builder.js';
import type { TpsDocPlan } from '../results/tps-doc.js';
import type { Executor } from '../store/db.js';
import { hasForms } from '../store/results/forms.js';

/**
 * A first import at least this large has its TPS tree built on a worker thread beside the storing of its rows; a
 * smaller one hashes its chunks in a few milliseconds, less than starting the worker costs (~0.3 s of the other core).
 */
export const TREE_WORKER_MIN_BYTES = 8 * 1024 * 1024;

/**
 * Starts the worker when the import looks like a contest's first and its file is large. A guess: the importer asks it
 * for the tree only when the import was indeed the first (inside its transaction).
 */
export async function startTreeBuilder(db: Executor, plan: TpsDocPlan, fileBytes: number): Promise<TpsTreeBuilder | null> {
  if (fileBytes < TREE_WORKER_MIN_BYTES) return null;
  if (await hasForms(db, plan.election, plan.contest)) return null;
  return TpsTreeBuilder.start(plan);
}

/** The TPS tree of this import: for a first import from its rows, else from the lines whose import number is this one. */
export function importTree(initial: boolean, writer: TpsDocWriter, rows: DesaState[], ref: TreeFileRef): EncodedTree {
  if (initial) return encodeTreeFile(firstImportTree(new TpsChunkWriter(writer.plan), rows), ref);
  const leaves = new ImportLeaves(writer, new Set([ref.import]));
  for (const r of rows) leaves.addRow(r);
  return encodeTreeFile(leaves.tree(ref.import), ref);
}
