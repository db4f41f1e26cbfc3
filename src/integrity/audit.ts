/**
 * Self-audit (`kotak audit`, action `log.audit`): recompute everything the log commits to and report each difference.
 *
 * 1. Entries: contiguous indexes from 0 to the head size; each entry valid canonical JSON whose leaf hash and indexed
 *    columns match it.
 * 2. The tree: rebuilt from the entries and compared hash by hash with the stored tile rows; its root at every signed
 *    size compared with that checkpoint, whose signature must verify with one of the log's keys.
 * 3. Blobs: every stored file re-hashed against its SHA-256 name; every logged file present.
 * 4. Content: registered checks (`AUDIT_CHECKS`) recompute from the database what the log committed to — the digest of
 *    the latest entry of each subject (a dataset version), or, for results, the TPS tree root of every import and the
 *    hash of every correction — and report each difference, naming the TPS and the entry.
 *
 * Memory stays bounded: the tree is rebuilt with its frontier only, and stored rows are read batch by batch.
 */
import { createHash } from 'node:crypto';
import { parseCheckpoint } from './checkpoint.js';
import { toHex } from './encoding.js';
import { parseEntry, type PublicationEntry } from './entry.js';
import type { HashStore, StoredHash } from './hash-store.js';
import { leafHash, type NodeId } from './rfc6962.js';
import { openNote, verifierFromKey } from './signed-note.js';
import { SqlHashStore } from './sql-hash-store.js';
import { MerkleTree } from './tree.js';
import type { BlobStore } from '../store/blob/types.js';
import type { Database } from '../store/db.js';

export type FindingCode =
  | 'entry-missing'
  | 'entry-invalid'
  | 'entry-altered'
  | 'head-mismatch'
  | 'hash-mismatch'
  | 'hash-missing'
  | 'checkpoint-root'
  | 'checkpoint-signature'
  | 'checkpoint-beyond-log'
  | 'unsigned-tail'
  | 'blob-altered'
  | 'blob-missing'
  | 'content-changed';

export interface Finding {
  code: FindingCode;
  severity: 'error' | 'warning';
  message: string;
  index?: number;
  subject?: string;
}

export interface AuditReport {
  ok: boolean;
  entries: number;
  checkpoints: number;
  blobs: number;
  contentChecked: number;
  findings: Finding[];
}

/**
 * A registered content check: recomputes, from the database, what log entries committed to. Either per subject
 * (`digest`: the latest entry of each subject of its kind) or as a whole (`audit`: the check reads the entries it
 * needs and reports each difference itself, e.g. one finding per changed TPS).
 */
export interface ContentCheck {
  id: string;
  description: string;
  kind: string;
  /** subjects it checks, e.g. `dataset:` */
  subjectPrefix: string;
  /** current hex SHA-256 of the subject's content, or null when it is no longer published (deleted, private) */
  digest?(database: Database, id: string): Promise<string | null>;
  /** checks everything of its kind and reports findings; returns how many contents it checked */
  audit?(deps: { database: Database; blobs: BlobStore; report: (f: Finding) => void }): Promise<number>;
}

/** Adds a check to AUDIT_CHECKS once (parts register theirs when their actions are registered). */
export function registerAuditCheck(check: ContentCheck): void {
  if (!AUDIT_CHECKS.some((c) => c.id === check.id)) AUDIT_CHECKS.push(check);
}

/** Checks registered by the parts of the product (the catalogue registers datasets, results its TPS results). */
export const AUDIT_CHECKS: ContentCheck[] = [];

const MAX_FINDINGS_PER_CODE = 50;

