/**
 * TPS receipts (issue 4 §5–6; docs/integrity.md "TPS receipts"): a file that proves, offline, that one TPS result is
 * exactly what the portal published. Two levels, because a national import logs one entry for 823,220 TPS:
 *
 *   kotak/tps-receipt@v2
 *   result <base64 of the TPS result document, RFC 8785 canonical JSON (src/results/tps-doc.ts)>
 *   chunk <base64 of the desa chunk holding it (tps-chunk.ts)>   ← only when the entry is a results-import
 *   tree <index> <size>                                           ← the chunk's place in the import's TPS tree
 *   <base64 hash>…                                                ← the chunk's inclusion path
 *   <empty line>
 *   <a C2SP tlog-proof of the log entry, verbatim: header, extra (the entry), index, path, empty line, checkpoint>
 *
 * A `results-import` entry names the root and size of its TPS tree in `meta.tps_root` (hex) and `meta.tps_size`, and
 * in `meta.tps_leaf` that its leaves are desa chunks: SHA-256(0x00 ‖ chunk) and the path must give that root
 * (RFC 9162 §2.1.3.2), and the chunk must hold the document. A `results-correction` entry (one per corrected TPS) has
 * the SHA-256 of the document itself, and no `chunk` or `tree` line.
 *
 * Version 1 receipts (`kotak/tps-receipt@v1`, before desa chunks: the leaf was SHA-256(0x00 ‖ document), no `chunk`
 * line) still verify against entries without `meta.tps_leaf`.
 *
 * No Node built-ins: the browser verifier parses and checks receipts with these functions and WebCrypto.
 */
import canonicalize from 'canonicalize';
import { fromBase64, fromUtf8, toBase64, utf8 } from './encoding.js';
import type { PublicationEntry } from './entry.js';
import { chunkDocument, parseTpsChunk, TPS_LEAF_DESA } from './tps-chunk.js';
import { RECEIPT_HEADER } from './receipt.js';

export const TPS_RECEIPT_HEADER = 'kotak/tps-receipt@v2';
/** Receipts of imports logged before desa chunks (leaf = the document). */
export const TPS_RECEIPT_HEADER_V1 = 'kotak/tps-receipt@v1';
export const TPS_RECEIPT_EXTENSION = '.tps-receipt';

export interface TpsReceipt {
  /** the TPS result document, canonical JSON bytes */
  result: Uint8Array;
  /**
   * the place in the import's TPS tree of its desa chunk (`chunk`; absent in a v1 receipt, whose leaf was the document),
   * or null when the log entry covers the document itself (a correction)
   */
  tree: { index: number; size: number; path: Uint8Array[]; chunk?: Uint8Array } | null;
  /** the C2SP tlog-proof of the log entry */
  proof: string;
}

/** The members of a TPS result document (what results.tps answers, less its checks and history). */
export interface TpsResultDoc {
  election: string;
  contest: string;
  tps: string;
  version: number;
  figures: Record<string, unknown>;
}

export function isTpsReceipt(text: string): boolean {
  const t = text.replace(/^\uFEFF/, '');
  return t.startsWith(`${TPS_RECEIPT_HEADER}\n`) || t.startsWith(`${TPS_RECEIPT_HEADER_V1}\n`);
}

export function formatTpsReceipt(r: TpsReceipt): string {
  const lines = [r.tree && !r.tree.chunk ? TPS_RECEIPT_HEADER_V1 : TPS_RECEIPT_HEADER, `result ${toBase64(r.result)}`];
  if (r.tree?.chunk) lines.push(`chunk ${toBase64(r.tree.chunk)}`);
  if (r.tree) lines.push(`tree ${r.tree.index} ${r.tree.size}`, ...r.tree.path.map(toBase64));
  return `${lines.join('\n')}\n\n${r.proof}`;
}

export function parseTpsReceipt(text: string): TpsReceipt | { error: string } {
  const t = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const sep = t.indexOf('\n\n');
  if (sep < 0) return { error: 'TPS receipt has no empty line before the log proof' };
  const lines = t.slice(0, sep).split('\n');
  const proof = t.slice(sep + 2);
  const version = lines.shift();
  if (version !== TPS_RECEIPT_HEADER && version !== TPS_RECEIPT_HEADER_V1) return { error: `TPS receipt does not start with ${TPS_RECEIPT_HEADER}` };
  const r = /^result (\S+)$/.exec(lines.shift() ?? '');
  const result = r ? fromBase64(r[1]!) : null;
  if (!result) return { error: 'TPS receipt has no valid result line' };
  let chunk: Uint8Array | undefined;
  if (version === TPS_RECEIPT_HEADER && lines.length) {
    const c = /^chunk (\S+)$/.exec(lines.shift()!);
    const bytes = c ? fromBase64(c[1]!) : null;
    if (!bytes) return { error: 'TPS receipt has no valid chunk line before its tree line' };
    chunk = bytes;
  }
  let tree: TpsReceipt['tree'] = null;
  if (lines.length || chunk) {
    const m = /^tree (0|[1-9][0-9]*) ([1-9][0-9]*)$/.exec(lines.shift() ?? '');
    if (!m || !Number.isSafeInteger(Number(m[2]))) return { error: 'TPS receipt has no valid tree line' };
    const path: Uint8Array[] = [];
    for (const line of lines) {
      const h = fromBase64(line);
      if (!h || h.length !== 32) return { error: 'TPS receipt tree path line is not base64 of a 32-byte hash' };
      path.push(h);
    }
    tree = { index: Number(m[1]), size: Number(m[2]), path, ...(chunk ? { chunk } : {}) };
  }
  if (!proof.startsWith(`${RECEIPT_HEADER}\n`)) return { error: `the log proof of a TPS receipt must start with ${RECEIPT_HEADER}` };
  return { result, tree, proof };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The TPS result document inside a JSON value: a results.tps answer, bare or in the REST envelope `{ "data": … }`,
 * or the document itself. Null when the value is none of these.
 */
export function extractTpsResult(value: unknown): TpsResultDoc | null {
  const v = isRecord(value) && isRecord(value.data) && !('tps' in value) ? value.data : value;
  if (!isRecord(v)) return null;
  const { election, contest, tps, version, figures } = v;
  if (typeof election !== 'string' || typeof contest !== 'string' || typeof tps !== 'string' || typeof version !== 'number' || !isRecord(figures)) return null;
  return { election, contest, tps, version, figures };
}

/** The TPS result document of JSON bytes (a saved API answer or document), canonical; null when there is none. */
export function tpsResultOfBytes(bytes: Uint8Array): { doc: TpsResultDoc; canonical: Uint8Array } | null {
  const text = fromUtf8(bytes);
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return null;
  }
  const doc = extractTpsResult(value);
  if (!doc) return null;
  const c = canonicalize(doc);
  return c === undefined ? null : { doc, canonical: utf8(c) };
}

