/**
 * The TPS result document: what a receipt proves was published for one TPS (issue 4 §5). It is the RFC 8785
 * (JCS) canonical JSON of
 *
 *   { "contest": "ppwp", "election": "pemilu-2024",
 *     "figures": { <admin columns>, "n_photos", "sirekap_ts", "votes": { <selection key>: n } },
 *     "tps": "3601012001001", "version": 1 }
 *
 * — the very fields `results.tps` answers (`figures` is `presentForm`'s object), so the JSON a citizen saved from
 * the API canonicalises to the same bytes. A figure not entered is `null`.
 *
 * A national import hashes 823,220 of these, so the canonical text is written as bytes (bytes.ts) straight from the
 * figures, keys already in RFC 8785 order (§3.2.3: sorted by UTF-16 code units), instead of building objects for
 * `canonicalize`;
 * test/results/tps-doc.test.ts holds both to the same bytes. Numbers are written as ECMAScript `Number::toString`
 * (RFC 8785 §3.2.2.3) and strings as `JSON.stringify` does (§3.2.2.2), which is what `canonicalize` does too.
 *
 * @example
 *   const w = new TpsDocWriter(tpsDocPlan('pemilu-2024', contest));
 *   w.fromLine('3601012001001,3601012001,98,118,10,226,…', 1); // '{"contest":"ppwp",…,"version":1}'
 *   const n = w.write(3601012001001, 1, batch.values, i * width, batch.timestamps[i]); // bytes in w.out.buf
 */
import { ADMIN_COLUMN } from './import/columns.js';
import { ByteWriter } from './bytes.js';
import { splitLine } from './lines.js';
import { ADMIN_FIELDS } from './types.js';

/** What a document names besides the figures: serialisable, so a worker thread can rebuild the writer. */
export interface TpsDocPlan {
  election: string;
  contest: string;
  /** Selection keys in the order of the normalised CSV's vote columns (`Contest.selections`). */
  selections: string[];
}

/** The top-level members of a TPS result document (what a receipt covers of the `results.tps` answer). */
export const TPS_DOC_FIELDS = ['election', 'contest', 'tps', 'version', 'figures'] as const;

export function tpsDocPlan(election: string, contest: { id: string; selections: readonly { key: string }[] }): TpsDocPlan {
  return { election, contest: contest.id, selections: contest.selections.map((s) => s.key) };
}

/** A figure slot: its JSON key and where its value sits in a form's values (FormBatch layout: votes, admin, photos). */
interface Slot {
  /** `"name":` as bytes */
  key: Buffer;
  /** index into the values, or -1 for the timestamp, or -2 for the votes object */
  at: number;
}

const NULL = Buffer.from('null');
const ascii = (s: string) => Buffer.from(s, 'utf8');

/** A JSON number as RFC 8785 §3.2.2.3 writes it, or `null` for a figure not entered (NaN) — as JSON.stringify does. */
function number(w: ByteWriter, x: number): void {
  if (x !== x || x === Infinity || x === -Infinity) w.bytes(NULL);
  else if (x >= 0 && x <= 9007199254740991 && Math.floor(x) === x) w.uint(x);
  else w.text(String(x));
}

/** `n` decimal digits of 0 ≤ x < 2^31, zero-padded. */
function digits(w: ByteWriter, x: number, n: number): void {
  const b = w.buf;
  let t = x | 0;
  for (let p = w.pos + n - 1; p >= w.pos; p--) {
    const q = (t / 10) | 0;
    b[p] = 48 + t - q * 10;
    t = q;
  }
  w.pos += n;
}

/**
 * A JSON string as RFC 8785 §3.2.2.2 writes it: printable ASCII other than `"` and `\\` as is (a byte loop, no native
 * call), anything else through JSON.stringify, which escapes exactly as the RFC asks.
 */
function jsonString(w: ByteWriter, s: string): void {
  const b = w.buf;
  let p = w.pos;
  b[p++] = 0x22;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) {
      w.text(JSON.stringify(s));
      return;
    }
    b[p++] = c;
  }
  b[p++] = 0x22;
  w.pos = p;
}

export class TpsDocWriter {
  /** `{"contest":…,"election":…,"figures":{` */
  private readonly head: Buffer;
  private readonly figures: Slot[];
  private readonly votes: Slot[];
  private readonly tail = { tps: ascii('},"tps":"'), version: ascii('","version":') };
  /** Values per form: selections, 8 admin figures, photos. */
  readonly width: number;
  private readonly scratch: Float64Array;
  /**
   * Reused output: `write` puts the document at `out.buf[1 … 1 + length)` and a 0x00 at `out.buf[0]`, so the bytes
   * from 0 are the RFC 9162 §2.1.1 leaf input. Take them before the next call.
   */
  readonly out = new ByteWriter(4096);
  private headIn: Buffer | null = null;

