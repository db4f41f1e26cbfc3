/** The shape every benchmark returns, printed by bench/run.ts and written to docs/benchmarks.md. */
export interface BenchRow {
  name: string;
  value: string;
  /** The bar from the issue, in words ("p50 ≤ 5 ms", "≥ 25 % of status_show"). */
  limit?: string;
  pass?: boolean;
}

export interface BenchSection {
  title: string;
  setup: string;
  rows: BenchRow[];
  notes?: string[];
}

export function fmtMs(ms: number): string {
  return ms < 1 ? `${ms.toFixed(3)} ms` : `${ms.toFixed(2)} ms`;
}

export function pct(a: number, b: number): string {
  return `${((100 * a) / b).toFixed(1)} %`;
}
