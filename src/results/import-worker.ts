/**
 * A worker thread beside a large import (import-worker-thread.ts), so the import uses both cores:
 *
 * - **parse**: a wide CSV held in a SharedArrayBuffer is cut at a line break; the worker parses the second part while
 *   the importing thread parses the first, and its batches follow the first part's in file order, with the same row
 *   numbers, offsets and errors the importing thread would have given (test/results/import-parallel.test.ts);
 * - **rows**: a first import's desa rows get their earliest source times (src/results/source-time.ts), the file its
 *   SHA-256 (its key in the blob store) and the rows their desa chunks (src/integrity/tps-chunk.ts) hashed from the
 *   shared body while the importing thread stores flags, recap and rows; the importer collects the tree just before
 *   writing the import's log entry;
 * - **hash**: the file's SHA-256 alone, for a later import.
 *
 * Both threads run the same code, so the results are the same byte for byte. The worker runs TypeScript through
 * tsx's require hook, as the rest of the portal runs under tsx (`npm start`); it loads nothing that is ESM only.
 *
 * @example
 *   const worker = ImportWorker.start(tpsDocPlan(election.id, contest));
 *   for await (const batch of readForms(path, contest, { bytes, worker })) …   // parse
 *   const work = worker?.rows(rows, ref, { votes, floorMs });  // earliest source times, then the tree
 *   const tree = (await work?.tree) ?? encodeTreeFile(firstImportTree(chunks, rows), ref);
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { KotakError, type ErrorCode } from '../errors.js';
import { FormBatch, type FormLayout } from './batch.js';
import type { Contest } from './contest.js';
import type { WidePlan } from './import/wide.js';
import type { DesaState } from './merge.js';
import type { TpsDocPlan } from './tps-doc.js';
import type { EncodedTree, TreeFileRef } from './tps-tree-file.js';
import type { DuplicateLine } from './types.js';

/** A wide CSV part to parse: the file, where the part starts and the row number before it. */
export interface ParseJob {
  file: SharedArrayBuffer;
  plan: WidePlan;
  contest: Contest;
  pos: number;
  row: number;
  delim: number;
  canonical: boolean;
}

/** The shared body and each desa row's span of it; `votes` and `floorMs` for each row's earliest source time. */
export interface TreeJob {
  body: SharedArrayBuffer;
  desa: string[];
  starts: Int32Array;
  ends: Int32Array;
  counts: Int32Array;
  ref: TreeFileRef;
  votes: number;
  floorMs: number;
  /** also hash these bytes (the file, for the blob store) between the source times and the tree */
  hash: { file: SharedArrayBuffer; offset: number; length: number } | null;
}

/** What the worker answers for a first import's rows: their earliest source times first, then the tree. */
export interface RowsWork {
  /** per row, src/results/source-time.ts `earliestSourceMs` (−1: none) */
  firstSourceMs: Promise<Float64Array | null>;
  /** the SHA-256 of the bytes given to hash (null when none were, or the worker failed) */
  sha256: Promise<string | null>;
  tree: Promise<EncodedTree | null>;
}

/** A FormBatch's columns, as posted between threads (codes and values are shared, the rest copied or moved). */
export interface BatchParts {
  length: number;
  rows: Int32Array;
  codes: Float64Array;
  values: Float64Array;
  timestamps: (string | null)[];
  sources: (string | undefined)[] | null;
  duplicates: Map<number, DuplicateLine[]> | null;
  starts: Float64Array | null;
}

export type ThreadMessage =
  | { batch: BatchParts; done: number }
  | { parsed: true }
  | { parseError: { code: ErrorCode | null; message: string; fields?: unknown; detail?: Record<string, unknown> } }
  | { sourceMs: Float64Array }
  | { tree: EncodedTree }
  | { sha256: string };

/** Parts of a batch the worker made, back into a FormBatch. */
export function batchOfParts(layout: FormLayout, p: BatchParts): FormBatch {
  const b = new FormBatch(layout, 0);
  b.length = p.length;
  b.rows = p.rows;
  b.codes = p.codes;
  b.values = p.values;
  b.timestamps = p.timestamps;
  b.sources = p.sources;
  b.duplicates = p.duplicates;
  b.verbatim = p.starts ? { starts: p.starts } : null;
  return b;
}

