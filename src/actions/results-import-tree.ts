/**
 * The TPS tree of a results import (src/results/tps-tree.ts): one leaf per desa chunk (src/integrity/tps-chunk.ts) of
 * the TPS results the import set. A first import hashes its desa rows' bytes as stored (one pass over the normalised
 * body: ~0.3 s for a national file, on the import's worker thread while the rows are stored when the file is large,
 * src/results/import-worker.ts); a later one gathers the lines it set from the rows it writes. The importer collects
 * it just before writing the import's log entry, which commits to its root.
 */
import type { TpsDocWriter } from '../results/tps-doc.js';
import type { DesaState } from '../results/merge.js';
import { TpsChunkWriter } from '../results/tps-chunk-writer.js';
import { firstImportTree, ImportLeaves } from '../results/tps-leaves.js';
import { encodeTreeFile, type EncodedTree, type TreeFileRef } from '../results/tps-tree-file.js';
import { ImportWorker } from '../results/import-worker.js';
import type { TpsDocPlan } from '../results/tps-doc.js';

/**
 * A CSV at least this large is imported with a worker thread (parse, and a first import's tree); a smaller one is
 * parsed and hashed in less time than starting the worker costs (~0.3 s of the other core).
 */
export const IMPORT_WORKER_MIN_BYTES = 8 * 1024 * 1024;

/** Starts the import's worker thread when the file is a large CSV read whole (results-import.ts). */
export function startImportWorker(plan: TpsDocPlan, csvBytes: number): ImportWorker | null {
  return csvBytes >= IMPORT_WORKER_MIN_BYTES ? ImportWorker.start(plan) : null;
}

/** The TPS tree of this import: for a first import from its rows, else from the lines whose import number is this one. */
export function importTree(initial: boolean, writer: TpsDocWriter, rows: DesaState[], ref: TreeFileRef): EncodedTree {
  if (initial) return encodeTreeFile(firstImportTree(new TpsChunkWriter(writer.plan), rows), ref);
  const leaves = new ImportLeaves(writer, new Set([ref.import]));
  for (const r of rows) leaves.addRow(r);
  return encodeTreeFile(leaves.tree(ref.import), ref);
}
