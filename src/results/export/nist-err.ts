/**
 * NIST SP 1500-100 v2 Election Results Reporting (ERR) as JSON (STANDARDS.md): a neutral in-memory document, a reader
 * for ERR files (so the NIST samples can be imported and exported again) and a writer. Only what Kotak's model can
 * carry is kept: ReportingUnits, parties, candidates, candidate and party contests with their vote counts, ballot
 * counts. Ballot measures and retention contests have no place in Indonesian elections and are listed in `skipped`.
 */

export type Lang = { content: string; language: string }[];

export interface ErrUnit {
  id: string;
  /** `@type` of the GpUnit (ReportingUnit or ReportingDevice). */
  kind: 'ElectionResults.ReportingUnit' | 'ElectionResults.ReportingDevice';
  type: string;
  otherType?: string;
  name?: Lang;
  composing?: string[];
  externalIds?: { type: string; otherType?: string; value: string }[];
  votersRegistered?: number;
  votersParticipated?: number;
  totalSubUnits?: number;
  subUnitsReported?: number;
}

export interface ErrCount {
  unitId: string;
  type: string;
  otherType?: string;
  count: number;
}

export interface ErrSelection {
  id: string;
  kind: 'candidate' | 'party';
  candidateIds?: string[];
  partyIds?: string[];
  sequenceOrder?: number;
  counts: ErrCount[];
}

export interface ErrContest {
  id: string;
  kind: 'candidate' | 'party';
  name: string;
  districtId: string;
  votesAllowed?: number;
  numberElected?: number;
  selections: ErrSelection[];
}

export interface ErrBallotCount {
  unitId: string;
  type: string;
  ballotsCast?: number;
  ballotsRejected?: number;
}

export interface ErrDoc {
  format: 'precinct-level' | 'summary-contest';
  status: string;
  generatedDate: string;
  issuer: string;
  issuerAbbreviation: string;
  vendorApplicationId: string;
  sequenceStart: number;
  sequenceEnd: number;
  election: {
    name: Lang;
    type: string;
    otherType?: string;
    startDate: string;
    endDate: string;
    scopeId: string;
    ballotCounts: ErrBallotCount[];
  };
  units: ErrUnit[];
  parties: { id: string; name: Lang; abbreviation?: Lang }[];
  candidates: { id: string; ballotName: Lang; partyId?: string }[];
  contests: ErrContest[];
  /** Contests of the source that the model cannot carry, by `@id` and `@type`. */
  skipped: { id: string; type: string }[];
}

type J = Record<string, unknown>;
const T = (t: string) => `ElectionResults.${t}`;

const readLang = (v: unknown): Lang | undefined => {
  const text = (v as J | undefined)?.Text;
  if (!Array.isArray(text)) return undefined;
  return text.map((x: J) => ({ content: String(x.Content), language: String(x.Language) }));
};
const writeLang = (l: Lang) => ({
  '@type': T('InternationalizedText'),
  Text: l.map((x) => ({ '@type': T('LanguageString'), Content: x.content, Language: x.language })),
});

function readCounts(v: unknown): ErrCount[] {
  if (!Array.isArray(v)) return [];
  return v.map((c: J) => ({
    unitId: String(c.GpUnitId),
    type: String(c.Type),
    ...(c.OtherType !== undefined ? { otherType: String(c.OtherType) } : {}),
    count: Number(c.Count),
  }));
}

