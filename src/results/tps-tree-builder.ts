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

  /**
   * Hands the kept forms of a checked batch to the worker. A batch whose forms are all kept is shared (FormBatch columns
   * are SharedArrayBuffers, and the importer no longer writes them); otherwise the kept forms are copied.
   */
  add(pb: ProcessedBatch): void {
    if (this.failed || this.result) return;
    const b = pb.batch;
    const w = b.layout.width;
    let all = true;
    for (let i = 0; i < b.length; i++) if (!pb.kept[i]) all = false;
    const keep = all ? null : [...Array(b.length).keys()].filter((i) => pb.kept[i]);
    const n = keep ? keep.length : b.length;
    let codes = b.codes;
    let values = b.values;
    if (keep || !(b.values.buffer instanceof SharedArrayBuffer)) {
      const at = keep ?? [...Array(b.length).keys()];
      codes = Float64Array.from(at, (i) => b.codes[i]!);
      values = new Float64Array(at.length * w);
      at.forEach((i, k) => values.set(b.values.subarray(i * w, (i + 1) * w), k * w));
    }
    // Timestamps repeat (Sirekap stamps many forms alike): sent as distinct strings and an index per form.
    const tsIndex = new Int32Array(n);
    const tsText: (string | null)[] = [];
    let last: string | null | undefined;
    for (let k = 0; k < n; k++) {
      const t = b.timestamps[keep ? keep[k]! : k] ?? null;
      if (t !== last || tsText.length === 0) {
        tsText.push(t);
        last = t;
      }
      tsIndex[k] = tsText.length - 1;
    }
    this.worker.postMessage({ n, codes, values, tsIndex, tsText }, [tsIndex.buffer as ArrayBuffer]);
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
