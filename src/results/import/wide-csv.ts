/**
 * The fast path for wide CSV, the format of national bulk files. One pass over each line's bytes both splits the
 * fields and parses the counts into the form batch, with no string made for a number. Any line it does not
 * understand at once — a quote, a sign, a fraction, a space, a bad TPS code, the wrong number of fields — is read
 * again by the general RFC 4180 reader and the wide mapper, which either accept it or raise the precise error, so the
 * fast path changes speed, never results.
 *
 * The parser is a class rather than closures inside the generator: its state then lives in fields V8 can keep in
 * registers, not in the generator's heap context (measured ~1.3× faster on the national file).
 */
import { FormBatch, type FormLayout } from '../batch.js';
import type { Contest } from '../contest.js';
import type { TpsForm } from '../types.js';
import { CsvRecord, scanRecord } from './csv-bytes.js';
import type { WidePlan } from './wide.js';
import { wideMapper } from './wide.js';

/** Node's Buffer has these (undocumented in the types): they skip the encoding lookup of `toString`. */
type FastBuffer = Buffer & { utf8Slice(s: number, e: number): string };

const NUM = 0;
const TEXT = 1;
const SKIP = 2;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const BATCH = 16384;

class WideParser {
  readonly ncols: number;
  readonly kind: Uint8Array;
  readonly target: Int32Array;
  readonly tsStart: Int32Array;
  readonly tsEnd: Int32Array;
  /** Value offsets (in a form) that no column fills: set to NaN per form. */
  readonly absent: Int32Array;
  readonly W: number;
  readonly tpsCol: number;
  readonly desaCol: number;
  readonly tsCol: number;
  readonly slowMap: (cells: CsvRecord) => TpsForm;
  readonly rec = new CsvRecord();
  batch: FormBatch;
  row: number;
  /** Verbatim tracking (FormBatch.verbatim). */
  starts: Float64Array | null;
  verbatim: boolean;
  lineCanonical = true;
  bufBase = 0;
  prevTs: Buffer = Buffer.alloc(0);
  prevTsText: string | null = null;

  constructor(
    plan: WidePlan,
    contest: Contest,
    readonly layout: FormLayout,
    readonly delim: number,
    readonly canonicalHeader: boolean,
    row: number,
  ) {
    const ncols = plan.header.length;
    this.ncols = ncols;
    this.kind = new Uint8Array(ncols).fill(SKIP);
    this.target = new Int32Array(ncols).fill(-1);
    const filled = new Set<number>();
    const num = (c: number, t: number) => {
      if (c < 0) return;
      this.kind[c] = NUM;
      this.target[c] = t;
      filled.add(t);
    };
    plan.votes.forEach((c, k) => num(c, k));
    plan.admin.forEach((c, k) => num(c, layout.admin + k));
    num(plan.photos, layout.photos);
    for (const c of [plan.tps, plan.desa, plan.timestamp]) if (c >= 0) this.kind[c] = TEXT;
    this.absent = Int32Array.from([...Array(layout.width).keys()].filter((k) => !filled.has(k)));
    this.tsStart = new Int32Array(ncols);
    this.tsEnd = new Int32Array(ncols);
    this.W = layout.width;
    this.tpsCol = plan.tps;
    this.desaCol = plan.desa;
    this.tsCol = plan.timestamp;
    this.slowMap = wideMapper(plan, contest);
    this.row = row;
    this.starts = canonicalHeader ? new Float64Array(BATCH) : null;
    this.verbatim = canonicalHeader;
    this.batch = new FormBatch(layout, BATCH);
  }

  /** Hands over the current batch and starts a new one. */
  take(): FormBatch {
    const b = this.batch;
    if (this.verbatim && this.starts && b.length) b.verbatim = { starts: this.starts.subarray(0, b.length) };
    this.batch = new FormBatch(this.layout, BATCH);
    this.starts = this.canonicalHeader ? new Float64Array(BATCH) : null;
    this.verbatim = this.canonicalHeader;
    return b;
  }

