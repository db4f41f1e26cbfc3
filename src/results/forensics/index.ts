/**
 * Forensic indicators of a region's TPS results (STANDARDS.md, "Election forensics (flags, never verdicts)"). Each is
 * a statistical signal that a region deserves a closer look, never proof of fraud: honest counts deviate too (small
 * samples, TPS sizes clustered near round numbers, strong local majorities), and every output says so.
 */
import { chiSquare, medianMad } from './stats.js';

export interface Bilingual {
  id: string;
  en: string;
}

export const SIGNAL_NOT_VERDICT: Bilingual = {
  id: 'Indikator statistik, bukan putusan: penyimpangan adalah alasan untuk memeriksa formulir, bukan bukti kecurangan.',
  en: 'Statistical signal, not a verdict: a deviation is a reason to look at the forms, not proof of fraud.',
};

/** One TPS as the indicators see it. */
export interface ForensicRow {
  tps: string;
  /** Group the robust z-score compares against (the kecamatan code). */
  group: string;
  /** Votes per selection (null = not entered). */
  votes: (number | null)[];
  valid: number | null;
  registered: number | null;
  voters: number | null;
}

/** Second-digit Benford probabilities: P(d) = Σ_{k=1..9} log10(1 + 1/(10k + d)) (Mebane 2006). */
export const BENFORD_2ND: number[] = Array.from({ length: 10 }, (_, d) => {
  let p = 0;
  for (let k = 1; k <= 9; k++) p += Math.log10(1 + 1 / (10 * k + d));
  return p;
});
export const BENFORD_2ND_MEAN = BENFORD_2ND.reduce((a, p, d) => a + p * d, 0);

/** Counts a digit test uses: every entered vote count ≥ 10 (Beber & Scacco 2012; Mebane 2006). */
function counts(rows: ForensicRow[]): number[] {
  const out: number[] = [];
  for (const r of rows) for (const v of r.votes) if (v !== null && v >= 10 && Number.isInteger(v)) out.push(v);
  return out;
}

export interface LastDigit {
  n: number;
  histogram: number[];
  chi2: number;
  df: number;
  p: number;
  /** Share of counts ending in 0 or 5; ≈ 0.2 expected. */
  share0or5: number;
}

/** Last digit of counts ≥ 10 should be uniform: χ² with 9 d.o.f. (Beber & Scacco 2012). */
export function lastDigit(rows: ForensicRow[]): LastDigit {
  const h = new Array<number>(10).fill(0);
  for (const c of counts(rows)) h[c % 10]!++;
  const t = chiSquare(h, new Array(10).fill(0.1));
  return { n: t.n, histogram: h, chi2: t.statistic, df: t.df, p: t.p, share0or5: t.n ? (h[0]! + h[5]!) / t.n : NaN };
}

export interface SecondDigit {
  n: number;
  histogram: number[];
  mean: number;
  expectedMean: number;
  chi2: number;
  df: number;
  p: number;
}

/** Second digit of counts ≥ 10 against Benford's law (Mebane 2006); expected mean 4.187. */
export function secondDigit(rows: ForensicRow[]): SecondDigit {
  const h = new Array<number>(10).fill(0);
  let sum = 0;
  for (const c of counts(rows)) {
    const d = Number(String(c)[1]);
    h[d]!++;
    sum += d;
  }
  const t = chiSquare(h, BENFORD_2ND);
  return { n: t.n, histogram: h, mean: t.n ? sum / t.n : NaN, expectedMean: BENFORD_2ND_MEAN, chi2: t.statistic, df: t.df, p: t.p };
}

export interface Fingerprint {
  bins: number;
  /** Selection index of the region's overall winner. */
  winner: number;
  /** counts[t][s]: TPS with turnout in bin t and winner share in bin s (bin width 1/bins). */
  counts: number[][];
  n: number;
}

/**
 * The election fingerprint (Klimek et al., PNAS 2012): 2-D histogram of turnout (voters / registered) × the winner's
 * share of valid votes per TPS. Mass smeared toward (100 %, 100 %) is the ballot-stuffing signature. Turnout above
 * 100 % goes in the last bin (the `voters_le_registered` check flags those TPS).
 */
