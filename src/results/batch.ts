/**
 * Forms in bulk, stored by column rather than as one object per TPS. A national import holds 823,220 forms; as
 * objects they cost more in allocation and garbage collection than the whole parse (measured: ~2× slower), so the
 * fast paths — wide CSV reading, checks, recapitulation, storage — work on this layout and a `TpsForm` object is made
 * only when one form is looked at.
 *
 * Figures of form i sit at `values[i * width … (i + 1) * width)`: the vote lines in contest order, then the admin
 * fields in ADMIN_FIELDS order, then the photo count. `NaN` stands for "not entered" (null).
 *
 * TPS codes are kept as numbers: 13 digits fit a double exactly (< 2^53), a province code never starts with 0, and a
 * number costs no allocation, compares at once and gives its desa as `Math.floor(code / 1000)`.
 */
import { ADMIN_FIELDS, type AdminFigures, type DuplicateLine, type TpsForm } from './types.js';

export interface FormLayout {
  /** Number of vote lines. */
  selections: number;
  /** Offset of the first admin field (= selections). */
  admin: number;
  /** Offset of the photo count. */
  photos: number;
  width: number;
}

export function formLayout(selections: number): FormLayout {
  return { selections, admin: selections, photos: selections + ADMIN_FIELDS.length, width: selections + ADMIN_FIELDS.length + 1 };
}

/** Admin field offsets inside a form's values, relative to `layout.admin` (ADMIN_FIELDS order). */
export const A_VALID = 0;
export const A_INVALID = 1;
export const A_USED = 2;
export const A_REGISTERED = 3;
export const A_VOTERS = 4;
export const A_VOTERS_DPT = 5;
export const A_VOTERS_DPTB = 6;
export const A_VOTERS_DPK = 7;

/**
 * Columns live in SharedArrayBuffers: a batch handed to a worker thread is then shared, not copied;
 * plain loads and stores on them cost the same.
 */
function f64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(n * 8));
}

export class FormBatch {
  length = 0;
  rows: Int32Array;
  /** TPS codes as numbers (see above); `tps(i)` gives the string. */
  codes: Float64Array;
  timestamps: (string | null)[] = [];
  values: Float64Array;
  /** Source file per form, only for multi-file inputs. */
  sources: (string | undefined)[] | null = null;
  /** Repeated lines of a long file, by form index. */
  duplicates: Map<number, DuplicateLine[]> | null = null;
  /**
   * Set by the wide CSV reader when every line of this batch is already a normalised line, byte for byte: then
   * `starts` holds each line's offset in the file, and the published CSV can be the file's own bytes (body.ts).
   */
  verbatim: { starts: Float64Array } | null = null;

  constructor(readonly layout: FormLayout, capacity = 4096) {
    this.rows = new Int32Array(capacity);
    this.codes = f64(capacity);
    this.values = f64(capacity * layout.width);
  }

  get capacity(): number {
    return this.rows.length;
  }

  /** Makes room for one more form and returns the index it will get; `values` there may be written before `add`. */
  reserve(): number {
    if (this.length === this.rows.length) this.grow();
    return this.length;
  }

  /** The TPS code of form i. */
  tps(i: number): string {
    return tpsString(this.codes[i]!);
  }

  /** Commits slot `length` (growing if needed) and returns its index; the caller fills `values`. */
  add(row: number, code: number, timestamp: string | null): number {
    const i = this.length;
    if (i === this.rows.length) this.grow();
    this.rows[i] = row;
    this.codes[i] = code;
    this.timestamps.push(timestamp);
    this.length = i + 1;
    return i;
  }

  private grow(): void {
    const rows = new Int32Array(this.rows.length * 2);
    rows.set(this.rows);
    this.rows = rows;
    const codes = f64(rows.length);
    codes.set(this.codes);
    this.codes = codes;
    const values = f64(rows.length * this.layout.width);
    values.set(this.values);
    this.values = values;
  }

  /** Appends a form object. */
  push(form: TpsForm): void {
    const L = this.layout;
    const i = this.add(form.row, tpsNumber(form.tps), form.timestamp);
    const v = this.values;
    const o = i * L.width;
    for (let k = 0; k < L.selections; k++) v[o + k] = form.votes[k] ?? NaN;
    for (let k = 0; k < ADMIN_FIELDS.length; k++) v[o + L.admin + k] = form.admin[ADMIN_FIELDS[k]!] ?? NaN;
    v[o + L.photos] = form.photos ?? NaN;
    if (form.source !== undefined) {
      this.sources ??= [];
      this.sources[i] = form.source;
    }
    if (form.duplicates?.length) (this.duplicates ??= new Map()).set(i, form.duplicates);
  }

  /** The form at index i as an object. */
  form(i: number): TpsForm {
    const L = this.layout;
    const v = this.values;
    const o = i * L.width;
    const n = (x: number): number | null => (x === x ? x : null);
    const votes: (number | null)[] = [];
    for (let k = 0; k < L.selections; k++) votes.push(n(v[o + k]!));
    const admin = {} as AdminFigures;
    ADMIN_FIELDS.forEach((f, k) => (admin[f] = n(v[o + L.admin + k]!)));
    const form: TpsForm = { row: this.rows[i]!, tps: this.tps(i), votes, admin, timestamp: this.timestamps[i]!, photos: n(v[o + L.photos]!) };
    const src = this.sources?.[i];
    if (src !== undefined) form.source = src;
    const d = this.duplicates?.get(i);
    if (d) form.duplicates = d;
    return form;
  }

  /** A one-form batch, for checking a single form with the same rules. */
  static of(layout: FormLayout, forms: TpsForm[]): FormBatch {
    const b = new FormBatch(layout, Math.max(1, forms.length));
    for (const f of forms) b.push(f);
    return b;
  }
}

/** A 13-digit TPS code as a number. */
export function tpsNumber(code: string): number {
  return Number(code);
}

/** The 13-digit string of a TPS code number. */
export function tpsString(n: number): string {
  return String(n).padStart(13, '0');
}

/** Desa part (first 10 digits) of a TPS code number. */
export function desaNumber(n: number): number {
  return Math.floor(n / 1000);
}
