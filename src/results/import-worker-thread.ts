/**
 * The import worker thread (import-worker.ts): parses the second half of a large wide CSV while the importing thread
 * parses the first, then reads a first import's desa rows for their earliest source times and hashes their desa
 * chunks. It reads the file in place: the importer holds it in a SharedArrayBuffer (read-shared.ts).
 */
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { KotakError } from '../errors.js';
import { formLayout, type FormBatch } from './batch.js';
import type { Contest } from './contest.js';
import { readWideCsvBuffer } from './import/wide-csv.js';
import type { WidePlan } from './import/wide.js';
import type { DesaState } from './merge.js';
import { TpsChunkWriter } from './tps-chunk-writer.js';
import type { TpsDocPlan } from './tps-doc.js';
import { firstImportTree } from './tps-leaves.js';
import { earliestSourceMs } from './source-time.js';
import { encodeTreeFile } from './tps-tree-file.js';
import type { BatchParts, ParseJob, ThreadMessage, TreeJob } from './import-worker.js';

const port = parentPort!;
const plan = (workerData as { plan: TpsDocPlan }).plan;

function partsOf(b: FormBatch): BatchParts {
  return {
    length: b.length,
    rows: b.rows,
    codes: b.codes,
    values: b.values,
    timestamps: b.timestamps,
    sources: b.sources,
    duplicates: b.duplicates,
    starts: b.verbatim?.starts ?? null,
  };
}

function parse(job: ParseJob): void {
  const buf = Buffer.from(job.file);
  try {
    const layout = formLayout(job.contest.selections.length);
    let at = job.pos;
    for (const b of readWideCsvBuffer(buf, job.plan as WidePlan, job.contest as Contest, layout, { pos: job.pos, row: job.row }, job.delim, job.canonical, (done) => (at = done))) {
      const parts = partsOf(b);
      const transfer = [parts.rows.buffer as ArrayBuffer, ...(parts.starts ? [parts.starts.buffer as ArrayBuffer] : [])];
      port.postMessage({ batch: parts, done: at } satisfies ThreadMessage, transfer);
    }
    port.postMessage({ parsed: true } satisfies ThreadMessage);
  } catch (e) {
    const k = e instanceof KotakError ? e : null;
    port.postMessage({ parseError: { code: k?.code ?? null, message: (e as Error).message, fields: k?.fields, detail: k?.detail } } satisfies ThreadMessage);
  }
}

function sha256Of(h: { file: SharedArrayBuffer; offset: number; length: number }): string {
  return createHash('sha256').update(Buffer.from(h.file, h.offset, h.length)).digest('hex');
}

function tree(job: TreeJob): void {
  const body = Buffer.from(job.body);
  const rows: DesaState[] = job.desa.map((desaCode, i) => ({
    desaCode,
    regionCode: desaCode,
    count: job.counts[i]!,
    data: body.subarray(job.starts[i]!, job.ends[i]!),
    meta: '',
  }));
  const sourceMs = new Float64Array(rows.length);
  rows.forEach((r, i) => (sourceMs[i] = earliestSourceMs(r.data, job.votes, job.floorMs)));
  port.postMessage({ sourceMs } satisfies ThreadMessage, [sourceMs.buffer]);
  if (job.hash) port.postMessage({ sha256: sha256Of(job.hash) } satisfies ThreadMessage);
  const out = encodeTreeFile(firstImportTree(new TpsChunkWriter(plan), rows), job.ref);
  // The parts lie in buffers of their own (LeafColumns never uses Node's shared pool), so they can be transferred.
  port.postMessage({ tree: out } satisfies ThreadMessage, [...new Set(out.file.parts.map((p) => p.buffer as ArrayBuffer))]);
}

port.on('message', (m: { parse: ParseJob } | { tree: TreeJob } | { hash: { file: SharedArrayBuffer; offset: number; length: number } }) => {
  if ('parse' in m) parse(m.parse);
  else if ('hash' in m) port.postMessage({ sha256: sha256Of(m.hash) } satisfies ThreadMessage);
  else tree(m.tree);
});
