/**
 * Offline verification: with nothing but a file (or a TPS result JSON), its receipt and the log's verifier key, decide
 * whether exactly this content was published in the log — and, for monitors, whether a new checkpoint extends an old
 * one. Every failure has a stable code and a precise reason.
 *
 * @example
 *   const r = verifyContent(readFileSync('ppwp.csv'), readFileSync('ppwp.csv.tlog-proof', 'utf8'), { log: vkey });
 *   if (!r.ok) console.error(VERIFY_MESSAGES[r.code].en, r.reason);
 */
import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { parseCheckpoint, type Checkpoint } from './checkpoint.js';
import { fromUtf8, toHex } from './encoding.js';
import { parseEntry, type PublicationEntry } from './entry.js';
import { parseReceipt } from './receipt.js';
import { leafHash, rootFromInclusion, verifyConsistency, verifyInclusion } from './rfc6962.js';
import { diffTpsResults, entryCoversTps, isTpsReceipt, parseTpsReceipt, receiptDocument, tpsResultOfBytes, type TpsResultDoc } from './tps-receipt.js';
import { openNote, verifierFromKey, type NoteVerifier, type VerifiedSignature } from './signed-note.js';

export type VerifyCode =
  | 'ok'
  | 'bad-key'
  | 'bad-receipt'
  | 'bad-signature'
  | 'bad-checkpoint'
  | 'origin-mismatch'
  | 'bad-entry'
  | 'not-included'
  | 'content-mismatch'
  | 'too-few-witnesses'
  | 'rollback'
  | 'inconsistent'
  | 'not-logged';

/** What each code means, for people (Indonesian first, as shown on the portal and by the CLI). */
export const VERIFY_MESSAGES: Record<VerifyCode, { id: string; en: string }> = {
  ok: { id: 'Terverifikasi: isi ini persis yang diterbitkan.', en: 'Verified: this content is exactly what was published.' },
  'bad-key': { id: 'Kunci verifikasi tidak valid.', en: 'The verifier key is not valid.' },
  'bad-receipt': { id: 'Tanda terima rusak atau bukan tanda terima.', en: 'The receipt is damaged or not a receipt.' },
  'bad-signature': { id: 'Checkpoint tidak ditandatangani oleh kunci log.', en: 'The checkpoint is not signed by the log key.' },
  'bad-checkpoint': { id: 'Checkpoint rusak.', en: 'The checkpoint is malformed.' },
  'origin-mismatch': { id: 'Checkpoint berasal dari log lain.', en: 'The checkpoint belongs to another log.' },
  'bad-entry': { id: 'Entri log dalam tanda terima rusak.', en: 'The log entry in the receipt is malformed.' },
  'not-included': { id: 'Entri tidak terbukti ada di log.', en: 'The entry is not proven to be in the log.' },
  'content-mismatch': { id: 'Isi berkas berbeda dari yang diterbitkan.', en: 'The file differs from what was published.' },
  'too-few-witnesses': { id: 'Saksi yang menandatangani kurang.', en: 'Too few witnesses co-signed the checkpoint.' },
  rollback: { id: 'Log menyusut: checkpoint baru lebih kecil.', en: 'The log shrank: the new checkpoint is smaller.' },
  inconsistent: { id: 'Log ditulis ulang: checkpoint tidak konsisten.', en: 'The log was rewritten: checkpoints are inconsistent.' },
  'not-logged': { id: 'Berkas ini tidak tercatat di log publikasi.', en: 'This file is not recorded in the publication log.' },
};

export type VerifyReport =
  | {
      ok: true;
      code: 'ok';
      entry: PublicationEntry;
      index: number;
      checkpoint: Checkpoint;
      signatures: VerifiedSignature[];
      /** for a TPS receipt: the result verified, and its place in the import's TPS tree (null for a correction) */
      tps?: { result: TpsResultDoc; tree: { index: number; size: number } | null };
    }
  | { ok: false; code: Exclude<VerifyCode, 'ok'>; reason: string; differences?: string[] };

export interface TrustedKeys {
  /** the log's verifier key (`name+id+base64`) */
  log: string;
  /** witness verifier keys (type 0x04 cosigners or 0x01) whose signatures count */
  witnesses?: string[];
  /** how many distinct witnesses must have co-signed (default 0) */
  minWitnesses?: number;
}

