import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KotakError } from '../../src/errors.js';
import { readForms } from '../../src/results/import/index.js';
import { ppwp, readAll as readStreamed, writeTmp, WIDE_HEADER } from './support/fixtures.js';

const contest = ppwp();
const ROW1 = '3673011001001,3673011001,98,118,10,226,3,229,289,229,223,3,3,2024-02-24 22:31:28,3';
const ROW2 = '3673011001002,3673011001,,,,,,,,,,,,2024-02-15 07:00:44,0';

// Every case runs twice: the file streamed from disk, and the file already in memory (as results.import reads a CSV).
for (const inMemory of [false, true]) {
const readAll = (path: string, c: typeof contest) => readStreamed(path, c, inMemory ? { bytes: readFileSync(path) } : undefined);

async function importError(text: string): Promise<KotakError> {
  const err = await readAll(writeTmp('f.csv', text), contest).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(KotakError);
  expect((err as KotakError).code).toBe('validation');
  return err as KotakError;
}

describe(`results.import wide CSV (${inMemory ? 'in memory' : 'streamed'})`, () => {
  it('reads the Banten layout into forms with row numbers, nulls for empty cells', async () => {
    const b = await readAll(writeTmp('f.csv', `${WIDE_HEADER}\n${ROW1}\n${ROW2}\n`), contest);
    expect(b.length).toBe(2);
    expect(b.form(0)).toEqual({
      row: 2,
      tps: '3673011001001',
      votes: [98, 118, 10],
      admin: { valid: 226, invalid: 3, ballotsUsed: 229, registered: 289, voters: 229, votersDpt: 223, votersDptb: 3, votersDpk: 3 },
      timestamp: '2024-02-24 22:31:28',
      photos: 3,
    });
    expect(b.form(1).votes).toEqual([null, null, null]);
    expect(b.form(1).admin.valid).toBeNull();
    expect(b.form(1).row).toBe(3);
  });

  it('gives the same forms from the fast path and from the general reader (quotes, spaces, CRLF, dotted codes)', async () => {
    const fast = await readAll(writeTmp('f.csv', `${WIDE_HEADER}\n${ROW1}\n`), contest);
    const slow = await readAll(
      writeTmp('f.csv', `${WIDE_HEADER}\r\n"36.73.01.1001.001", 3673011001 ,"98",118, 10,226,3,229,289,229,223,3,3,"2024-02-24 22:31:28",3\r\n`),
      contest,
    );
    expect(slow.form(0)).toEqual(fast.form(0));
  });

  it('accepts columns in any order and without the optional ones', async () => {
    const b = await readAll(writeTmp('f.csv', 'votes_03,tps_code,votes_01,votes_02\n10,3673011001001,98,118\n'), contest);
    expect(b.form(0).votes).toEqual([98, 118, 10]);
    expect(b.form(0).admin.registered).toBeNull();
  });

  it('keeps negative and fractional counts as numbers (the checks flag them)', async () => {
    const b = await readAll(writeTmp('f.csv', 'tps_code,votes_01,votes_02,votes_03\n3673011001001,-5,2.5,1\n'), contest);
    expect(b.form(0).votes).toEqual([-5, 2.5, 1]);
  });

  it('names the expected columns when a required column is missing', async () => {
    const e = await importError('tps_code,votes_01,votes_02\n3673011001001,1,2\n');
    expect(e.message).toContain('missing column votes_03');
    expect(e.message).toContain('expected columns: tps_code, votes_01, votes_02, votes_03 (required)');
  });

  it('rejects an unknown column, naming it and the expected ones', async () => {
    const e = await importError('tps_code,votes_01,votes_02,votes_03,komentar\n3673011001001,1,2,3,x\n');
    expect(e.message).toMatch(/row 1, column 5 \(E, "komentar"\): unknown column "komentar"; expected columns:/);
  });

  it('rejects a vote column of a candidate the contest does not have as an unknown candidate', async () => {
    const e = await importError('tps_code,votes_01,votes_02,votes_03,votes_04\n3673011001001,1,2,3,4\n');
    expect(e.message).toMatch(/column 5 \(E, "votes_04"\): unknown candidate/);
  });

  it('rejects a repeated column', async () => {
    const e = await importError('tps_code,votes_01,votes_02,votes_03,votes_01\n');
    expect(e.message).toMatch(/column 5 .*repeats column 2/);
  });

  it('rejects a TPS code of the wrong length, naming row and column', async () => {
    const e = await importError(`${WIDE_HEADER}\n${ROW1}\n36730110010,3673011001,1,2,3,6,0,6,10,6,6,0,0,,1\n`);
    expect(e.message).toMatch(/^row 3, column 1 \(A, "tps_code"\): TPS code "36730110010" has 11 digits; a TPS code has 13/);
    expect(e.detail).toMatchObject({ row: 3, column: 1, columnName: 'tps_code' });
  });

  it('rejects text in a count, naming row and column', async () => {
    const e = await importError(`${WIDE_HEADER}\n${ROW1}\n3673011001002,3673011001,12,sebelas,3,6,0,6,10,6,6,0,0,,1\n`);
    expect(e.message).toBe('row 3, column 4 (D, "votes_02"): text in a count: "sebelas" is not a number');
  });

  it('rejects a desa code that is not the prefix of the TPS code', async () => {
    const e = await importError(`${WIDE_HEADER}\n3673011001001,3673011002,1,2,3,6,0,6,10,6,6,0,0,,1\n`);
    expect(e.message).toMatch(/row 2, column 2 .*desa code "3673011002" is not the first 10 digits/);
  });

  it('reports a cut-off last line as a truncated file, naming row and column', async () => {
    const e = await importError(`${WIDE_HEADER}\n${ROW1}\n3673011001002,3673011001,12,30`);
    expect(e.message).toMatch(/^row 3, column 5 .*has 4 of 15 columns; the file looks truncated/);
  });

  it('rejects a row with more fields than the header', async () => {
    const e = await importError(`${WIDE_HEADER}\n${ROW1},9\n`);
    expect(e.message).toMatch(/row 2.*has 16 columns but the header has 15/);
  });

  it('rejects an empty file', async () => {
    const e = await importError('');
    expect(e.message).toMatch(/empty/);
  });
});
}

