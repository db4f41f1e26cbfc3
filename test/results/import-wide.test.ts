import { describe, expect, it } from 'vitest';
import { KotakError } from '../../src/errors.js';
import { ppwp, readAll, writeTmp, WIDE_HEADER } from './support/fixtures.js';

const contest = ppwp();
const ROW1 = '3673011001001,3673011001,98,118,10,226,3,229,289,229,223,3,3,2024-02-24 22:31:28,3';
const ROW2 = '3673011001002,3673011001,,,,,,,,,,,,2024-02-15 07:00:44,0';

async function importError(text: string): Promise<KotakError> {
  const err = await readAll(writeTmp('f.csv', text), contest).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(KotakError);
  expect((err as KotakError).code).toBe('validation');
  return err as KotakError;
}

describe('results.import wide CSV', () => {
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
