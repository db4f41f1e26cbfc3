/**
 * CSV writers: the normalised wide CSV (the resource an import publishes; it reads back through the wide importer
 * unchanged) and OpenElections-style long CSV (STANDARDS.md: `county, precinct, office, district, party, candidate,
 * votes`). Both yield text chunks so a download can stream.
 */
import type { Contest } from '../contest.js';
import { ADMIN_COLUMN } from '../import/columns.js';
import type { RegionTree } from '../regions.js';
import { ADMIN_FIELDS, type TpsForm } from '../types.js';

/** RFC 4180 §2.6–2.7: quote a field holding a delimiter, quote or line break; double inner quotes. */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function normalisedHeader(contest: Contest): string {
  return ['tps_code', 'desa_code', ...contest.selections.map((s) => s.column), ...ADMIN_FIELDS.map((f) => ADMIN_COLUMN[f]), 'sirekap_ts', 'n_photos'].join(',');
}

export function normalisedLine(f: TpsForm): string {
  const cells: (string | number | null)[] = [f.tps, f.tps.slice(0, 10), ...f.votes, ...ADMIN_FIELDS.map((k) => f.admin[k]), f.timestamp, f.photos];
  return cells.map(csvField).join(',');
}

/**
 * @example
 *   for (const chunk of normalisedCsv(contest, forms)) stream.write(chunk);
 */
export function* normalisedCsv(contest: Contest, forms: Iterable<TpsForm>, linesPerChunk = 2000): Generator<string> {
  let buf: string[] = [normalisedHeader(contest)];
  for (const f of forms) {
    buf.push(normalisedLine(f));
    if (buf.length >= linesPerChunk) {
      yield buf.join('\n') + '\n';
      buf = [];
    }
  }
  if (buf.length) yield buf.join('\n') + '\n';
}

export const OPENELECTIONS_HEADER = 'county,precinct,office,district,party,candidate,votes';

/**
 * OpenElections layout: county = kabupaten/kota name, precinct = TPS code, office = contest title, district = dapil,
 * one row per vote line, then `Registered Voters`, `Ballots Cast` and `Invalid Votes` rows as OpenElections does for
 * turnout figures.
 */
export function* openElectionsCsv(contest: Contest, tree: RegionTree, forms: Iterable<TpsForm>, linesPerChunk = 2000): Generator<string> {
  let buf: string[] = [OPENELECTIONS_HEADER];
  const kabName = (tps: string) => {
    const lineage = tree.lineage(tree.placeTps(tps));
    const kab = lineage.find((c) => tree.get(c)!.level === 'kabupaten_kota');
    return kab ? tree.get(kab)!.name : '';
  };
  const dapil = (tps: string) => {
    for (const c of tree.lineage(tree.placeTps(tps))) {
      const d = contest.districtByRegion.get(c);
      if (d) return d;
    }
    return '';
  };
  const partyName = (n: number | undefined) => (n === undefined ? '' : (contest.parties.find((p) => p.number === n)?.name ?? ''));
  for (const f of forms) {
    const county = csvField(kabName(f.tps));
    const district = csvField(dapil(f.tps));
    const pre = `${county},${f.tps},${csvField(contest.title)},${district}`;
    contest.selections.forEach((s, k) => {
      const v = f.votes[k];
      if (v === null || v === undefined) return;
      buf.push(`${pre},${csvField(partyName(s.partyNumber))},${csvField(s.kind === 'party' ? '' : s.name)},${v}`);
    });
    if (f.admin.registered !== null) buf.push(`${pre},,Registered Voters,${f.admin.registered}`);
    if (f.admin.ballotsUsed !== null) buf.push(`${pre},,Ballots Cast,${f.admin.ballotsUsed}`);
    if (f.admin.invalid !== null) buf.push(`${pre},,Invalid Votes,${f.admin.invalid}`);
    if (buf.length >= linesPerChunk) {
      yield buf.join('\n') + '\n';
      buf = [];
    }
  }
  if (buf.length) yield buf.join('\n') + '\n';
}
