/**
 * Loading what every results action needs — the election, its region tree, the compiled contest — with a per-database
 * cache: a national tree has 92 thousand regions and never changes once an election exists, and a contest's parties
 * and candidates are fixed when it is created.
 */
import { Type } from '@sinclair/typebox';
import { KotakError } from '../errors.js';
import { compileContest, type Contest } from '../results/contest.js';
import type { RegionTree } from '../results/regions.js';
import { prepareRecap } from '../results/recap.js';
import type { Election } from '../results/types.js';
import type { Database, Executor } from '../store/db.js';
import { getContest, getElection, loadRegionTreeOf, type StoredContest } from '../store/results/elections.js';

interface Cached {
  trees: Map<string, Promise<RegionTree>>;
  contests: Map<string, { spec: StoredContest; compiled: Contest }>;
}
const caches = new WeakMap<Database, Cached>();

function cacheOf(database: Database): Cached {
  let c = caches.get(database);
  if (!c) caches.set(database, (c = { trees: new Map(), contests: new Map() }));
  return c;
}

export async function requireElection(db: Executor, id: string): Promise<Election & { created: string }> {
  const e = await getElection(db, id);
  if (!e) throw KotakError.notFound(`Election ${id}`);
  return e;
}

export function treeOf(database: Database, electionId: string): Promise<RegionTree> {
  const c = cacheOf(database);
  let t = c.trees.get(electionId);
  if (!t) {
    t = loadRegionTreeOf(database.db, electionId).then((tree) => {
      tree.warm();
      prepareRecap(tree);
      return tree;
    });
    c.trees.set(electionId, t);
    t.catch(() => c.trees.delete(electionId));
  }
  return t;
}

/** Forgets a cached tree (after the election's regions were written). */
export function forgetTree(database: Database, electionId: string): void {
  cacheOf(database).trees.delete(electionId);
}

export async function contestOf(
  database: Database,
  electionId: string,
  contestId: string,
  /** Inside a transaction, its executor: SQLite has one connection, which the transaction holds until it ends. */
  db: Executor = database.db,
): Promise<{ spec: StoredContest; compiled: Contest }> {
  const c = cacheOf(database);
  const key = `${electionId}/${contestId}`;
  const hit = c.contests.get(key);
  if (hit) return hit;
  const spec = await getContest(db, electionId, contestId);
  if (!spec) throw KotakError.notFound(`Contest ${contestId} of election ${electionId}`);
  const entry = { spec, compiled: compileContest(spec) };
  c.contests.set(key, entry);
  return entry;
}

/** Checks a region code exists in the election's tree (404 otherwise). */
export function requireRegion(tree: RegionTree, code: string): string {
  const resolved = tree.resolve(code);
  if (resolved === null) throw KotakError.notFound(`Region ${code}`);
  return resolved;
}

/**
 * Read caches keyed by the contest's revision (bumped by every import that changes it, results_contests.revision).
 * The revision itself is re-read at most once per `REVISION_TTL_MS`, so another process's import shows within that
 * time; an import in this process shows at once (`noteRevision`). Region pages are read far more often than results
 * change, and a region's answer is a function of (contest, revision, code).
 */
export const REVISION_TTL_MS = 1000;
const revisions = new WeakMap<Database, Map<string, { rev: number; at: number }>>();
const answers = new WeakMap<Database, Map<string, unknown>>();
const MAX_ANSWERS = 20000;

export async function revisionOf(database: Database, electionId: string, contestId: string): Promise<number> {
  let m = revisions.get(database);
  if (!m) revisions.set(database, (m = new Map()));
  const key = `${electionId}/${contestId}`;
  const hit = m.get(key);
  const now = Date.now();
  if (hit && now - hit.at < REVISION_TTL_MS) return hit.rev;
  const r = await database.db.selectFrom('results_contests').select('revision').where('election_id', '=', electionId).where('id', '=', contestId).executeTakeFirst();
  if (!r) throw KotakError.notFound(`Contest ${contestId} of election ${electionId}`);
  m.set(key, { rev: Number(r.revision), at: now });
  return Number(r.revision);
}

/** Records a revision this process has just committed. */
export function noteRevision(database: Database, electionId: string, contestId: string, rev: number): void {
  let m = revisions.get(database);
  if (!m) revisions.set(database, (m = new Map()));
  m.set(`${electionId}/${contestId}`, { rev, at: Date.now() });
}

/** A cached answer for `key` at the contest's current revision, computed by `make` on a miss. */
export async function cachedAnswer<T>(database: Database, electionId: string, contestId: string, key: string, make: () => Promise<T>): Promise<T> {
  const rev = await revisionOf(database, electionId, contestId);
  let m = answers.get(database);
  if (!m) answers.set(database, (m = new Map()));
  const k = `${electionId}/${contestId}@${rev}:${key}`;
  const hit = m.get(k);
  if (hit !== undefined) return hit as T;
  const value = await make();
  if (m.size >= MAX_ANSWERS) m.clear();
  m.set(k, value);
  return value;
}

/** Paging of the results lists (flags, TPS list): `limit` ≤ 1000, from `offset`. */
export const PAGING = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
};
