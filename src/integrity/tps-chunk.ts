/**
 * The desa chunk: the leaf of an import's TPS tree (issue 4 §5, docs/integrity.md "TPS receipts"). One leaf per desa,
 * not per TPS: a national import hashes 84 thousand chunks instead of writing and hashing 823,220 documents, which
 * took more CPU than the rest of the import (issue 3's import bar). A chunk is a small CSV — the figures exactly as
 * the normalised CSV publishes them — under a line naming what it is about and a line of their versions:
 *
 *   kotak/tps-chunk@v1 <election> <contest> <desa>
 *   tps_code,desa_code,votes.<selection key>…,suara_sah,…,pengguna_dpk,sirekap_ts,n_photos
 *   1,1,2                                        (the version of each result below, in order)
 *   3601012001001,3601012001,98,118,10,226,…
 *   …                                            (the desa's TPS the import set, ascending; every line ends in \n)
 *
 * The lines are the stored bytes as they are (versions apart), so a first import hashes its desa rows without
 * rewriting them.
 *
 * The leaf is SHA-256(0x00 ‖ chunk) (RFC 9162 §2.1.1). A TPS receipt carries the chunk of its TPS's desa: the
 * verifier hashes it up the path to the root the import's log entry committed to, finds the TPS's row and rebuilds
 * from it the TPS result document (tps-doc.ts, RFC 8785), which must be the receipt's document byte for byte.
 *
 * No Node built-ins: the browser verifier uses it too. (No `canonicalize` either: the importer's tree worker loads
 * this file as CommonJS; the receipt check that needs it is tps-receipt.ts `chunkHolds`.)
 */
import { fromUtf8 } from './encoding.js';
import type { TpsResultDoc } from './tps-receipt.js';

export const TPS_CHUNK_HEADER = 'kotak/tps-chunk@v1';
/** What an import's log entry says of its TPS tree's leaves (`meta.tps_leaf`); absent: one document per TPS (v1). */
export const TPS_LEAF_DESA = 'desa-chunk@v1';
/** How a chunk's column line names a vote column: by selection key. */
export const VOTE_PREFIX = 'votes.';

/**
 * The column line of a chunk: the normalised CSV's columns with the vote columns named by selection key (`votes.01`,
 * `votes.P01-003`) — the names the TPS result document uses.
 */
export function chunkColumns(selections: readonly string[], adminColumns: readonly string[]): string {
  return ['tps_code', 'desa_code', ...selections.map((k) => VOTE_PREFIX + k), ...adminColumns, 'sirekap_ts', 'n_photos'].join(',');
}

export interface TpsChunk {
  election: string;
  contest: string;
  desa: string;
  columns: string[];
  /** each result's fields, in column order, and its version */
  rows: { version: number; fields: string[] }[];
}

/**
 * Splits one CSV line (RFC 4180 quoting, no line breaks inside fields); null when a quoted field is not closed or is
 * followed by more than a comma. The stored lines of src/results/lines.ts are read with it too.
 */
export function splitCsvLine(line: string): string[] | null {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let s = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) return null;
        s += line.slice(j, q);
        if (line[q + 1] === '"') {
          s += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      out.push(s);
      if (i < line.length && line[i] !== ',') return null;
      i++;
    } else {
      const c = line.indexOf(',', i);
      const e = c < 0 ? line.length : c;
      out.push(line.slice(i, e));
      i = e + 1;
    }
  }
  return out;
}

export function parseTpsChunk(bytes: Uint8Array): TpsChunk | { error: string } {
  const text = fromUtf8(bytes);
  if (text === null) return { error: 'the desa chunk is not UTF-8' };
  if (!text.endsWith('\n')) return { error: 'the desa chunk does not end with a line break' };
  const lines = text.slice(0, -1).split('\n');
  const head = /^kotak\/tps-chunk@v1 (\S+) (\S+) ([0-9]{10})$/.exec(lines[0] ?? '');
  if (!head) return { error: `the desa chunk does not start with ${TPS_CHUNK_HEADER} <election> <contest> <desa>` };
  const columns = (lines[1] ?? '').split(',');
  if (columns[0] !== 'tps_code' || columns[1] !== 'desa_code') return { error: 'the desa chunk has no column line' };
  const versions = (lines[2] ?? '').split(',');
  if (versions.length !== lines.length - 3 || !versions.every((v) => /^[1-9][0-9]*$/.test(v))) return { error: 'the desa chunk does not give one version per result' };
  const rows: TpsChunk['rows'] = [];
  for (let i = 3; i < lines.length; i++) {
    const f = splitCsvLine(lines[i]!);
    if (!f || f.length !== columns.length) return { error: `row ${i - 2} of the desa chunk does not have ${columns.length} fields` };
    rows.push({ version: Number(versions[i - 3]), fields: f });
  }
  return { election: head[1]!, contest: head[2]!, desa: head[3]!, columns, rows };
}

const count = (t: string): number | null => (t === '' ? null : Number(t));

/** The TPS result document of chunk row `row` (the members tps-doc.ts writes). */
export function chunkDocument(chunk: TpsChunk, row: TpsChunk['rows'][number]): TpsResultDoc {
  const votes: Record<string, number | null> = {};
  const figures: Record<string, unknown> = { votes };
  chunk.columns.forEach((name, k) => {
    if (k < 2) return;
    const t = row.fields[k]!;
    if (name.startsWith(VOTE_PREFIX)) votes[name.slice(VOTE_PREFIX.length)] = count(t);
    else figures[name] = name === 'sirekap_ts' ? t || null : count(t);
  });
  return { election: chunk.election, contest: chunk.contest, tps: row.fields[0]!, version: row.version, figures };
}
