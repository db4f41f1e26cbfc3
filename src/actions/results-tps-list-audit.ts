/**
 * The TPS list part of the self-audit (issue 4: "any rewrite of history is detectable"). Each list import appended a
 * `tps-list` entry whose SHA-256 is that of the list file, kept in the blob store (docs/integrity.md). The check
 * replays the logged lists in log order — each replaces the list of its region's subtree, as
 * `results.tpsListImport` does — from the files the log names, and compares the result with the list the database
 * holds now. A TPS added, removed, moved or given other registered voters with SQL is one `content-changed` finding
 * naming the TPS and the entry that last set its region's list; a logged file that is missing or no longer reads is
 * reported too.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContentCheck, Finding } from '../integrity/audit.js';
import { parseEntry } from '../integrity/entry.js';
import type { RegionTree } from '../results/regions.js';
import { readTpsList, tpsListFormat, type ListedTps } from '../results/tps-list.js';
import type { BlobStore } from '../store/blob/types.js';
import type { Database } from '../store/db.js';
import { electionIds } from '../store/results/elections.js';
import { tpsListIn, within, type TpsListRow } from '../store/results/tps-list.js';
import { treeOf } from './results-context.js';

interface LoggedList {
  index: number;
  subject: string;
  sha256: string;
  region: string;
  filename: string;
}

/** The `tps-list` entries of an election, in log order. */
async function loggedLists(database: Database, electionId: string): Promise<LoggedList[]> {
  const rows = await database.db
    .selectFrom('log_entries')
    .select(['idx', 'entry'])
    .where('kind', '=', 'tps-list')
    .orderBy('idx')
    .execute();
  const out: LoggedList[] = [];
  for (const r of rows) {
    const e = parseEntry(Buffer.from(r.entry, 'utf8'));
    // An entry that does not parse is reported by the log part of the audit (entry-invalid).
    if ('error' in e || e.meta?.election !== electionId || typeof e.meta.region !== 'string') continue;
    out.push({ index: Number(r.idx), subject: e.subjects[0]!, sha256: e.sha256, region: e.meta.region, filename: String(e.meta.filename ?? e.name ?? 'list.csv') });
  }
  return out;
}

/** The list file a log entry names, read as the import read it; null when it is gone or no longer reads. */
async function readLogged(blobs: BlobStore, tree: RegionTree, list: LoggedList, report: (f: Finding) => void): Promise<ListedTps[] | null> {
  if (!(await blobs.has(list.sha256))) {
    report({ code: 'blob-missing', severity: 'error', index: list.index, subject: list.subject, message: `the TPS list file of entry ${list.index} (${list.sha256}) is not in the blob store` });
    return null;
  }
  const dir = await mkdtemp(join(tmpdir(), 'kotak-audit-list-'));
  try {
    const parts: Buffer[] = [];
    for await (const c of await blobs.get(list.sha256)) parts.push(c as Buffer);
    const path = join(dir, `list.${tpsListFormat(list.filename)}`);
    await writeFile(path, Buffer.concat(parts));
    return await readTpsList(path, tree, { sourceName: list.filename });
  } catch (e) {
    report({ code: 'content-changed', severity: 'error', index: list.index, subject: list.subject, message: `the TPS list file of entry ${list.index} no longer reads: ${(e as Error).message}` });
    return null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const voters = (n: number | null) => (n === null ? 'none' : String(n));

/** Compares one election's stored list with the replay of its logged lists; returns the TPS compared. */
async function auditElection(database: Database, blobs: BlobStore, electionId: string, report: (f: Finding) => void): Promise<number> {
  const lists = await loggedLists(database, electionId);
  const stored = await tpsListIn(database.db, electionId, null);
  if (lists.length === 0 && stored.length === 0) return 0;
  const tree = await treeOf(database, electionId);
  const expected = new Map<string, { row: TpsListRow; list: LoggedList }>();
  // Regions whose logged file could not be read: their TPS are not compared (the file's own finding says why).
  const unread: string[] = [];
  for (const list of lists) {
    for (const [tps, x] of expected) if (within(x.row.region, list.region)) expected.delete(tps);
    for (let i = unread.length - 1; i >= 0; i--) if (within(unread[i]!, list.region)) unread.splice(i, 1);
    const rows = await readLogged(blobs, tree, list, report);
    if (!rows) {
      unread.push(list.region);
      continue;
    }
    for (const r of rows) expected.set(r.tps, { row: { tps: r.tps, region: r.region, registered: r.registered }, list });
  }
  const unchecked = (region: string) => unread.some((u) => within(region, u));
  const lastList = (region: string) => [...lists].reverse().find((l) => within(region, l.region));
  const changed = (subject: string | undefined, index: number | undefined, message: string) =>
    report({ code: 'content-changed', severity: 'error', subject, index, message });
  let compared = 0;
  for (const s of stored) {
    if (unchecked(s.region)) continue;
    compared++;
    const x = expected.get(s.tps);
    if (!x) {
      const l = lastList(s.region);
      changed(l?.subject ?? `tps-list:${electionId}`, l?.index, `TPS ${s.tps} is on the stored TPS list of ${electionId} but no logged list gives it`);
      continue;
    }
    expected.delete(s.tps);
    if (x.row.region !== s.region) {
      changed(x.list.subject, x.list.index, `TPS ${s.tps} is stored in desa ${s.region}; the list of entry ${x.list.index} puts it in ${x.row.region}`);
    } else if (x.row.registered !== s.registered) {
      changed(x.list.subject, x.list.index, `TPS ${s.tps}: registered voters ${voters(s.registered)} stored, ${voters(x.row.registered)} in the list of entry ${x.list.index}`);
    }
  }
  for (const [tps, x] of expected) {
    compared++;
    changed(x.list.subject, x.list.index, `TPS ${tps} is in the list of entry ${x.list.index} but no longer on the stored TPS list`);
  }
  return compared;
}

/** Registered in AUDIT_CHECKS (src/integrity/audit.ts) with the results actions. */
export const tpsListCheck: ContentCheck = {
  id: 'results-tps-list',
  description: 'The stored TPS list of each election is what its logged list files give, replayed in log order.',
  kind: 'tps-list',
  subjectPrefix: 'tps-list:',
  async audit({ database, blobs, report }) {
    let checked = 0;
    for (const id of await electionIds(database.db)) checked += await auditElection(database, blobs, id, report);
    return checked;
  },
};
