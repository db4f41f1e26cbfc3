/**
 * Which contest of a NIST ERR v2 document is the Kotak contest being imported into, and which Kotak vote line each
 * of its ContestSelections is. The `@id`s kotakToErr writes (export/nist-kotak.ts: `con-{contest}`, `sel-{key}`,
 * `can-{key}`, `par-{NN}`) are matched first; a document from another producer is matched by names: a candidate by
 * its BallotName (within its party for a legislative contest), a party by its number, abbreviation (Kotak's party
 * code) or name. Party selections exist only in legislative contests (contest.ts: a party's own votes).
 */
import type { Contest } from '../contest.js';
import { contestRef } from '../export/nist-kotak.js';
import { importError, type ErrorPlace } from './import-error.js';

export type J = Record<string, unknown>;

export const ERR = (t: string) => `ElectionResults.${t}`;

export function isObject(v: unknown): v is J {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An optional array of objects at `path`: absent is empty; anything else is an error naming the path. */
export function objects(v: unknown, path: string, at: (path: string) => ErrorPlace): J[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw importError('expected an array', at(path));
  v.forEach((x, i) => {
    if (!isObject(x)) throw importError('expected an object', at(`${path}[${i}]`));
  });
  return v as J[];
}

/** The texts of an InternationalizedText, in every language given. */
export function texts(v: unknown): string[] {
  const t = isObject(v) ? v.Text : undefined;
  return Array.isArray(t) ? t.filter(isObject).map((x) => x.Content).filter((c): c is string => typeof c === 'string') : [];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
const pad2 = (n: number) => String(n).padStart(2, '0');

/** Candidates (of every Election) and parties of the document, by `@id`. */
export interface ErrRefs {
  candidates: Map<string, J>;
  parties: Map<string, J>;
}

export interface ChosenContest {
  /** The contest object and its JSON path (`Election[0].Contest[3]`). */
  contest: J;
  path: string;
  /** Index of its Election. */
  election: number;
  /** Kotak selection index of each ContestSelection, in document order. */
  lines: number[];
}

/** Party ballot number named by a Party `@id`, or null. */
function partyNumber(partyId: string, refs: ErrRefs, contest: Contest): number | null {
  const m = /^par-(\d+)$/.exec(partyId);
  if (m && contest.parties.some((p) => p.number === Number(m[1]))) return Number(m[1]);
  const p = refs.parties.get(partyId);
  if (!p) return null;
  const abbr = texts(p.Abbreviation).map(norm);
  const names = texts(p.Name).map(norm);
  const hit = contest.parties.find((x) => abbr.includes(norm(x.code)) || names.includes(norm(x.name)));
  return hit ? hit.number : null;
}

/** The Kotak vote line of one ContestSelection, or -1. */
function lineOf(sel: J, refs: ErrRefs, contest: Contest): number {
  const type = sel['@type'];
  const want = type === ERR('PartySelection') ? 'party' : type === ERR('CandidateSelection') ? 'candidate' : null;
  if (want === null) return -1;
  const byKey = (key: string) => {
    const k = contest.byKey.get(key);
    return k !== undefined && contest.selections[k]!.kind === want ? k : -1;
  };
  const sid = typeof sel['@id'] === 'string' ? sel['@id'] : '';
  if (sid.startsWith('sel-')) {
    const k = byKey(sid.slice(4));
    if (k >= 0) return k;
  }
  if (want === 'party') {
    const ids = strings(sel.PartyIds);
    if (!contest.legislative || ids.length !== 1) return -1;
    const n = partyNumber(ids[0]!, refs, contest);
    return n === null ? -1 : byKey(`P${pad2(n)}`);
  }
  const ids = strings(sel.CandidateIds);
  for (const cid of ids) {
    if (!cid.startsWith('can-')) continue;
    const k = byKey(cid.slice(4));
    if (k >= 0) return k;
  }
  for (const cid of ids) {
    const c = refs.candidates.get(cid);
    if (!c) continue;
    const party = typeof c.PartyId === 'string' ? partyNumber(c.PartyId, refs, contest) : null;
    const names = texts(c.BallotName).map(norm);
    const hits: number[] = [];
    contest.selections.forEach((s, k) => {
      if (s.kind === 'candidate' && names.includes(norm(s.name)) && (party === null || s.partyNumber === party)) hits.push(k);
    });
    if (hits.length === 1) return hits[0]!;
  }
  return -1;
}

/** How an error names a selection: its `@id` and the candidates' or parties' `@id`s and names. */
function describeSelection(sel: J, refs: ErrRefs): string {
  const party = sel['@type'] === ERR('PartySelection');
  const ids = strings(party ? sel.PartyIds : sel.CandidateIds);
  const named = ids.map((id) => {
    const o = (party ? refs.parties : refs.candidates).get(id);
    const name = o ? texts(party ? o.Name : o.BallotName)[0] : undefined;
    return name ? `${id} "${name}"` : id;
  });
  const what = party ? 'party selection' : 'candidate selection';
  return `${what} ${JSON.stringify(sel['@id'] ?? null)}${named.length ? ` (${named.join(', ')})` : ''}`;
}

interface Candidate {
  contest: J;
  path: string;
  election: number;
  selections: J[];
}

/** Lines of every selection, or the index of the first selection that matches nothing. */
function resolve(c: Candidate, refs: ErrRefs, contest: Contest): { lines: number[]; unknown: number } {
  const lines = c.selections.map((s) => lineOf(s, refs, contest));
  return { lines, unknown: lines.indexOf(-1) };
}

/**
 * Picks the contest to read: the one with `@id` `con-{contest.id}`; else the one whose every selection is a vote line
 * of the Kotak contest (by its Name when several are); else, when the document has a single contest, that one, so its
 * first unknown selection is the error.
 *
 * @example
 *   chooseContest(root, { candidates, parties }, compileContest(ppwp2024()), (path) => ({ source: 'x.json', path })).path;
 *   // 'Election[0].Contest[0]'
 */
export function chooseContest(root: J, refs: ErrRefs, contest: Contest, at: (path: string) => ErrorPlace): ChosenContest {
  const all: Candidate[] = [];
  let measures = 0;
  objects(root.Election, 'Election', at).forEach((e, ei) => {
    objects(e.Contest, `Election[${ei}].Contest`, at).forEach((c, ci) => {
      const path = `Election[${ei}].Contest[${ci}]`;
      if (c['@type'] !== ERR('CandidateContest') && c['@type'] !== ERR('PartyContest')) {
        // Ballot measures and retention contests have no place in Indonesian elections (export/nist-err.ts).
        measures++;
        return;
      }
      all.push({ contest: c, path, election: ei, selections: objects(c.ContestSelection, `${path}.ContestSelection`, at) });
    });
  });
  const target = `contest ${contest.id} ("${contest.title}")`;
  if (all.length === 0) {
    throw importError(
      `this NIST ERR document has no CandidateContest or PartyContest${measures ? ` (only ${measures} ballot measure or retention contest${measures > 1 ? 's' : ''})` : ''} to import into ${target}`,
      at('Election'),
    );
  }
  let pick: Candidate | undefined = all.find((c) => c.contest['@id'] === contestRef(contest.id));
  if (!pick) {
    const full = all.filter((c) => c.selections.length > 0 && resolve(c, refs, contest).unknown < 0);
    const byTitle = full.filter((c) => typeof c.contest.Name === 'string' && norm(c.contest.Name) === norm(contest.title));
    if (full.length === 1) pick = full[0];
    else if (byTitle.length === 1) pick = byTitle[0];
    else if (full.length > 1) {
      throw importError(
        `${full.length} contests of this document match ${target} (${full.map((c) => c.path).join(', ')}); ` +
          `give one contest per file, or give the one to import the @id "${contestRef(contest.id)}"`,
        at('Election'),
      );
    } else if (all.length === 1) pick = all[0];
    else {
      const names = all.slice(0, 5).map((c) => JSON.stringify(c.contest.Name ?? c.contest['@id'] ?? null));
      throw importError(
        `none of the ${all.length} contests of this document matches ${target}: in none of them is every selection a candidate ` +
          `or party of the contest (contests: ${names.join(', ')}${all.length > 5 ? ', …' : ''})`,
        at('Election'),
      );
    }
  }
  const chosen = pick!;
  const { lines, unknown } = resolve(chosen, refs, contest);
  if (unknown >= 0) {
    throw importError(`unknown candidate: ${describeSelection(chosen.selections[unknown]!, refs)} is no candidate${contest.legislative ? ' or party' : ''} of ${target}`, at(`${chosen.path}.ContestSelection[${unknown}]`));
  }
  const first = new Map<number, number>();
  lines.forEach((k, i) => {
    const j = first.get(k);
    if (j !== undefined) {
      throw importError(
        `${describeSelection(chosen.selections[i]!, refs)} and ContestSelection[${j}] are both ${contest.selections[k]!.name} (${contest.selections[k]!.key}); a vote line may be given once`,
        at(`${chosen.path}.ContestSelection[${i}]`),
      );
    }
    first.set(k, i);
  });
  return { contest: chosen.contest, path: chosen.path, election: chosen.election, lines };
}
