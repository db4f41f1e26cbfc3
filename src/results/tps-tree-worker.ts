/**
 * Worker thread of TpsTreeBuilder (tps-tree-builder.ts): hashes a first import's desa chunks from the normalised body,
 * which it shares with the importer (a SharedArrayBuffer), and answers with the encoded tree file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DesaState } from './merge.js';
import { TpsChunkWriter } from './tps-chunk-writer.js';
import type { TpsDocPlan } from './tps-doc.js';
import { firstImportTree } from './tps-leaves.js';
import { encodeTreeFile, type TreeFileRef } from './tps-tree-file.js';
import type { TreeJob } from './tps-tree-builder.js';

const writer = new TpsChunkWriter((workerData as { plan: TpsDocPlan }).plan);
const port = parentPort!;

port.on('message', (m: TreeJob & { ref: TreeFileRef }) => {
  const body = Buffer.from(m.body);
  const rows: DesaState[] = m.desa.map((desaCode, i) => ({
    desaCode,
    regionCode: desaCode,
    count: m.counts[i]!,
    data: body.subarray(m.starts[i]!, m.ends[i]!),
    meta: '',
  }));
  const out = encodeTreeFile(firstImportTree(writer, rows), m.ref);
  // The parts lie in buffers of their own (LeafColumns never uses Node's shared pool), so they can be transferred.
  port.postMessage(out, [...new Set(out.file.parts.map((p) => p.buffer as ArrayBuffer).filter((b) => !(b instanceof SharedArrayBuffer)))]);
});
