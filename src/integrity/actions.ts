/**
 * The `log.*` actions (issue 4). Register them with `registerActions(LOG_ACTIONS)`; the routes in src/http/log/ and
 * the CLI call them by name. Reads are public (a log is only useful if anyone can check it); registering a witness
 * and the self-audit are for system administrators; a witness cosignature authenticates itself by its signature.
 */
import { Type } from '@sinclair/typebox';
import { auditLog, AUDIT_CHECKS, type AuditReport, type ContentCheck } from './audit.js';
import { acceptCosignatures, trustWitness } from './cosign.js';
import { toBase64 } from './encoding.js';
import { ENTRY_KINDS } from './entry.js';
import { logReader, type LoggedEntry } from './reader.js';
import { RECEIPT_EXTENSION } from './receipt.js';
import { KotakError } from '../errors.js';
import { anyone, sysadminOnly } from '../actions/policies.js';
import { defineAction, type ActionDef } from '../actions/types.js';
import { datasetDigest } from '../actions/dataset-write.js';
import { findDataset } from '../store/catalog/datasets.js';

/** What leaves the server for an entry: the entry's fields plus where it is and its leaf hash. */
export function presentEntry(e: LoggedEntry) {
  return { index: e.index, leaf_hash: e.leafHash, ...e.entry };
}

const Locator = Type.Object(
  {
    index: Type.Optional(Type.Integer({ minimum: 0, description: 'Entry index in the log.' })),
    sha256: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F]{64}$', description: 'SHA-256 (hex) of the published content.' })),
  },
  { additionalProperties: false },
);

/** The entry an `index` or `sha256` designates (the first publication of that content). */
async function locate(ctx: Parameters<ActionDef['run']>[0], input: { index?: number; sha256?: string }): Promise<{ index: number; others: number[] }> {
  if (input.index !== undefined) return { index: input.index, others: [] };
  if (!input.sha256) throw KotakError.validation({ index: ['Give index or sha256'] });
  const found = await logReader(ctx.services.database).findBySha256(input.sha256);
  if (found.length === 0) throw KotakError.notFound(`Log entry for content ${input.sha256.toLowerCase()}`);
  return { index: found[0]!.index, others: found.slice(1).map((e) => e.index) };
}

export const logCheckpoint = defineAction({
  name: 'log.checkpoint',
  summary: 'The latest signed checkpoint of the publication log (C2SP tlog-checkpoint), with witness cosignatures.',
  input: Type.Object({}, { additionalProperties: true }),
  readOnly: true,
  policy: anyone,
  async run(ctx) {
    const cp = await logReader(ctx.services.database).checkpoint();
    if (!cp) throw KotakError.notFound('Signed checkpoint');
    return { origin: cp.origin, size: cp.size, root: toBase64(cp.root), note: cp.note };
  },
});

export const logKey = defineAction({
  name: 'log.key',
  summary: 'The verifier key of the log (`name+id+base64`, C2SP signed-note) and the keys it used before.',
  input: Type.Object({}, { additionalProperties: true }),
  readOnly: true,
  policy: anyone,
  async run(ctx) {
    const keys = await logReader(ctx.services.database).keys();
    if (keys.length === 0) throw KotakError.notFound('Log key');
    return { vkey: keys[0]!.vkey, keys: keys.map((k) => ({ vkey: k.vkey, since: k.created, entry_index: k.entryIndex })) };
  },
});

export const logTile = defineAction({
  name: 'log.tile',
  summary: 'A C2SP tlog-tiles resource: a hash tile or an entry bundle, as bytes.',
  input: Type.Object({
    kind: Type.Union([Type.Literal('hash'), Type.Literal('entries')]),
    level: Type.Integer({ minimum: 0, maximum: 63 }),
    index: Type.Integer({ minimum: 0 }),
    width: Type.Integer({ minimum: 1, maximum: 256 }),
  }),
  readOnly: true,
  policy: anyone,
  async run(ctx, input): Promise<Uint8Array> {
    const reader = logReader(ctx.services.database);
    const body = input.kind === 'entries' ? await reader.entryBundle(input.index, input.width) : await reader.tile(input.level, input.index, input.width);
    if (!body) throw KotakError.notFound('Tile');
    return body;
  },
});

