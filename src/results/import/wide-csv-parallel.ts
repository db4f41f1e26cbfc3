/**
 * A large wide CSV parsed by two threads (src/results/import-worker.ts): the file, held in a SharedArrayBuffer, is cut
 * at the line break nearest its middle; the worker parses the part after the cut while this thread parses the part
 * before it, and the batches come out in file order with the row numbers, line offsets and errors one thread gives.
 *
 * The cut is safe only where a line break is a record break: a file with any quote character (a quoted field may hold
 * a line break) is read by one thread, as is a file too small to repay the hand-over.
 */
import type { FormBatch, FormLayout } from '../batch.js';
import type { Contest } from '../contest.js';
import type { ImportWorker } from '../import-worker.js';
import type { WidePlan } from './wide.js';
import { readWideCsvBuffer } from './wide-csv.js';

const LF = 0x0a;
const QUOTE = 0x22;
/** Below this the worker's hand-over costs more than half a parse. */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;
/**
 * The worker's share of the file. This thread also checks, places and totals every batch (pipeline.ts) and sets up
 * the recapitulation on the first, while the worker only parses (after booting, ~0.3 s). Measured on the national
 * file: at 0.45 this thread was still parsing long after the worker was done; at 0.8 it waited up to ~0.2 s for the
 * worker's last batches; at 0.75, at most ~0.1 s and mostly not at all.
 */
const WORKER_SHARE = 0.75;

/** Where to cut `buf` after `pos`: just after a line break, or -1 when it must be read by one thread. */
export function cutPoint(buf: Buffer, pos: number, share = WORKER_SHARE): number {
  if (buf.length - pos < 2) return -1;
  if (buf.indexOf(QUOTE, pos) >= 0) return -1;
  const nl = buf.indexOf(LF, pos + Math.floor((buf.length - pos) * (1 - share)));
  return nl < 0 || nl + 1 >= buf.length ? -1 : nl + 1;
}

/** Line breaks in `buf[from, to)`: the rows the first part reads (the reader counts one row per line break). */
function lineBreaks(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let at = buf.indexOf(LF, from); at >= 0 && at < to; at = buf.indexOf(LF, at + 1)) n++;
  return n;
}

/**
 * Reads the data lines of a wide CSV held whole in memory, from `first.pos`, on two threads when it can (see above),
 * else on this one as readWideCsvBuffer does.
 */
export async function* readWideCsvParallel(
  buf: Buffer,
  plan: WidePlan,
  contest: Contest,
  layout: FormLayout,
  first: { pos: number; row: number },
  delim: number,
  canonical: boolean,
  worker: ImportWorker | null | undefined,
  onProgress?: (done: number, total: number) => void,
  minBytes = PARALLEL_MIN_BYTES,
): AsyncGenerator<FormBatch> {
  const cut = worker?.idle && buf.buffer instanceof SharedArrayBuffer && buf.byteOffset === 0 && buf.length >= minBytes ? cutPoint(buf, first.pos) : -1;
  const own = cut < 0 ? buf : buf.subarray(0, cut);
  // The worker's part starts now, beside this thread's.
  const rest = cut < 0 ? null : worker!.parse({ file: buf.buffer as SharedArrayBuffer, plan, contest, pos: cut, row: first.row + lineBreaks(buf, first.pos, cut), delim, canonical }, layout, (done) => onProgress?.(done, buf.length));
  // Asked for before this thread's loop, so the job goes out now.
  const pending = rest?.next();
  pending?.catch(() => {});
  let complete = false;
  try {
    for (const batch of readWideCsvBuffer(own, plan, contest, layout, first, delim, canonical, (done) => onProgress?.(done, buf.length))) {
      yield batch;
      // Parsing from memory never waits for I/O: let the event loop run between batches (the raw file is being
      // written to the blob store meanwhile, and a server has requests to answer).
      await new Promise(setImmediate);
    }
    if (rest) for (let r = await pending!; !r.done; r = await rest.next()) yield r.value;
    complete = true;
  } finally {
    // An error in this thread's part (or a consumer that stopped early) ends the worker's part too.
    if (rest && !complete) worker!.stop();
  }
}