describe('results.import wide CSV read in memory', () => {
  it('reads a file of several steps with a quoted line break anywhere, like the streamed reader, offsets included', async () => {
    // ~2.5 MB: the in-memory reader hands the parser 1 MiB views ending at a line break, so lines of every shape land
    // on both sides of its cuts; a quoted timestamp with a line break in it is read by the general reader.
    const lines = [WIDE_HEADER];
    let length = WIDE_HEADER.length + 1;
    const firstCut = length + (1 << 20);
    let straddled = false;
    for (let i = 0; i < 26000; i++) {
      const tps = `367301${1001 + (i % 90)}${String(1 + Math.floor(i / 90)).padStart(3, '0')}`;
      let ts = i % 997 === 0 ? '"2024-02-24\n22:31:28"' : '2024-02-24 22:31:28';
      if (!straddled && length + 120 >= firstCut) {
        // the first line break after the reader's first 1 MiB lies inside this quoted field
        ts = `"${' '.repeat(130)}2024-02-24\n22:31:28"`;
        straddled = true;
      }
      const line = `${tps},${tps.slice(0, 10)},${i % 300},${(i * 7) % 300},${i % 11},,,,,,,,,${ts},${i % 4}`;
      lines.push(line);
      length += line.length + 1;
    }
    const path = writeTmp('big.csv', lines.join('\n') + '\n');
    const collect = async (opts?: { bytes: Buffer }) => {
      const forms: unknown[] = [];
      let verbatim = true;
      for await (const b of readForms(path, contest, opts)) {
        for (let i = 0; i < b.length; i++) forms.push(b.form(i));
        if (!b.verbatim) verbatim = false;
      }
      return { forms, verbatim };
    };
    const streamed = await collect();
    const inMemory = await collect({ bytes: readFileSync(path) });
    expect(streamed.forms.length).toBe(26000);
    expect(inMemory.forms).toEqual(streamed.forms);
    expect(inMemory.verbatim).toBe(false);
    expect((streamed.forms[16000] as { timestamp: string }).timestamp).toBe('2024-02-24 22:31:28');
  });

  it('keeps the line offsets of a normalised file, so the published CSV can be the file itself', async () => {
    const text = `${WIDE_HEADER}\n${ROW1}\n${ROW2}\n`;
    const path = writeTmp('n.csv', text);
    const starts: number[] = [];
    for await (const b of readForms(path, contest, { bytes: readFileSync(path) })) {
      expect(b.verbatim).not.toBeNull();
      starts.push(...b.verbatim!.starts);
    }
    expect(starts).toEqual([WIDE_HEADER.length + 1, WIDE_HEADER.length + 1 + ROW1.length + 1]);
  });
});
