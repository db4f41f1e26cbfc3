/**
 * Worker thread of TpsTreeBuilder (tps-tree-builder.ts): turns the forms of a first import into leaf hashes as the
 * importer reads them, and builds the tree when told the file is done. Messages in: `{ codes, values, ts }` per batch
 * of kept forms, then `'finish'`; out: `{ codes, leaves, kept }` (buffers transferred, not copied).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { TpsDocWriter, type TpsDocPlan } from './tps-doc.js';
import { LeafColumns } from './tps-tree.js';

interface BatchMessage {
  codes: Float64Array;
  values: Float64Array;
  ts: (string | null)[];
}

const writer = new TpsDocWriter((workerData as { plan: TpsDocPlan }).plan);
const columns = new LeafColumns();
const port = parentPort!;

port.on('message', (m: BatchMessage | 'finish') => {
  if (m === 'finish') {
    const tree = columns.tree();
    // Exact copies in buffers of their own (a small Buffer may share Node's pool, which must not be transferred).
    const out = { codes: new Float64Array(tree.codes), leaves: new Uint8Array(tree.leaves), kept: tree.kept.map((k) => new Uint8Array(k)) };
    port.postMessage(out, [out.codes.buffer, out.leaves.buffer, ...out.kept.map((k) => k.buffer)]);
    return;
  }
  const w = writer.width;
  for (let i = 0; i < m.codes.length; i++) {
    // A first import sets version 1 of every TPS (merge.ts firstRows).
    columns.add(m.codes[i]!, writer, writer.write(m.codes[i]!, 1, m.values, i * w, m.ts[i]));
  }
});
