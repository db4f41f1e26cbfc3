/**
 * Reading a results file of any supported format into normalised TPS forms, streamed in batches.
 *
 * Formats: wide or long CSV, XLSX of either (the layout is told apart by its header), Sirekap per-TPS JSON as one
 * file, a JSON Lines dump, a folder or a zip, and NIST SP 1500-100 v2 ERR JSON with a polling place per TPS. Every
 * failure is a `validation` KotakError naming file, row and column (for ERR, the JSON path).
 *
 * @example
 *   for await (const batch of readForms('banten-ppwp-2024-tps.csv', contest))
 *     for (let i = 0; i < batch.length; i++) batch.tps(i); // batch.form(i) for the whole form
 */
import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Contest } from '../contest.js';
import type { TpsForm } from '../types.js';
import type { Cells } from './cells.js';
import { CsvRecord, readCsv, scanRecord, type RowMapper } from './csv-bytes.js';
import { FormBatch, formLayout, type FormLayout } from '../batch.js';
import { readWideCsv } from './wide-csv.js';
import { readWideCsvParallel } from './wide-csv-parallel.js';
import type { ImportWorker } from '../import-worker.js';
import { normalisedHeader } from '../export/csv.js';
import { importError } from './import-error.js';
import { LongCollector, looksLong, planLong } from './long.js';
import { errForms, namesErrReport } from './nist-err.js';
import { sirekapFile } from './sirekap.js';
import { planWide, wideMapper } from './wide.js';
import { readXlsx } from './xlsx.js';
import { zipEntries } from './zip.js';

export type ImportFormat = 'csv' | 'xlsx' | 'sirekap-json' | 'sirekap-zip' | 'sirekap-folder' | 'nist-err';
export type Layout = 'auto' | 'wide' | 'long';

export const IMPORT_FORMATS: readonly ImportFormat[] = ['csv', 'xlsx', 'sirekap-json', 'sirekap-zip', 'sirekap-folder', 'nist-err'];

export interface ReadOptions {
  format?: ImportFormat;
  layout?: Layout;
  /** Called with bytes (or files) done and the total, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
  /** Name shown in errors instead of the path. */
  sourceName?: string;
  /** The file's bytes when the caller has already read it whole (CSV only): parsed in place, not read again. */
  bytes?: Buffer;
  /** A worker thread to parse part of a large wide CSV in `bytes` (import-worker.ts). */
  worker?: ImportWorker | null;
}

const BATCH = 4096;

/** Guesses the format from the path: a folder, or the extension; a `.json` file is NIST ERR when it says so. */
export async function detectFormat(path: string): Promise<ImportFormat> {
  const s = await stat(path).catch(() => null);
  if (!s) throw importError(`no such file: ${path}`);
  if (s.isDirectory()) return 'sirekap-folder';
  const lower = path.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.zip')) return 'sirekap-zip';
  if (lower.endsWith('.json') && (await namesErrReport(path))) return 'nist-err';
  if (/\.(json|jsonl|ndjson)$/.test(lower)) return 'sirekap-json';
  if (/\.(csv|txt)$/.test(lower)) return 'csv';
  throw importError(`cannot tell the format of "${basename(path)}": use .csv, .xlsx, .json, .jsonl, .zip or a folder, or name the format`);
}

async function* counted(path: string, total: number, onProgress?: (d: number, t: number) => void): AsyncGenerator<Buffer> {
  let done = 0;
  for await (const c of createReadStream(path, { highWaterMark: 1 << 20 })) {
    done += (c as Buffer).length;
    onProgress?.(done, total);
    yield c as Buffer;
  }
}

async function* once(buf: Buffer): AsyncGenerator<Buffer> {
  yield buf;
}

/** The mapper for a header row: long layout collects into `collector`, wide maps each row. */
function tabular(
  header: string[],
  contest: Contest,
  layout: Layout,
  source: string | undefined,
  setCollector: (c: LongCollector) => void,
): RowMapper<TpsForm> & ((cells: Cells) => TpsForm | undefined) {
  if (layout === 'long' || (layout === 'auto' && looksLong(header))) {
    const c = new LongCollector(planLong(header, contest, source), contest, source);
    setCollector(c);
    return (cells: Cells) => {
      c.add(cells);
      return undefined;
    };
  }
  return wideMapper(planWide(header, contest, source), contest, source);
}

/** Reads the header record of a CSV stream; returns it with the buffer read so far and where data begins. */
async function csvHead(it: AsyncIterator<Buffer>): Promise<{ header: string[]; buf: Buffer; pos: number; row: number; delim: number }> {
  let buf: Buffer = Buffer.alloc(0);
  let done = false;
  const rec = new CsvRecord();
  for (;;) {
    if (!done) {
      const r = await it.next();
      if (r.done) done = true;
      else buf = buf.length ? Buffer.concat([buf, r.value]) : r.value;
    }
    let pos = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    const nl = buf.indexOf(10, pos);
    if (nl < 0 && !done) continue;
    const line = buf.toString('utf8', pos, nl < 0 ? buf.length : nl);
    const delim = !line.includes(',') && line.includes(';') ? 59 : 44;
    let row = 0;
    while (pos < buf.length) {
      rec.row = row + 1;
      const end = scanRecord(rec, buf, pos, done, delim);
      if (end < 0) break;
      rec.buf = buf;
      row++;
      pos = end;
      if (rec.n === 1 && rec.starts[0] === rec.ends[0] && rec.quoted[0] === 0) continue;
      const header: string[] = [];
      for (let k = 0; k < rec.n; k++) header.push(rec.text(k));
      return { header, buf, pos, row, delim };
    }
    if (done) throw importError('the file is empty: no header row');
  }
}