export const logProof = defineAction({
  name: 'log.proof',
  summary: 'Inclusion proof of an entry (by index or by the SHA-256 of the content) in the latest checkpoint, with a receipt.',
  input: Locator,
  readOnly: true,
  policy: anyone,
  async run(ctx, input) {
    const { index, others } = await locate(ctx, input);
    const reader = logReader(ctx.services.database);
    const { entry, path, checkpoint } = await reader.proof(index);
    return {
      index,
      tree_size: checkpoint.size,
      entry: presentEntry(entry),
      entry_json: entry.json,
      path: path.map(toBase64),
      checkpoint: checkpoint.note,
      receipt: await reader.receipt(index),
      other_indexes: others,
    };
  },
});

export const logReceipt = defineAction({
  name: 'log.receipt',
  summary: 'A receipt (C2SP tlog-proof file) for an entry, by index or content SHA-256, verifiable offline.',
  input: Locator,
  readOnly: true,
  policy: anyone,
  async run(ctx, input): Promise<{ filename: string; text: string }> {
    const { index } = await locate(ctx, input);
    const text = await logReader(ctx.services.database).receipt(index);
    return { filename: `kotak-log-${index}${RECEIPT_EXTENSION}`, text };
  },
});

export const logConsistency = defineAction({
  name: 'log.consistency',
  summary: 'Consistency proof between two tree sizes (RFC 9162 §2.1.4), both at most the latest checkpoint size.',
  input: Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) }),
  readOnly: true,
  policy: anyone,
  async run(ctx, input) {
    const path = await logReader(ctx.services.database).consistency(input.from, input.to);
    return { from: input.from, to: input.to, path: path.map(toBase64) };
  },
});

export const logEntries = defineAction({
  name: 'log.entries',
  summary: 'Entries of the log about a subject (`dataset:<id>`, `resource:<id>`, `tps:<code>`) and/or of a kind, oldest first.',
  input: Type.Object({
    subject: Type.Optional(Type.String({ minLength: 3 })),
    kind: Type.Optional(Type.Union(ENTRY_KINDS.map((k) => Type.Literal(k)))),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
  }),
  readOnly: true,
  policy: anyone,
  async run(ctx, input) {
    const r = await logReader(ctx.services.database).entries(input);
    return { count: r.count, entries: r.entries.map(presentEntry) };
  },
});

export const logCosign = defineAction({
  name: 'log.cosign',
  summary: 'Submit a witness cosignature: a checkpoint of this log with the signature line of a registered witness.',
  input: Type.Object({ note: Type.String({ minLength: 10, maxLength: 20000 }) }),
  readOnly: false,
  // The cosignature authenticates the submitter: only lines of registered witness keys that verify are kept.
  policy: anyone,
  async run(ctx, input) {
    return acceptCosignatures(ctx.services.database, input.note, ctx.services.now());
  },
});

export const logWitnessTrust = defineAction({
  name: 'log.witnessTrust',
  summary: 'Register a witness verifier key whose cosignatures the portal accepts.',
  input: Type.Object({ vkey: Type.String({ minLength: 10 }) }),
  readOnly: false,
  policy: sysadminOnly,
  async run(ctx, input) {
    return trustWitness(ctx.services.database, input.vkey, ctx.services.now());
  },
});

/** Dataset versions: the canonical JSON of the dataset now must hash to what its latest entry logged. */
export const datasetVersionCheck: ContentCheck = {
  id: 'dataset-version',
  description: 'The dataset as stored hashes to the SHA-256 of its latest dataset-version entry (RFC 8785 JSON).',
  kind: 'dataset-version',
  subjectPrefix: 'dataset:',
  async digest(database, id) {
    const d = await findDataset(database.db, id);
    if (!d || d.state !== 'active' || d.private) return null;
    return datasetDigest(d);
  },
};

export const logAudit = defineAction({
  name: 'log.audit',
  summary: 'Self-audit: recompute every entry, tree hash, checkpoint root, stored file and logged content; report differences.',
  input: Type.Object({}, { additionalProperties: true }),
  readOnly: true,
  policy: sysadminOnly,
  async run(ctx): Promise<AuditReport> {
    const { database, blobs } = ctx.services;
    return auditLog({ database, blobs, checks: [datasetVersionCheck, ...AUDIT_CHECKS] });
  },
});

export const LOG_ACTIONS = [
  logCheckpoint,
  logKey,
  logTile,
  logProof,
  logReceipt,
  logConsistency,
  logEntries,
  logCosign,
  logWitnessTrust,
  logAudit,
] as unknown as ActionDef[];
