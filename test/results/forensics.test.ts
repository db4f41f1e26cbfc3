import { describe, expect, it } from 'vitest';
import {
  BENFORD_2ND, BENFORD_2ND_MEAN, fingerprint, forensicReport, lastDigit, robustZ, secondDigit, type ForensicRow,
} from '../../src/results/forensics/index.js';
import { chiSquareP, medianMad } from '../../src/results/forensics/stats.js';

const row = (votes: number[], extra: Partial<ForensicRow> = {}): ForensicRow => ({
  tps: '3673011001001', group: '367301', votes, valid: votes.reduce((a, b) => a + b, 0), registered: 300, voters: 250, ...extra,
});

describe('forensic statistics', () => {
  it('χ² survival function matches tabulated critical values for 9 d.o.f.', () => {
    expect(chiSquareP(16.919, 9)).toBeCloseTo(0.05, 4);
    expect(chiSquareP(21.666, 9)).toBeCloseTo(0.01, 4);
    expect(chiSquareP(4.168, 9)).toBeCloseTo(0.9, 3);
    expect(chiSquareP(0, 9)).toBe(1);
  });

  it('second-digit Benford probabilities sum to 1 with mean 4.187 (Mebane 2006)', () => {
    expect(BENFORD_2ND.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(BENFORD_2ND[0]).toBeCloseTo(0.11968, 5);
    expect(BENFORD_2ND_MEAN).toBeCloseTo(4.187, 3);
  });

  it('median and MAD', () => {
    expect(medianMad([1, 2, 3, 4, 100])).toEqual({ median: 3, mad: 1 });
  });
});

describe('forensic indicators', () => {
  it('last digit: uniform digits give χ² 0 and a 0/5 share of 0.2; counts below 10 are ignored', () => {
    const rows = [row([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 5, 7])];
    const t = lastDigit(rows);
    expect(t).toMatchObject({ n: 10, chi2: 0, df: 9, p: 1, share0or5: 0.2 });
  });

  it('last digit: counts all ending in 0 are a strong signal', () => {
    const t = lastDigit([row(Array.from({ length: 50 }, (_, i) => 10 * (i + 1)))]);
    expect(t.share0or5).toBe(1);
    expect(t.p).toBeLessThan(1e-10);
  });

  it('second digit: Benford-shaped counts give a small χ² and the expected mean', () => {
    // 10,000 counts whose second digits follow Benford exactly (rounded)
    const votes: number[] = [];
    BENFORD_2ND.forEach((p, d) => {
      for (let k = 0; k < Math.round(p * 10000); k++) votes.push(10 + d);
    });
    const t = secondDigit([row(votes)]);
    expect(t.chi2).toBeLessThan(0.01);
    expect(t.mean).toBeCloseTo(4.187, 2);
    expect(t.p).toBeGreaterThan(0.99);
  });

  it('fingerprint: places each TPS by turnout and winner share; turnout over 100 % in the last bin', () => {
    const f = fingerprint(
      [
        row([75, 25], { voters: 150, registered: 300 }), // turnout 0.5, winner share 0.75
        row([100, 0], { voters: 330, registered: 300 }), // turnout 1.1, share 1
        row([1, 1], { registered: null }), // skipped
      ],
      4,
    );
    expect(f.winner).toBe(0);
    expect(f.n).toBe(2);
    expect(f.counts[2]![3]).toBe(1);
    expect(f.counts[3]![3]).toBe(1);
  });

  it('robust z-score flags the TPS far from its kecamatan and nothing in a calm group', () => {
    const rows = [0.74, 0.75, 0.76, 0.75, 0.73, 0.77, 0.75, 0.99].map((t, i) =>
      row([100, 50], { tps: `36730110010${i}`, voters: Math.round(t * 1000), registered: 1000 }),
    );
    const calm = [0.7, 0.71, 0.72, 0.73, 0.74].map((t, i) => row([100, 50], { tps: `36730210010${i}`, group: '367302', voters: t * 1000, registered: 1000 }));
    const out = robustZ([...rows, ...calm], 0);
    expect(out.map((o) => [o.tps, o.metric])).toEqual([['367301100107', 'turnout']]);
    expect(out[0]!.z).toBeGreaterThan(3.5);
    expect(out[0]).toMatchObject({ median: 0.75, value: 0.99 });
  });

  it('labels the report as a signal, not a verdict, in both languages, with references', () => {
    const r = forensicReport([row([10, 20])]);
    expect(r.label.id).toMatch(/bukan putusan/);
    expect(r.label.en).toMatch(/not a verdict/);
    for (const part of [r.lastDigit, r.secondDigit, r.fingerprint, r.robustZ]) expect(part.reference.length).toBeGreaterThan(10);
  });
});
