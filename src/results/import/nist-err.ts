/**
 * NIST SP 1500-100 v2 Election Results Reporting (ERR) JSON as TPS forms (STANDARDS.md; issue 3: the NIST samples
 * "validate when imported and exported again"). What kotakToErr writes (export/nist-kotak.ts) reads back:
 *
 * - each GpUnit of Type `polling-place` is one TPS; its code is the ExternalIdentifier of Type `other`, OtherType
 *   `kpu-tps`, or else the `@id` `tps-{code}`;
 * - the contest is the one matching the Kotak contest (nist-err-match.ts); the `total` VoteCounts of each selection at
 *   a polling place are that TPS's votes;
 * - the admin block is what the export writes: VotersRegistered → `registered` (pemilih_dpt_total), VotersParticipated
 *   → `voters` (pengguna_total) on the polling place, and the Election's `total` BallotCounts at it: BallotsCast →
 *   `ballotsUsed` (suara_total), BallotsRejected → `invalid` (suara_tidak_sah). ERR has no place for the other
 *   figures (valid votes, DPT/DPTb/DPK voters, Sirekap time stamp, photos): they stay null, "not given".
 *
 * A form's `row` is the 1-based position of its polling place in `GpUnit`; every error names its JSON path.
 *
 * @example
 *   errForms(readFileSync('nist-err-pemilu-2024-ppwp-36.json', 'utf8'), 'nist-err-pemilu-2024-ppwp-36.json', contest);
 */
import { createReadStream } from 'node:fs';
import { KotakError } from '../../errors.js';
import type { Contest } from '../contest.js';
import { TPS_ID_TYPE } from '../export/nist-kotak.js';
import { emptyAdmin, type TpsForm } from '../types.js';
import { tpsCode } from './columns.js';
import { importError, type ErrorPlace } from './import-error.js';
import { chooseContest, ERR, isObject, objects, texts, type ErrRefs, type J } from './nist-err-match.js';

export const ERR_REPORT = ERR('ElectionReport');

/**
 * Whether a file names the ERR root type `ElectionResults.ElectionReport`, which in an ERR document only its top level
 * has (the reader checks it is there). Read in chunks and stopped at the first hit: kotakToErr writes `@type` first,
 * other producers may write it last.
 */
export async function namesErrReport(path: string): Promise<boolean> {
  const needle = Buffer.from(JSON.stringify(ERR_REPORT));
  let tail = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buf = Buffer.concat([tail, chunk as Buffer]);
    if (buf.includes(needle)) return true;
    tail = buf.subarray(Math.max(0, buf.length - needle.length + 1));
  }
  return false;
}

/** A count as JSON gives it: numbers pass (the checks judge sign and fraction); numeric strings are read; text fails. */
function count(v: unknown, place: ErrorPlace): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  throw importError(`text in a count: ${JSON.stringify(v)} is not a number`, place);
}

