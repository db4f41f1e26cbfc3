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
import type { Checkpoint } from '../../integrity/checkpoint.js';
import { fromUtf8, toHex, utf8 } from '../../integrity/encoding.js';
import type { PublicationEntry } from '../../integrity/entry.js';
import { isTpsReceipt, tpsResultOfBytes } from '../../integrity/tps-receipt.js';
import { checkEntryProof, checkSignature, sha256, type SignatureCheck } from './crypto.js';
import { verifyTpsInBrowser } from './verify-tps.js';

export type { SignatureCheck } from './crypto.js';
export type BrowserStatus = 'verified' | 'not-logged' | 'content-mismatch' | 'not-included' | 'bad-signature' | 'bad-receipt' | 'error';

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
  /** a TPS result checked against a TPS receipt: which, and whether through its import's TPS tree */
  tps?: { tps: string; version: number; tree: { index: number; size: number } | null };
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
  // A TPS result JSON (a saved results.tps answer) has a receipt of its own, asked for by election, contest, TPS and version.
  const tps = tpsResultOfBytes(bytes);
  if (!receipt && tps) {
    const { election, contest, tps: code, version } = tps.doc;
    const res = await get(`${opts.portal}/api/v1/elections/${encodeURIComponent(election)}/contests/${encodeURIComponent(contest)}/tps/${encodeURIComponent(code)}/receipt?version=${version}`);
    if (res.ok) receipt = await res.text();
    else if (res.status !== 404) return { status: 'error', sha256: raw, detail: `the portal answered ${res.status}` };
  }
  if (receipt && isTpsReceipt(receipt)) return verifyTpsInBrowser(bytes, receipt, { subtle, sha256: raw, key: () => logKey(opts, get) });
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
  const proof = await checkEntryProof(subtle, receipt);
  if (!proof.ok) return { sha256: raw, receipt, status: proof.status, detail: proof.detail, entry: proof.entry, index: proof.index, checkpoint: proof.checkpoint };
  const { entry } = proof;
  const base = { sha256: raw, entry, index: proof.index, checkpoint: proof.checkpoint, receipt };
  const wanted = entry.hashOf === 'jcs' ? jcs : raw;
  if (wanted !== entry.sha256) return { ...base, status: 'content-mismatch' };
  const signature = await checkSignature(subtle, proof.note, await logKey(opts, get));
  if (signature === 'invalid') return { ...base, status: 'bad-signature', signature };
  return { ...base, status: 'verified', signature };
}

/** The log key given, else the portal's `/log/key`. */
export async function logKey(opts: BrowserOptions, get: typeof fetch): Promise<string | undefined> {
  if (opts.vkey) return opts.vkey;
  const res = await get(`${opts.portal}/log/key`);
  return res.ok ? (await res.text()).trim() : undefined;
}
