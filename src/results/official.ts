/**
 * Official recapitulation figures (D.Hasil of a kecamatan, kabupaten/kota or province, DOMAIN.md "How results
 * travel") beside the figures Kotak computes from the TPS forms, and every difference between them. Each level's
 * official figure should equal the sum of the level below; in 2024 it often did not at first.
 */
import { createReadStream } from 'node:fs';
import type { Contest } from './contest.js';
import type { Cells } from './import/cells.js';
import { ADMIN_COLUMN, ADMIN_SYNONYMS, normaliseHeader, textInCount } from './import/columns.js';
import { readCsv } from './import/csv-bytes.js';
import { importError } from './import/import-error.js';
import type { RegionTotals } from './recap.js';
import type { RegionTree } from './regions.js';
import type { AdminFigures } from './types.js';

export interface OfficialRecap {
  /** Kemendagri code (aliases resolved). */
  region: string;
  /** Row in the source file. */
  row?: number;
  admin: Partial<Record<keyof AdminFigures, number>>;
  /** Votes per selection key. */
  votes: Record<string, number>;
}

export interface RecapDifference {
  region: string;
  /** Selection key (`01`) or admin column (`suara_sah`). */
  field: string;
  official: number;
  computed: number;
  /** official − computed. */
  difference: number;
}

export interface Comparison {
  compared: number;
  differences: RecapDifference[];
  /** Official regions with no computed totals (not in the tree). */
  unknownRegions: string[];
}

/**
 * Lists every field where the official figure differs from the computed one.
 *
 * @example
 *   compareOfficial([{ region: '3673', admin: { valid: 420000 }, votes: { '01': 100000 } }], (c) => recap.totals(c));
 */
export function compareOfficial(official: OfficialRecap[], totals: (code: string) => RegionTotals | undefined): Comparison {
  const differences: RecapDifference[] = [];
  const unknownRegions: string[] = [];
  let compared = 0;
  for (const o of official) {
    const t = totals(o.region);
    if (!t) {
      unknownRegions.push(o.region);
      continue;
    }
    compared++;
    for (const [key, value] of Object.entries(o.votes)) {
      const c = t.votes[key] ?? 0;
      if (c !== value) differences.push({ region: o.region, field: key, official: value, computed: c, difference: value - c });
    }
    for (const [f, value] of Object.entries(o.admin) as [keyof AdminFigures, number][]) {
      const c = t.admin[f];
      if (c !== value) differences.push({ region: o.region, field: ADMIN_COLUMN[f], official: value, computed: c, difference: value - c });
    }
  }
  return { compared, differences, unknownRegions };
}

const REGION_COLUMNS = ['region_code', 'kode_wilayah', 'kode'];

/**
 * Reads official figures from a CSV: `region_code` plus the contest's vote columns (`votes_01`, …) and any admin
 * columns of the wide layout. Region codes may be KPU codes (resolved through the tree's aliases).
 */
export async function readOfficialCsv(path: string, contest: Contest, tree: RegionTree): Promise<OfficialRecap[]> {
  const out: OfficialRecap[] = [];
  const gen = readCsv<OfficialRecap>(createReadStream(path), (header) => {
    const names = header.map(normaliseHeader);
    const region = names.findIndex((n) => REGION_COLUMNS.includes(n));
    if (region < 0) {
      throw importError(`missing column region_code; expected columns: region_code, ${contest.selections.map((s) => s.column).join(', ')}, ${Object.values(ADMIN_COLUMN).join(', ')}`, { row: 1 });
    }
    const roles = names.map((n, i) => {
      if (i === region) return null;
      const sel = contest.byColumn.get(n);
      if (sel !== undefined) return { kind: 'vote' as const, key: contest.selections[sel]!.key };
      const adm = ADMIN_SYNONYMS[n];
      if (adm) return { kind: 'admin' as const, field: adm };
      throw importError(`unknown column "${header[i]}"`, { row: 1, column: i + 1, columnName: header[i] });
    });
    return (cells: Cells) => {
      const raw = cells.text(region).replace(/\./g, '');
      const code = tree.resolve(raw);
      if (code === null) throw importError(`region code "${raw}" is not in the region tree`, { row: cells.row, column: region + 1, columnName: header[region] });
      const rec: OfficialRecap = { region: code, row: cells.row, admin: {}, votes: {} };
      roles.forEach((r, i) => {
        if (!r) return;
        const v = cells.num(i);
        if (v !== v) throw textInCount(cells.text(i), { row: cells.row, column: i + 1, columnName: header[i] });
        if (v === null) return;
        if (r.kind === 'vote') rec.votes[r.key] = v;
        else rec.admin[r.field] = v;
      });
      return rec;
    };
  });
  for await (const batch of gen) out.push(...batch);
  return out;
}