const fail = (code: Exclude<VerifyCode, 'ok'>, reason: string): VerifyReport => ({ ok: false, code, reason });

/** SHA-256 of content as an entry with this `hashOf` defines it: the raw bytes, or the RFC 8785 form of its JSON. */
export function contentDigest(content: Uint8Array, hashOf: 'bytes' | 'jcs'): string | null {
  if (hashOf === 'bytes') return hash('sha256', content, 'hex');
  const text = fromUtf8(content);
  if (text === null) return null;
  try {
    const canon = canonicalize(JSON.parse(text.replace(/^\uFEFF/, '')));
    return canon === undefined ? null : hash('sha256', canon, 'hex');
  } catch {
    return null;
  }
}

function verifiers(keys: TrustedKeys): { log: NoteVerifier; witnesses: NoteVerifier[] } | { error: string } {
  try {
    return { log: verifierFromKey(keys.log), witnesses: (keys.witnesses ?? []).map((k) => verifierFromKey(k)) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Opens a checkpoint note: it must carry a valid signature of the log key and name the log as its origin. */
export function openCheckpoint(
  note: string,
  keys: TrustedKeys,
): { ok: true; checkpoint: Checkpoint; signatures: VerifiedSignature[] } | { ok: false; code: Exclude<VerifyCode, 'ok'>; reason: string } {
  const v = verifiers(keys);
  if ('error' in v) return { ok: false, code: 'bad-key', reason: v.error };
  const opened = openNote(note, [v.log, ...v.witnesses]);
  if (!opened.ok) return { ok: false, code: 'bad-signature', reason: opened.reason };
  if (!opened.verifiedBy.some((s) => s.name === v.log.name && s.keyId === v.log.keyId)) {
    return { ok: false, code: 'bad-signature', reason: 'only witnesses signed this checkpoint, not the log' };
  }
  const cp = parseCheckpoint(opened.text);
  if ('error' in cp) return { ok: false, code: 'bad-checkpoint', reason: cp.error };
  // tlog-checkpoint "Signatures": the log's key name should match the origin line; we make it a rule for our logs.
  if (cp.origin !== v.log.name) {
    return { ok: false, code: 'origin-mismatch', reason: `checkpoint origin ${cp.origin} is not the key's log ${v.log.name}` };
  }
  const isLog = (s: VerifiedSignature) => s.name === v.log.name && s.keyId === v.log.keyId;
  const witnesses = new Set(opened.verifiedBy.filter((s) => !isLog(s)).map((s) => `${s.name}/${s.keyId}`));
  const need = keys.minWitnesses ?? 0;
  if (witnesses.size < need) {
    return { ok: false, code: 'too-few-witnesses', reason: `${witnesses.size} of the ${need} required witnesses co-signed` };
  }
  return { ok: true, checkpoint: cp, signatures: opened.verifiedBy };
}

type EntryProof = Extract<VerifyReport, { ok: true }>;

/** Checks a C2SP tlog-proof: the checkpoint signed by the log, and the entry it carries included in that tree. */
function verifyEntryProof(receiptText: string, keys: TrustedKeys): EntryProof | Extract<VerifyReport, { ok: false }> {
  const receipt = parseReceipt(receiptText);
  if ('error' in receipt) return { ok: false, code: 'bad-receipt', reason: receipt.error };
  const opened = openCheckpoint(receipt.checkpoint, keys);
  if (!opened.ok) return { ok: false, code: opened.code, reason: opened.reason };
  const { checkpoint } = opened;
  if (!receipt.extra) return { ok: false, code: 'bad-entry', reason: 'the receipt carries no entry (no extra line)' };
  const entry = parseEntry(receipt.extra);
  if ('error' in entry) return { ok: false, code: 'bad-entry', reason: entry.error };
  const included = verifyInclusion(leafHash(receipt.extra), receipt.index, checkpoint.size, receipt.path, checkpoint.root);
  if (!included.ok) return { ok: false, code: 'not-included', reason: `entry ${receipt.index} in tree of size ${checkpoint.size}: ${included.reason}` };
  return { ok: true, code: 'ok', entry, index: receipt.index, checkpoint, signatures: opened.signatures };
}

/**
 * Verifies that `content` is what the entry in `receiptText` published, and that the signed log includes it. A TPS
 * receipt (tps-receipt.ts) is verified as one: `content` is then a TPS result JSON (a saved results.tps answer).
 */
export function verifyContent(content: Uint8Array, receiptText: string, keys: TrustedKeys): VerifyReport {
  if (isTpsReceipt(receiptText)) return verifyTpsResult(content, receiptText, keys);
  const proof = verifyEntryProof(receiptText, keys);
  if (!proof.ok) return proof;
  const { entry } = proof;
  const digest = contentDigest(content, entry.hashOf);
  if (digest === null) return fail('content-mismatch', 'the entry covers a JSON document but the file is not JSON');
  if (digest !== entry.sha256) {
    return fail('content-mismatch', `SHA-256 of the ${entry.hashOf === 'jcs' ? 'canonical JSON' : 'file'} is ${digest}, the log entry says ${entry.sha256}`);
  }
  return proof;
}

/**
 * Verifies a TPS result against a TPS receipt: the log entry is in the signed log; the receipt's document reaches the
 * root the entry committed to through its desa chunk's tree path (or, for a correction, has the entry's SHA-256); and the TPS
 * result in `content` is that document — else the report names each figure that differs.
 */
export function verifyTpsResult(content: Uint8Array, receiptText: string, keys: TrustedKeys): VerifyReport {
  const receipt = parseTpsReceipt(receiptText);
  if ('error' in receipt) return fail('bad-receipt', receipt.error);
  const published = receiptDocument(receipt);
  if ('error' in published) return fail('bad-receipt', published.error);
  const proof = verifyEntryProof(receipt.proof, keys);
  if (!proof.ok) return proof;
  let computed: string;
  if (receipt.tree) {
    const r = rootFromInclusion(leafHash(receipt.tree.chunk ?? receipt.result), receipt.tree.index, receipt.tree.size, receipt.tree.path);
    if (!r.ok) return fail('not-included', `TPS ${published.doc.tps} in the import's TPS tree: ${r.reason}`);
    computed = toHex(r.root);
  } else {
    computed = hash('sha256', receipt.result, 'hex');
  }
  const covers = entryCoversTps(proof.entry, published.doc, receipt, computed);
  if (covers) return fail('not-included', `TPS ${published.doc.tps} is not what log entry ${proof.index} published: ${covers}`);
  const given = tpsResultOfBytes(content);
  if (!given) return fail('content-mismatch', 'the file is not a TPS result (JSON with election, contest, tps, version and figures)');
  if (toHex(given.canonical) !== toHex(receipt.result)) {
    const differences = diffTpsResults(published.doc, given.doc);
    return { ok: false, code: 'content-mismatch', reason: `the TPS result differs from what was published: ${differences.join('; ')}`, differences };
  }
  return { ...proof, tps: { result: published.doc, tree: receipt.tree ? { index: receipt.tree.index, size: receipt.tree.size } : null } };
}

export type ConsistencyReport =
  | { ok: true; old: Checkpoint; new: Checkpoint }
  | { ok: false; code: Exclude<VerifyCode, 'ok'>; reason: string };

/**
 * Checks that the checkpoint `newNote` extends `oldNote` (both signed by the log) using a consistency path
 * (RFC 9162 §2.1.4.2). A smaller new tree is a rollback; a failing proof means the log was rewritten or forked.
 */
export function verifyCheckpointConsistency(
  oldNote: string,
  newNote: string,
  path: readonly Uint8Array[],
  keys: TrustedKeys,
): ConsistencyReport {
  const a = openCheckpoint(oldNote, keys);
  if (!a.ok) return { ok: false, code: a.code, reason: `old checkpoint: ${a.reason}` };
  const b = openCheckpoint(newNote, keys);
  if (!b.ok) return { ok: false, code: b.code, reason: `new checkpoint: ${b.reason}` };
  const [o, n] = [a.checkpoint, b.checkpoint];
  if (n.size < o.size) return { ok: false, code: 'rollback', reason: `tree size went from ${o.size} down to ${n.size}` };
  // Every tree is consistent with the empty tree; RFC 9162 defines no proof for it.
  if (o.size === 0) return { ok: true, old: o, new: n };
  const r = verifyConsistency(o.size, n.size, path, o.root, n.root);
  if (!r.ok) {
    return { ok: false, code: 'inconsistent', reason: `${o.size} (${toHex(o.root)}) → ${n.size} (${toHex(n.root)}): ${r.reason}` };
  }
  return { ok: true, old: o, new: n };
}