  constructor(readonly plan: TpsDocPlan) {
    const s = plan.selections.length;
    this.width = s + ADMIN_FIELDS.length + 1;
    this.scratch = new Float64Array(this.width);
    this.head = ascii(`{"contest":${JSON.stringify(plan.contest)},"election":${JSON.stringify(plan.election)},"figures":{`);
    const slots = [
      ...ADMIN_FIELDS.map((f, k) => ({ name: ADMIN_COLUMN[f], at: s + k })),
      { name: 'n_photos', at: s + ADMIN_FIELDS.length },
      { name: 'sirekap_ts', at: -1 },
      { name: 'votes', at: -2 },
    ];
    // RFC 8785 §3.2.3: members sorted by the UTF-16 code units of their names — what Array.prototype.sort does.
    const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    this.figures = slots.sort(byName).map((x, i) => ({ key: ascii(`${i ? ',' : ''}${JSON.stringify(x.name)}:`), at: x.at }));
    this.votes = plan.selections
      .map((name, at) => ({ name, at }))
      .sort(byName)
      .map((x, i) => ({ key: ascii(`${i ? ',' : '{'}${JSON.stringify(x.name)}:`), at: x.at }));
  }

  /**
   * Writes the canonical JSON of one form into `out` after its leaf prefix: `values[offset …]` in FormBatch layout
   * (NaN = not entered), `ts` its Sirekap timestamp, `tps` the 13-digit code (as a number, batch.ts). Returns the
   * document's length in bytes.
   */
  write(tps: number, version: number, values: ArrayLike<number>, offset: number, ts: string | null | undefined): number {
    const w = this.out;
    w.pos = 0;
    w.ensure(512 + 24 * this.width + (ts ? 6 * ts.length : 0));
    // The 0x00 and the head are the same in every document: written once per buffer.
    if (this.headIn !== w.buf) {
      w.buf[0] = 0x00;
      w.buf.set(this.head, 1);
      this.headIn = w.buf;
    }
    w.pos = 1 + this.head.length;
    const f = this.figures;
    for (let i = 0; i < f.length; i++) {
      const slot = f[i]!;
      w.buf.set(slot.key, w.pos);
      w.pos += slot.key.length;
      if (slot.at >= 0) number(w, values[offset + slot.at]!);
      else if (slot.at === -1) {
        if (!ts) w.bytes(NULL);
        else jsonString(w, ts);
      } else {
        const v = this.votes;
        if (v.length === 0) w.buf[w.pos++] = 0x7b; // {
        for (let k = 0; k < v.length; k++) {
          w.bytes(v[k]!.key);
          number(w, values[offset + v[k]!.at]!);
        }
        w.buf[w.pos++] = 0x7d; // }
      }
    }
    w.bytes(this.tail.tps);
    // 13 digits as 7 + 6, each small enough for int32 arithmetic.
    const hi = Math.floor(tps / 1e6);
    digits(w, hi, 7);
    digits(w, tps - hi * 1e6, 6);
    w.bytes(this.tail.version);
    w.uint(version);
    w.buf[w.pos++] = 0x7d;
    return w.pos - 1;
  }

  /** The canonical JSON of one form as a string (see `write`). */
  json(tps: number, version: number, values: ArrayLike<number>, offset: number, ts: string | null | undefined): string {
    return this.out.buf.toString('utf8', 1, 1 + this.write(tps, version, values, offset, ts));
  }

  /** Parses a stored normalised CSV line (lines.ts column order) into the scratch values; returns its code and ts. */
  private parse(line: string): { tps: number; ts: string | null } {
    const f = splitLine(line);
    const w = this.width;
    if (f.length !== w + 3) throw new Error(`stored line has ${f.length} fields, expected ${w + 3}`);
    const v = this.scratch;
    for (let k = 0; k < w - 1; k++) {
      const t = f[k + 2]!;
      v[k] = t === '' ? NaN : Number(t);
    }
    const p = f[w + 2]!;
    v[w - 1] = p === '' ? NaN : Number(p);
    return { tps: Number(f[0]), ts: f[w + 1] || null };
  }

  /** Writes the document of a stored line at a version into `out`; returns the length. */
  writeLine(line: string, version: number): number {
    const { tps, ts } = this.parse(line);
    return this.write(tps, version, this.scratch, 0, ts);
  }

  /** The canonical JSON of a stored normalised CSV line at a version. */
  fromLine(line: string, version: number): string {
    return this.out.buf.toString('utf8', 1, 1 + this.writeLine(line, version));
  }
}
