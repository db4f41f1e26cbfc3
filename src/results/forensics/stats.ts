/**
 * Small statistics needed by the forensic indicators: the χ² survival function (via the regularised incomplete gamma
 * function, continued fraction and series as in Press et al., Numerical Recipes §6.2), median and MAD.
 */

/** ln Γ(x), Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for x > 0. */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularised upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a). */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const gln = logGamma(a);
  if (x < a + 1) {
    // series for P(a, x)
    let sum = 1 / a;
    let del = sum;
    let ap = a;
    for (let n = 0; n < 500; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - gln);
  }
  // continued fraction for Q(a, x), modified Lentz
  let b = x + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - gln) * h;
}

/** P(X ≥ x) for X ~ χ²(df). */
export function chiSquareP(x: number, df: number): number {
  return gammaQ(df / 2, x / 2);
}

/** Pearson χ² of observed counts against expected probabilities. */
export function chiSquare(observed: number[], probabilities: number[]): { statistic: number; df: number; p: number; n: number } {
  const n = observed.reduce((a, b) => a + b, 0);
  let stat = 0;
  observed.forEach((o, i) => {
    const e = n * probabilities[i]!;
    if (e > 0) stat += ((o - e) * (o - e)) / e;
  });
  const df = observed.length - 1;
  return { statistic: stat, df, p: n > 0 ? chiSquareP(stat, df) : 1, n };
}

export function median(sorted: number[]): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const m = n >> 1;
  return n % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}

/** Median and median absolute deviation of a sample. */
export function medianMad(xs: number[]): { median: number; mad: number } {
  const s = [...xs].sort((a, b) => a - b);
  const med = median(s);
  const dev = s.map((x) => Math.abs(x - med)).sort((a, b) => a - b);
  return { median: med, mad: median(dev) };
}
