/**
 * The publication log service (issue 4): `append` writes an entry and its tree hashes inside the caller's
 * transaction — a publication without its entry cannot commit, and an entry without its publication cannot either
 * (STYLE.md §8) — and `afterCommit` signs a checkpoint for the committed tree. On start it loads or creates the log
 * key, logs a key change when the key differs from the last one, and signs any tree size left unsigned by a crash.
 *
 * Appenders are serialised by incrementing the one-row `log_head` first: on PostgreSQL the row lock is held until
 * the transaction ends, on SQLite there is one writer anyway.
 *
 * @example
 *   await db.transaction().execute(async (trx) => {
 *     await saveThing(trx);
 *     await log.append(trx, { kind: 'resource', subject: 'resource:r1', organization: 'kpu-banten', sha256 });
 *   });
 *   await log.afterCommit();
 */
import { hash } from 'node:crypto';
import { formatCheckpoint } from './checkpoint.js';
import { ENTRY_KINDS, makeEntry, type EntryKind, type MetaValue } from './entry.js';
import { toHex } from './encoding.js';
import { loadOrCreateLogKey } from './keys.js';
import { logReader } from './reader.js';
import { leafHash } from './rfc6962.js';
import { signNote, type NoteSigner } from './signed-note.js';
import { SqlHashStore } from './sql-hash-store.js';
import { MerkleTree, treeRoot } from './tree.js';
import { KotakError } from '../errors.js';
import type { Config } from '../config.js';
import type { Database, Tx } from '../store/db.js';
import type { Logger, PublicationInput, PublicationLog } from '../actions/types.js';

/** What callers may pass: the lead's PublicationInput plus related subjects and an explicit digest form. */
export interface LogInput extends PublicationInput {
  /** further subjects the entry is about, e.g. the dataset of a resource (`dataset:<id>`), the contest of a TPS */
  related?: string[];
  /** what `sha256` covers; by default raw bytes, except JSON documents (dataset versions, assessments, results) */
  hashOf?: 'bytes' | 'jcs';
}

export interface LogService extends PublicationLog {
  append(trx: Tx, entry: LogInput): Promise<{ index: number }>;
  /** Appends many entries with one tree update (a results import logs one entry per TPS). */
  appendMany(trx: Tx, entries: readonly LogInput[]): Promise<{ index: number }[]>;
  readonly signer: NoteSigner;
  readonly origin: string;
}

/** Kinds whose content is a JSON document hashed in RFC 8785 form (the verifier canonicalises the same way). */
const JCS_KINDS = new Set<EntryKind>(['dataset-version', 'results-import', 'results-correction', 'maturity-assessment']);

function toMeta(meta: Record<string, unknown> | undefined): Record<string, MetaValue> | undefined {
  if (!meta) return undefined;
  const out: Record<string, MetaValue> = {};
  for (const [k, v] of Object.entries(meta)) {
    if (v === undefined) continue;
    if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) out[k] = v;
    else throw new KotakError('internal', `log entry meta.${k} must be a string, number, boolean or null`);
  }
  return out;
}

/** Per-transaction tree, so many appends in one transaction open the tree once. */
const openTrees = new WeakMap<Tx, MerkleTree>();

