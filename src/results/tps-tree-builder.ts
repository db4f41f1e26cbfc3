/**
 * Builds the TPS tree of a first import on a worker thread while the import runs. Hashing a national import's
 * 1.6 million tree nodes takes longer on one core than the rest of the import, so the leaves are hashed as the
 * batches come out of the pipeline, beside the parsing, checking and storing on the main thread; the tree is
 * collected just before the import's log entry is written.
 *
 * The worker's leaves assume what a first import sets: version 1 of every kept TPS. The importer uses the result only
 * when the import was indeed the contest's first; otherwise (and when no worker could be started) it computes the
 * tree itself, from the batches or the lines it writes (tps-leaves.ts, src/actions/results-import-tree.ts). All ways
 * give the same tree file, byte for byte (test/results/tps-tree.test.ts).
 *
 * The worker runs TypeScript through tsx's require hook, as the rest of the portal runs under tsx (`npm start`).
 *
 * @example
 *   const builder = TpsTreeBuilder.start(tpsDocPlan(election.id, contest));
 *   await runPipeline(forms, { contest, tree, onBatch: (pb) => builder?.add(pb) });
 *   const tree = await builder?.finish({ election: election.id, contest: contest.id, import: seq }); // null: failed
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ProcessedBatch } from './pipeline.js';
import type { TpsDocPlan } from './tps-doc.js';
import type { EncodedTree, TreeFileRef } from './tps-tree-file.js';

export class TpsTreeBuilder {
  private failed: Error | null = null;
  private result: Promise<EncodedTree | null> | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('error', (e) => (this.failed = e));
    worker.unref();
  }

  /** A builder with its worker starting, or null when workers cannot run TypeScript here. */
  static start(plan: TpsDocPlan): TpsTreeBuilder | null {
    let api: string;
    try {
      // tsx's CommonJS hook: in a worker it starts in a third of the time of its ESM loader (no loader thread).
      api = createRequire(import.meta.url).resolve('tsx/cjs/api');
    } catch {
      return null;
    }
    const entry = fileURLToPath(new URL('./tps-tree-worker.ts', import.meta.url));
    const boot = `const { register } = require(${JSON.stringify(api)}); register(); require(${JSON.stringify(entry)});`;
    try {
      return new TpsTreeBuilder(new Worker(boot, { eval: true, workerData: { plan }, execArgv: [] }));
    } catch {
      return null;
    }
  }

  /** Hands the kept forms of a checked batch to the worker (copies; the batch stays the importer's). */
  add(pb: ProcessedBatch): void {
    if (this.failed || this.result) return;
    const b = pb.batch;
    const w = b.layout.width;
    let all = true;
    for (let i = 0; i < b.length; i++) if (!pb.kept[i]) all = false;
    let codes: Float64Array;
    let values: Float64Array;
    let ts: (string | null)[];
    if (all) {
      codes = b.codes.slice(0, b.length);
      values = b.values.slice(0, b.length * w);
      ts = b.timestamps.slice(0, b.length);
    } else {
      const keep = [...Array(b.length).keys()].filter((i) => pb.kept[i]);
      codes = Float64Array.from(keep, (i) => b.codes[i]!);
      values = new Float64Array(keep.length * w);
      keep.forEach((i, k) => values.set(b.values.subarray(i * w, (i + 1) * w), k * w));
      ts = keep.map((i) => b.timestamps[i] ?? null);
    }
    this.worker.postMessage({ codes, values, ts }, [codes.buffer, values.buffer] as ArrayBuffer[]);
  }

  /** The encoded tree over every form added, or null when the worker failed. Ends the worker. */
  finish(ref: TreeFileRef): Promise<EncodedTree | null> {
    this.result ??= new Promise<EncodedTree | null>((resolve) => {
      if (this.failed) return resolve(null);
      const done = (tree: EncodedTree | null) => {
        void this.worker.terminate();
        resolve(tree);
      };
      this.worker.once('message', (m: EncodedTree) => done(m));
      this.worker.once('error', () => done(null));
      this.worker.once('exit', () => done(null));
      this.worker.postMessage({ finish: ref });
    });
    return this.result;
  }

  /** Stops the worker (the import failed or did not need the tree). */
  cancel(): void {
    if (!this.result) this.result = Promise.resolve(null);
    void this.worker.terminate();
  }
}