  timestamp(buf: Buffer, s: number, e: number): string | null {
    // Sirekap stamps many forms with the same time; reuse the last string when the bytes repeat.
    const prev = this.prevTs;
    const n = e - s;
    if (n === prev.length) {
      let k = 0;
      while (k < n && buf[s + k] === prev[k]) k++;
      if (k === n) return this.prevTsText;
    }
    this.prevTs = Buffer.from(buf.subarray(s, e));
    this.prevTsText = (buf as FastBuffer).utf8Slice(s, e).trim() || null;
    return this.prevTsText;
  }

  /** Parses [s, e) into the next slot; false = let the general reader handle the line. */
  fast(buf: Buffer, s: number, e: number): boolean {
    const batch = this.batch;
    const idx = batch.reserve();
    const vals = batch.values;
    const base = idx * this.W;
    const absent = this.absent;
    for (let k = 0; k < absent.length; k++) vals[base + absent[k]!] = NaN;
    const kind = this.kind;
    const target = this.target;
    const tsStart = this.tsStart;
    const tsEnd = this.tsEnd;
    const ncols = this.ncols;
    const delim = this.delim;
    let canonical = true;
    let f = 0;
    let p = s;
    for (;;) {
      if (f >= ncols) return false;
      if (kind[f] === NUM) {
        let v = 0;
        const from = p;
        while (p < e) {
          const c = buf[p]!;
          if (c === delim) break;
          const d = c - 48;
          if (d < 0 || d > 9) return false;
          v = v * 10 + d;
          p++;
        }
        if (p > from) {
          vals[base + target[f]!] = v;
          if (buf[from] === 48 && p - from > 1) canonical = false;
        } else vals[base + target[f]!] = NaN;
      } else {
        const from = p;
        while (p < e) {
          const c = buf[p];
          if (c === delim) break;
          if (c === QUOTE) return false;
          p++;
        }
        tsStart[f] = from;
        tsEnd[f] = p;
      }
      f++;
      if (p >= e) break;
      p++;
    }
    if (f !== ncols) return false;
    const ts0 = tsStart[this.tpsCol]!;
    if (tsEnd[this.tpsCol]! - ts0 !== 13) return false;
    let code = 0;
    for (let k = ts0; k < ts0 + 13; k++) {
      const d = buf[k]! - 48;
      if (d < 0 || d > 9) return false;
      code = code * 10 + d;
    }
    const desaCol = this.desaCol;
    if (desaCol >= 0) {
      const d0 = tsStart[desaCol]!;
      const dl = tsEnd[desaCol]! - d0;
      if (dl !== 0) {
        if (dl !== 10) return false;
        for (let k = 0; k < 10; k++) if (buf[d0 + k] !== buf[ts0 + k]) return false;
      } else canonical = false;
    }
    let ts: string | null = null;
    const tsCol = this.tsCol;
    if (tsCol >= 0 && tsEnd[tsCol]! > tsStart[tsCol]!) {
      const a = tsStart[tsCol]!;
      const z = tsEnd[tsCol]! - 1;
      if (buf[a] === 32 || buf[a] === 9 || buf[z] === 32 || buf[z] === 9) canonical = false; // the stored text is trimmed
      ts = this.timestamp(buf, a, z + 1);
    }
    const i = batch.add(this.row, code, ts);
    const starts = this.starts;
    if (starts) {
      if (i >= starts.length) {
        const g = new Float64Array(starts.length * 2);
        g.set(starts);
        this.starts = g;
      }
      this.starts![i] = this.bufBase + s;
    }
    if (!canonical) this.verbatim = false;
    return true;
  }

  /** General reader for one record at pos; returns the end, or -1 when the record needs more data. */
  slow(buf: Buffer, pos: number, final: boolean): number {
    const rec = this.rec;
    rec.row = this.row;
    const end = scanRecord(rec, buf, pos, final, this.delim);
    if (end < 0) return -1;
    rec.buf = buf;
    this.verbatim = false;
    if (rec.n === 1 && rec.starts[0] === rec.ends[0] && rec.quoted[0] === 0) return end;
    this.batch.push(this.slowMap(rec));
    return end;
  }

