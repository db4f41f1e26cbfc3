/**
 * The normalised CSV body of an import written straight into one Buffer, desa by desa, in TPS order. A national file
 * has 823,220 lines: built as JS strings, each line is a rope of ~30 pieces and the lines alone took 1.7 GB and 2 s
 * (measured); written as bytes they take the size of the file. The stored desa rows are slices of this buffer and the
 * published normalised CSV is the header plus the buffer itself, so all three are the same text by construction.
 *
 * The text equals `lineOf` (lines.ts) for every form; test/results/lines.test.ts holds them to it.
 */
import { isAscii } from 'node:buffer';
import { desaNumber, type FormBatch } from './batch.js';
import { csvField } from './export/csv.js';
import { ByteWriter } from './bytes.js';
import type { ProcessedBatch } from './pipeline.js';

export interface DesaSpan {
  /** 10-digit desa code (first 10 digits of its TPS codes). */
  code: string;
  /** First TPS code in the span. */
  firstTps: string;
  start: number;
  /** Offset after the span's last line break. */
  end: number;
  count: number;
}

export interface Body {
  buf: Buffer;
  length: number;
  /** True when every byte is ASCII (then latin1 decoding equals UTF-8 and is faster). */
  ascii: boolean;
  desa: DesaSpan[];
  /** The body is the source file's own bytes after its header (so the normalised CSV is that file). */
  verbatim: boolean;
}

const COMMA = 44;
const LF = 10;

/** Kept forms in TPS order: a [batch, index] list, sorted only when the file was not. */
function order(batches: ProcessedBatch[]): { b: Int32Array; i: Int32Array } {
  let n = 0;
  let sorted = true;
  let last = -1;
  for (const pb of batches) {
    for (let i = 0; i < pb.batch.length; i++) {
      if (!pb.kept[i]) continue;
      const c = pb.batch.codes[i]!;
      if (c <= last) sorted = false;
      last = c;
      n++;
    }
  }
  const bs = new Int32Array(n);
  const is = new Int32Array(n);
  let k = 0;
  batches.forEach((pb, bi) => {
    for (let i = 0; i < pb.batch.length; i++) {
      if (!pb.kept[i]) continue;
      bs[k] = bi;
      is[k++] = i;
    }
  });
  if (sorted) return { b: bs, i: is };
  const idx = Array.from({ length: n }, (_, j) => j);
  const code = (j: number) => batches[bs[j]!]!.batch.codes[is[j]!]!;
  idx.sort((x, y) => code(x) - code(y));
  return { b: Int32Array.from(idx, (j) => bs[j]!), i: Int32Array.from(idx, (j) => is[j]!) };
}

/**
 * When every kept form came verbatim from one file in TPS order (FormBatch.verbatim), the body is that file's bytes
 * (`file`, the whole file as read) after the header: nothing to write, and the spans come from the line offsets the
 * reader kept.
 */
function verbatimBody(batches: ProcessedBatch[], file: Buffer): Body | null {
  let first = -1;
  let last = -1;
  for (const pb of batches) {
    if (!pb.batch.verbatim) return null;
    for (let i = 0; i < pb.batch.length; i++) {
      if (!pb.kept[i]) return null;
      const c = pb.batch.codes[i]!;
      if (c <= last) return null;
      last = c;
    }
    if (first < 0 && pb.batch.length) first = pb.batch.verbatim.starts[0]!;
  }
  if (first < 0) return null;
  const buf = file;
  if (buf[buf.length - 1] !== LF) return null;
  const desa: DesaSpan[] = [];
  let current: DesaSpan | null = null;
  let curDesa = -1;
  for (const pb of batches) {
    const b = pb.batch;
    const starts = b.verbatim!.starts;
    for (let i = 0; i < b.length; i++) {
      const d = desaNumber(b.codes[i]!);
      const at = starts[i]! - first;
      if (d !== curDesa) {
        if (current) {
          current.end = at;
          desa.push(current);
        }
        curDesa = d;
        current = { code: String(d).padStart(10, '0'), firstTps: b.tps(i), start: at, end: 0, count: 0 };
      }
      current!.count++;
    }
  }
  const body = buf.subarray(first);
  current!.end = body.length;
  desa.push(current!);
  return { buf: body, length: body.length, ascii: isAscii(body), desa, verbatim: true };
}

/**
 * @example
 *   const body = bodyOf(result.batches);
 *   body.buf.toString('utf8', body.desa[0].start, body.desa[0].end); // the first desa's lines
 */
export function bodyOf(batches: ProcessedBatch[], file?: Buffer): Body {
  if (file) {
    const v = verbatimBody(batches, file);
    if (v) return v;
  }
  const ord = order(batches);
  const n = ord.b.length;
  const w = new ByteWriter(n * 96);
  const desa: DesaSpan[] = [];
  let current: DesaSpan | null = null;
  let curDesa = -1;
  let lastTs: string | null | undefined;
  let lastTsStart = 0;
  let lastTsLen = 0;
  for (let k = 0; k < n; k++) {
    const b: FormBatch = batches[ord.b[k]!]!.batch;
    const i = ord.i[k]!;
    const L = b.layout;
    const code = b.codes[i]!;
    const d = desaNumber(code);
    if (d !== curDesa) {
      if (current) {
        current.end = w.pos;
        desa.push(current);
      }
      curDesa = d;
      current = { code: String(d).padStart(10, '0'), firstTps: b.tps(i), start: w.pos, end: 0, count: 0 };
    }
    current!.count++;
    w.ensure(64 + L.width * 24);
    // tps_code, desa_code: 13 and 10 digits (a TPS code number has no leading zero to lose; see batch.ts)
    const hi = Math.floor(code / 1e6);
    const start = w.pos;
    w.padded(hi, 7);
    w.padded(code - hi * 1e6, 6);
    w.buf[w.pos++] = COMMA;
    for (let k = 0; k < 10; k++) w.buf[w.pos + k] = w.buf[start + k]!;
    w.pos += 10;
    const v = b.values;
    const o = i * L.width;
    const end = o + L.photos;
    for (let x = o; x < end; x++) {
      w.buf[w.pos++] = COMMA;
      w.value(v[x]!);
    }
    w.buf[w.pos++] = COMMA;
    const ts = b.timestamps[i];
    if (ts !== null && ts !== undefined) {
      if (ts === lastTs) {
        w.ensure(lastTsLen);
        const bb = w.buf;
        for (let k = 0; k < lastTsLen; k++) bb[w.pos + k] = bb[lastTsStart + k]!;
        w.pos += lastTsLen;
      } else {
        const s = w.pos;
        w.text(csvField(ts));
        lastTs = ts;
        lastTsStart = s;
        lastTsLen = w.pos - s;
      }
    }
    w.ensure(32);
    w.buf[w.pos++] = COMMA;
    w.value(v[end]!);
    w.buf[w.pos++] = LF;
  }
  if (current) {
    current.end = w.pos;
    desa.push(current);
  }
  return { buf: w.buf, length: w.pos, ascii: w.ascii, desa, verbatim: false };
}

/** The lines of one desa span, without the final line break. */
export function spanText(body: Body, s: DesaSpan): string {
  return body.ascii ? (body.buf as Buffer & { latin1Slice(a: number, b: number): string }).latin1Slice(s.start, s.end - 1) : body.buf.toString('utf8', s.start, s.end - 1);
}