function parse(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /at position (\d+)/.exec(msg);
    let where = '';
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      const line = before.split('\n').length;
      where = ` at line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
    }
    throw importError(`not valid JSON (truncated?)${where}: ${msg}`, { source });
  }
}

const unitName = (u: J) => {
  const n = texts(u.Name)[0];
  return `polling place ${JSON.stringify(u['@id'] ?? null)}${n ? ` ("${n.trim()}")` : ''}`;
};

/** The TPS code of a polling-place unit: its `kpu-tps` ExternalIdentifier, else its `@id` `tps-{code}`. */
function tpsOfUnit(u: J, path: string, at: (path: string) => ErrorPlace): string {
  const valid = (raw: string, p: string) => {
    try {
      return tpsCode(raw, at(p));
    } catch (e) {
      const reason = e instanceof KotakError ? String(e.detail?.reason ?? e.message) : (e as Error).message;
      throw importError(`${unitName(u)}: ${reason}`, at(p));
    }
  };
  let fromId: string | null = null;
  let fromExt: string | null = null;
  objects(u.ExternalIdentifier, `${path}.ExternalIdentifier`, at).forEach((x, j) => {
    if (x.Type === 'other' && x.OtherType === TPS_ID_TYPE) fromExt = valid(String(x.Value ?? ''), `${path}.ExternalIdentifier[${j}].Value`);
  });
  const id = typeof u['@id'] === 'string' ? u['@id'] : '';
  if (id.startsWith('tps-')) fromId = valid(id.slice(4), `${path}.@id`);
  if (fromExt !== null && fromId !== null && fromExt !== fromId) {
    throw importError(`${unitName(u)}: its @id names TPS ${fromId} but its ${TPS_ID_TYPE} identifier names TPS ${fromExt}`, at(path));
  }
  const code = fromExt ?? fromId;
  if (code === null) {
    throw importError(
      `${unitName(u)} has no TPS code: give it an ExternalIdentifier of Type "other", OtherType "${TPS_ID_TYPE}" with the ` +
        `13-digit TPS code, or the @id "tps-{code}"`,
      at(path),
    );
  }
  return code;
}

/** Why a document without polling places cannot be read, naming what it has instead. */
function noPollingPlaces(units: J[], source: string): KotakError {
  const base = 'this NIST ERR document has no polling-place ReportingUnits; Kotak imports results per TPS';
  const precincts = units.filter((u) => typeof u.Type === 'string' && /^(precinct|split-precinct|combined-precinct)$/.test(u.Type));
  if (precincts.length === 0) return importError(`${base} (a polling-place ReportingUnit with its 13-digit TPS code)`, { source, path: 'GpUnit' });
  const example = precincts.find((u) => u.Type === 'precinct') ?? precincts[0]!;
  return importError(
    `${base}. Its results are by precinct (${precincts.length} ReportingUnits of type precinct, split-precinct or ` +
      `combined-precinct, e.g. ${JSON.stringify(example['@id'] ?? null)}), and a precinct has no TPS code: ` +
      `give each TPS as a polling-place ReportingUnit with its 13-digit code`,
    { source, path: 'GpUnit' },
  );
}

/** Reads one ERR document into one form per polling place, in `GpUnit` order. */
export function errForms(text: string, source: string, contest: Contest): TpsForm[] {
  const at = (path: string): ErrorPlace => ({ source, path });
  const root = parse(text, source);
  if (!isObject(root) || root['@type'] !== ERR_REPORT) {
    throw importError(`not a NIST ERR document: the top level has no "@type": "${ERR_REPORT}"`, { source });
  }
  const units = objects(root.GpUnit, 'GpUnit', at);
  const forms: TpsForm[] = [];
  /** The polling place of each form, and the form index by its `@id`; `known` holds every unit's `@id`. */
  const places: J[] = [];
  const formOf = new Map<string, number>();
  const known = new Set<string>();
  units.forEach((u, i) => {
    const path = `GpUnit[${i}]`;
    if (typeof u['@id'] === 'string') known.add(u['@id']);
    if (u.Type !== 'polling-place') return;
    if (typeof u['@id'] !== 'string') throw importError(`${unitName(u)} has no @id`, at(path));
    if (formOf.has(u['@id'])) throw importError(`${unitName(u)} is given twice (first at GpUnit[${forms[formOf.get(u['@id'])!]!.row - 1}])`, at(path));
    const admin = emptyAdmin();
    admin.registered = count(u.VotersRegistered, at(`${path}.VotersRegistered`));
    admin.voters = count(u.VotersParticipated, at(`${path}.VotersParticipated`));
    formOf.set(u['@id'], forms.length);
    places.push(u);
    forms.push({
      row: i + 1,
      tps: tpsOfUnit(u, path, at),
      votes: new Array<number | null>(contest.selections.length).fill(null),
      admin,
      timestamp: null,
      photos: null,
    });
  });
  if (forms.length === 0) throw noPollingPlaces(units, source);

  const refs: ErrRefs = { candidates: new Map(), parties: new Map() };
  objects(root.Party, 'Party', at).forEach((p) => typeof p['@id'] === 'string' && refs.parties.set(p['@id'], p));
  objects(root.Election, 'Election', at).forEach((e, ei) =>
    objects(e.Candidate, `Election[${ei}].Candidate`, at).forEach((c) => typeof c['@id'] === 'string' && refs.candidates.set(c['@id'], c)),
  );
  const chosen = chooseContest(root, refs, contest, at);

  /** The place of a GpUnitId: a form index, or undefined for a unit that is not a polling place. */
  const unitOf = (v: J, path: string): number | undefined => {
    const id = v.GpUnitId;
    if (typeof id !== 'string' || !known.has(id)) throw importError(`GpUnitId ${JSON.stringify(id ?? null)} is the @id of no GpUnit`, at(`${path}.GpUnitId`));
    // Counts at regions (and at precincts or vote centres) add up those of the TPS below them; the pipeline recomputes
    // every total from the TPS forms (recap.ts), so only polling places are read.
    return formOf.get(id);
  };

  const totals = new Map<string, string>();
  const othersOnly = new Map<string, { f: number; path: string; type: unknown }>();
  objects(chosen.contest.ContestSelection, `${chosen.path}.ContestSelection`, at).forEach((s, si) => {
    const k = chosen.lines[si]!;
    const sp = `${chosen.path}.ContestSelection[${si}]`;
    objects(s.VoteCounts, `${sp}.VoteCounts`, at).forEach((v, vi) => {
      const vp = `${sp}.VoteCounts[${vi}]`;
      const f = unitOf(v, vp);
      if (f === undefined) return;
      const key = `${f}:${k}`;
      if (v.Type !== 'total') {
        if (!othersOnly.has(key)) othersOnly.set(key, { f, path: vp, type: v.Type });
        return;
      }
      const first = totals.get(key);
      if (first) throw importError(`a second "total" count of this selection at ${unitName(places[f]!)} (the first is ${first}); Kotak reads one total per TPS`, at(vp));
      totals.set(key, vp);
      // A count suppressed for privacy is no figure of the TPS.
      forms[f]!.votes[k] = v.IsSuppressedForPrivacy === true ? null : count(v.Count, at(`${vp}.Count`));
    });
  });
  for (const [key, o] of othersOnly) {
    if (totals.has(key)) continue;
    // Count types overlap (absentee and absentee-mail, for one), so they cannot be summed into a total.
    throw importError(
      `${unitName(places[o.f]!)} has a count of Type ${JSON.stringify(o.type ?? null)} for this selection but no "total" count; Kotak reads the total per TPS`,
      at(o.path),
    );
  }

  const election = objects(root.Election, 'Election', at)[chosen.election]!;
  const ballots = new Map<number, string>();
  objects(election.BallotCounts, `Election[${chosen.election}].BallotCounts`, at).forEach((b, bi) => {
    const bp = `Election[${chosen.election}].BallotCounts[${bi}]`;
    const f = unitOf(b, bp);
    // Ballot counts of other types are a breakdown the form has no place for; the admin block takes the total only.
    if (f === undefined || b.Type !== 'total') return;
    const first = ballots.get(f);
    if (first) throw importError(`a second "total" BallotCounts at ${unitName(places[f]!)} (the first is ${first})`, at(bp));
    ballots.set(f, bp);
    forms[f]!.admin.ballotsUsed = count(b.BallotsCast, at(`${bp}.BallotsCast`));
    forms[f]!.admin.invalid = count(b.BallotsRejected, at(`${bp}.BallotsRejected`));
  });
  return forms;
}
