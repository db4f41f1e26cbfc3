/**
 * Elections and contests: election.list, election.create, contest.list, contest.create. An election carries its own
 * region tree (region lists change between elections, DOMAIN.md), loaded once when it is created.
 */
import { readFile } from 'node:fs/promises';
import { Type } from '@sinclair/typebox';
import { KotakError } from '../errors.js';
import { compileContest } from '../results/contest.js';
import { BANTEN_REGIONS_CSV } from '../results/known.js';
import { KPU_2024_ALIASES, parseRegionCsv, RegionTree } from '../results/regions.js';
import { CONTEST_KINDS, type ContestSpec, type Election, type Region } from '../results/types.js';
import { getElection, insertContest, insertElection, insertRegions, listContests, listElections, getContest } from '../store/results/elections.js';
import { anyone, sysadminOnly } from './policies.js';
import { forgetTree, requireElection } from './results-context.js';
import { withTransaction } from './tx.js';
import { defineAction, type ActionContext, type ActionExtra } from './types.js';

/** Region trees that ship with Kotak, by name. */
export const BUILTIN_TREES: Record<string, string> = { banten: BANTEN_REGIONS_CSV };

/**
 * Creates an election with its region tree (Kemendagri codes; `kpu` aliases for codes that differ).
 *
 * @example
 *   await createElection(ctx, PEMILU_2024, parseRegionCsv(text), KPU_2024_ALIASES);
 */
export async function createElection(ctx: ActionContext, e: Election, regions: Region[], aliases: { kpu: string; kemendagri: string }[] = []): Promise<void> {
  new RegionTree(regions); // validates codes, levels and parents before anything is written
  const withAliases = regions.map((r) => ({
    ...r,
    aliases: [...r.aliases, ...aliases.filter((a) => a.kemendagri === r.code).map((a) => ({ scheme: 'kpu', code: a.kpu }))],
  }));
  await withTransaction(ctx, async (trx) => {
    if (await getElection(trx, e.id)) throw KotakError.conflict(`Election ${e.id} already exists`, { id: ['That id is already in use'] });
    await insertElection(trx, e, ctx.services.now().toISOString());
    await insertRegions(trx, ctx.services.database, e.id, withAliases);
  });
  forgetTree(ctx.services.database, e.id);
}

const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,60}$' });

export const electionList = defineAction({
  name: 'election.list',
  summary: 'List the elections with the number of contests in each.',
  input: Type.Object({}, { additionalProperties: true }),
  readOnly: true,
  policy: anyone,
  async run(ctx) {
    return listElections(ctx.services.database.db);
  },
});

export const electionCreate = defineAction({
  name: 'election.create',
  summary: 'Create an election with its region tree: `regions` names a built-in tree (`banten`) or upload a code,parent_code,level,name CSV.',
  input: Type.Object({
    id: Slug,
    kind: Type.Union([Type.Literal('pemilu'), Type.Literal('pilkada')]),
    title: Type.String({ minLength: 3, maxLength: 200 }),
    date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    regions: Type.Optional(Type.String()),
  }),
  readOnly: false,
  policy: sysadminOnly,
  async run(ctx, input, extra?: ActionExtra): Promise<Election> {
    let text: string;
    if (extra?.upload) {
      const chunks: Buffer[] = [];
      for await (const c of await ctx.services.blobs.get(extra.upload.sha256)) chunks.push(c as Buffer);
      text = Buffer.concat(chunks).toString('utf8');
    } else if (input.regions && BUILTIN_TREES[input.regions]) {
      text = await readFile(BUILTIN_TREES[input.regions]!, 'utf8');
    } else {
      throw KotakError.validation({ regions: [`Name a built-in tree (${Object.keys(BUILTIN_TREES).join(', ')}) or upload a region CSV`] });
    }
    let regions: Region[];
    try {
      regions = parseRegionCsv(text);
      new RegionTree(regions);
    } catch (e) {
      throw KotakError.validation({ regions: [(e as Error).message] });
    }
    const election: Election = { id: input.id, kind: input.kind, title: input.title, date: input.date };
    await createElection(ctx, election, regions, KPU_2024_ALIASES);
    return election;
  },
});

export const contestList = defineAction({
  name: 'contest.list',
  summary: 'List the contests of an election with their parties, candidates and electoral districts.',
  input: Type.Object({ election: Type.String({ minLength: 1 }) }),
  readOnly: true,
  policy: anyone,
  async run(ctx, input) {
    await requireElection(ctx.services.database.db, input.election);
    return (await listContests(ctx.services.database.db, input.election)).map((c) => ({
      ...c,
      selections: compileContest(c).selections.map((s) => ({ key: s.key, kind: s.kind, column: s.column, name: s.name, party: s.partyNumber ?? null, number: s.candidateNumber ?? null })),
    }));
  },
});

const PartyT = Type.Object({ number: Type.Integer({ minimum: 1 }), code: Type.String({ minLength: 1 }), name: Type.String({ minLength: 1 }) });
const CandidateT = Type.Object({
  number: Type.Integer({ minimum: 1 }),
  name: Type.String({ minLength: 1 }),
  partyNumber: Type.Optional(Type.Integer({ minimum: 1 })),
  districts: Type.Optional(Type.Array(Type.String())),
  externalIds: Type.Optional(Type.Record(Type.String(), Type.String())),
});
const DistrictT = Type.Object({ code: Type.String({ minLength: 1 }), name: Type.String({ minLength: 1 }), regionCodes: Type.Array(Type.String(), { minItems: 1 }) });

/** Creates a contest (programmatic form of contest.create). */
export async function createContest(ctx: ActionContext, spec: ContestSpec): Promise<void> {
  compileContest(spec);
  await withTransaction(ctx, async (trx) => {
    await requireElection(trx, spec.electionId);
    if (await getContest(trx, spec.electionId, spec.id)) throw KotakError.conflict(`Contest ${spec.id} already exists`, { id: ['That id is already in use'] });
    await insertContest(trx, spec, ctx.services.now().toISOString());
  });
}

export const contestCreate = defineAction({
  name: 'contest.create',
  summary: 'Create a contest in an election: its kind, parties, candidates with ballot numbers, and electoral districts (dapil) as sets of regions.',
  input: Type.Object({
    election: Type.String({ minLength: 1 }),
    id: Slug,
    kind: Type.Union(CONTEST_KINDS.map((k) => Type.Literal(k))),
    title: Type.String({ minLength: 3, maxLength: 200 }),
    region_code: Type.Optional(Type.String()),
    parties: Type.Optional(Type.Array(PartyT)),
    candidates: Type.Array(CandidateT),
    districts: Type.Optional(Type.Array(DistrictT)),
  }),
  readOnly: false,
  policy: sysadminOnly,
  async run(ctx, input): Promise<ContestSpec> {
    const spec: ContestSpec = {
      electionId: input.election,
      id: input.id,
      kind: input.kind,
      title: input.title,
      ...(input.region_code ? { regionCode: input.region_code } : {}),
      parties: input.parties ?? [],
      candidates: input.candidates,
      districts: input.districts ?? [],
    };
    try {
      compileContest(spec);
    } catch (e) {
      throw KotakError.validation({ candidates: [(e as Error).message] });
    }
    await createContest(ctx, spec);
    return spec;
  },
});