export function fingerprint(rows: ForensicRow[], bins = 20): Fingerprint {
  const nSel = rows[0]?.votes.length ?? 0;
  const tot = new Array<number>(nSel).fill(0);
  for (const r of rows) r.votes.forEach((v, k) => (tot[k]! += v ?? 0));
  const winner = tot.reduce((best, v, k) => (v > tot[best]! ? k : best), 0);
  const grid = Array.from({ length: bins }, () => new Array<number>(bins).fill(0));
  let n = 0;
  const bin = (x: number) => Math.min(bins - 1, Math.max(0, Math.floor(x * bins)));
  for (const r of rows) {
    const w = r.votes[winner];
    if (r.registered === null || r.registered <= 0 || r.voters === null || r.valid === null || r.valid <= 0 || w === null || w === undefined) continue;
    grid[bin(r.voters / r.registered)]![bin(w / r.valid)]!++;
    n++;
  }
  return { bins, winner, counts: grid, n };
}

export interface RobustZ {
  tps: string;
  group: string;
  metric: 'turnout' | 'winner_share';
  value: number;
  median: number;
  mad: number;
  z: number;
}

/**
 * Robust z-score of each TPS against the other TPS of its group (kecamatan): z = 0.6745 (x − median) / MAD
 * (Iglewicz & Hoaglin 1993); |z| > 3.5 is an outlier. Groups with fewer than 5 TPS or MAD 0 are skipped.
 */
export function robustZ(rows: ForensicRow[], winner: number, threshold = 3.5): RobustZ[] {
  const groups = new Map<string, ForensicRow[]>();
  for (const r of rows) {
    let g = groups.get(r.group);
    if (!g) groups.set(r.group, (g = []));
    g.push(r);
  }
  const out: RobustZ[] = [];
  const metrics: ['turnout' | 'winner_share', (r: ForensicRow) => number | null][] = [
    ['turnout', (r) => (r.registered && r.voters !== null ? r.voters / r.registered : null)],
    ['winner_share', (r) => (r.valid && r.votes[winner] !== null && r.votes[winner] !== undefined ? r.votes[winner]! / r.valid : null)],
  ];
  for (const [group, members] of groups) {
    for (const [metric, f] of metrics) {
      const xs = members.map((r) => ({ r, x: f(r) })).filter((e): e is { r: ForensicRow; x: number } => e.x !== null);
      if (xs.length < 5) continue;
      const { median, mad } = medianMad(xs.map((e) => e.x));
      if (mad === 0) continue;
      for (const { r, x } of xs) {
        const z = (0.6745 * (x - median)) / mad;
        if (Math.abs(z) > threshold) out.push({ tps: r.tps, group, metric, value: x, median, mad, z });
      }
    }
  }
  return out.sort((a, b) => Math.abs(b.z) - Math.abs(a.z));
}

export interface ForensicReport {
  label: Bilingual;
  tps: number;
  lastDigit: LastDigit & { reference: string };
  secondDigit: SecondDigit & { reference: string };
  fingerprint: Fingerprint & { reference: string };
  robustZ: { threshold: number; outliers: RobustZ[]; reference: string };
}

/**
 * All indicators for the TPS of one region.
 *
 * @example
 *   const report = forensicReport(rows); report.secondDigit.mean; // ≈ 4.187 for unremarkable data
 */
export function forensicReport(rows: ForensicRow[], opts: { bins?: number; threshold?: number } = {}): ForensicReport {
  const fp = fingerprint(rows, opts.bins ?? 20);
  const threshold = opts.threshold ?? 3.5;
  return {
    label: SIGNAL_NOT_VERDICT,
    tps: rows.length,
    lastDigit: { ...lastDigit(rows), reference: 'Beber & Scacco (2012), Political Analysis 20(2)' },
    secondDigit: { ...secondDigit(rows), reference: 'Mebane (2006), "Election Forensics: Vote Counts and Benford\'s Law"' },
    fingerprint: { ...fp, reference: 'Klimek, Yegorov, Hanel & Thurner (2012), PNAS 109(41)' },
    robustZ: {
      threshold,
      outliers: robustZ(rows, fp.winner, threshold),
      reference: 'Iglewicz & Hoaglin (1993), modified z-score; Kobak, Shpilkin & Pshenichnikov (2016)',
    },
  };
}
