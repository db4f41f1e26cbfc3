/**
 * Worker thread of TpsTreeBuilder (tps-tree-builder.ts): turns the forms of a first import into leaf hashes as the
 * importer reads them (hashing the tree's nodes as they complete), and encodes and hashes the tree file when told the
 * file is done. Messages in: `{ n, codes, values, tsIndex, tsText }` per batch of kept forms, then `{ finish: TreeFileRef }`; out: an
 * EncodedTree (tps-tree-file.ts) whose parts are transferred, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { TpsDocWriter, type TpsDocPlan } from './tps-doc.js';
import { LeafColumns } from './tps-tree.js';
import { encodeTreeFile, type TreeFileRef } from './tps-tree-file.js';

interface BatchMessage {
  /** Forms in the message (the shared columns may be longer). */
  n: number;
  codes: Float64Array;
  values: Float64Array;
  /** Timestamp of form i = tsText[tsIndex[i]]. */
  tsIndex: Int32Array;
  tsText: (string | null)[];
}

const writer = new TpsDocWriter((workerData as { plan: TpsDocPlan }).plan);
const columns = new LeafColumns();
const port = parentPort!;

port.on('message', (m: BatchMessage | { finish: TreeFileRef }) => {
  if ('finish' in m) {
    const out = encodeTreeFile(columns.tree(), m.finish);
    // Every part lies in a buffer of its own (LeafColumns never uses Node's shared pool), so it can be transferred.
    port.postMessage(out, [...new Set(out.file.parts.map((p) => p.buffer as ArrayBuffer))]);
    return;
  }
  const w = writer.width;
  for (let i = 0; i < m.n; i++) {
    // A first import sets version 1 of every TPS (merge.ts firstRows).
    columns.add(m.codes[i]!, writer, writer.write(m.codes[i]!, 1, m.values, i * w, m.tsText[m.tsIndex[i]!]!));
  }
});
