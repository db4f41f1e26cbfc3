/**
 * The TPS tree of a results import (src/results/tps-tree.ts): one leaf per desa chunk (src/integrity/tps-chunk.ts) of
 * the TPS results the import set. A first import hashes its desa rows' bytes as stored (one pass over the normalised
 * body, ~0.2 s for a national file, so no worker thread); a later one gathers the lines it set from the rows it writes.
 * The importer computes it just before writing the import's log entry, which commits to its root.
 */
import type { TpsDocWriter } from '../results/tps-doc.js';
import type { DesaState } from '../results/merge.js';
import { TpsChunkWriter } from '../results/tps-chunk-writer.js';
import { firstImportTree, ImportLeaves } from '../results/tps-leaves.js';
import { encodeTreeFile, type EncodedTree, type TreeFileRef } from '../results/tps-tree-file.js';

/** The TPS tree of this import: for a first import from its rows, else from the lines whose import number is this one. */
export function importTree(initial: boolean, writer: TpsDocWriter, rows: DesaState[], ref: TreeFileRef): EncodedTree {
  if (initial) return encodeTreeFile(firstImportTree(new TpsChunkWriter(writer.plan), rows), ref);
  const leaves = new ImportLeaves(writer, new Set([ref.import]));
  for (const r of rows) leaves.addRow(r);
  return encodeTreeFile(leaves.tree(ref.import), ref);
}