export async function createPublicationLog(deps: { config: Config; database: Database; logger: Logger; now?: () => Date }): Promise<LogService> {
  const { config, database, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const { signer, path, created } = loadOrCreateLogKey(config, (m) => logger.warn(m));
  if (created) logger.info({ path, vkey: signer.verifierKey }, 'Generated the publication-log signing key');

  async function appendMany(trx: Tx, inputs: readonly LogInput[]): Promise<{ index: number }[]> {
    if (inputs.length === 0) return [];
    const time = now();
    const made = inputs.map((p) => {
      if (!ENTRY_KINDS.includes(p.kind as EntryKind)) throw new KotakError('internal', `unknown log entry kind ${p.kind}`);
      const kind = p.kind as EntryKind;
      try {
        return makeEntry({
          kind,
          subjects: [...new Set([p.subject, ...(p.related ?? [])])],
          org: p.organization,
          time,
          sha256: p.sha256.toLowerCase(),
          hashOf: p.hashOf ?? (JCS_KINDS.has(kind) ? 'jcs' : 'bytes'),
          meta: toMeta(p.meta),
        });
      } catch (e) {
        throw new KotakError('internal', `invalid log entry: ${(e as Error).message}`, { cause: e });
      }
    });
    // Take the indexes (and, on PostgreSQL, the row lock that orders appenders) before anything else.
    const head = await trx
      .updateTable('log_head')
      .set((eb) => ({ size: eb('size', '+', inputs.length) }))
      .where('id', '=', 1)
      .returning('size')
      .executeTakeFirstOrThrow();
    const start = Number(head.size) - inputs.length;
    let tree = openTrees.get(trx);
    if (!tree || tree.size !== start) tree = await MerkleTree.open(new SqlHashStore(trx), start);
    const leaves = made.map((m) => leafHash(m.bytes));
    const created = time.toISOString();
    const rows = made.map((m, i) => ({
      idx: start + i,
      entry: m.json,
      leaf_hash: toHex(leaves[i]!),
      kind: m.entry.kind,
      subject: m.entry.subjects[0]!,
      org: m.entry.org,
      sha256: m.entry.sha256,
      created,
    }));
    const subjects = made.flatMap((m, i) => m.entry.subjects.map((subject) => ({ subject, idx: start + i })));
    // 400 rows of 8 values stay under SQLite's bound-parameter limit.
    for (let i = 0; i < rows.length; i += 400) await trx.insertInto('log_entries').values(rows.slice(i, i + 400)).execute();
    for (let i = 0; i < subjects.length; i += 1000) await trx.insertInto('log_subjects').values(subjects.slice(i, i + 1000)).execute();
    await tree.append(leaves);
    openTrees.set(trx, tree);
    return rows.map((r) => ({ index: r.idx }));
  }

  /** Signs a checkpoint for the committed tree if its size has none yet (idempotent, safe to race). */
  async function afterCommit(): Promise<void> {
    const db = database.db;
    const head = await db.selectFrom('log_head').select('size').where('id', '=', 1).executeTakeFirstOrThrow();
    const size = Number(head.size);
    const last = await db.selectFrom('log_checkpoints').select('size').orderBy('size', 'desc').limit(1).executeTakeFirst();
    if (last && Number(last.size) >= size) return;
    const root = await treeRoot(new SqlHashStore(db), size);
    const note = signNote(formatCheckpoint({ origin: signer.name, size, root, extensions: [] }), [signer]);
    await db
      .insertInto('log_checkpoints')
      .values({ size, note, created: now().toISOString() })
      .onConflict((oc) => oc.column('size').doNothing())
      .execute();
    logReader(database).invalidate();
  }

  /** Logs the key in use when it is not the last one the log announced (first start, or a key rotation). */
  async function recordKey(): Promise<void> {
    await database.db.transaction().execute(async (trx) => {
      // Lock the head first so two processes starting at once do not both announce the key.
      await trx.updateTable('log_head').set((eb) => ({ size: eb('size', '+', 0) })).where('id', '=', 1).execute();
      const last = await trx.selectFrom('log_keys').select('vkey').orderBy('created', 'desc').orderBy('entry_idx', 'desc').limit(1).executeTakeFirst();
      if (last?.vkey === signer.verifierKey) return;
      const [{ index }] = (await appendMany(trx, [
        {
          kind: 'key-change',
          subject: `key:${signer.verifierKey.split('+').slice(0, 2).join('+')}`,
          organization: null,
          sha256: hash('sha256', signer.verifierKey, 'hex'),
          meta: { vkey: signer.verifierKey, previous: last?.vkey ?? null },
        },
      ])) as [{ index: number }];
      await trx.insertInto('log_keys').values({ vkey: signer.verifierKey, created: now().toISOString(), entry_idx: index }).execute();
      logger.info({ vkey: signer.verifierKey, previous: last?.vkey ?? null, index }, 'Publication-log key recorded in the log');
    });
  }

  await recordKey();
  await afterCommit();

  return {
    signer,
    origin: signer.name,
    append: async (trx, entry) => (await appendMany(trx, [entry]))[0]!,
    appendMany,
    afterCommit,
  };
}
