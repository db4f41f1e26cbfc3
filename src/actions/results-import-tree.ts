/**
 * The TPS tree of a results import (src/results/tps-tree.ts): which way it is built. A first import of a large file
 * hashes it on a worker thread while the file is read and checked (tps-tree-builder.ts); the importer collects it
 * just before writing the import's log entry, which commits to its root.
 */
import type { TpsDocPlan, TpsDocWriter } from '../results/tps-doc.js';
import type { PipelineResult } from '../results/pipeline.js';
import type { DesaState } from '../results/merge.js';
import { firstImportTree, ImportLeaves } from '../results/tps-leaves.js';
import { TpsTreeBuilder } from '../results/tps-tree-builder.js';
import { encodeTreeFile, type EncodedTree, type TreeFileRef } from '../results/tps-tree-file.js';
import type { Executor } from '../store/db.js';
import { hasForms } from '../store/results/forms.js';

/**
 * A first import at least this large has its TPS tree built on a worker thread beside the import; a smaller one
 * hashes its leaves in a few tens of milliseconds, less than starting the worker costs (~0.3 s).
 */
export const TREE_WORKER_MIN_BYTES = 8 * 1024 * 1024;

/**
 * Starts the worker when the import looks like a contest's first and its file is large (or when `force` says so).
 * A guess: the importer checks inside its transaction whether the import was the first and uses the worker's tree
 * only then.
 */
export async function startTreeBuilder(db: Executor, plan: TpsDocPlan, fileBytes: number, force?: boolean): Promise<TpsTreeBuilder | null> {
  if (!(force ?? fileBytes >= TREE_WORKER_MIN_BYTES)) return null;
  if (await hasForms(db, plan.election, plan.contest)) return null;
  return TpsTreeBuilder.start(plan);
}

/**
 * The TPS tree of this import: the worker's when it built the right one; else, for a first import, from its batches;
 * else from the lines the import writes (every line whose import number is this import's).
 */
export async function importTree(
  builder: TpsTreeBuilder | null,
  initial: boolean,
  writer: TpsDocWriter,
  result: PipelineResult,
  rows: DesaState[],
  ref: TreeFileRef,
): Promise<EncodedTree> {
  const built = builder && initial ? await builder.finish(ref) : null;
  builder?.cancel();
  if (built) return built;
  if (initial) return encodeTreeFile(firstImportTree(writer, result.batches), ref);
  const leaves = new ImportLeaves(writer, new Set([ref.import]));
  for (const r of rows) leaves.addRow(r);
  return encodeTreeFile(leaves.tree(ref.import), ref);
}