/** Reads an ERR v2 JSON document. */
export function readErr(json: unknown): ErrDoc {
  const r = json as J;
  if (r['@type'] !== T('ElectionReport')) throw new Error('not an ERR ElectionReport (@type)');
  const elections = (r.Election as J[] | undefined) ?? [];
  if (elections.length !== 1) throw new Error(`expected one Election, found ${elections.length}`);
  const e = elections[0]!;
  const skipped: ErrDoc['skipped'] = [];
  const contests: ErrContest[] = [];
  for (const c of (e.Contest as J[] | undefined) ?? []) {
    const type = String(c['@type']);
    if (type !== T('CandidateContest') && type !== T('PartyContest')) {
      skipped.push({ id: String(c['@id']), type });
      continue;
    }
    contests.push({
      id: String(c['@id']),
      kind: type === T('CandidateContest') ? 'candidate' : 'party',
      name: String(c.Name),
      districtId: String(c.ElectionDistrictId),
      ...(c.VotesAllowed !== undefined ? { votesAllowed: Number(c.VotesAllowed) } : {}),
      ...(c.NumberElected !== undefined ? { numberElected: Number(c.NumberElected) } : {}),
      selections: ((c.ContestSelection as J[] | undefined) ?? []).map((s) => ({
        id: String(s['@id']),
        kind: s['@type'] === T('PartySelection') ? 'party' : 'candidate',
        ...(s.CandidateIds ? { candidateIds: (s.CandidateIds as string[]).map(String) } : {}),
        ...(s.PartyIds ? { partyIds: (s.PartyIds as string[]).map(String) } : {}),
        ...(s.SequenceOrder !== undefined ? { sequenceOrder: Number(s.SequenceOrder) } : {}),
        counts: readCounts(s.VoteCounts),
      })),
    });
  }
  const num = (v: unknown) => (v === undefined ? undefined : Number(v));
  return {
    format: r.Format as ErrDoc['format'],
    status: String(r.Status),
    generatedDate: String(r.GeneratedDate),
    issuer: String(r.Issuer),
    issuerAbbreviation: String(r.IssuerAbbreviation),
    vendorApplicationId: String(r.VendorApplicationId),
    sequenceStart: Number(r.SequenceStart),
    sequenceEnd: Number(r.SequenceEnd),
    election: {
      name: readLang(e.Name) ?? [],
      type: String(e.Type),
      ...(e.OtherType !== undefined ? { otherType: String(e.OtherType) } : {}),
      startDate: String(e.StartDate),
      endDate: String(e.EndDate),
      scopeId: String(e.ElectionScopeId),
      ballotCounts: ((e.BallotCounts as J[] | undefined) ?? []).map((b) => ({
        unitId: String(b.GpUnitId),
        type: String(b.Type),
        ...(b.BallotsCast !== undefined ? { ballotsCast: Number(b.BallotsCast) } : {}),
        ...(b.BallotsRejected !== undefined ? { ballotsRejected: Number(b.BallotsRejected) } : {}),
      })),
    },
    units: ((r.GpUnit as J[] | undefined) ?? []).map((g) => ({
      id: String(g['@id']),
      kind: g['@type'] as ErrUnit['kind'],
      type: String(g.Type),
      ...(g.OtherType !== undefined ? { otherType: String(g.OtherType) } : {}),
      ...(g.Name ? { name: readLang(g.Name) } : {}),
      ...(g.ComposingGpUnitIds ? { composing: (g.ComposingGpUnitIds as string[]).map(String) } : {}),
      ...(g.ExternalIdentifier
        ? {
            externalIds: (g.ExternalIdentifier as J[]).map((x) => ({
              type: String(x.Type),
              ...(x.OtherType !== undefined ? { otherType: String(x.OtherType) } : {}),
              value: String(x.Value),
            })),
          }
        : {}),
      ...(num(g.VotersRegistered) !== undefined ? { votersRegistered: num(g.VotersRegistered) } : {}),
      ...(num(g.VotersParticipated) !== undefined ? { votersParticipated: num(g.VotersParticipated) } : {}),
      ...(num(g.TotalSubUnits) !== undefined ? { totalSubUnits: num(g.TotalSubUnits) } : {}),
      ...(num(g.SubUnitsReported) !== undefined ? { subUnitsReported: num(g.SubUnitsReported) } : {}),
    })),
    parties: ((r.Party as J[] | undefined) ?? []).map((p) => ({
      id: String(p['@id']),
      name: readLang(p.Name) ?? [],
      ...(p.Abbreviation ? { abbreviation: readLang(p.Abbreviation) } : {}),
    })),
    candidates: ((e.Candidate as J[] | undefined) ?? []).map((c) => ({
      id: String(c['@id']),
      ballotName: readLang(c.BallotName) ?? [],
      ...(c.PartyId !== undefined ? { partyId: String(c.PartyId) } : {}),
    })),
    contests,
    skipped,
  };
}

