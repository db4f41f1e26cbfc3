/**
 * A TPS result checked in the browser against a TPS receipt (src/integrity/tps-receipt.ts): the log entry is in the
 * signed log, the receipt's TPS result document is in its desa chunk, which reaches the root that entry committed to
 * (through the import's TPS tree) or has its SHA-256 (a correction), and the JSON the user has is that document — else which figures differ.
 */
import { toHex } from '../../integrity/encoding.js';
import { diffTpsResults, entryCoversTps, parseTpsReceipt, receiptDocument, tpsResultOfBytes } from '../../integrity/tps-receipt.js';
import { checkEntryProof, checkSignature, leafHashOf, rootFromPath, sha256 } from './crypto.js';
import type { BrowserResult } from './verify.js';

export async function verifyTpsInBrowser(
  bytes: Uint8Array,
  receiptText: string,
  opts: { subtle: SubtleCrypto; sha256: string; key: () => Promise<string | undefined> },
): Promise<BrowserResult> {
  const { subtle } = opts;
  const receipt = parseTpsReceipt(receiptText);
  if ('error' in receipt) return { status: 'bad-receipt', sha256: opts.sha256, detail: receipt.error };
  const published = receiptDocument(receipt);
  if ('error' in published) return { status: 'bad-receipt', sha256: opts.sha256, detail: published.error };
  const proof = await checkEntryProof(subtle, receipt.proof);
  if (!proof.ok) return { sha256: opts.sha256, receipt: receiptText, status: proof.status, detail: proof.detail, entry: proof.entry, index: proof.index, checkpoint: proof.checkpoint };
  const { doc } = published;
  const tree = receipt.tree ? { index: receipt.tree.index, size: receipt.tree.size } : null;
  const base = { sha256: opts.sha256, entry: proof.entry, index: proof.index, checkpoint: proof.checkpoint, receipt: receiptText, tps: { tps: doc.tps, version: doc.version, tree } };
  let computed: string;
  if (receipt.tree) {
    const root = await rootFromPath(subtle, await leafHashOf(subtle, receipt.tree.chunk ?? receipt.result), receipt.tree.index, receipt.tree.size, receipt.tree.path);
    if (!root) return { ...base, status: 'not-included', detail: 'the TPS path in the import’s tree is malformed' };
    computed = toHex(root);
  } else {
    computed = toHex(await sha256(subtle, receipt.result));
  }
  const covers = entryCoversTps(proof.entry, doc, receipt, computed);
  if (covers) return { ...base, status: 'not-included', detail: covers };
  const given = tpsResultOfBytes(bytes);
  if (!given) return { ...base, status: 'content-mismatch', detail: 'not a TPS result (JSON with election, contest, tps, version and figures)' };
  if (toHex(given.canonical) !== toHex(receipt.result)) return { ...base, status: 'content-mismatch', detail: diffTpsResults(doc, given.doc).join('; ') };
  const signature = await checkSignature(subtle, proof.note, await opts.key());
  if (signature === 'invalid') return { ...base, status: 'bad-signature', signature };
  return { ...base, status: 'verified', signature };
}
