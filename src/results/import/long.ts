/**
 * The long layout: one row per TPS and vote line — `tps_code,candidate,votes` for a presidential or regional-head
 * contest, `tps_code,party,candidate,votes` for a legislative one (an empty candidate is the party's own votes). The
 * candidate cell may instead name an admin figure (`suara_sah`, `pemilih_dpt_total`, … as in the wide layout), so a
 * whole form fits in this layout too.
 *
 * Rows of one TPS need not be adjacent (a file sorted by candidate is fine): forms are gathered per TPS and yielded
 * at the end, in the order their TPS first appears. A line given twice is kept once (the first) and recorded for the
 * `duplicate_rows` check.
 */
import { findSelection, type Contest } from '../contest.js';
import { ADMIN_FIELDS, emptyAdmin, type TpsForm } from '../types.js';
import type { Cells } from './cells.js';
import { ADMIN_COLUMN, ADMIN_SYNONYMS, DESA_COLUMNS, TPS_COLUMNS, normaliseHeader, textInCount, tpsCode } from './columns.js';
import { importError } from './import-error.js';

const VOTE_COLUMNS = ['votes', 'suara', 'value', 'jumlah'];
const CANDIDATE_COLUMNS = ['candidate', 'calon', 'paslon', 'selection'];
const PARTY_COLUMNS = ['party', 'partai'];

export interface LongPlan {
  tps: number;
  desa: number;
  candidate: number;
  party: number;
  votes: number;
  header: string[];
}

export function longColumns(contest: Contest): { required: string[]; optional: string[] } {
  return contest.legislative
    ? { required: ['tps_code', 'party', 'candidate', 'votes'], optional: ['desa_code'] }
    : { required: ['tps_code', 'candidate', 'votes'], optional: ['desa_code'] };
}

/** Whether a header row looks like the long layout (a `votes` column and a `candidate` or `party` column). */
export function looksLong(header: string[]): boolean {
  const n = header.map(normaliseHeader);
  return n.some((h) => VOTE_COLUMNS.includes(h)) && n.some((h) => CANDIDATE_COLUMNS.includes(h) || PARTY_COLUMNS.includes(h));
}

export function planLong(header: string[], contest: Contest, source?: string): LongPlan {
  const names = header.map(normaliseHeader);
  const expected = longColumns(contest);
  const expectedText = `expected columns: ${expected.required.join(', ')} (required); ${expected.optional.join(', ')} (optional)`;
  const plan: LongPlan = { tps: -1, desa: -1, candidate: -1, party: -1, votes: -1, header };
  names.forEach((name, i) => {
    const place = { row: 1, column: i + 1, columnName: header[i], source };
    const set = (key: 'tps' | 'desa' | 'candidate' | 'party' | 'votes') => {
      if (plan[key] >= 0) throw importError(`column "${header[i]}" repeats column ${plan[key] + 1}`, place);
      plan[key] = i;
    };
    if (TPS_COLUMNS.includes(name)) set('tps');
    else if (DESA_COLUMNS.includes(name)) set('desa');
    else if (CANDIDATE_COLUMNS.includes(name)) set('candidate');
    else if (PARTY_COLUMNS.includes(name)) set('party');
    else if (VOTE_COLUMNS.includes(name)) set('votes');
    else throw importError(`unknown column "${header[i]}"; ${expectedText}`, place);
  });
  const missing: string[] = [];
  if (plan.tps < 0) missing.push('tps_code');
  if (plan.votes < 0) missing.push('votes');
  if (contest.legislative ? plan.party < 0 : plan.candidate < 0) missing.push(contest.legislative ? 'party' : 'candidate');
  if (missing.length) {
    throw importError(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; ${expectedText}`, {
      row: 1,
      source,
    });
  }
  return plan;
}

interface Pending {
  form: TpsForm;
  rows: Int32Array;
  adminRows: Int32Array;
}

/** Gathers long rows into forms; `add` for each row, then `forms()` once. */
export class LongCollector {
  private readonly byTps = new Map<string, Pending>();
  private readonly widthOk: number;

  constructor(private readonly plan: LongPlan, private readonly contest: Contest, private readonly source?: string) {
    this.widthOk = plan.header.length;
  }

  add(cells: Cells): void {
    const { plan, contest, source } = this;
    const header = plan.header;
    const row = cells.row;
    if (cells.count() !== this.widthOk) {
      const truncated = cells.count() < this.widthOk && (cells as { atEof?: boolean }).atEof === true;
      throw importError(
        truncated
          ? `the row has ${cells.count()} of ${this.widthOk} columns; the file looks truncated`
          : `the row has ${cells.count()} columns but the header has ${this.widthOk}`,
        { row, column: Math.min(cells.count() + 1, this.widthOk), source },
      );
    }
    const tps = tpsCode(cells.text(plan.tps), { row, column: plan.tps + 1, columnName: header[plan.tps], source });
    if (plan.desa >= 0) {
      const desa = cells.text(plan.desa).replace(/\./g, '');
      if (desa !== '' && desa !== tps.slice(0, 10)) {
        throw importError(`desa code "${desa}" is not the first 10 digits of TPS code ${tps}`, {
          row, column: plan.desa + 1, columnName: header[plan.desa], source,
        });
      }
    }
    const value = cells.num(plan.votes);
    if (value !== value) {
      throw textInCount(cells.text(plan.votes), { row, column: plan.votes + 1, columnName: header[plan.votes], source });
    }
    let p = this.byTps.get(tps);
    if (!p) {
      const form: TpsForm = {
        row,
        tps,
        votes: new Array<number | null>(contest.selections.length).fill(null),
        admin: emptyAdmin(),
        timestamp: null,
        photos: null,
      };
      if (source !== undefined) form.source = source;
      p = { form, rows: new Int32Array(contest.selections.length), adminRows: new Int32Array(ADMIN_FIELDS.length) };
      this.byTps.set(tps, p);
    }
    const candText = plan.candidate >= 0 ? cells.text(plan.candidate) : '';
    const partyText = plan.party >= 0 ? cells.text(plan.party) : '';
    const adminField = partyText === '' ? ADMIN_SYNONYMS[normaliseHeader(candText)] : undefined;
    if (adminField) {
      const k = ADMIN_FIELDS.indexOf(adminField);
      const admin = p.form.admin;
      if (p.adminRows[k]) this.duplicate(p, ADMIN_COLUMN[adminField], row, value, p.adminRows[k]!, admin[adminField]);
      else {
        admin[adminField] = value;
        p.adminRows[k] = row;
      }
      return;
    }
    const sel = findSelection(contest, partyText, candText);
    if (sel < 0) {
      const col = plan.candidate >= 0 && (candText !== '' || plan.party < 0) ? plan.candidate : plan.party;
      const what = partyText !== '' ? `party "${partyText}"${candText ? `, candidate "${candText}"` : ''}` : `"${candText}"`;
      throw importError(`unknown candidate ${what} in contest ${contest.id}`, {
        row, column: col + 1, columnName: header[col], source,
      });
    }
    if (p.rows[sel]) this.duplicate(p, contest.selections[sel]!.key, row, value, p.rows[sel]!, p.form.votes[sel]!);
    else {
      p.form.votes[sel] = value;
      p.rows[sel] = row;
    }
  }

  private duplicate(p: Pending, field: string, row: number, value: number | null, firstRow: number, firstValue: number | null): void {
    (p.form.duplicates ??= []).push({ field, row, value, firstRow, firstValue });
  }

  forms(): TpsForm[] {
    return [...this.byTps.values()].map((p) => p.form);
  }
}