/** A HashStore that checks instead of storing: every hash the rebuilt tree writes is compared with the stored one. */
class ComparingStore implements HashStore {
  constructor(
    private readonly database: Database,
    private readonly report: (f: Finding) => void,
  ) {}
  async get(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    if (ids.length) throw new Error('the audit tree is rebuilt from the empty tree and reads nothing');
    return [];
  }
  async put(nodes: readonly StoredHash[]): Promise<void> {
    const stored = new SqlHashStore(this.database.db);
    for (let i = 0; i < nodes.length; i += 4096) {
      const part = nodes.slice(i, i + 4096);
      let got: Uint8Array[];
      try {
        got = await stored.get(part);
      } catch {
        got = await Promise.all(part.map((n) => stored.get([n]).then((h) => h[0]!, () => new Uint8Array(0))));
      }
      part.forEach((n, j) => {
        const h = got[j]!;
        if (h.length === 0) this.report({ code: 'hash-missing', severity: 'error', message: `no stored hash at level ${n.level}, index ${n.index}` });
        else if (toHex(h) !== toHex(n.hash)) {
          this.report({ code: 'hash-mismatch', severity: 'error', message: `stored hash at level ${n.level}, index ${n.index} differs from the one recomputed from the entries` });
        }
      });
    }
  }
}

