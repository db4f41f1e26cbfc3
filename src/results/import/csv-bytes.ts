/**
 * A CSV reader over raw Buffers, written for speed: a national results file has 823,220 rows and the whole import
 * must stay within 3× DuckDB's `read_csv` (issue 3), which a general-purpose parser cannot do. Fields are kept as
 * byte offsets and counts are parsed straight from the bytes, so a numeric cell never becomes a string.
 *
 * It still follows RFC 4180: fields may be quoted, a quoted field may hold the delimiter, a line break or a doubled
 * quote (§2.5–2.7); lines end in CRLF or LF. A leading UTF-8 BOM is dropped. The delimiter is `,` unless the header
 * line has `;` and no `,` (spreadsheets in the Indonesian locale save CSV with `;`).
 */
import { importError } from './import-error.js';
import type { Cells } from './cells.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const MINUS = 45;
const DOT = 46;

/** One record; a single instance is reused for every row, so read it inside the mapper and keep nothing. */
export class CsvRecord implements Cells {
  row = 0;
  /** True when the record ended at end of file without a line break (a truncated last line looks like this). */
  atEof = false;
  buf: Buffer = Buffer.alloc(0);
  n = 0;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** 0 = plain, 1 = quoted, 2 = quoted with doubled quotes inside. */
  quoted = new Uint8Array(64);

  count(): number {
    return this.n;
  }

  set(f: number, s: number, e: number, q: number): void {
    if (f >= this.starts.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      const q2 = new Uint8Array(this.quoted.length * 2);
      q2.set(this.quoted);
      this.quoted = q2;
    }
    this.starts[f] = s;
    this.ends[f] = e;
    this.quoted[f] = q;
  }

  text(i: number): string {
    if (i >= this.n) return '';
    const s = this.buf.toString('utf8', this.starts[i], this.ends[i]);
    const q = this.quoted[i];
    if (q === 2) return s.replaceAll('""', '"');
    return q === 1 ? s : s.trim();
  }

  empty(i: number): boolean {
    if (i >= this.n) return true;
    const b = this.buf;
    for (let k = this.starts[i]!, e = this.ends[i]!; k < e; k++) {
      const c = b[k];
      if (c !== SPACE && c !== TAB) return false;
    }
    return true;
  }

  num(i: number): number | null {
    if (i >= this.n) return null;
    const b = this.buf;
    let k = this.starts[i]!;
    let e = this.ends[i]!;
    while (k < e && (b[k] === SPACE || b[k] === TAB)) k++;
    while (e > k && (b[e - 1] === SPACE || b[e - 1] === TAB)) e--;
    if (k === e) return null;
    let neg = false;
    if (b[k] === MINUS) {
      neg = true;
      k++;
      if (k === e) return NaN;
    }
    let v = 0;
    for (; k < e; k++) {
      const d = b[k]! - 48;
      if (d >= 0 && d <= 9) {
        v = v * 10 + d;
      } else if (b[k] === DOT && k + 1 < e) {
        // A fraction is a number (the counts_nonnegative_integer check flags it), not text.
        let scale = 0.1;
        for (k++; k < e; k++) {
          const f = b[k]! - 48;
          if (f < 0 || f > 9) return NaN;
          v += f * scale;
          scale /= 10;
        }
        break;
      } else {
        return NaN;
      }
    }
    return neg ? -v : v;
  }
}

/**
 * Scans one record starting at `pos`. Returns the offset after its line break, or -1 when the buffer ends first and
 * more data may come (`final` false).
 */