/** Where two documents differ, member by member (`figures.votes.02: 118 → 120`), for people. */
export function diffTpsResults(published: unknown, given: unknown, at = ''): string[] {
  if (isRecord(published) && isRecord(given)) {
    const keys = [...new Set([...Object.keys(published), ...Object.keys(given)])].sort();
    return keys.flatMap((k) => diffTpsResults(published[k], given[k], at ? `${at}.${k}` : k));
  }
  const a = JSON.stringify(published ?? null);
  const b = JSON.stringify(given ?? null);
  return a === b ? [] : [`${at}: ${a} published, ${b} here`];
}

/**
 * Does the log entry cover this TPS result the way the receipt says? For a tree receipt `computed` is the root the
 * path gives (hex); for a correction, the SHA-256 of the document (hex). Returns the reason when it does not.
 */
export function entryCoversTps(entry: PublicationEntry, doc: TpsResultDoc, receipt: TpsReceipt, computed: string): string | null {
  if (receipt.tree) {
    if (entry.kind !== 'results-import') return `a tree receipt needs a results-import entry, the log entry is ${entry.kind}`;
    const m = entry.meta ?? {};
    if (m.election !== doc.election || m.contest !== doc.contest) return `the entry is about ${String(m.election)}/${String(m.contest)}, the result about ${doc.election}/${doc.contest}`;
    const leaf = receipt.tree.chunk ? TPS_LEAF_DESA : undefined;
    if (m.tps_leaf !== leaf) return `the entry's TPS tree has leaves ${String(m.tps_leaf ?? 'per TPS (v1)')}, the receipt ${leaf ?? 'per TPS (v1)'}`;
    if (m.tps_size !== receipt.tree.size) return `the entry's TPS tree has ${String(m.tps_size)} results, the receipt says ${receipt.tree.size}`;
    if (m.tps_root !== computed) return `the result's path gives the root ${computed}, the entry committed to ${String(m.tps_root)}`;
    return null;
  }
  if (entry.kind !== 'results-correction') return `a receipt without a tree needs a results-correction entry, the log entry is ${entry.kind}`;
  if (entry.subjects[0] !== `tps:${doc.tps}`) return `the entry is about ${entry.subjects[0]}, the result about tps:${doc.tps}`;
  if (entry.meta?.version !== doc.version) return `the entry is about version ${String(entry.meta?.version)}, the result is version ${doc.version}`;
  if (entry.hashOf !== 'jcs' || entry.sha256 !== computed) return `the result hashes to ${computed}, the entry says ${entry.sha256}`;
  return null;
}

/**
 * Checks the receipt's own document: canonical JSON of a TPS result, and (v2) what its desa chunk holds for the TPS.
 * Returns it, or the reason it is not one.
 */
export function receiptDocument(receipt: TpsReceipt): { doc: TpsResultDoc } | { error: string } {
  const parsed = tpsResultOfBytes(receipt.result);
  if (!parsed) return { error: 'the receipt result is not a TPS result document' };
  const text = fromUtf8(receipt.result)!;
  if (fromUtf8(parsed.canonical) !== text) return { error: 'the receipt result is not in RFC 8785 canonical form, or has members beyond a TPS result' };
  if (receipt.tree?.chunk) {
    const held = chunkHolds(receipt.tree.chunk, parsed.doc, receipt.result);
    if (held) return { error: held };
  }
  return { doc: parsed.doc };
}

/**
 * Does the chunk hold exactly this document (canonical bytes `result`) for its TPS? Returns the reason when not: the
 * chunk is about another election, contest or desa, does not name the TPS once, or gives other figures.
 */
export function chunkHolds(chunkBytes: Uint8Array, doc: TpsResultDoc, result: Uint8Array): string | null {
  const chunk = parseTpsChunk(chunkBytes);
  if ('error' in chunk) return chunk.error;
  if (chunk.election !== doc.election || chunk.contest !== doc.contest) return `the desa chunk is about ${chunk.election}/${chunk.contest}, the result about ${doc.election}/${doc.contest}`;
  if (!doc.tps.startsWith(chunk.desa)) return `the desa chunk is about desa ${chunk.desa}, not the desa of TPS ${doc.tps}`;
  const rows = chunk.rows.filter((r) => r.fields[0] === doc.tps);
  if (rows.length !== 1) return `the desa chunk names TPS ${doc.tps} ${rows.length} times`;
  if (canonicalize(chunkDocument(chunk, rows[0]!)) !== fromUtf8(result)) return `the desa chunk gives other figures for TPS ${doc.tps} than the receipt's result`;
  return null;
}
