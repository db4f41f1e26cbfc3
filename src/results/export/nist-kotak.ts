/**
 * Kotak results → NIST ERR v2 (`precinct-level`): one ReportingUnit per region of the exported subtree with its
 * children as ComposingGpUnitIds, each TPS a ReportingUnit of type `polling-place` composing its desa, vote counts for
 * every unit, and registered voters / voters / ballots per unit. Region levels without an ERR type are `other` with
 * OtherType (`kecamatan`, `desa`, `kelurahan`).
 */
import type { Contest } from '../contest.js';
import type { RegionTotals } from '../recap.js';
import type { RegionTree, TreeNode } from '../regions.js';
import type { Election, TpsForm } from '../types.js';
import type { ErrCount, ErrDoc, ErrUnit, Lang } from './nist-err.js';

export interface ErrExportInput {
  election: Election;
  contest: Contest;
  tree: RegionTree;
  /** Code of the exported region (`ID` for the whole tree). */
  root: string;
  totals: (code: string) => RegionTotals | undefined;
  /** The TPS forms within the root. */
  forms: Iterable<TpsForm>;
  generatedDate?: string;
  issuer?: string;
  issuerAbbreviation?: string;
}

const id = (text: string): Lang => [{ content: text, language: 'id' }];
const pad2 = (n: number) => String(n).padStart(2, '0');
export const unitId = (code: string) => `ru-${code}`;
export const tpsUnitId = (code: string) => `tps-${code}`;
/** `@id`s of the rest of the document; the importer (import/nist-err-match.ts) reads them back. */
export const partyRef = (number: number) => `par-${pad2(number)}`;
export const candidateRef = (key: string) => `can-${key}`;
export const selectionRef = (key: string) => `sel-${key}`;
export const contestRef = (id: string) => `con-${id}`;
/** ExternalIdentifier OtherType (with Type `other`) that carries the 13-digit TPS code of a polling place. */
export const TPS_ID_TYPE = 'kpu-tps';

/** ERR ReportingUnitType for a tree node (kota = city, kabupaten = county; DOMAIN.md: kab/kota 71–99 are kota). */
function unitType(n: TreeNode): { type: string; otherType?: string } {
  switch (n.level) {
    case 'nasional':
      return { type: 'country' };
    case 'provinsi':
      return { type: 'state' };
    case 'kabupaten_kota':
      return { type: Number(n.code.slice(2, 4)) >= 71 ? 'city' : 'county' };
    case 'kecamatan':
      return { type: 'other', otherType: 'kecamatan' };
    default:
      // Kepmendagri numbering: the 7th digit is 1 for a kelurahan, 2 for a desa.
      return { type: 'other', otherType: n.code[6] === '1' ? 'kelurahan' : 'desa' };
  }
}

/**
 * @example
 *   const doc = writeErr(kotakToErr({ election, contest, tree, root: '36', totals: (c) => recap.totals(c), forms }));
 *   validateErr(doc); // []
 */
export function kotakToErr(input: ErrExportInput): ErrDoc {
  const { contest, tree, root } = input;
  const rootNode = tree.get(root);
  if (!rootNode) throw new Error(`region ${root} is not in the tree`);
  const units: ErrUnit[] = [];
  const counts: ErrCount[][] = contest.selections.map(() => []);
  const ballots: ErrDoc['election']['ballotCounts'] = [];
  const tpsByRegion = new Map<string, string[]>();
  const tpsUnits: ErrUnit[] = [];
  for (const f of input.forms) {
    const place = tree.placeTps(f.tps);
    const uid = tpsUnitId(f.tps);
    let list = tpsByRegion.get(place);
    if (!list) tpsByRegion.set(place, (list = []));
    list.push(uid);
    tpsUnits.push({
      id: uid,
      kind: 'ElectionResults.ReportingUnit',
      type: 'polling-place',
      name: id(`TPS ${f.tps.slice(10)}`),
      externalIds: [{ type: 'other', otherType: TPS_ID_TYPE, value: f.tps }],
      votersRegistered: f.admin.registered ?? undefined,
      votersParticipated: f.admin.voters ?? undefined,
    });
    f.votes.forEach((v, k) => {
      if (v !== null) counts[k]!.push({ unitId: uid, type: 'total', count: v });
    });
    if (f.admin.ballotsUsed !== null || f.admin.invalid !== null) {
      ballots.push({ unitId: uid, type: 'total', ballotsCast: f.admin.ballotsUsed ?? undefined, ballotsRejected: f.admin.invalid ?? undefined });
    }
  }
  const walk = (code: string) => {
    const n = tree.get(code)!;
    const t = input.totals(code);
    const uid = unitId(code);
    const composing = [...n.children.map(unitId), ...(tpsByRegion.get(code) ?? [])];
    units.push({
      id: uid,
      kind: 'ElectionResults.ReportingUnit',
      ...unitType(n),
      name: id(n.name),
      ...(composing.length ? { composing } : {}),
      externalIds: [
        { type: 'other', otherType: 'kemendagri', value: n.code },
        ...n.aliases.map((a) => ({ type: 'other', otherType: a.scheme, value: a.code })),
      ],
      ...(t
        ? {
            votersRegistered: t.admin.registered,
            votersParticipated: t.admin.voters,
            totalSubUnits: t.tps.expected,
            subUnitsReported: t.tps.reported,
          }
        : {}),
    });
    if (t) {
      contest.selections.forEach((s, k) => counts[k]!.push({ unitId: uid, type: 'total', count: t.votes[s.key] ?? 0 }));
      ballots.push({ unitId: uid, type: 'total', ballotsCast: t.admin.ballotsUsed, ballotsRejected: t.admin.invalid });
    }
    for (const c of n.children) walk(c);
  };
  walk(root);
  const rootTotals = input.totals(root);
  const complete = rootTotals ? rootTotals.tps.reported === rootTotals.tps.expected : false;
  return {
    format: 'precinct-level',
    status: complete ? 'unofficial-complete' : 'unofficial-partial',
    generatedDate: input.generatedDate ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    issuer: input.issuer ?? 'Kotak',
    issuerAbbreviation: input.issuerAbbreviation ?? 'Kotak',
    vendorApplicationId: 'Kotak',
    sequenceStart: 1,
    sequenceEnd: 1,
    election: {
      name: id(input.election.title),
      type: 'general',
      startDate: input.election.date,
      endDate: input.election.date,
      scopeId: unitId(root),
      ballotCounts: ballots,
    },
    units: [...units, ...tpsUnits],
    parties: contest.parties.map((p) => ({ id: partyRef(p.number), name: id(p.name), abbreviation: id(p.code) })),
    candidates: contest.selections
      .filter((s) => s.kind === 'candidate')
      .map((s) => ({ id: candidateRef(s.key), ballotName: id(s.name), ...(s.partyNumber !== undefined ? { partyId: partyRef(s.partyNumber) } : {}) })),
    contests: [
      {
        id: contestRef(contest.id),
        kind: 'candidate',
        name: contest.title,
        districtId: unitId(root),
        votesAllowed: 1,
        selections: contest.selections.map((s, k) => ({
          id: selectionRef(s.key),
          kind: s.kind,
          ...(s.kind === 'candidate' ? { candidateIds: [candidateRef(s.key)] } : { partyIds: [partyRef(s.partyNumber!)] }),
          sequenceOrder: k + 1,
          counts: counts[k]!,
        })),
      },
    ],
    skipped: [],
  };
}