export function scanRecord(rec: CsvRecord, buf: Buffer, pos: number, final: boolean, delim: number): number {
  const len = buf.length;
  let f = 0;
  let i = pos;
  let fs = pos;
  rec.atEof = false;
  for (;;) {
    if (i >= len) {
      if (!final) return -1;
      rec.set(f++, fs, i, 0);
      rec.n = f;
      rec.atEof = true;
      return len;
    }
    const c = buf[i];
    if (c === delim) {
      rec.set(f++, fs, i, 0);
      fs = ++i;
      continue;
    }
    if (c === LF) {
      rec.set(f++, fs, i > fs && buf[i - 1] === CR ? i - 1 : i, 0);
      rec.n = f;
      return i + 1;
    }
    if (c === QUOTE && i === fs) {
      let j = i + 1;
      let esc = 0;
      for (;;) {
        j = buf.indexOf(QUOTE, j);
        if (j < 0) {
          if (!final) return -1;
          throw importError('a quoted field is never closed; the file looks truncated', {
            row: rec.row,
            column: f + 1,
          });
        }
        if (j + 1 >= len) {
          if (!final) return -1;
          break;
        }
        if (buf[j + 1] === QUOTE) {
          esc = 1;
          j += 2;
          continue;
        }
        break;
      }
      rec.set(f++, i + 1, j, 1 + esc);
      i = j + 1;
      if (i >= len) {
        rec.n = f;
        rec.atEof = true;
        return len;
      }
      const d = buf[i];
      if (d === delim) {
        fs = ++i;
        continue;
      }
      if (d === LF) {
        rec.n = f;
        return i + 1;
      }
      if (d === CR) {
        if (i + 1 >= len) {
          if (!final) return -1;
          rec.n = f;
          return len;
        }
        if (buf[i + 1] === LF) {
          rec.n = f;
          return i + 2;
        }
      }
      throw importError('characters after the closing quote of a field (RFC 4180 §2.7)', { row: rec.row, column: f });
    }
    i++;
  }
}

export type RowMapper<T> = (rec: CsvRecord) => T | undefined;

/**
 * Reads CSV from a byte stream. `start` receives the header (trimmed, BOM removed) and returns the row mapper; the
 * generator yields the mapped values in batches, one batch per input chunk. Blank lines are skipped but counted.
 *
 * @example
 *   for await (const batch of readCsv(createReadStream(path), (header) => (rec) => rec.text(0))) …
 */
export async function* readCsv<T>(
  input: AsyncIterable<Buffer | string>,
  start: (header: string[]) => RowMapper<T>,
): AsyncGenerator<T[]> {
  const rec = new CsvRecord();
  let pending: Buffer | null = null;
  let map: RowMapper<T> | null = null;
  let delim = 44;
  let row = 0;
  let first = true;

  const run = function (buf: Buffer, final: boolean, out: T[]): number {
    let pos = 0;
    if (first) {
      if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
      const nl = buf.indexOf(LF, pos);
      if (nl < 0 && !final) return -1;
      const line = buf.toString('utf8', pos, nl < 0 ? buf.length : nl);
      if (!line.includes(',') && line.includes(';')) delim = 59;
      first = false;
    }
    const len = buf.length;
    while (pos < len) {
      rec.row = row + 1;
      const end = scanRecord(rec, buf, pos, final, delim);
      if (end < 0) break;
      rec.buf = buf;
      row++;
      pos = end;
      if (rec.n === 1 && rec.starts[0] === rec.ends[0] && rec.quoted[0] === 0) continue;
      if (map === null) {
        const header: string[] = [];
        for (let k = 0; k < rec.n; k++) header.push(rec.text(k));
        map = start(header);
        continue;
      }
      const v = map(rec);
      if (v !== undefined) out.push(v);
    }
    return pos;
  };

  for await (const chunk of input) {
    const c = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const buf: Buffer = pending && pending.length ? Buffer.concat([pending, c]) : c;
    const out: T[] = [];
    const pos = run(buf, false, out);
    pending = pos < 0 ? buf : pos < buf.length ? buf.subarray(pos) : null;
    if (out.length) yield out;
  }
  const out: T[] = [];
  if (pending && pending.length) run(pending, true, out);
  if (map === null) throw importError('the file is empty: no header row');
  if (out.length) yield out;
}
