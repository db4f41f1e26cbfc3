/**
 * Writes desa chunks (src/integrity/tps-chunk.ts), the leaves of an import's TPS tree, from normalised CSV lines —
 * the bytes a desa row stores — so a national import hashes its 66 MB once, in 84 thousand pieces, instead of writing
 * and hashing 823,220 JSON documents. Output is reused: `buf[0]` is the 0x00 of the RFC 9162 §2.1.1 leaf input and
 * the chunk follows, so `buf[0 … end)` is what a leaf hashes.
 *
 * @example
 *   const w = new TpsChunkWriter(tpsDocPlan('pemilu-2024', contest));
 *   const end = w.write('3601012001', [{ version: 1, line: '3601012001001,3601012001,98,…' }]);
 *   leafHash(w.buf.subarray(1, end));
 */
import { ADMIN_COLUMN } from './import/columns.js';
import { ByteWriter } from './bytes.js';
import { chunkColumns, TPS_CHUNK_HEADER } from '../integrity/tps-chunk.js';
import type { TpsDocPlan } from './tps-doc.js';
import { ADMIN_FIELDS } from './types.js';

const LF = 0x0a;

export interface ChunkLine {
  version: number;
  /** a normalised CSV line (lines.ts), without its line break */
  line: string | Buffer;
}

export class TpsChunkWriter {
  private readonly out = new ByteWriter(64 * 1024);
  /** the column line, with its line break */
  private readonly columns: Buffer;
  private readonly head: Buffer;
  /** The TPS codes of the lines the last `writeFirst` wrote. */
  readonly codes: number[] = [];

  constructor(readonly plan: TpsDocPlan) {
    this.head = Buffer.from(`${TPS_CHUNK_HEADER} ${plan.election} ${plan.contest} `);
    this.columns = Buffer.from(chunkColumns(plan.selections, ADMIN_FIELDS.map((f) => ADMIN_COLUMN[f])) + '\n');
  }

  get buf(): Buffer {
    return this.out.buf;
  }

  private begin(desa: string, bytes: number): void {
    const w = this.out;
    w.pos = 0;
    w.ensure(1 + this.head.length + 11 + this.columns.length + bytes);
    w.buf[w.pos++] = 0x00;
    w.pos += this.head.copy(w.buf, w.pos);
    for (let k = 0; k < desa.length; k++) w.buf[w.pos++] = desa.charCodeAt(k);
    w.buf[w.pos++] = LF;
    w.pos += this.columns.copy(w.buf, w.pos);
  }

  /** The chunk of `desa` holding these lines (in TPS order); returns its end in `buf`. */
  write(desa: string, lines: readonly ChunkLine[]): number {
    let bytes = 0;
    for (const l of lines) bytes += l.line.length * 3 + 16;
    this.begin(desa, bytes);
    const w = this.out;
    lines.forEach((l, i) => {
      if (i) w.buf[w.pos++] = 0x2c;
      w.uint(l.version);
    });
    w.buf[w.pos++] = LF;
    for (const l of lines) {
      if (typeof l.line === 'string') w.text(l.line);
      else w.bytes(l.line);
      w.buf[w.pos++] = LF;
    }
    return w.pos;
  }

  /**
   * The chunk of `desa` from a stored row's `data` (lines joined by `\n`, `count` of them) when every line is at version
   * 1 — a first import's rows (merge.ts firstRows): the bytes are copied as they are. `codes` gets the lines' TPS codes.
   */
  writeFirst(desa: string, data: Buffer, count: number): number {
    this.begin(desa, data.length + 2 * count + 1);
    const w = this.out;
    const b = w.buf;
    let p = w.pos;
    for (let i = 0; i < count; i++) {
      b[p++] = 0x31; // 1
      b[p++] = i === count - 1 ? LF : 0x2c;
    }
    p += data.copy(b, p);
    b[p++] = LF;
    w.pos = p;
    // Each line starts with its 13-digit TPS code: the desa's 10 digits and 3 of its own.
    const codes = this.codes;
    codes.length = count;
    const base = Number(desa) * 1000;
    for (let i = 0, from = 0; i < count; i++) {
      codes[i] = base + (data[from + 10]! - 48) * 100 + (data[from + 11]! - 48) * 10 + (data[from + 12]! - 48);
      const nl = data.indexOf(LF, from + 13);
      from = nl + 1;
    }
    return p;
  }
}
