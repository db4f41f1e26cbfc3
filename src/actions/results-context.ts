/**
 * Loading what every results action needs — the election, its region tree, the compiled contest — with a per-database
 * cache: a national tree has 92 thousand regions and never changes once an election exists, and a contest's parties
 * and candidates are fixed when it is created.
 */
import { KotakError } from '../errors.js';
import { compileContest, type Contest } from '../results/contest.js';
import type { RegionTree } from '../results/regions.js';
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
    t = loadRegionTreeOf(database.db, electionId);
    c.trees.set(electionId, t);
    t.catch(() => c.trees.delete(electionId));
  }
  return t;
}

/** Forgets a cached tree (after the election's regions were written). */
export function forgetTree(database: Database, electionId: string): void {
  cacheOf(database).trees.delete(electionId);
}

export async function contestOf(database: Database, electionId: string, contestId: string): Promise<{ spec: StoredContest; compiled: Contest }> {
  const c = cacheOf(database);
  const key = `${electionId}/${contestId}`;
  const hit = c.contests.get(key);
  if (hit) return hit;
  const spec = await getContest(database.db, electionId, contestId);
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