  /** Reads the complete lines of `buf` from `start`; returns where the unread rest begins. */
  run(buf: Buffer, start: number, final: boolean): number {
    let pos = start;
    const len = buf.length;
    while (pos < len) {
      const nl = buf.indexOf(LF, pos);
      if (nl < 0) {
        if (!final) return pos;
        this.row++;
        this.slow(buf, pos, true);
        return len;
      }
      this.row++;
      let e = nl;
      if (e > pos && buf[e - 1] === CR) {
        e--;
        this.verbatim = false;
      }
      if (e === pos) {
        this.verbatim = false;
        pos = nl + 1;
        continue;
      }
      if (this.fast(buf, pos, e)) {
        pos = nl + 1;
        continue;
      }
      const end = this.slow(buf, pos, final);
      if (end < 0) {
        this.row--;
        return pos;
      }
      pos = end;
    }
    return pos;
  }
}

/**
 * Reads the data lines of a wide CSV (the header already consumed up to `first.pos` of the first buffer).
 *
 * @example
 *   for await (const batch of readWideCsv(stream, plan, contest, layout, { buf, pos, row: 1 }, 44)) …
 */
export async function* readWideCsv(
  input: AsyncIterable<Buffer>,
  plan: WidePlan,
  contest: Contest,
  layout: FormLayout,
  first: { buf: Buffer; pos: number; row: number },
  delim: number,
  /** The header line is exactly the normalised header (then verbatim batches are possible). */
  canonicalHeader = false,
): AsyncGenerator<FormBatch> {
  const p = new WideParser(plan, contest, layout, delim, canonicalHeader, first.row);
  let pending: Buffer | null = null;
  const pos0 = p.run(first.buf, first.pos, false);
  if (pos0 < first.buf.length) pending = first.buf.subarray(pos0);
  p.bufBase = pos0;
  if (p.batch.length) yield p.take();
  for await (const chunk of input) {
    const buf: Buffer = pending && pending.length ? Buffer.concat([pending, chunk]) : chunk;
    const pos = p.run(buf, 0, false);
    pending = pos < buf.length ? buf.subarray(pos) : null;
    p.bufBase += pos;
    if (p.batch.length >= 8192) yield p.take();
  }
  if (pending && pending.length) {
    // a last line without its line break: re-writing it would add one
    p.run(pending, 0, true);
    p.verbatim = false;
  }
  if (p.batch.length) yield p.take();
}

/** Bytes handed to the parser per step when the whole file is in memory (a batch's worth of lines, roughly). */
const STEP = 1 << 20;

/**
 * Reads the data lines of a wide CSV held whole in memory, from `first.pos`. The parser sees growing views of the one
 * buffer that end at a line break, so nothing is copied and line offsets are offsets in the file.
 *
 * @example
 *   for await (const batch of readWideCsvBuffer(bytes, plan, contest, layout, { pos, row: 1 }, 44)) …
 */
export function* readWideCsvBuffer(
  buf: Buffer,
  plan: WidePlan,
  contest: Contest,
  layout: FormLayout,
  first: { pos: number; row: number },
  delim: number,
  canonicalHeader = false,
  onProgress?: (done: number, total: number) => void,
): Generator<FormBatch> {
  const p = new WideParser(plan, contest, layout, delim, canonicalHeader, first.row);
  const len = buf.length;
  let pos = first.pos;
  let reach = pos;
  while (pos < len) {
    // A record the parser could not finish (a quoted field across the cut) is read again with a longer view.
    reach = Math.max(reach, pos) + STEP;
    const nl = reach >= len ? -1 : buf.indexOf(LF, reach);
    const cut = nl < 0 ? len : nl + 1;
    reach = cut;
    const final = cut === len;
    // On the final view `run` reads to the end, a last line without its line break included.
    pos = final ? (p.run(buf, pos, true), len) : p.run(buf.subarray(0, cut), pos, false);
    onProgress?.(pos, len);
    if (p.batch.length >= 8192) yield p.take();
  }
  // a last line without its line break: re-writing it would add one
  if (len > 0 && buf[len - 1] !== LF) p.verbatim = false;
  if (p.batch.length) yield p.take();
}
