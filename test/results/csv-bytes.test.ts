import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/results/import/csv-bytes.js';
import { KotakError } from '../../src/errors.js';

async function rows(text: string | Buffer, chunkSize = 1 << 20): Promise<{ header: string[]; rows: string[][] }> {
  const buf = typeof text === 'string' ? Buffer.from(text) : text;
  async function* chunks() {
    for (let i = 0; i < buf.length; i += chunkSize) yield buf.subarray(i, i + chunkSize);
  }
  let header: string[] = [];
  const out: string[][] = [];
  for await (const b of readCsv(chunks(), (h) => {
    header = h;
    return (rec) => {
      const r: string[] = [];
      for (let i = 0; i < rec.count(); i++) r.push(rec.text(i));
      return [String(rec.row), ...r];
    };
  })) out.push(...b);
  return { header, rows: out };
}

describe('readCsv (RFC 4180 over bytes)', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, whatever the chunk size', async () => {
    const text = 'a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines",z\n3,,\n';
    for (const size of [1, 2, 3, 7, 1 << 20]) {
      const r = await rows(text, size);
      expect(r.header).toEqual(['a', 'b', 'c']);
      expect(r.rows).toEqual([
        ['2', '1', 'x, y', 'say "hi"'],
        ['3', '2', 'two\nlines', 'z'],
        ['4', '3', '', ''],
      ]);
    }
  });

  it('drops a UTF-8 BOM, skips blank lines but counts them as rows, and reads a last line without a break', async () => {
    const r = await rows('\uFEFFa,b\n\n1,2\n3,4');
    expect(r.header).toEqual(['a', 'b']);
    expect(r.rows).toEqual([
      ['3', '1', '2'],
      ['4', '3', '4'],
    ]);
  });

  it('uses ; when the header has ; and no comma (Indonesian-locale spreadsheets)', async () => {
    const r = await rows('a;b\n1;2\n');
    expect(r.rows).toEqual([['2', '1', '2']]);
  });

  it('rejects a quoted field that is never closed as a truncated file, naming row and column', async () => {
    const err = await rows('a,b\n1,"open\n').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KotakError);
    expect((err as KotakError).message).toMatch(/row 2, column 2 .*never closed.*truncated/);
  });

  it('rejects characters after a closing quote (RFC 4180 §2.7)', async () => {
    const err = await rows('a,b\n"x"y,2\n').catch((e: unknown) => e);
    expect((err as KotakError).message).toMatch(/row 2, column 1/);
  });

  it('parses counts straight from bytes: empty is null, text is NaN, sign and fraction are numbers', async () => {
    const out: (number | null)[][] = [];
    async function* one() {
      yield Buffer.from('v\n12\n\n-3\n2.5\n 7 \nabc\n1.\n');
    }
    for await (const b of readCsv(one(), () => (rec) => rec.num(0))) out.push(b);
    expect(out.flat()).toEqual([12, -3, 2.5, 7, NaN, NaN]);
  });
});