export async function auditLog(deps: { database: Database; blobs: BlobStore; checks?: readonly ContentCheck[] }): Promise<AuditReport> {
  const { database, blobs } = deps;
  const db = database.db;
  const findings: Finding[] = [];
  const perCode = new Map<string, number>();
  const report = (f: Finding) => {
    const n = (perCode.get(f.code) ?? 0) + 1;
    perCode.set(f.code, n);
    if (n <= MAX_FINDINGS_PER_CODE) findings.push(f);
  };

  const head = Number((await db.selectFrom('log_head').select('size').where('id', '=', 1).executeTakeFirstOrThrow()).size);
  const checkpoints = await db.selectFrom('log_checkpoints').select(['size', 'note']).orderBy('size').execute();
  const keys = (await db.selectFrom('log_keys').select('vkey').execute()).map((k) => verifierFromKey(k.vkey));
  const tree = await MerkleTree.open(new ComparingStore(database, report), 0);
  const latestBySubject = new Map<string, PublicationEntry>();
  let cpAt = 0;
  let expected = 0;

  const checkCheckpointsUpTo = (size: number) => {
    while (cpAt < checkpoints.length && Number(checkpoints[cpAt]!.size) <= size) {
      const cp = checkpoints[cpAt++]!;
      const opened = openNote(cp.note, keys);
      if (!opened.ok) {
        report({ code: 'checkpoint-signature', severity: 'error', message: `checkpoint ${cp.size}: ${opened.reason}` });
        continue;
      }
      const parsed = parseCheckpoint(opened.text);
      if ('error' in parsed || parsed.size !== Number(cp.size)) {
        report({ code: 'checkpoint-signature', severity: 'error', message: `checkpoint ${cp.size} is malformed` });
      } else if (parsed.size === tree.size && toHex(parsed.root) !== toHex(tree.root())) {
        report({ code: 'checkpoint-root', severity: 'error', message: `the signed root of size ${cp.size} is not the root of the stored entries: the log was rewritten` });
      }
    }
  };

  // Entries in pages; the tree is appended in runs that stop at every checkpoint size so its root can be compared.
  const PAGE = 2048;
  for (;;) {
    const rows = await db.selectFrom('log_entries').selectAll().where('idx', '>=', expected).orderBy('idx').limit(PAGE).execute();
    if (rows.length === 0) break;
    let run: Uint8Array[] = [];
    const flush = async () => {
      if (run.length) await tree.append(run);
      run = [];
    };
    for (const row of rows) {
      const idx = Number(row.idx);
      if (idx !== expected) {
        report({ code: 'entry-missing', severity: 'error', message: `entries ${expected}…${idx - 1} are missing`, index: expected });
        // The tree cannot be rebuilt past a hole; compare what can be compared and stop.
        await flush();
        checkCheckpointsUpTo(tree.size);
        return finish();
      }
      const bytes = Buffer.from(row.entry, 'utf8');
      const leaf = leafHash(bytes);
      const entry = parseEntry(bytes);
      if ('error' in entry) report({ code: 'entry-invalid', severity: 'error', message: `entry ${idx}: ${entry.error}`, index: idx });
      else {
        const cols = row.kind === entry.kind && row.subject === entry.subjects[0] && row.sha256 === entry.sha256 && row.org === entry.org;
        if (!cols) report({ code: 'entry-altered', severity: 'error', message: `entry ${idx}: indexed columns differ from the entry JSON`, index: idx });
        latestBySubject.set(entry.subjects[0]!, entry);
      }
      if (toHex(leaf) !== row.leaf_hash) report({ code: 'entry-altered', severity: 'error', message: `entry ${idx}: its leaf hash column does not match its JSON`, index: idx });
      run.push(leaf);
      expected = idx + 1;
      // Stop the run at the next checkpoint size.
      if (cpAt < checkpoints.length && Number(checkpoints[cpAt]!.size) === tree.size + run.length) {
        await flush();
        checkCheckpointsUpTo(tree.size);
      }
    }
    await flush();
    checkCheckpointsUpTo(tree.size);
  }
  return finish();

  async function finish(): Promise<AuditReport> {
    if (expected < head && perCode.get('entry-missing') === undefined) {
      report({ code: 'entry-missing', severity: 'error', message: `entries ${expected}…${head - 1} are missing`, index: expected });
    }
    if (expected > head) report({ code: 'head-mismatch', severity: 'error', message: `the log head says ${head} entries, ${expected} are stored` });
    for (; cpAt < checkpoints.length; cpAt++) {
      report({ code: 'checkpoint-beyond-log', severity: 'error', message: `checkpoint ${checkpoints[cpAt]!.size} covers entries that are not stored` });
    }
    const lastSigned = checkpoints.length ? Number(checkpoints[checkpoints.length - 1]!.size) : 0;
    if (lastSigned < expected) report({ code: 'unsigned-tail', severity: 'warning', message: `entries ${lastSigned}…${expected - 1} are not in a signed checkpoint yet` });

    // Blobs: each file's bytes against its name, and each logged file present.
    let blobCount = 0;
    for await (const sha of blobs.list()) {
      blobCount++;
      const h = createHash('sha256');
      for await (const chunk of await blobs.get(sha)) h.update(chunk as Buffer);
      const actual = h.digest('hex');
      if (actual !== sha) report({ code: 'blob-altered', severity: 'error', message: `stored file ${sha} now hashes to ${actual}`, subject: sha });
    }
    for (const [subject, e] of latestBySubject) {
      if (e.kind === 'resource' && e.hashOf === 'bytes' && !(await blobs.has(e.sha256))) {
        report({ code: 'blob-missing', severity: 'error', message: `the file of ${subject} (${e.sha256}) is not in the blob store`, subject });
      }
    }

    // Content: the latest entry of each subject against what the database holds now.
    let contentChecked = 0;
    for (const check of deps.checks ?? AUDIT_CHECKS) {
      if (check.audit) {
        contentChecked += await check.audit({ database, blobs, report });
        continue;
      }
      if (!check.digest) continue;
      for (const [subject, e] of latestBySubject) {
        if (e.kind !== check.kind || !subject.startsWith(check.subjectPrefix)) continue;
        const current = await check.digest(database, subject.slice(check.subjectPrefix.length));
        contentChecked++;
        if (current !== null && current !== e.sha256) {
          report({ code: 'content-changed', severity: 'error', subject, message: `${subject} changed without a log entry (${check.id}): the log says ${e.sha256}, the database gives ${current}` });
        }
      }
    }
    for (const [code, n] of perCode) {
      if (n > MAX_FINDINGS_PER_CODE) findings.push({ code: code as FindingCode, severity: 'error', message: `… and ${n - MAX_FINDINGS_PER_CODE} more ${code} findings` });
    }
    return {
      ok: !findings.some((f) => f.severity === 'error'),
      entries: expected,
      checkpoints: checkpoints.length,
      blobs: blobCount,
      contentChecked,
      findings,
    };
  }
}
