/**
 * Writing text as bytes into one growing Buffer, with a fast path for the small whole numbers that make up almost all
 * of a results file. Used where millions of small strings would otherwise be built and glued (body.ts, recap rows).
 */

/** Decimal digits of 0–9999, four bytes each, and their lengths: most counts on a form are below 10,000. */
const SMALL = Buffer.alloc(40000);
const SMALL_LEN = new Uint8Array(10000);
for (let x = 0; x < 10000; x++) {
  const s = String(x);
  SMALL.write(s, x * 4, 'latin1');
  SMALL_LEN[x] = s.length;
}

export class ByteWriter {
  buf: Buffer;
  pos = 0;
  ascii = true;
  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(Math.max(1024, size));
  }
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
  /** A non-negative integer below 2^53, as decimal digits. */
  uint(x: number): void {
    if (x < 10000) {
      // x | 0: an int32 index; a float64 index sends typed-array loads down a slow path
      const xi = x | 0;
      const n = SMALL_LEN[xi]!;
      const o = xi << 2;
      const b = this.buf;
      let p = this.pos;
      b[p++] = SMALL[o]!;
      if (n > 1) b[p++] = SMALL[o + 1]!;
      if (n > 2) b[p++] = SMALL[o + 2]!;
      if (n > 3) b[p++] = SMALL[o + 3]!;
      this.pos = p;
      return;
    }
    if (x < 2147483648) {
      let t = x | 0;
      let digits = 5;
      for (let u = (t / 100000) | 0; u > 0; u = (u / 10) | 0) digits++;
      let p = this.pos + digits - 1;
      for (; p >= this.pos; p--) {
        const q = (t / 10) | 0;
        this.buf[p] = 48 + (t - q * 10);
        t = q;
      }
      this.pos += digits;
      return;
    }
    let digits = 1;
    for (let t = x; t >= 10; t = Math.floor(t / 10)) digits++;
    let p = this.pos + digits - 1;
    for (let t = x; p >= this.pos; p--) {
      const q = Math.floor(t / 10);
      this.buf[p] = 48 + (t - q * 10);
      t = q;
    }
    this.pos += digits;
  }
  padded(x: number, width: number): void {
    for (let p = this.pos + width - 1, t = x; p >= this.pos; p--) {
      const q = Math.floor(t / 10);
      this.buf[p] = 48 + (t - q * 10);
      t = q;
    }
    this.pos += width;
  }
  text(s: string): void {
    const n = Buffer.byteLength(s);
    if (n !== s.length) this.ascii = false;
    this.ensure(n);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }
  /** Copies a few pre-encoded bytes (a loop beats a native call for short runs). */
  bytes(b: Uint8Array): void {
    const buf = this.buf;
    const p = this.pos;
    for (let k = 0; k < b.length; k++) buf[p + k] = b[k]!;
    this.pos = p + b.length;
  }
  comma(): void {
    this.buf[this.pos++] = 44;
  }
  /** A count: empty for NaN (not entered), digits for whole numbers, JS number text otherwise (`-3`, `2.5`). */
  value(x: number): void {
    if (x !== x) return;
    if (x >= 0 && x <= 9007199254740991 && Math.floor(x) === x) this.uint(x);
    else this.text(String(x));
  }
}

