/**
 * The fast path for wide CSV, the format of national bulk files. One pass over each line's bytes both splits the
 * fields and parses the counts into the form batch, with no string made for a number. Any line it does not
 * understand at once — a quote, a sign, a fraction, a space, a bad TPS code, the wrong number of fields — is read
 * again by the general RFC 4180 reader and the wide mapper, which either accept it or raise the precise error, so the
 * fast path changes speed, never results.
 */
import { FormBatch, type FormLayout } from '../batch.js';
import type { Contest } from '../contest.js';
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

/**
 * Reads the data lines of a wide CSV (the header already consumed up to `start` of the first buffer).
 *
 * @example
 *   for await (const batch of readWideCsv(stream, plan, contest, layout, headerEnd, 44)) …
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
  const ncols = plan.header.length;
  const kind = new Uint8Array(ncols).fill(SKIP);
  const target = new Int32Array(ncols).fill(-1);
  plan.votes.forEach((c, k) => {
    if (c >= 0) {
      kind[c] = NUM;
      target[c] = k;
    }
  });
  plan.admin.forEach((c, k) => {
    if (c >= 0) {
      kind[c] = NUM;
      target[c] = layout.admin + k;
    }
  });
  if (plan.photos >= 0) {
    kind[plan.photos] = NUM;
    target[plan.photos] = layout.photos;
  }
  for (const c of [plan.tps, plan.desa, plan.timestamp]) if (c >= 0) kind[c] = TEXT;
  const tsStart = new Int32Array(ncols);
  const tsEnd = new Int32Array(ncols);
  const W = layout.width;
  const slowMap = wideMapper(plan, contest);
  const rec = new CsvRecord();
  const tpsCol = plan.tps;
  const desaCol = plan.desa;
  const tsCol = plan.timestamp;

  // Verbatim tracking (see FormBatch.verbatim): a line is verbatim when the fast path took it, it ends in LF alone,
  // its desa code is given and no count has a leading zero — then re-writing it would give the same bytes.
  let starts = canonicalHeader ? new Float64Array(16384) : null;
  let verbatim = canonicalHeader;
  let lineCanonical = true;
  let bufBase = 0;
  const newBatch = () => {
    const b = new FormBatch(layout, 16384);
    if (canonicalHeader) starts = new Float64Array(16384);
    verbatim = canonicalHeader;
    return b;
  };
  const close = (b: FormBatch) => {
    if (verbatim && starts && b.length) b.verbatim = { starts: starts.subarray(0, b.length) };
    return b;
  };
  let batch = newBatch();
  // Sirekap stamps many forms with the same time; reuse the last string when the bytes repeat.
  let prevTs: Buffer = Buffer.alloc(0);
  let prevTsText: string | null = null;
  const timestamp = (buf: Buffer, s: number, e: number): string | null => {
    const n = e - s;
    if (n === prevTs.length) {
      let same = true;
      for (let k = 0; k < n; k++) {
        if (buf[s + k] !== prevTs[k]) {
          same = false;
          break;
        }
      }
      if (same) return prevTsText;
    }
    prevTs = Buffer.from(buf.subarray(s, e));
    prevTsText = (buf as FastBuffer).utf8Slice(s, e).trim() || null;
    return prevTsText;
  };
  let row = first.row;

  /** Parses [s, e) into the next slot; false = let the general reader handle the line. */
  const fast = (buf: Buffer, s: number, e: number): boolean => {
    const idx = batch.reserve();
    const vals = batch.values;
    const base = idx * W;
    for (let k = 0; k < W; k++) vals[base + k] = NaN;
    let f = 0;
    let p = s;
    for (;;) {
      if (f >= ncols) return false;
      const kd = kind[f];
      if (kd === NUM) {
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
          if (buf[from] === 48 && p - from > 1) lineCanonical = false;
        }
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
    const ts0 = tsStart[tpsCol]!;
    if (tsEnd[tpsCol]! - ts0 !== 13) return false;
    let code = 0;
    for (let k = ts0; k < ts0 + 13; k++) {
      const d = buf[k]! - 48;
      if (d < 0 || d > 9) return false;
      code = code * 10 + d;
    }
    if (desaCol >= 0) {
      const d0 = tsStart[desaCol]!;
      const dl = tsEnd[desaCol]! - d0;
      if (dl !== 0) {
        if (dl !== 10) return false;
        for (let k = 0; k < 10; k++) if (buf[d0 + k] !== buf[ts0 + k]) return false;
      } else lineCanonical = false;
    }
    let ts: string | null = null;
    if (tsCol >= 0 && tsEnd[tsCol]! > tsStart[tsCol]!) {
      const a = tsStart[tsCol]!;
      const z = tsEnd[tsCol]! - 1;
      if (buf[a] === 32 || buf[a] === 9 || buf[z] === 32 || buf[z] === 9) lineCanonical = false; // the stored text is trimmed
      ts = timestamp(buf, a, z + 1);
    }
    const idx2 = batch.add(row, code, ts);
    if (starts) {
      if (idx2 >= starts.length) {
        const g = new Float64Array(starts.length * 2);
        g.set(starts);
        starts = g;
      }
      starts[idx2] = bufBase + s;
    }
    return true;
  };

  /** General reader for one record at pos; returns the end, or -1 when the record needs more data. */
  const slow = (buf: Buffer, pos: number, final: boolean): number => {
    rec.row = row;
    const end = scanRecord(rec, buf, pos, final, delim);
    if (end < 0) return -1;
    rec.buf = buf;
    verbatim = false;
    if (rec.n === 1 && rec.starts[0] === rec.ends[0] && rec.quoted[0] === 0) return end;
    batch.push(slowMap(rec));
    return end;
  };

  const run = (buf: Buffer, start: number, final: boolean): number => {
    let pos = start;
    const len = buf.length;
    while (pos < len) {
      const nl = buf.indexOf(LF, pos);
      if (nl < 0) {
        if (!final) return pos;
        row++;
        slow(buf, pos, true);
        return len;
      }
      row++;
      let e = nl;
      if (e > pos && buf[e - 1] === CR) {
        e--;
        verbatim = false;
      }
      if (e === pos) {
        verbatim = false;
        pos = nl + 1;
        continue;
      }
      lineCanonical = true;
      if (fast(buf, pos, e)) {
        if (!lineCanonical) verbatim = false;
        pos = nl + 1;
        continue;
      }
      const end = slow(buf, pos, final);
      if (end < 0) {
        row--;
        return pos;
      }
      pos = end;
    }
    return pos;
  };

  let pending: Buffer | null = null;
  const pos0 = run(first.buf, first.pos, false);
  if (pos0 < first.buf.length) pending = first.buf.subarray(pos0);
  bufBase = pos0;
  if (batch.length) {
    yield close(batch);
    batch = newBatch();
  }
  for await (const chunk of input) {
    const buf: Buffer = pending && pending.length ? Buffer.concat([pending, chunk]) : chunk;
    const pos = run(buf, 0, false);
    pending = pos < buf.length ? buf.subarray(pos) : null;
    bufBase += pos;
    if (batch.length >= 8192) {
      yield close(batch);
      batch = newBatch();
    }
  }
  if (pending && pending.length) {
    // a last line without its line break: re-writing it would add one
    run(pending, 0, true);
    verbatim = false;
  }
  if (batch.length) yield close(batch);
}
