/**
 * Elections, contests and region trees. Rows stay here: functions return results domain types (src/results/types.ts).
 */
import { sql } from 'kysely';
import type { Database, Executor, Tx } from '../db.js';
import { bulkInsert, REGIONS } from './bulk.js';
import { RegionTree } from '../../results/regions.js';
import type { ContestSpec, Election, Region, RegionAlias } from '../../results/types.js';
import { NATIONAL_CODE } from '../../results/regions.js';

export interface StoredContest extends ContestSpec {
  revision: number;
  created: string;
}

export async function insertElection(trx: Executor, e: Election, created: string): Promise<void> {
  await trx.insertInto('results_elections').values({ id: e.id, kind: e.kind, title: e.title, date: e.date, created }).execute();
}

export async function getElection(db: Executor, id: string): Promise<(Election & { created: string }) | null> {
  const r = await db.selectFrom('results_elections').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, kind: r.kind as Election['kind'], title: r.title, date: r.date, created: r.created } : null;
}

/** Every election's id, in order (the self-audit walks them). */
export async function electionIds(db: Executor): Promise<string[]> {
  return (await db.selectFrom('results_elections').select('id').orderBy('id').execute()).map((r) => r.id);
}

export async function listElections(db: Executor): Promise<(Election & { created: string; contests: number })[]> {
  const rows = await db
    .selectFrom('results_elections as e')
    .leftJoin('results_contests as c', 'c.election_id', 'e.id')
    .select(['e.id', 'e.kind', 'e.title', 'e.date', 'e.created', sql<number>`count(c.id)`.as('contests')])
    .groupBy(['e.id', 'e.kind', 'e.title', 'e.date', 'e.created'])
    .orderBy('e.date', 'desc')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind as Election['kind'], title: r.title, date: r.date, created: r.created, contests: Number(r.contests) }));
}

/** Stores a region tree for an election (replacing none: a tree is loaded once per election). */
export async function insertRegions(trx: Tx, database: Database, electionId: string, regions: Region[]): Promise<void> {
  await bulkInsert(
    trx,
    database,
    REGIONS,
    regions.map((r) => [electionId, r.code, r.parentCode, r.level, r.name, JSON.stringify(r.aliases)]),
  );
}

export async function countRegions(db: Executor, electionId: string): Promise<number> {
  const r = await db.selectFrom('results_regions').select(db.fn.countAll<number>().as('n')).where('election_id', '=', electionId).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function loadRegionTreeOf(db: Executor, electionId: string): Promise<RegionTree> {
  const rows = await db.selectFrom('results_regions').selectAll().where('election_id', '=', electionId).execute();
  const regions: Region[] = [];
  const aliases: { code: string; alias: RegionAlias }[] = [];
  for (const r of rows) {
    if (r.code === NATIONAL_CODE) continue;
    regions.push({ code: r.code, parentCode: r.parent_code, level: r.level as Region['level'], name: r.name, aliases: [] });
    for (const a of JSON.parse(r.aliases) as RegionAlias[]) aliases.push({ code: r.code, alias: a });
  }
  const tree = new RegionTree(regions);
  for (const a of aliases) tree.addAlias(a.code, a.alias);
  return tree;
}

export async function insertContest(trx: Executor, c: ContestSpec, created: string): Promise<void> {
  await trx
    .insertInto('results_contests')
    .values({
      election_id: c.electionId,
      id: c.id,
      kind: c.kind,
      title: c.title,
      region_code: c.regionCode ?? null,
      spec: JSON.stringify({ parties: c.parties, candidates: c.candidates, districts: c.districts }),
      revision: 0,
      created,
    })
    .execute();
}

function contestOf(r: { election_id: string; id: string; kind: string; title: string; region_code: string | null; spec: string; revision: number; created: string }): StoredContest {
  const spec = JSON.parse(r.spec) as Pick<ContestSpec, 'parties' | 'candidates' | 'districts'>;
  return {
    electionId: r.election_id,
    id: r.id,
    kind: r.kind as ContestSpec['kind'],
    title: r.title,
    ...(r.region_code ? { regionCode: r.region_code } : {}),
    ...spec,
    revision: Number(r.revision),
    created: r.created,
  };
}

export async function getContest(db: Executor, electionId: string, id: string): Promise<StoredContest | null> {
  const r = await db.selectFrom('results_contests').selectAll().where('election_id', '=', electionId).where('id', '=', id).executeTakeFirst();
  return r ? contestOf(r) : null;
}

export async function listContests(db: Executor, electionId: string): Promise<StoredContest[]> {
  const rows = await db.selectFrom('results_contests').selectAll().where('election_id', '=', electionId).orderBy('id').execute();
  return rows.map(contestOf);
}

/**
 * Locks the contest row for the rest of the transaction (PostgreSQL `FOR UPDATE`; SQLite has one writer) and bumps
 * its revision, so two imports into one contest run one after the other and caches see the change.
 */
export async function lockAndBumpContest(trx: Tx, electionId: string, id: string): Promise<number> {
  await trx
    .updateTable('results_contests')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('election_id', '=', electionId)
    .where('id', '=', id)
    .execute();
  const r = await trx.selectFrom('results_contests').select('revision').where('election_id', '=', electionId).where('id', '=', id).executeTakeFirstOrThrow();
  return Number(r.revision);
}

export async function contestRevision(db: Executor, electionId: string, id: string): Promise<number | null> {
  const r = await db.selectFrom('results_contests').select('revision').where('election_id', '=', electionId).where('id', '=', id).executeTakeFirst();
  return r ? Number(r.revision) : null;
}

/** Takes the contest's row lock until the transaction ends (PostgreSQL); SQLite transactions have one writer. */
export async function lockContest(trx: Tx, dialect: Database['dialect'], electionId: string, id: string): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`SELECT revision FROM results_contests WHERE election_id = ${electionId} AND id = ${id} FOR UPDATE`.execute(trx);
}