async function* rest(it: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  for (;;) {
    const r = await it.next();
    if (r.done) return;
    yield r.value;
  }
}

async function* prepend(first: Buffer, it: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield first;
  yield* rest(it);
}

/** Packs form objects into batches. */
function* pack(layout: FormLayout, forms: Iterable<TpsForm>): Generator<FormBatch> {
  let b = new FormBatch(layout, BATCH);
  for (const f of forms) {
    b.push(f);
    if (b.length >= BATCH) {
      yield b;
      b = new FormBatch(layout, BATCH);
    }
  }
  if (b.length) yield b;
}

/**
 * Reads a results file into batches of forms (see batch.ts for why batches); `batch.form(i)` gives one form.
 */
export async function* readForms(path: string, contest: Contest, opts: ReadOptions = {}): AsyncGenerator<FormBatch> {
  const format = opts.format ?? (await detectFormat(path));
  const layoutKind = opts.layout ?? 'auto';
  const layout = formLayout(contest.selections.length);
  const total = (await stat(path)).size;
  if (format === 'csv') {
    const it = (opts.bytes ? once(opts.bytes) : counted(path, total, opts.onProgress))[Symbol.asyncIterator]();
    const head = await csvHead(it);
    const long = layoutKind === 'long' || (layoutKind === 'auto' && looksLong(head.header));
    if (!long) {
      const plan = planWide(head.header, contest);
      const canonical = head.row === 1 && head.buf.toString('utf8', 0, head.pos) === normalisedHeader(contest) + '\n';
      if (opts.bytes) {
        yield* readWideCsvParallel(opts.bytes, plan, contest, layout, { pos: head.pos, row: head.row }, head.delim, canonical, opts.worker, opts.onProgress);
        return;
      }
      yield* readWideCsv(rest(it), plan, contest, layout, { buf: head.buf, pos: head.pos, row: head.row }, head.delim, canonical);
      return;
    }
    let collector: LongCollector | null = null;
    for await (const _ of readCsv<never>(prepend(head.buf, it), (header) => {
      const c = new LongCollector(planLong(header, contest), contest);
      collector = c;
      return (cells) => {
        c.add(cells);
        return undefined;
      };
    })) {
      // the long layout yields nothing until the end
    }
    yield* pack(layout, (collector as LongCollector | null)?.forms() ?? []);
    return;
  }
  if (format === 'xlsx') {
    let collector: LongCollector | null = null;
    let map: ((cells: Cells) => TpsForm | undefined) | null = null;
    let batch = new FormBatch(layout, BATCH);
    for await (const cells of readXlsx(path)) {
      if (!map) {
        const header: string[] = [];
        for (let i = 0; i < cells.count(); i++) header.push(cells.text(i));
        map = tabular(header, contest, layoutKind, undefined, (c) => (collector = c));
        continue;
      }
      const f = map(cells);
      if (f) batch.push(f);
      if (batch.length >= BATCH) {
        yield batch;
        batch = new FormBatch(layout, BATCH);
      }
    }
    if (batch.length) yield batch;
    if (collector) yield* pack(layout, (collector as LongCollector).forms());
    return;
  }
  if (format === 'sirekap-json') {
    opts.onProgress?.(0, 1);
    const forms = sirekapFile(await readFile(path, 'utf8'), opts.sourceName ?? basename(path), contest);
    opts.onProgress?.(1, 1);
    yield* pack(layout, forms);
    return;
  }
  if (format === 'nist-err') {
    if ((await stat(path)).isDirectory()) throw importError('a NIST ERR document is one .json file, not a folder', { source: basename(path) });
    opts.onProgress?.(0, 1);
    const forms = errForms(await readFile(path, 'utf8'), opts.sourceName ?? basename(path), contest);
    opts.onProgress?.(1, 1);
    yield* pack(layout, forms);
    return;
  }
  if (format === 'sirekap-zip') {
    const zipName = opts.sourceName ?? basename(path);
    let n = 0;
    const self = async function* (): AsyncGenerator<TpsForm> {
      for await (const { name, data } of zipEntries(path, (e) => /\.(json|jsonl|ndjson)$/i.test(e), zipName)) {
        yield* sirekapFile(data.toString('utf8'), name, contest);
        opts.onProgress?.(++n, 0);
      }
    };
    yield* packAsync(layout, self());
    return;
  }
  if (format === 'sirekap-folder') {
    const names = (await readdir(path, { recursive: true, withFileTypes: true }))
      .filter((d) => d.isFile() && /\.(json|jsonl|ndjson)$/i.test(d.name))
      .map((d) => join(d.parentPath ?? (d as unknown as { path: string }).path, d.name))
      .sort();
    if (names.length === 0) throw importError(`the folder has no .json files`, { source: basename(path) });
    let n = 0;
    const self = async function* (): AsyncGenerator<TpsForm> {
      for (const file of names) {
        const rel = file.slice(path.length).replace(/^[\\/]/, '');
        yield* sirekapFile(await readFile(file, 'utf8'), rel, contest);
        opts.onProgress?.(++n, names.length);
      }
    };
    yield* packAsync(layout, self());
    return;
  }
  throw importError(`unknown format "${format as string}"; expected one of ${IMPORT_FORMATS.join(', ')}`);
}

async function* packAsync(layout: FormLayout, forms: AsyncIterable<TpsForm>): AsyncGenerator<FormBatch> {
  let b = new FormBatch(layout, BATCH);
  for await (const f of forms) {
    b.push(f);
    if (b.length >= BATCH) {
      yield b;
      b = new FormBatch(layout, BATCH);
    }
  }
  if (b.length) yield b;
}
