/**
 * XLSX input through exceljs's streaming reader (rows are read as they are unzipped, never the whole workbook).
 * Only the first worksheet is read; its first non-empty row is the header. The rows then go through the same wide
 * or long mapping as CSV, via the `Cells` interface.
 */
import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import type { Cells } from './cells.js';
import { parseCount } from './cells.js';
import { importError } from './import-error.js';

type CellValue = ExcelJS.CellValue;

/** Turns any exceljs cell value (rich text, formula result, hyperlink, date) into what the sheet shows. */
function plain(v: CellValue | undefined): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().replace('T', ' ').replace(/\.\d+Z$/, '');
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return plain((v as { result?: CellValue }).result ?? null);
    if ('text' in v) return plain((v as { text: CellValue }).text);
    if ('error' in v) return String((v as { error: unknown }).error);
  }
  return String(v);
}

export class XlsxCells implements Cells {
  constructor(readonly row: number, private readonly values: (string | number | null)[]) {}
  count(): number {
    return this.values.length;
  }
  text(i: number): string {
    const v = this.values[i];
    return v === null || v === undefined ? '' : String(v).trim();
  }
  num(i: number): number | null {
    const v = this.values[i];
    if (v === null || v === undefined) return null;
    if (typeof v === 'number') return v;
    return parseCount(v);
  }
  empty(i: number): boolean {
    return this.text(i) === '';
  }
}

/**
 * Yields the header (as strings) first, then each data row padded or cut to the header's width — a spreadsheet
 * drops trailing empty cells, so short rows are normal here, unlike in CSV.
 */
export async function* readXlsx(input: string | Readable, source?: string): AsyncGenerator<XlsxCells> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input as string, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'emit',
    worksheets: 'emit',
  });
  let width = -1;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const raw = row.values as CellValue[];
        const vals: (string | number | null)[] = [];
        for (let i = 1; i < raw.length; i++) vals.push(plain(raw[i]));
        if (width < 0) {
          while (vals.length && (vals[vals.length - 1] === null || vals[vals.length - 1] === '')) vals.pop();
          if (vals.length === 0) continue;
          width = vals.length;
        } else {
          if (vals.every((v) => v === null || v === '')) continue;
          if (vals.length > width) {
            const extra = vals.slice(width).findIndex((v) => v !== null && v !== '');
            if (extra >= 0) {
              throw importError(`a value beyond the last header column`, { row: row.number, column: width + extra + 1, source });
            }
          }
          vals.length = width;
          for (let i = 0; i < width; i++) if (vals[i] === undefined) vals[i] = null;
        }
        yield new XlsxCells(row.number, vals);
      }
      break; // first worksheet only
    }
  } catch (e) {
    if (e instanceof Error && e.name === 'KotakError') throw e;
    throw importError(`the XLSX file cannot be read (damaged or truncated?): ${(e as Error).message}`, { source });
  }
  if (width < 0) throw importError('the XLSX file has no header row', { source });
}
