/**
 * The wide layout: one row per TPS, one column per vote line, like the C.Hasil form and the real Banten file
 * (`tps_code,desa_code,votes_01,votes_02,votes_03,suara_sah,…`). Legislative files use `party_NN` for a party's own
 * votes and `cand_NN_CCC` for candidate CCC of party NN (see contest.ts).
 *
 * Headers are checked before any row: every column must be known (an unknown vote column is an unknown candidate),
 * none may repeat, and the required ones must be there; the error lists the expected columns.
 */
import type { Contest } from '../contest.js';
import { ADMIN_FIELDS, type AdminFigures, type TpsForm } from '../types.js';
import type { Cells } from './cells.js';
import {
  ADMIN_COLUMN, ADMIN_SYNONYMS, DESA_COLUMNS, PHOTO_COLUMNS, TIMESTAMP_COLUMNS, TPS_COLUMNS, normaliseHeader,
  textInCount, tpsCode,
} from './columns.js';
import { importError } from './import-error.js';

export interface WidePlan {
  tps: number;
  desa: number;
  timestamp: number;
  photos: number;
  /** Column index per selection (−1 = absent). */
  votes: Int32Array;
  /** Column index per admin field, in ADMIN_FIELDS order (−1 = absent). */
  admin: Int32Array;
  header: string[];
}

/** Expected columns of a contest's wide file, required first. */
export function wideColumns(contest: Contest): { required: string[]; optional: string[] } {
  const votes = contest.selections.map((s) => s.column);
  return {
    required: contest.legislative ? ['tps_code'] : ['tps_code', ...votes],
    optional: [
      'desa_code',
      ...(contest.legislative ? votes : []),
      ...Object.values(ADMIN_COLUMN),
      'sirekap_ts',
      'n_photos',
    ],
  };
}

const VOTE_LIKE = /^(votes|party|cand|suara_paslon|paslon)_/;

export function planWide(header: string[], contest: Contest, source?: string): WidePlan {
  const names = header.map(normaliseHeader);
  const expected = wideColumns(contest);
  const expectedText = `expected columns: ${expected.required.join(', ')} (required); ${expected.optional.join(', ')} (optional)`;
  const plan: WidePlan = {
    tps: -1,
    desa: -1,
    timestamp: -1,
    photos: -1,
    votes: new Int32Array(contest.selections.length).fill(-1),
    admin: new Int32Array(ADMIN_FIELDS.length).fill(-1),
    header,
  };
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const place = { row: 1, column: i + 1, columnName: header[i], source };
    if (name === '') throw importError(`empty column header; ${expectedText}`, place);
    let role: string;
    const sel = contest.byColumn.get(name);
    if (TPS_COLUMNS.includes(name)) {
      role = 'tps_code';
      plan.tps = i;
    } else if (DESA_COLUMNS.includes(name)) {
      role = 'desa_code';
      plan.desa = i;
    } else if (TIMESTAMP_COLUMNS.includes(name)) {
      role = 'sirekap_ts';
      plan.timestamp = i;
    } else if (PHOTO_COLUMNS.includes(name)) {
      role = 'n_photos';
      plan.photos = i;
    } else if (sel !== undefined) {
      role = name;
      plan.votes[sel] = i;
    } else if (ADMIN_SYNONYMS[name]) {
      const field = ADMIN_SYNONYMS[name]!;
      role = ADMIN_COLUMN[field];
      plan.admin[ADMIN_FIELDS.indexOf(field)] = i;
    } else if (VOTE_LIKE.test(name)) {
      throw importError(
        `unknown candidate: column "${header[i]}" is not a vote line of contest ${contest.id}; ${expectedText}`,
        place,
      );
    } else {
      throw importError(`unknown column "${header[i]}"; ${expectedText}`, place);
    }
    const prev = seen.get(role);
    if (prev !== undefined) {
      throw importError(`column "${header[i]}" repeats column ${prev + 1} ("${header[prev]}")`, place);
    }
    seen.set(role, i);
  });
  const missing = expected.required.filter((c) => !seen.has(c));
  if (contest.legislative && !contest.selections.some((_, k) => plan.votes[k]! >= 0)) missing.push('party_NN or cand_NN_CCC');
  if (missing.length) {
    throw importError(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; ${expectedText}`, {
      row: 1,
      source,
    });
  }
  return plan;
}

/**
 * Returns the row mapper of a wide file. Empty cells are `null`; text in a count, a bad TPS code, a desa code that
 * is not the TPS code's prefix, or a short row are errors naming row and column.
 */
export function wideMapper(plan: WidePlan, contest: Contest, source?: string): (cells: Cells) => TpsForm {
  const width = plan.header.length;
  const nSel = contest.selections.length;
  const votesIx = plan.votes;
  const adminIx = plan.admin;
  const header = plan.header;
  const num = (cells: Cells, col: number): number | null => {
    if (col < 0) return null;
    const v = cells.num(col);
    if (v !== v) throw textInCount(cells.text(col), { row: cells.row, column: col + 1, columnName: header[col], source });
    return v;
  };
  return (cells) => {
    const n = cells.count();
    if (n !== width) {
      const truncated = n < width && (cells as { atEof?: boolean }).atEof === true;
      throw importError(
        truncated
          ? `the row has ${n} of ${width} columns; the file looks truncated`
          : `the row has ${n} columns but the header has ${width}`,
        { row: cells.row, column: Math.min(n, width) + (n < width ? 1 : 0), columnName: header[Math.min(n, width - 1)], source },
      );
    }
    const tps = tpsCode(cells.text(plan.tps), { row: cells.row, column: plan.tps + 1, columnName: header[plan.tps], source });
    if (plan.desa >= 0) {
      const desa = cells.text(plan.desa);
      if (desa !== '' && desa.replace(/\./g, '') !== tps.slice(0, 10)) {
        throw importError(`desa code "${desa}" is not the first 10 digits of TPS code ${tps}`, {
          row: cells.row, column: plan.desa + 1, columnName: header[plan.desa], source,
        });
      }
    }
    const votes = new Array<number | null>(nSel);
    for (let k = 0; k < nSel; k++) votes[k] = num(cells, votesIx[k]!);
    const admin: AdminFigures = {
      valid: num(cells, adminIx[0]!),
      invalid: num(cells, adminIx[1]!),
      ballotsUsed: num(cells, adminIx[2]!),
      registered: num(cells, adminIx[3]!),
      voters: num(cells, adminIx[4]!),
      votersDpt: num(cells, adminIx[5]!),
      votersDptb: num(cells, adminIx[6]!),
      votersDpk: num(cells, adminIx[7]!),
    };
    const timestamp = plan.timestamp >= 0 ? cells.text(plan.timestamp) || null : null;
    const photos = num(cells, plan.photos);
    const form: TpsForm = { row: cells.row, tps, votes, admin, timestamp, photos };
    if (source !== undefined) form.source = source;
    return form;
  };
}
