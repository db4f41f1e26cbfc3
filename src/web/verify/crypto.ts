/**
 * WebCrypto pieces of the browser verifier: SHA-256, the RFC 9162 §2.1.3.2 inclusion walk with asynchronous hashing
 * (the same walk as the server's verifier, src/integrity/proof-steps.ts), the log's Ed25519 signature when the
 * browser supports it, and the check of a C2SP tlog-proof's entry against its checkpoint.
 */
import { parseCheckpoint, type Checkpoint } from '../../integrity/checkpoint.js';
import { bytesEqual, concatBytes, utf8 } from '../../integrity/encoding.js';
import { parseEntry, type PublicationEntry } from '../../integrity/entry.js';
import { parseNote, parseVerifierKey, SIG_ED25519 } from '../../integrity/note-format.js';
import { walkInclusion } from '../../integrity/proof-steps.js';
import { parseReceipt } from '../../integrity/receipt.js';

export type SignatureCheck = 'valid' | 'invalid' | 'unsupported' | 'no-key';

export async function sha256(subtle: SubtleCrypto, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle.digest('SHA-256', data as BufferSource));
}

/** RFC 9162 §2.1.3.2 with asynchronous hashing. */
export async function rootFromPath(subtle: SubtleCrypto, leaf: Uint8Array, index: number, size: number, path: Uint8Array[]): Promise<Uint8Array | null> {
  const walk = walkInclusion(index, size, path.length);
  if (!walk.ok || path.some((p) => p.length !== 32)) return null;
  let r = leaf;
  for (let i = 0; i < path.length; i++) {
    r = await sha256(subtle, walk.left[i] ? concatBytes(Uint8Array.of(1), path[i]!, r) : concatBytes(Uint8Array.of(1), r, path[i]!));
  }
  return r;
}

/** Leaf hash SHA-256(0x00 ‖ data) (RFC 9162 §2.1.1). */
export function leafHashOf(subtle: SubtleCrypto, data: Uint8Array): Promise<Uint8Array> {
  return sha256(subtle, concatBytes(Uint8Array.of(0), data));
}

/** Ed25519 check of the log's signature line (C2SP signed-note), if the browser can. */
export async function checkSignature(subtle: SubtleCrypto, note: string, vkey: string | undefined): Promise<SignatureCheck> {
  if (!vkey) return 'no-key';
  const key = parseVerifierKey(vkey);
  const parsed = parseNote(note);
  if ('error' in key || 'error' in parsed || key.type !== SIG_ED25519) return 'invalid';
  const id = await sha256(subtle, concatBytes(utf8(key.name), Uint8Array.of(0x0a, key.type), key.publicKey));
  if (new DataView(id.buffer).getUint32(0) !== key.keyId) return 'invalid';
  const sig = parsed.signatures.find((s) => s.name === key.name && s.keyId === key.keyId);
  if (!sig) return 'invalid';
  let cryptoKey: CryptoKey;
  try {
    cryptoKey = await subtle.importKey('raw', key.publicKey as BufferSource, { name: 'Ed25519' }, false, ['verify']);
  } catch {
    return 'unsupported';
  }
  try {
    return (await subtle.verify({ name: 'Ed25519' }, cryptoKey, sig.signature as BufferSource, utf8(parsed.text) as BufferSource)) ? 'valid' : 'invalid';
  } catch {
    return 'unsupported';
  }
}

export type EntryProof =
  | { ok: true; entry: PublicationEntry; index: number; checkpoint: Checkpoint; note: string }
  | { ok: false; status: 'bad-receipt' | 'not-included'; detail?: string; entry?: PublicationEntry; index?: number; checkpoint?: Checkpoint };

/** A C2SP tlog-proof: its entry, and whether the entry's leaf reaches the checkpoint's root (signature not checked). */
export async function checkEntryProof(subtle: SubtleCrypto, text: string): Promise<EntryProof> {
  const r = parseReceipt(text);
  if ('error' in r || !r.extra) return { ok: false, status: 'bad-receipt', detail: 'error' in r ? r.error : 'no entry in the receipt' };
  const entry = parseEntry(r.extra);
  const parsedNote = parseNote(r.checkpoint);
  if ('error' in entry || 'error' in parsedNote) return { ok: false, status: 'bad-receipt', detail: 'error' in entry ? entry.error : 'malformed checkpoint' };
  const checkpoint = parseCheckpoint(parsedNote.text);
  if ('error' in checkpoint) return { ok: false, status: 'bad-receipt', detail: checkpoint.error };
  const root = await rootFromPath(subtle, await leafHashOf(subtle, r.extra), r.index, checkpoint.size, r.path);
  if (!root || !bytesEqual(root, checkpoint.root)) return { ok: false, status: 'not-included', entry, index: r.index, checkpoint };
  return { ok: true, entry, index: r.index, checkpoint, note: r.checkpoint };
}
