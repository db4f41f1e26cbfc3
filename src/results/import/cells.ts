/**
 * The one row interface every tabular importer maps from: CSV over raw bytes and XLSX over cell values both implement
 * it, so the wide and long layouts are read by one mapping each.
 */
export interface Cells {
  /** Row as a spreadsheet shows it (header = 1). */
  readonly row: number;
  /** Number of cells in the row. */
  count(): number;
  /** Cell text (trimmed); `''` when empty or beyond the row. */
  text(i: number): string;
  /** Cell as a count: `null` when empty, `NaN` when it is not a number (the caller names row and column). */
  num(i: number): number | null;
  /** Whether the cell is empty (for checks that need no value). */
  empty(i: number): boolean;
}

/** Parses a count written as text: optional sign, digits, optional fraction. Thousand separators are not accepted. */
export function parseCount(s: string): number | null {
  const t = s.trim();
  if (t === '') return null;
  if (!/^-?\d+(\.\d+)?$/.test(t)) return NaN;
  return Number(t);
}