export class ImportWorker {
  private failed = false;
  /** Jobs posted and not yet read to their end. */
  private pending = 0;
  /** Jobs the worker answered in full (the importer reports it among its timings, `worker_jobs`). */
  answered = 0;
  /** Resolves when the last job posted has read all its messages: the next one reads after it. */
  private tail: Promise<void> = Promise.resolve();
  private readonly queue: ThreadMessage[] = [];
  private wake: (() => void) | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('error', () => this.fail());
    worker.on('exit', () => this.fail());
    worker.on('message', (m: ThreadMessage) => {
      this.queue.push(m);
      this.wake?.();
    });
    worker.unref();
  }

  private fail(): void {
    this.failed = true;
    this.wake?.();
  }

  /** A worker starting, or null when workers cannot run TypeScript here. */
  static start(plan: TpsDocPlan): ImportWorker | null {
    let api: string;
    try {
      // tsx's CommonJS hook: in a worker it starts in a third of the time of its ESM loader (no loader thread).
      api = createRequire(import.meta.url).resolve('tsx/cjs/api');
    } catch {
      return null;
    }
    const entry = fileURLToPath(new URL('./import-worker-thread.ts', import.meta.url));
    const boot = `const { register } = require(${JSON.stringify(api)}); register(); require(${JSON.stringify(entry)});`;
    try {
      return new ImportWorker(new Worker(boot, { eval: true, workerData: { plan }, execArgv: [] }));
    } catch {
      return null;
    }
  }

  private async next(): Promise<ThreadMessage | null> {
    while (!this.queue.length) {
      if (this.failed) return null;
      // Waiting on the worker keeps the process alive (it is unref'd otherwise, so an idle one never holds it open).
      this.worker.ref();
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
      this.worker.unref();
    }
    return this.queue.shift()!;
  }

  /** Whether the worker has nothing to do (and has not failed). */
  get idle(): boolean {
    return !this.failed && this.pending === 0;
  }

  /**
   * Posts a job. The worker runs jobs in the order posted and answers in that order, so a job reads its answers once
   * every job before it has read its own: `ready` says when, `done` ends the turn.
   */
  private post(message: unknown): { ready: Promise<void>; done: () => void } {
    const ready = this.tail;
    let done!: () => void;
    this.tail = new Promise<void>((resolve) => (done = resolve));
    this.pending++;
    this.worker.postMessage(message);
    let ended = false;
    return {
      ready,
      done: () => {
        if (ended) return;
        ended = true;
        this.pending--;
        done();
      },
    };
  }

  /**
   * Parses a part of a wide CSV; yields its batches in file order. Throws the part's first error as the importing
   * thread would have; throws a plain Error when the worker died (the import then fails, nothing is published).
   */
  async *parse(job: ParseJob, layout: FormLayout, onProgress?: (done: number) => void): AsyncGenerator<FormBatch> {
    const turn = this.post({ parse: job });
    // Read to its end (the last batch, or the error) unless the caller stops early: then the batches still coming would
    // be read as the next job's answers, so the worker is stopped instead.
    let ended = false;
    try {
      await turn.ready;
      for (;;) {
        const m = await this.next();
        if (!m) throw new Error('the import worker thread stopped while parsing');
        if ('batch' in m) {
          onProgress?.(m.done);
          yield batchOfParts(layout, m.batch);
        } else if ('parsed' in m) {
          ended = true;
          this.answered++;
          return;
        } else if ('parseError' in m) {
          ended = true;
          const e = m.parseError;
          throw e.code ? new KotakError(e.code, e.message, { fields: e.fields as never, detail: e.detail }) : new Error(e.message);
        }
      }
    } finally {
      if (!ended) this.stop();
      turn.done();
    }
  }

  /** SHA-256 (hex) of the bytes, hashed on the worker once its earlier jobs are done; null when the worker failed. */
  sha256(bytes: Buffer): Promise<string | null> {
    if (this.failed || !(bytes.buffer instanceof SharedArrayBuffer)) return Promise.resolve(null);
    const turn = this.post({ hash: { file: bytes.buffer, offset: bytes.byteOffset, length: bytes.length } });
    return turn.ready
      .then(() => this.next())
      .then((m) => (m && 'sha256' in m ? (this.answered++, m.sha256) : null))
      .finally(turn.done);
  }

  /**
   * Reads each row's earliest source time, then hashes the rows' desa chunks (rows of a first import: every line at
   * version 1), while the importing thread stores other things. Null when their data do not all lie in one
   * SharedArrayBuffer or the worker failed: the caller then does both itself.
   */
  rows(rows: readonly DesaState[], ref: TreeFileRef, source: { votes: number; floorMs: number }, hash?: Buffer): RowsWork | null {
    if (this.failed) return null;
    const first = rows[0]?.data;
    if (!first || typeof first === 'string' || !(first.buffer instanceof SharedArrayBuffer)) return null;
    const body = first.buffer;
    const n = rows.length;
    const shared = hash && hash.buffer instanceof SharedArrayBuffer ? { file: hash.buffer, offset: hash.byteOffset, length: hash.length } : null;
    const job: TreeJob = { body, desa: new Array<string>(n), starts: new Int32Array(n), ends: new Int32Array(n), counts: new Int32Array(n), ref, ...source, hash: shared };
    for (let i = 0; i < n; i++) {
      const d = rows[i]!.data;
      if (typeof d === 'string' || d.buffer !== body) return null;
      job.desa[i] = rows[i]!.desaCode;
      job.starts[i] = d.byteOffset;
      job.ends[i] = d.byteOffset + d.length;
      job.counts[i] = rows[i]!.count;
    }
    const turn = this.post({ tree: job });
    const firstSourceMs = turn.ready.then(() => this.next()).then((m) => (m && 'sourceMs' in m ? m.sourceMs : null));
    const sha256 = firstSourceMs.then(async (ms) => {
      const m = ms && shared ? await this.next() : null;
      return m && 'sha256' in m ? m.sha256 : null;
    });
    const tree = Promise.all([firstSourceMs, sha256])
      .then(async ([ms, h]) => {
        const m = ms && (h || !shared) ? await this.next() : null;
        if (!m || !('tree' in m)) return null;
        this.answered++;
        return m.tree;
      })
      .finally(turn.done);
    return { firstSourceMs, sha256, tree };
  }

  /** Ends the worker. */
  stop(): void {
    this.failed = true;
    void this.worker.terminate();
  }
}
