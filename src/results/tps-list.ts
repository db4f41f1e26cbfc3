/**
 * Reading an election's TPS list (issue 3 §1 "the TPS list; registered voters per TPS"): the TPS expected to report,
 * each with the voters on its DPT (Daftar Pemilih Tetap, DOMAIN.md). KPU publishes it per region; it is what coverage
 * is measured against (§3 "missing TPS (coverage against the TPS list)").
 *
 * A CSV or XLSX with a TPS code column (`tps_code`, `kode_tps` or `tps`) and, optionally, a registered-voters column
 * (`registered`, `dpt`, `jumlah_dpt`, `pemilih_terdaftar` or the results files' `pemilih_dpt_total`). Other columns —
 * names, addresses, coordinates — are allowed and not read. Unlike a results file, where a check flags and never
 * rejects, the list is the reference the checks are made against: a TPS outside the region tree, a repeated TPS or a
 * count that is not a whole number fails the whole file, naming row and column.
 *
 * @example
 *   const list = await readTpsList('dpt-banten.csv', tree); // [{ tps: '3601012001001', region: '3601012001', registered: 289, row: 2 }, …]
 */
import { createReadStream } from 'node:fs';
import type { Cells } from './import/cells.js';
import { normaliseHeader, TPS_COLUMNS, textInCount, tpsCode } from './import/columns.js';
import { readCsv } from './import/csv-bytes.js';
import { importError } from './import/import-error.js';
import { readXlsx } from './import/xlsx.js';
import type { RegionTree } from './regions.js';

export interface ListedTps {
  /** 13-digit TPS code as written (a KPU desa code stays as KPU wrote it; `region` is the Kemendagri desa). */
  tps: string;
  /** Kemendagri desa holding the TPS. */
  region: string;
  /** Registered voters (DPT); null when the list gives none for this TPS. */
  registered: number | null;
  /** Row in the source file (header = 1). */
  row: number;
}

export const REGISTERED_COLUMNS = ['registered', 'dpt', 'jumlah_dpt', 'pemilih_terdaftar', 'pemilih_dpt_total', 'pemilih_dpt_j'];

export type TpsListFormat = 'csv' | 'xlsx';

/** `xlsx` for a .xlsx name, else CSV (a list is a table; JSON is not offered). */
export function tpsListFormat(filename: string): TpsListFormat {
  return filename.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
}

type RowReader = (cells: Cells) => ListedTps | undefined;

/** The row reader for a header; throws naming the expected columns when the TPS column is missing. */
function planList(header: string[], tree: RegionTree, source: string | undefined, seen: Map<string, number>): RowReader {
  const names = header.map(normaliseHeader);
  const tpsAt = names.findIndex((n) => TPS_COLUMNS.includes(n));
  if (tpsAt < 0) {
    throw importError(
      `missing column tps_code; a TPS list has the columns tps_code (or ${TPS_COLUMNS.slice(1).join(', ')}) and registered (or ${REGISTERED_COLUMNS.slice(1).join(', ')}), other columns are not read`,
      { row: 1, source },
    );
  }
  const regCols = names.flatMap((n, i) => (REGISTERED_COLUMNS.includes(n) ? [i] : []));
  const regAt = regCols[0] ?? -1;
  if (regCols.length > 1) {
    const second = regCols[1]!;
    throw importError(`two registered-voters columns ("${header[regAt]}" and "${header[second]}"); keep one`, { row: 1, column: second + 1, columnName: header[second], source });
  }
  return (cells) => {
    const raw = cells.text(tpsAt);
    const place = { row: cells.row, column: tpsAt + 1, columnName: header[tpsAt], source };
    if (raw === '') {
      // A row of only empty cells is a blank line; one with other cells but no TPS code is an error.
      for (let i = 0; i < cells.count(); i++) if (!cells.empty(i)) throw importError('no TPS code in this row', place);
      return undefined;
    }
    const tps = tpsCode(raw, place);
    const region = tree.desaOfTps(tps);
    if (region === null) throw importError(`TPS ${tps}: desa ${tps.slice(0, 10)} is not in the election's region tree`, place);
    const first = seen.get(tps);
    if (first !== undefined) throw importError(`TPS ${tps} is listed twice (first in row ${first})`, place);
    seen.set(tps, cells.row);
    let registered: number | null = null;
    if (regAt >= 0) {
      const v = cells.num(regAt);
      const at = { row: cells.row, column: regAt + 1, columnName: header[regAt], source };
      if (v !== v) throw textInCount(cells.text(regAt), at);
      if (v !== null && (v < 0 || !Number.isInteger(v))) throw importError(`registered voters must be a whole number ≥ 0, not ${cells.text(regAt)}`, at);
      registered = v;
    }
    return { tps, region, registered, row: cells.row };
  };
}

/**
 * Reads a whole TPS list (CSV or XLSX). A national list has ~823 thousand rows: a few tens of MB in memory, read once
 * per list import.
 */
export async function readTpsList(path: string, tree: RegionTree, opts: { format?: TpsListFormat; sourceName?: string } = {}): Promise<ListedTps[]> {
  const format = opts.format ?? tpsListFormat(opts.sourceName ?? path);
  const source = opts.sourceName;
  const seen = new Map<string, number>();
  const out: ListedTps[] = [];
  if (format === 'xlsx') {
    let read: RowReader | null = null;
    for await (const cells of readXlsx(path, source)) {
      if (read === null) {
        const header: string[] = [];
        for (let i = 0; i < cells.count(); i++) header.push(cells.text(i));
        read = planList(header, tree, source, seen);
        continue;
      }
      const r = read(cells);
      if (r) out.push(r);
    }
    if (read === null) throw importError('the file is empty: no header row', { source });
    return out;
  }
  for await (const batch of readCsv<ListedTps>(createReadStream(path), (header) => planList(header, tree, source, seen))) {
    for (const r of batch) out.push(r);
  }
  return out;
}
