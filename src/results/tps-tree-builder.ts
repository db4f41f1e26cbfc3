/**
 * Builds the TPS tree of a first import on a worker thread, beside the storing of its rows. Hashing a national
 * import's 84 thousand desa chunks (66 MB) takes ~0.3 s; the worker starts while the file is parsed and hashes once the
 * normalised body is known, while the main thread writes the desa rows, flags and recap into the database, and the
 * importer collects the tree just before writing the import's log entry (which commits to its root).
 *
 * The worker and the importing thread run the same code (tps-leaves.ts `firstImportTree`), so they give the same tree
 * file, byte for byte (test/results/tps-tree.test.ts). The body is shared, not copied: a SharedArrayBuffer, as the
 * importer reads a large CSV into one (results-import.ts).
 *
 * The worker runs TypeScript through tsx's require hook, as the rest of the portal runs under tsx (`npm start`).
 *
 * @example
 *   const builder = TpsTreeBuilder.start(tpsDocPlan(election.id, contest));
 *   const pending = builder?.build(rows, ref);               // null when the body is not shared
 *   const tree = (await pending) ?? encodeTreeFile(firstImportTree(chunks, rows), ref);
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DesaState } from './merge.js';
import type { TpsDocPlan } from './tps-doc.js';
import type { EncodedTree, TreeFileRef } from './tps-tree-file.js';

/** What the worker gets: the shared body and each desa row's span of it. */
export interface TreeJob {
  body: SharedArrayBuffer;
  desa: string[];
  starts: Int32Array;
  ends: Int32Array;
  counts: Int32Array;
}

export class TpsTreeBuilder {
  private failed = false;
  private result: Promise<EncodedTree | null> | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('error', () => (this.failed = true));
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
   * Hashes the rows' desa chunks on the worker (rows of a first import: every line at version 1). Null when their data
   * do not all lie in one SharedArrayBuffer (the caller then hashes them itself) or when the worker failed.
   */
  build(rows: readonly DesaState[], ref: TreeFileRef): Promise<EncodedTree | null> | null {
    if (this.failed || this.result) return null;
    const first = rows[0]?.data;
    if (!first || typeof first === 'string' || !(first.buffer instanceof SharedArrayBuffer)) return null;
    const body = first.buffer;
    const n = rows.length;
    const job: TreeJob = { body, desa: new Array<string>(n), starts: new Int32Array(n), ends: new Int32Array(n), counts: new Int32Array(n) };
    for (let i = 0; i < n; i++) {
      const d = rows[i]!.data;
      if (typeof d === 'string' || d.buffer !== body) return null;
      job.desa[i] = rows[i]!.desaCode;
      job.starts[i] = d.byteOffset;
      job.ends[i] = d.byteOffset + d.length;
      job.counts[i] = rows[i]!.count;
    }
    this.result = new Promise<EncodedTree | null>((resolve) => {
      const done = (tree: EncodedTree | null) => {
        void this.worker.terminate();
        resolve(tree);
      };
      this.worker.once('message', (m: EncodedTree) => done(m));
      this.worker.once('error', () => done(null));
      this.worker.once('exit', () => done(null));
      this.worker.postMessage({ ...job, ref });
    });
    return this.result;
  }

  /** Stops the worker (the import failed, or did not need it). */
  cancel(): void {
    if (!this.result) this.result = Promise.resolve(null);
    void this.worker.terminate();
  }
}
