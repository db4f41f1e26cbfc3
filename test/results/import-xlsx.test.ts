import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { KotakError } from '../../src/errors.js';
import { ppwp, readAll, tmpDir, writeTmp, WIDE_HEADER } from './support/fixtures.js';
import { join } from 'node:path';

const contest = ppwp();

async function xlsx(rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('hasil');
  for (const r of rows) ws.addRow(r);
  const p = join(tmpDir(), 'hasil.xlsx');
  await wb.xlsx.writeFile(p);
  return p;
}

describe('results.import XLSX', () => {
  it('reads a wide sheet with numbers and text cells, short rows padded', async () => {
    const p = await xlsx([
      WIDE_HEADER.split(','),
      ['3673011001001', '3673011001', 98, 118, 10, 226, 3, 229, 289, 229, 223, 3, 3, '2024-02-24 22:31:28', 3],
      ['3673011001002', '3673011001', 1, 2, 3],
    ]);
    const b = await readAll(p, contest);
    expect(b.length).toBe(2);
    expect(b.form(0)).toMatchObject({ row: 2, tps: '3673011001001', votes: [98, 118, 10], timestamp: '2024-02-24 22:31:28', photos: 3 });
    expect(b.form(0).admin.registered).toBe(289);
    expect(b.form(1)).toMatchObject({ row: 3, votes: [1, 2, 3] });
    expect(b.form(1).admin.valid).toBeNull();
  });

  it('reads a long sheet', async () => {
    const p = await xlsx([
      ['tps_code', 'candidate', 'votes'],
      ['3673011001001', 1, 98],
      ['3673011001001', 2, 118],
      ['3673011001001', 3, 10],
    ]);
    const b = await readAll(p, contest);
    expect(b.form(0).votes).toEqual([98, 118, 10]);
  });

  it('names row and column of text in a count', async () => {
    const p = await xlsx([
      ['tps_code', 'votes_01', 'votes_02', 'votes_03'],
      ['3673011001001', 1, 'dua', 3],
    ]);
    const err = (await readAll(p, contest).catch((e: unknown) => e)) as KotakError;
    expect(err).toBeInstanceOf(KotakError);
    expect(err.message).toBe('row 2, column 3 (C, "votes_02"): text in a count: "dua" is not a number');
  });

  it('rejects a damaged (truncated) workbook with a clear error', async () => {
    const p = await xlsx([['tps_code', 'votes_01', 'votes_02', 'votes_03'], ['3673011001001', 1, 2, 3]]);
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(p);
    const cut = writeTmp('cut.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2)));
    const err = (await readAll(cut, contest).catch((e: unknown) => e)) as KotakError;
    expect(err).toBeInstanceOf(KotakError);
    expect(err.message).toMatch(/XLSX file (cannot be read|has no header row)/);
  });
});
