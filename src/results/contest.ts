/**
 * A contest compiled for reading forms: the ordered list of vote lines (selections) and the lookups importers need
 * to recognise a column, a Sirekap chart id or a "candidate or party" cell of a long file.
 *
 * Presidential and regional-head contests have one line per candidate pair. Legislative contests (DPR, DPRD) have,
 * per party, one line for the party's own votes and one per candidate of its list (UU 7/2017 art. 386: a ballot marked
 * on the party or on one of its candidates counts for the party), so the same model fits both.
 */
import { LEGISLATIVE_KINDS, type ContestSpec, type Selection } from './types.js';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export interface Contest extends ContestSpec {
  legislative: boolean;
  selections: Selection[];
  /** Index into `selections` by wide column header (lower case). */
  byColumn: Map<string, number>;
  /** Index by selection key (`01`, `P01`, `P01-003`). */
  byKey: Map<string, number>;
  /** Index by external id, `scheme:id` (e.g. `sirekap:100025`). */
  byExternal: Map<string, number>;
  /** Dapil code by region code (any level) for legislative contests. */
  districtByRegion: Map<string, string>;
}

/**
 * @example
 *   const c = compileContest({ electionId: 'pemilu-2024', id: 'ppwp', kind: 'ppwp', title: 'PPWP',
 *     parties: [], candidates: [{ number: 1, name: 'Anies–Muhaimin' }], districts: [] });
 *   c.selections[0].column; // 'votes_01'
 */
export function compileContest(spec: ContestSpec): Contest {
  const legislative = LEGISLATIVE_KINDS.has(spec.kind);
  const selections: Selection[] = [];
  if (legislative) {
    for (const p of [...spec.parties].sort((a, b) => a.number - b.number)) {
      selections.push({
        key: `P${pad(p.number, 2)}`,
        kind: 'party',
        column: `party_${pad(p.number, 2)}`,
        name: p.name,
        partyNumber: p.number,
      });
      const list = spec.candidates.filter((c) => c.partyNumber === p.number).sort((a, b) => a.number - b.number);
      for (const c of list) {
        selections.push({
          key: `P${pad(p.number, 2)}-${pad(c.number, 3)}`,
          kind: 'candidate',
          column: `cand_${pad(p.number, 2)}_${pad(c.number, 3)}`,
          name: c.name,
          partyNumber: p.number,
          candidateNumber: c.number,
          districts: c.districts,
          externalIds: c.externalIds,
        });
      }
    }
    const orphan = spec.candidates.find((c) => !spec.parties.some((p) => p.number === c.partyNumber));
    if (orphan) throw new Error(`candidate ${orphan.number} "${orphan.name}" has no party in contest ${spec.id}`);
  } else {
    for (const c of [...spec.candidates].sort((a, b) => a.number - b.number)) {
      selections.push({
        key: pad(c.number, 2),
        kind: 'candidate',
        column: `votes_${pad(c.number, 2)}`,
        name: c.name,
        candidateNumber: c.number,
        districts: c.districts,
        externalIds: c.externalIds,
      });
    }
  }
  const byColumn = new Map<string, number>();
  const byKey = new Map<string, number>();
  const byExternal = new Map<string, number>();
  selections.forEach((s, i) => {
    byColumn.set(s.column, i);
    byKey.set(s.key, i);
    for (const [scheme, id] of Object.entries(s.externalIds ?? {})) byExternal.set(`${scheme}:${id}`, i);
  });
  const districtByRegion = new Map<string, string>();
  for (const d of spec.districts) for (const r of d.regionCodes) districtByRegion.set(r, d.code);
  return { ...spec, legislative, selections, byColumn, byKey, byExternal, districtByRegion };
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Finds the vote line named by a long-file row: `party` (number, code or name; legislative only) and `candidate`
 * (ballot number, key, wide column, Sirekap id or name). Returns -1 when nothing matches.
 */
export function findSelection(contest: Contest, party: string, candidate: string): number {
  const cand = candidate.trim();
  const prt = party.trim();
  if (!contest.legislative) {
    if (cand === '') return -1;
    if (/^\d+$/.test(cand)) {
      const byNum = contest.byKey.get(pad(Number(cand), 2));
      if (byNum !== undefined && cand.length <= 3) return byNum;
      const ext = contest.byExternal.get(`sirekap:${cand}`);
      if (ext !== undefined) return ext;
    }
    const col = contest.byColumn.get(cand.toLowerCase());
    if (col !== undefined) return col;
    const n = norm(cand);
    return contest.selections.findIndex((s) => norm(s.name) === n);
  }
  if (prt === '') {
    // A legislative row may still name a candidate by key or column alone.
    const k = contest.byKey.get(cand.toUpperCase()) ?? contest.byColumn.get(cand.toLowerCase());
    return k ?? -1;
  }
  const partyNo = partyNumber(contest, prt);
  if (partyNo === null) return -1;
  if (cand === '') return contest.byKey.get(`P${pad(partyNo, 2)}`) ?? -1;
  if (/^\d+$/.test(cand)) return contest.byKey.get(`P${pad(partyNo, 2)}-${pad(Number(cand), 3)}`) ?? -1;
  const n = norm(cand);
  return contest.selections.findIndex((s) => s.partyNumber === partyNo && s.kind === 'candidate' && norm(s.name) === n);
}

function partyNumber(contest: Contest, party: string): number | null {
  if (/^\d+$/.test(party)) {
    const n = Number(party);
    return contest.parties.some((p) => p.number === n) ? n : null;
  }
  const n = norm(party);
  const p = contest.parties.find((x) => norm(x.code) === n || norm(x.name) === n);
  return p ? p.number : null;
}
