/**
 * One way to fail an import: a `validation` KotakError whose message names the row and the column (issue 3,
 * "Bad input … each gets a clear error naming row and column"), with the same facts in `detail` for clients.
 */
import { KotakError } from '../../errors.js';

export interface ErrorPlace {
  /** Row as a spreadsheet shows it (header = 1). */
  row?: number;
  /** 1-based column number. */
  column?: number;
  /** Header of that column. */
  columnName?: string;
  /** File inside a folder or zip. */
  source?: string;
  /** Where in a JSON document, as a path (`Election[0].Contest[0].ContestSelection[2]`). */
  path?: string;
}

/** Spreadsheet column letters (1 → A, 27 → AA) so people can find the cell. */
export function columnLetter(n: number): string {
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function describePlace(p: ErrorPlace): string {
  const parts: string[] = [];
  if (p.source) parts.push(`file ${p.source}`);
  if (p.row !== undefined) parts.push(`row ${p.row}`);
  if (p.column !== undefined) {
    parts.push(`column ${p.column} (${columnLetter(p.column)}${p.columnName ? `, "${p.columnName}"` : ''})`);
  } else if (p.columnName) parts.push(`column "${p.columnName}"`);
  if (p.path) parts.push(`at ${p.path}`);
  return parts.join(', ');
}

/**
 * @example
 *   throw importError('text in a count: "abc"', { row: 12, column: 3, columnName: 'votes_01' });
 *   // message: 'row 12, column 3 (C, "votes_01"): text in a count: "abc"'
 */
export function importError(message: string, place: ErrorPlace = {}): KotakError {
  const where = describePlace(place);
  const full = where ? `${where}: ${message}` : message;
  return new KotakError('validation', full, {
    fields: { file: [full] },
    detail: { ...place, reason: message },
  });
}
