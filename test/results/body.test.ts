import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormBatch, formLayout } from '../../src/results/batch.js';
import { bodyOf, spanText } from '../../src/results/body.js';
import { compileContest } from '../../src/results/contest.js';
import { normalisedLine } from '../../src/results/export/csv.js';
import { readForms } from '../../src/results/import/index.js';
import { BANTEN_RESULTS_CSV, ppwp2024 } from '../../src/results/known.js';
import { lineOf } from '../../src/results/lines.js';
import { runPipeline } from '../../src/results/pipeline.js';
import { loadRegionTree } from '../../src/results/regions.js';
import { BANTEN_REGIONS_CSV } from '../../src/results/known.js';
import { ppwp, smallTree, writeTmp, WIDE_HEADER } from './support/fixtures.js';

describe('normalised lines', () => {
  it('lineOf writes the same text as normalisedLine, including signs, fractions and quoted time stamps', () => {
    const layout = formLayout(3);
    const b = new FormBatch(layout);
    const forms = [
      { row: 2, tps: '3673011001001', votes: [1, null, 30], admin: { valid: 31, invalid: null, ballotsUsed: 2.5, registered: -4, voters: 0, votersDpt: 10000, votersDptb: 123456, votersDpk: null }, timestamp: '2024-02-14 10:00', photos: 3 },
      { row: 3, tps: '3673011001002', votes: [null, null, null], admin: { valid: null, invalid: null, ballotsUsed: null, registered: null, voters: null, votersDpt: null, votersDptb: null, votersDpk: null }, timestamp: 'a, "b"', photos: null },
    ];
    for (const f of forms) b.push(f);
    for (let i = 0; i < b.length; i++) expect(lineOf(b, i)).toBe(normalisedLine(b.form(i)));
  });
});

describe('the normalised body', () => {
  it('is the Banten file itself after its header, and the written body has the same bytes and spans', async () => {
    const contest = compileContest(ppwp2024());
    const tree = await loadRegionTree(BANTEN_REGIONS_CSV);
    const r = await runPipeline(readForms(BANTEN_RESULTS_CSV, contest), { contest, tree });
    const written = bodyOf(r.batches);
    const verbatim = bodyOf(r.batches, readFileSync(BANTEN_RESULTS_CSV));
    expect(written.verbatim).toBe(false);
    expect(verbatim.verbatim).toBe(true);
    const file = readFileSync(BANTEN_RESULTS_CSV);
    const body = file.subarray(file.indexOf(10) + 1);
    expect(Buffer.compare(written.buf.subarray(0, written.length), body)).toBe(0);
    expect(Buffer.compare(verbatim.buf.subarray(0, verbatim.length), body)).toBe(0);
    expect(verbatim.desa).toEqual(written.desa);
    expect(written.desa).toHaveLength(1552);
    expect(spanText(written, written.desa[0]!).split('\n')).toHaveLength(written.desa[0]!.count);
  });

  it('is written (not taken verbatim) when lines are not normalised: leading zeros, CRLF, missing desa code, unsorted', async () => {
    const contest = ppwp();
    const tree = smallTree();
    const cases = [
      `${WIDE_HEADER}\n3673011001001,3673011001,098,118,10,226,3,229,289,229,223,3,3,,3\n`,
      `${WIDE_HEADER}\r\n3673011001001,3673011001,98,118,10,226,3,229,289,229,223,3,3,,3\r\n`,
      `${WIDE_HEADER}\n3673011001001,,98,118,10,226,3,229,289,229,223,3,3,,3\n`,
      `${WIDE_HEADER}\n3673011001002,3673011001,1,1,1,3,0,3,5,3,3,0,0,,3\n3673011001001,3673011001,98,118,10,226,3,229,289,229,223,3,3,,3\n`,
    ];
    for (const text of cases) {
      const p = writeTmp('f.csv', text);
      const r = await runPipeline(readForms(p, contest), { contest, tree });
      const b = bodyOf(r.batches, readFileSync(p));
      expect(b.verbatim, JSON.stringify(text)).toBe(false);
      const out = b.buf.toString('utf8', 0, b.length);
      expect(out).toMatch(/^3673011001001,3673011001,98,118,10,/);
    }
  });
});