/** An integer field of the schema: left out when the value is not a whole number (the checks flag such forms). */
const int = (v: number | undefined) => (v !== undefined && Number.isInteger(v) ? v : undefined);

/** Writes an ERR v2 JSON document (plain object, ready for JSON.stringify). */
export function writeErr(d: ErrDoc): Record<string, unknown> {
  const clean = (o: J) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return clean({
    '@type': T('ElectionReport'),
    Format: d.format,
    GeneratedDate: d.generatedDate,
    Issuer: d.issuer,
    IssuerAbbreviation: d.issuerAbbreviation,
    SequenceStart: d.sequenceStart,
    SequenceEnd: d.sequenceEnd,
    Status: d.status,
    VendorApplicationId: d.vendorApplicationId,
    GpUnit: d.units.map((u) =>
      clean({
        '@type': u.kind,
        '@id': u.id,
        Type: u.type,
        OtherType: u.otherType,
        Name: u.name ? writeLang(u.name) : undefined,
        ComposingGpUnitIds: u.composing,
        ExternalIdentifier: u.externalIds?.map((x) =>
          clean({ '@type': T('ExternalIdentifier'), Type: x.type, OtherType: x.otherType, Value: x.value }),
        ),
        VotersRegistered: int(u.votersRegistered),
        VotersParticipated: int(u.votersParticipated),
        TotalSubUnits: int(u.totalSubUnits),
        SubUnitsReported: int(u.subUnitsReported),
      }),
    ),
    Party: d.parties.length
      ? d.parties.map((p) => clean({ '@type': T('Party'), '@id': p.id, Name: writeLang(p.name), Abbreviation: p.abbreviation ? writeLang(p.abbreviation) : undefined }))
      : undefined,
    Election: [
      clean({
        '@type': T('Election'),
        Name: writeLang(d.election.name),
        Type: d.election.type,
        OtherType: d.election.otherType,
        StartDate: d.election.startDate,
        EndDate: d.election.endDate,
        ElectionScopeId: d.election.scopeId,
        BallotCounts: d.election.ballotCounts.length
          ? d.election.ballotCounts.map((b) =>
              clean({ '@type': T('BallotCounts'), GpUnitId: b.unitId, Type: b.type, BallotsCast: int(b.ballotsCast), BallotsRejected: int(b.ballotsRejected) }),
            )
          : undefined,
        Candidate: d.candidates.length
          ? d.candidates.map((c) => clean({ '@type': T('Candidate'), '@id': c.id, BallotName: writeLang(c.ballotName), PartyId: c.partyId }))
          : undefined,
        Contest: d.contests.map((c) =>
          clean({
            '@type': T(c.kind === 'candidate' ? 'CandidateContest' : 'PartyContest'),
            '@id': c.id,
            Name: c.name,
            ElectionDistrictId: c.districtId,
            VotesAllowed: c.kind === 'candidate' ? (c.votesAllowed ?? 1) : undefined,
            NumberElected: c.kind === 'candidate' ? c.numberElected : undefined,
            ContestSelection: c.selections.map((s) =>
              clean({
                '@type': T(s.kind === 'party' ? 'PartySelection' : 'CandidateSelection'),
                '@id': s.id,
                CandidateIds: s.kind === 'candidate' ? s.candidateIds : undefined,
                PartyIds: s.kind === 'party' ? (s.partyIds ?? []) : undefined,
                SequenceOrder: s.sequenceOrder,
                VoteCounts: s.counts.map((v) =>
                  clean({ '@type': T('VoteCounts'), GpUnitId: v.unitId, Type: v.type, OtherType: v.otherType, Count: v.count }),
                ),
              }),
            ),
          }),
        ),
      }),
    ],
  });
}
