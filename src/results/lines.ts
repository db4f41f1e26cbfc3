/**
 * Normalised CSV lines of TPS forms, written fast from a form batch and read back into one. A stored desa row holds
 * these lines (schema-results.ts), and the published normalised CSV is the header plus those rows, so the exact text
 * here is what users download and what the log's hash covers.
 *
 * Column order: tps_code, desa_code, the vote columns, the admin columns, sirekap_ts, n_photos (export/csv.ts).
 */
import { FormBatch, tpsNumber, type FormLayout } from './batch.js';
import { csvField } from './export/csv.js';
import { splitCsvLine } from '../integrity/tps-chunk.js';

/** The normalised CSV line of form i (same text as `normalisedLine(batch.form(i))`, built without the object). */
export function lineOf(b: FormBatch, i: number): string {
  const L = b.layout;
  const v = b.values;
  const o = i * L.width;
  const tps = b.tps(i);
  let s = tps + ',' + tps.slice(0, 10);
  const end = o + L.photos;
  for (let k = o; k < end; k++) {
    const x = v[k]!;
    s += x === x ? ',' + x : ',';
  }
  const ts = b.timestamps[i];
  s += ts === null || ts === undefined ? ',' : ',' + csvField(ts);
  const p = v[end]!;
  return p === p ? s + ',' + p : s + ',';
}

/** Splits one CSV line (RFC 4180 quoting, no line breaks inside fields). */
export function splitLine(line: string): string[] {
  const fields = splitCsvLine(line);
  if (!fields) throw new Error('unterminated quote in a stored line');
  return fields;
}

/** Appends the form of a normalised line to a batch; `row` is where it sits in its source. */
export function pushLine(b: FormBatch, line: string, row: number): number {
  const L = b.layout;
  const f = splitLine(line);
  if (f.length !== L.photos + 4) throw new Error(`stored line has ${f.length} fields, expected ${L.photos + 4}`);
  const idx = b.reserve();
  const v = b.values;
  const o = idx * L.width;
  for (let k = 0; k < L.photos; k++) {
    const t = f[k + 2]!;
    v[o + k] = t === '' ? NaN : Number(t);
  }
  const p = f[L.photos + 3]!;
  v[o + L.photos] = p === '' ? NaN : Number(p);
  const ts = f[L.photos + 2]!;
  return b.add(row, tpsNumber(f[0]!), ts === '' ? null : ts);
}

/** A batch from stored lines. */
export function batchOfLines(layout: FormLayout, lines: string[]): FormBatch {
  const b = new FormBatch(layout, Math.max(1, lines.length));
  lines.forEach((l, i) => pushLine(b, l, i + 1));
  return b;
}
