import { describe, expect, it } from 'vitest';
import { KotakError } from '../../src/errors.js';
import { compileContest } from '../../src/results/contest.js';
import { dprdSpec, ppwp, readAll, writeTmp } from './support/fixtures.js';

const contest = ppwp();

describe('results.import long CSV', () => {
  it('gathers rows of one TPS into one form, even when the file is sorted by candidate', async () => {
    const text = [
      'tps_code,candidate,votes',
      '3673011001001,1,98',
      '3673011001002,1,50',
      '3673011001001,02,118',
      '3673011001002,Prabowo–Gibran,60',
      '3673011001001,votes_03,10',
      '3673011001002,100027,7',
      '3673011001001,suara_sah,226',
      '3673011001001,pemilih_dpt_total,289',
    ].join('\n');
    const b = await readAll(writeTmp('long.csv', text), contest);
    expect(b.length).toBe(2);
    expect(b.form(0)).toMatchObject({ tps: '3673011001001', row: 2, votes: [98, 118, 10] });
    expect(b.form(0).admin).toMatchObject({ valid: 226, registered: 289, invalid: null });
    expect(b.form(1)).toMatchObject({ tps: '3673011001002', votes: [50, 60, 7] });
  });

  it('records a repeated line for the duplicate_rows check and keeps the first value', async () => {
    const b = await readAll(writeTmp('long.csv', 'tps_code,candidate,votes\n3673011001001,1,98\n3673011001001,1,99\n'), contest);
    expect(b.form(0).votes[0]).toBe(98);
    expect(b.form(0).duplicates).toEqual([{ field: '01', row: 3, value: 99, firstRow: 2, firstValue: 98 }]);
  });

  it('rejects an unknown candidate, naming row and column', async () => {
    const err = (await readAll(writeTmp('long.csv', 'tps_code,candidate,votes\n3673011001001,1,98\n3673011001001,4,5\n'), contest).catch(
      (e: unknown) => e,
    )) as KotakError;
    expect(err).toBeInstanceOf(KotakError);
    expect(err.message).toBe('row 3, column 2 (B, "candidate"): unknown candidate "4" in contest ppwp');
  });

  it('rejects text in the votes column and a missing votes column', async () => {
    const e1 = (await readAll(writeTmp('long.csv', 'tps_code,candidate,votes\n3673011001001,1,x\n'), contest).catch((e: unknown) => e)) as KotakError;
    expect(e1.message).toMatch(/row 2, column 3 .*text in a count/);
    const e2 = (await readAll(writeTmp('long.csv', 'tps_code,candidate,suara_sah\n'), contest, { layout: 'long' }).catch((e: unknown) => e)) as KotakError;
    expect(e2.message).toMatch(/unknown column "suara_sah"; expected columns: tps_code, candidate, votes/);
  });

  it('reads legislative party and candidate votes (empty candidate = the party\'s own votes)', async () => {
    const dprd = compileContest(dprdSpec());
    expect(dprd.selections.map((s) => s.key)).toEqual(['P01', 'P01-001', 'P01-002', 'P02', 'P02-001', 'P02-002']);
    const text = [
      'tps_code,party,candidate,votes',
      '3673021001001,PKB,,20',
      '3673021001001,1,1,30',
      '3673021001001,Partai Kebangkitan Bangsa,Budi,5',
      '3673021001001,2,,40',
      '3673021001001,GERINDRA,2,7',
      '3673021001001,,suara_sah,102',
    ].join('\n');
    const b = await readAll(writeTmp('dprd.csv', text), dprd);
    expect(b.form(0).votes).toEqual([20, 30, 5, 40, null, 7]);
    expect(b.form(0).admin.valid).toBe(102);
  });

  it('rejects a legislative candidate number that is not on the party list', async () => {
    const dprd = compileContest(dprdSpec());
    const err = (await readAll(writeTmp('dprd.csv', 'tps_code,party,candidate,votes\n3673021001001,PKB,9,1\n'), dprd).catch((e: unknown) => e)) as KotakError;
    expect(err.message).toBe('row 2, column 3 (C, "candidate"): unknown candidate party "PKB", candidate "9" in contest dprd-kabkota-3673');
  });
});

describe('results.import wide CSV of a legislative contest', () => {
  it('reads party_NN and cand_NN_CCC columns; absent lines are null', async () => {
    const dprd = compileContest(dprdSpec());
    const text = 'tps_code,party_01,cand_01_001,cand_01_002,party_02,cand_02_001,suara_sah\n3673011001001,20,30,5,40,1,96\n';
    const b = await readAll(writeTmp('dprd.csv', text), dprd);
    expect(b.form(0).votes).toEqual([20, 30, 5, 40, 1, null]);
  });

  it('requires at least one vote column', async () => {
    const dprd = compileContest(dprdSpec());
    const err = (await readAll(writeTmp('dprd.csv', 'tps_code,suara_sah\n3673011001001,1\n'), dprd).catch((e: unknown) => e)) as KotakError;
    expect(err.message).toMatch(/missing column party_NN or cand_NN_CCC/);
  });
});
