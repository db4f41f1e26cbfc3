/**
 * Verification of a file in the browser (issue 4): hash it with WebCrypto — the file never leaves the computer —,
 * fetch its inclusion proof from the portal by that hash (or use a receipt the user has), recompute the Merkle root
 * (RFC 9162 §2.1.3.2, the same walk as the server's verifier, src/integrity/proof-steps.ts) and check the log's
 * Ed25519 signature on the checkpoint when the browser's WebCrypto supports Ed25519; otherwise say so.
 *
 * @example
 *   const r = await verifyInBrowser(file, { portal: '' });
 *   if (r.status === 'verified') show(r.entry.time);
 */
import canonicalize from 'canonicalize';
import { parseCheckpoint, type Checkpoint } from '../../integrity/checkpoint.js';
import { bytesEqual, concatBytes, fromUtf8, toHex, utf8 } from '../../integrity/encoding.js';
import { parseEntry, type PublicationEntry } from '../../integrity/entry.js';
import { parseNote, parseVerifierKey, SIG_ED25519 } from '../../integrity/note-format.js';
import { walkInclusion } from '../../integrity/proof-steps.js';
import { parseReceipt } from '../../integrity/receipt.js';

export type BrowserStatus = 'verified' | 'not-logged' | 'content-mismatch' | 'not-included' | 'bad-signature' | 'bad-receipt' | 'error';
export type SignatureCheck = 'valid' | 'invalid' | 'unsupported' | 'no-key';

export interface BrowserResult {
  status: BrowserStatus;
  /** hex SHA-256 of the file (raw bytes) */
  sha256: string;
  signature?: SignatureCheck;
  entry?: PublicationEntry;
  index?: number;
  checkpoint?: Checkpoint;
  /** the receipt, to offer as a download */
  receipt?: string;
  detail?: string;
}

export interface BrowserOptions {
  /** base URL of the portal ('' = same origin) */
  portal: string;
  /** the log's verifier key; fetched from `/log/key` when absent */
  vkey?: string;
  /** a receipt the user supplied: verify against it instead of asking the portal */
  receipt?: string;
  fetch?: typeof fetch;
  subtle?: SubtleCrypto;
}

async function sha256(subtle: SubtleCrypto, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle.digest('SHA-256', data as BufferSource));
}

/** RFC 9162 §2.1.3.2 with asynchronous hashing. */
async function rootFromPath(subtle: SubtleCrypto, leaf: Uint8Array, index: number, size: number, path: Uint8Array[]): Promise<Uint8Array | null> {
  const walk = walkInclusion(index, size, path.length);
  if (!walk.ok || path.some((p) => p.length !== 32)) return null;
  let r = leaf;
  for (let i = 0; i < path.length; i++) {
    r = await sha256(subtle, walk.left[i] ? concatBytes(Uint8Array.of(1), path[i]!, r) : concatBytes(Uint8Array.of(1), r, path[i]!));
  }
  return r;
}

/** Ed25519 check of the log's signature line (C2SP signed-note), if the browser can. */
async function checkSignature(subtle: SubtleCrypto, note: string, vkey: string | undefined): Promise<SignatureCheck> {
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

/** SHA-256 of the RFC 8785 form of a JSON file, or null when it is not JSON. */
async function jcsDigest(subtle: SubtleCrypto, bytes: Uint8Array): Promise<string | null> {
  const text = fromUtf8(bytes);
  if (text === null) return null;
  try {
    const c = canonicalize(JSON.parse(text.replace(/^\uFEFF/, '')));
    return c === undefined ? null : toHex(await sha256(subtle, utf8(c)));
  } catch {
    return null;
  }
}

export async function verifyInBrowser(file: Blob | Uint8Array, opts: BrowserOptions): Promise<BrowserResult> {
  const subtle = opts.subtle ?? globalThis.crypto.subtle;
  const get = opts.fetch ?? fetch.bind(globalThis);
  const bytes = file instanceof Uint8Array ? file : new Uint8Array(await file.arrayBuffer());
  const raw = toHex(await sha256(subtle, bytes));
  const jcs = await jcsDigest(subtle, bytes);
  let receipt = opts.receipt;
  if (!receipt) {
    for (const d of new Set([raw, ...(jcs ? [jcs] : [])])) {
      const res = await get(`${opts.portal}/api/v1/log/receipt?sha256=${d}`);
      if (res.ok) {
        receipt = await res.text();
        break;
      }
      if (res.status !== 404) return { status: 'error', sha256: raw, detail: `the portal answered ${res.status}` };
    }
    if (!receipt) return { status: 'not-logged', sha256: raw };
  }
  const r = parseReceipt(receipt);
  if ('error' in r || !r.extra) return { status: 'bad-receipt', sha256: raw, detail: 'error' in r ? r.error : 'no entry in the receipt' };
  const entry = parseEntry(r.extra);
  const parsedNote = parseNote(r.checkpoint);
  if ('error' in entry || 'error' in parsedNote) return { status: 'bad-receipt', sha256: raw, detail: 'error' in entry ? entry.error : 'malformed checkpoint' };
  const checkpoint = parseCheckpoint(parsedNote.text);
  if ('error' in checkpoint) return { status: 'bad-receipt', sha256: raw, detail: checkpoint.error };
  const base = { sha256: raw, entry, index: r.index, checkpoint, receipt };
  const root = await rootFromPath(subtle, await sha256(subtle, concatBytes(Uint8Array.of(0), r.extra)), r.index, checkpoint.size, r.path);
  if (!root || !bytesEqual(root, checkpoint.root)) return { ...base, status: 'not-included' };
  const wanted = entry.hashOf === 'jcs' ? jcs : raw;
  if (wanted !== entry.sha256) return { ...base, status: 'content-mismatch' };
  let vkey = opts.vkey;
  if (!vkey) {
    const res = await get(`${opts.portal}/log/key`);
    vkey = res.ok ? (await res.text()).trim() : undefined;
  }
  const signature = await checkSignature(subtle, r.checkpoint, vkey);
  if (signature === 'invalid') return { ...base, status: 'bad-signature', signature };
  return { ...base, status: 'verified', signature };
}
