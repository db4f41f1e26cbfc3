/**
 * KPU Sirekap per-TPS result JSON (STANDARDS.md, "KPU Sirekap result JSON per TPS"): `chart` (votes per candidate
 * id), `administrasi` (`suara_sah`, `suara_tidak_sah`, `suara_total`, `pemilih_dpt_j`, `pengguna_*_j`), `images`,
 * `status_suara`, `status_adm`, `ts`. The JSON does not carry its TPS code: KPU serves it at
 * `…/hhcw/ppwp/{prov}/{kab}/{kec}/{desa}/{tps}.json`, so the code comes from the file name, or from the `url` of the
 * `{ url, data }` wrapper that public dumps use (one per line in a JSON Lines file).
 *
 * A `null` chart or `administrasi` means "not entered yet" and gives null figures — the flags and the coverage show it.
 */
import type { Contest } from '../contest.js';
import { ADMIN_FIELDS, emptyAdmin, type AdminFigures, type TpsForm } from '../types.js';
import { ADMIN_SYNONYMS, tpsCode } from './columns.js';
import { importError } from './import-error.js';

const TPS_IN_NAME = /(\d{13}|\d{2}\.\d{2}\.\d{2}\.\d{4}\.\d{3})(?:\.json)?$/i;

/** The TPS code a file name or URL ends with, or null. */
export function tpsFromName(name: string): string | null {
  const base = name.split(/[\\/]/).pop() ?? name;
  const m = TPS_IN_NAME.exec(base);
  return m ? m[1]!.replace(/\./g, '') : null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A count from JSON: numbers pass (the checks judge sign and fraction); numeric strings are read; text is an error. */
function count(v: unknown, field: string, row: number, source?: string): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  throw importError(`text in a count: ${JSON.stringify(v)} is not a number`, { row, columnName: field, source });
}

/**
 * Maps one parsed Sirekap document to a form.
 *
 * @example
 *   sirekapForm({ chart: { '100025': 98, '100026': 118, '100027': 10 }, administrasi: null, ts: '2024-02-24 22:31:28' },
 *     '3601012001001', contest, 1, '3601012001001.json');
 */
export function sirekapForm(doc: unknown, tpsHint: string | null, contest: Contest, row: number, source?: string): TpsForm {
  if (!isObject(doc)) throw importError('a Sirekap result must be a JSON object', { row, source });
  let body: Record<string, unknown> = doc;
  let tps = tpsHint;
  if (isObject(doc.data) && !('chart' in doc) && !('administrasi' in doc)) {
    body = doc.data;
    if (typeof doc.url === 'string') tps = tpsFromName(doc.url) ?? tps;
  }
  for (const k of ['kode_tps', 'tps_code']) if (typeof body[k] === 'string') tps = body[k] as string;
  if (tps === null) {
    throw importError('cannot tell which TPS this is: name the file {13-digit TPS code}.json or give the `url`', { row, source });
  }
  const code = tpsCode(tps, { row, columnName: 'tps', source });
  const votes = new Array<number | null>(contest.selections.length).fill(null);
  const chart = body.chart;
  if (chart !== null && chart !== undefined) {
    if (!isObject(chart)) throw importError('`chart` must be an object of votes per candidate id', { row, columnName: 'chart', source });
    for (const [id, v] of Object.entries(chart)) {
      if (id === 'null' && v === null) continue; // Sirekap adds a "null": null entry to partly filled charts
      const sel = contest.byExternal.get(`sirekap:${id}`) ?? contest.byKey.get(id);
      if (sel === undefined) {
        throw importError(`unknown candidate id "${id}" in chart of contest ${contest.id}`, { row, columnName: `chart.${id}`, source });
      }
      votes[sel] = count(v, `chart.${id}`, row, source);
    }
  }
  const admin: AdminFigures = emptyAdmin();
  const adm = body.administrasi;
  if (adm !== null && adm !== undefined) {
    if (!isObject(adm)) throw importError('`administrasi` must be an object', { row, columnName: 'administrasi', source });
    for (const [k, v] of Object.entries(adm)) {
      const field = ADMIN_SYNONYMS[k];
      if (field && ADMIN_FIELDS.includes(field)) admin[field] = count(v, `administrasi.${k}`, row, source);
    }
  }
  const images = Array.isArray(body.images) ? body.images.filter((x) => x !== null && x !== '').length : null;
  const form: TpsForm = {
    row,
    tps: code,
    votes,
    admin,
    timestamp: typeof body.ts === 'string' ? body.ts : null,
    photos: images,
  };
  if (source !== undefined) form.source = source;
  return form;
}

/** Parses the text of one `.json` file (one TPS) or a `.jsonl` file (one `{url, data}` per line). */
export function sirekapFile(text: string, name: string, contest: Contest): TpsForm[] {
  const jsonl = /\.(jsonl|ndjson)$/i.test(name);
  if (!jsonl) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      throw importError(`not valid JSON (truncated?): ${(e as Error).message}`, { source: name, row: 1 });
    }
    return [sirekapForm(doc, tpsFromName(name), contest, 1, name)];
  }
  const out: TpsForm[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch (e) {
      throw importError(`not valid JSON (truncated?): ${(e as Error).message}`, { source: name, row: i + 1 });
    }
    out.push(sirekapForm(doc, null, contest, i + 1, name));
  });
  return out;
}
