/**
 * Receipts in C2SP tlog-proof v1 form (`.tlog-proof` files): a self-contained, offline-verifiable proof that an entry
 * is in the log.
 *
 *   c2sp.org/tlog-proof@v1
 *   extra <base64 of the entry's canonical JSON>
 *   index <entry index>
 *   <base64 inclusion-path hash, leaf's sibling first>…
 *   <empty line>
 *   <the signed checkpoint note, verbatim>
 *
 * The `extra` line carries the entry itself: it is unauthenticated on its own (tlog-proof "Format"), but its leaf hash
 * must reproduce the signed root through the inclusion path, which authenticates it. No Node built-ins.
 */
import { fromBase64, toBase64 } from './encoding.js';

export const RECEIPT_HEADER = 'c2sp.org/tlog-proof@v1';
export const RECEIPT_EXTENSION = '.tlog-proof';

export interface Receipt {
  /** the entry bytes (canonical JSON) or null when the receipt has no extra line */
  extra: Uint8Array | null;
  index: number;
  path: Uint8Array[];
  /** the checkpoint as a signed note, ending with a newline */
  checkpoint: string;
}

export function formatReceipt(r: Receipt): string {
  const lines = [RECEIPT_HEADER];
  if (r.extra) lines.push(`extra ${toBase64(r.extra)}`);
  lines.push(`index ${r.index}`, ...r.path.map(toBase64), '');
  return `${lines.join('\n')}\n${r.checkpoint}`;
}

export function parseReceipt(text: string): Receipt | { error: string } {
  // A receipt saved by a Windows editor may have gained a BOM and CRLFs; the signed text has neither.
  const text2 = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const sep = text2.indexOf('\n\n');
  if (sep < 0) return { error: 'receipt has no empty line before the checkpoint' };
  const lines = text2.slice(0, sep).split('\n');
  const checkpoint = text2.slice(sep + 2);
  if (lines.shift() !== RECEIPT_HEADER) return { error: `receipt does not start with ${RECEIPT_HEADER}` };
  let extra: Uint8Array | null = null;
  if (lines[0]?.startsWith('extra ')) {
    extra = fromBase64(lines.shift()!.slice('extra '.length));
    if (!extra) return { error: 'receipt extra line is not valid base64' };
  }
  const m = /^index (0|[1-9][0-9]*)$/.exec(lines.shift() ?? '');
  if (!m || !Number.isSafeInteger(Number(m[1]))) return { error: 'receipt has no valid index line' };
  const path: Uint8Array[] = [];
  for (const line of lines) {
    const h = fromBase64(line);
    if (!h || h.length !== 32) return { error: 'receipt inclusion path line is not base64 of a 32-byte hash' };
    path.push(h);
  }
  if (!checkpoint.endsWith('\n')) return { error: 'receipt checkpoint does not end with a newline' };
  return { extra, index: Number(m[1]), path, checkpoint };
}
