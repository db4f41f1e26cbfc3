/**
 * WAL checkpoints of large transactions, off the event loop. SQLite in WAL mode copies committed pages from the WAL
 * into the database file in a checkpoint, which by default runs inside the COMMIT that pushes the WAL past 1,000 pages
 * (https://www.sqlite.org/wal.html#automatic_checkpoint). For a national results import that is ~100 MB copied
 * while the importer — and with better-sqlite3 the whole server — waits (measured ~0.4 s).
 *
 * `deferred(fn)` turns the connection's automatic checkpoint off while `fn` runs and, once it ends, asks a worker
 * thread with a connection of its own to run a PASSIVE checkpoint, which blocks neither readers nor writers
 * (https://www.sqlite.org/c3ref/wal_checkpoint_v2.html). Durability is unchanged: a committed transaction is in the
 * WAL either way. When no worker can start, the checkpoint runs on the connection itself, as before.
 *
 * @example
 *   await checkpointer.deferred(() => withTransaction(ctx, importEverything));
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/** SQLite's default wal_autocheckpoint, in pages. */
const DEFAULT_AUTOCHECKPOINT = 1000;

/** Result of `PRAGMA wal_checkpoint`: busy flag, frames in the WAL, frames checkpointed. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
  /** Where it ran: the worker, or the connection itself when no worker could start. */
  on: 'worker' | 'connection';
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
parentPort.on('message', () => {
  let result = null;
  try {
    const r = db.pragma('wal_checkpoint(PASSIVE)')[0];
    result = { busy: r.busy, log: r.log, checkpointed: r.checkpointed, on: 'worker' };
  } catch (e) {
    result = { error: String(e && e.message || e) };
  }
  parentPort.postMessage(result);
});
`;

export class WalCheckpointer {
  private active = 0;
  private worker: Worker | null = null;
  private failed = false;
  /** Resolves when the checkpoint asked for last has run. */
  private pending: Promise<CheckpointResult | null> = Promise.resolve(null);
  private closed = false;

  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly file: string,
  ) {}

  /** Runs `fn` with automatic checkpoints off, then checkpoints on the worker. Calls may overlap. */
  async deferred<T>(fn: () => Promise<T>): Promise<T> {
    if (this.file === ':memory:' || this.closed) return fn();
    if (this.active++ === 0) this.sqlite.pragma('wal_autocheckpoint = 0');
    try {
      return await fn();
    } finally {
      if (--this.active === 0) {
        this.sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
        this.pending = this.checkpoint();
      }
    }
  }

  /** The outcome of the latest deferred checkpoint (null when none ran or it failed). */
  idle(): Promise<CheckpointResult | null> {
    return this.pending;
  }

  private checkpoint(): Promise<CheckpointResult | null> {
    const w = this.start();
    if (!w) {
      const r = (this.sqlite.pragma('wal_checkpoint(PASSIVE)') as Omit<CheckpointResult, 'on'>[])[0];
      return Promise.resolve(r ? { ...r, on: 'connection' } : null);
    }
    return new Promise((resolve) => {
      const done = (m: (CheckpointResult & { error?: string }) | null) => {
        w.off('error', fail);
        w.off('exit', fail);
        resolve(m && !m.error ? m : null);
      };
      const fail = () => {
        this.failed = true;
        this.worker = null;
        w.off('message', done);
        resolve(null);
      };
      w.once('message', done);
      w.once('error', fail);
      w.once('exit', fail);
      w.postMessage('checkpoint');
    });
  }

  private start(): Worker | null {
    if (this.worker || this.failed) return this.worker;
    try {
      const driver = createRequire(import.meta.url).resolve('better-sqlite3');
      this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file: this.file }, execArgv: [] });
      this.worker.unref();
    } catch {
      this.failed = true;
    }
    return this.worker;
  }

  /** Waits for a running checkpoint and ends the worker. */
  async close(): Promise<void> {
    this.closed = true;
    await this.pending;
    await this.worker?.terminate();
    this.worker = null;
  }
}
