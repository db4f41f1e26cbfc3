/**
 * `results.receipt`: a receipt for one TPS result (issue 4 §5), a file to keep that proves offline — with the portal's
 * log key and nothing else — that this TPS result is exactly what was published (src/integrity/tps-receipt.ts,
 * docs/integrity.md "TPS receipts"). It points to the latest log entry that covers the result: the correction entry of
 * a corrected TPS, else the entry of the import that set it, through the desa chunk holding it in that import's TPS
 * tree.
 *
 * The server proves only what it still holds: the result is rebuilt from the stored figures, and when those no longer
 * hash to what the log committed to, the answer is a conflict telling to run `kotak audit` — never a receipt that
 * would fail.
 */
import { hash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { KotakError } from '../errors.js';
import { bytesEqual, toHex } from '../integrity/encoding.js';
import { logReader } from '../integrity/reader.js';
import { leafHash, rootFromInclusion } from '../integrity/rfc6962.js';
import { TPS_LEAF_DESA } from '../integrity/tps-chunk.js';
import { formatTpsReceipt, TPS_RECEIPT_EXTENSION, type TpsReceipt } from '../integrity/tps-receipt.js';
import { tpsCode } from '../results/import/columns.js';
import { desaLines, desaMeta } from '../results/merge.js';
import { TpsDocWriter, tpsDocPlan } from '../results/tps-doc.js';
import { ImportLeaves } from '../results/tps-leaves.js';
import { desaRowOfTps, historyOfImportInDesa, historyOfTps, type DesaRow } from '../store/results/forms.js';
import { importsById, importsBySeq, type ImportRecord } from '../store/results/imports.js';
import { storedImportTree } from '../store/results/tps-trees.js';
import { anyone } from './policies.js';
import type { Download } from './results-export.js';
import { contestOf, requireElection, treeOf } from './results-context.js';
import { defineAction, type ActionContext } from './types.js';

export interface TpsReceiptFile extends Download {
  text: string;
  /** the log entry the receipt proves */
  entry: number;
  kind: 'results-import' | 'results-correction';
}

/** Where a TPS's receipt is served (REST), for the results.tps answer and the TPS page. */
export function receiptUrl(baseUrl: string, election: string, contest: string, tps: string, version?: number): string {
  const path = `/api/v1/elections/${encodeURIComponent(election)}/contests/${encodeURIComponent(contest)}/tps/${tps}/receipt`;
  return `${baseUrl.replace(/\/+$/, '')}${path}${version === undefined ? '' : `?version=${version}`}`;
}

/** The stored line of a TPS at a version (the current one by default) and the import that set it. */
async function storedResult(
  ctx: ActionContext,
  e: string,
  c: string,
  tps: string,
  version: number | undefined,
): Promise<{ line: string; version: number; rec: ImportRecord; row: DesaRow }> {
  const { database } = ctx.services;
  const db = database.db;
  const place = (await treeOf(database, e)).placeTps(tps);
  const row = await desaRowOfTps(db, e, c, tps, place);
  const lines = row ? desaLines(row) : [];
  const k = lines.findIndex((l) => l.startsWith(tps + ','));
  if (!row || k < 0) throw KotakError.notFound(`TPS ${tps} in contest ${c}`);
  const meta = desaMeta(row)[k]!;
  if (version === undefined || version === meta.version) {
    const rec = (await importsBySeq(db, e, c, [meta.importSeq])).get(meta.importSeq);
    if (!rec) throw KotakError.notFound(`Import #${meta.importSeq} of contest ${c}`);
    return { line: lines[k]!, version: meta.version, rec, row };
  }
  const old = (await historyOfTps(db, e, c, tps)).find((h) => h.version === version);
  if (!old) throw KotakError.notFound(`Version ${version} of TPS ${tps}`);
  const rec = (await importsById(db, [old.importId])).get(old.importId);
  if (!rec) throw KotakError.notFound(`Import ${old.importId}`);
  return { line: old.line, version, rec, row };
}

/** The correction entry that published version `version` of `tps` in import `rec`. */
async function correctionEntry(ctx: ActionContext, tps: string, version: number, rec: ImportRecord): Promise<{ index: number; sha256: string }> {
  const { entries } = await logReader(ctx.services.database).entries({ subject: `tps:${tps}`, kind: 'results-correction', limit: 1000, offset: 0 });
  const e = entries.find((x) => x.entry.subjects.includes(`results-import:${rec.id}`) && x.entry.meta?.version === version);
  if (!e) throw KotakError.notFound(`Log entry of the correction of TPS ${tps} to version ${version}`);
  return { index: e.index, sha256: e.entry.sha256 };
}

/**
 * The desa chunk of `tps`'s desa in import `rec`'s tree: the lines it set there, now stored (`row`, the TPS's desa row)
 * or since superseded.
 */
async function importChunk(ctx: ActionContext, writer: TpsDocWriter, rec: ImportRecord, tps: string, row: DesaRow): Promise<Buffer> {
  const db = ctx.services.database.db;
  const desa = tps.slice(0, 10);
  const leaves = new ImportLeaves(writer, new Set([rec.seq]));
  leaves.addRow(row);
  for (const h of await historyOfImportInDesa(db, rec.election_id, rec.contest_id, rec.id, desa)) leaves.addSuperseded(rec.seq, h.version, h.line);
  const chunk = leaves.chunk(rec.seq, desa);
  if (!chunk) throw KotakError.notFound(`TPS ${tps} in import #${rec.seq}`);
  return chunk;
}

/** The stored figures no longer hash to what the log committed to: of the TPS, or (`desa`) of the desa chunk holding it. */
const altered = (tps: string, index: number, desa?: string) =>
  new KotakError(
    'conflict',
    `The stored figures of ${desa ? `desa ${desa}, which holds TPS ${tps},` : `TPS ${tps}`} differ from what log entry ${index} published; the portal's data was changed outside a publication (run kotak audit)`,
  );

/** Builds the receipt of a TPS result (the current version, or an earlier one). */
export async function tpsReceipt(ctx: ActionContext, input: { election: string; contest: string; tps: string; version?: number }): Promise<TpsReceiptFile> {
  const { database, blobs } = ctx.services;
  await requireElection(database.db, input.election);
  const { compiled: contest } = await contestOf(database, input.election, input.contest);
  let tps: string;
  try {
    tps = tpsCode(input.tps, { columnName: 'tps' });
  } catch (e) {
    throw KotakError.validation({ tps: [(e as Error).message] });
  }
  const { line, version, rec, row } = await storedResult(ctx, input.election, input.contest, tps, input.version);
  const writer = new TpsDocWriter(tpsDocPlan(input.election, contest));
  const doc = Buffer.from(writer.out.buf.subarray(1, 1 + writer.writeLine(line, version)));
  const reader = logReader(database);
  // Imports logged before TPS receipts existed have no TPS tree, and their corrections hashed another document.
  const meta = rec.log_index === null ? undefined : (await reader.entryAt(rec.log_index))?.entry.meta;
  const root = meta?.tps_root;
  // Imports logged before desa chunks have a leaf per TPS document (src/integrity/tps-receipt.ts, v1 receipts).
  const perTps = meta?.tps_leaf !== TPS_LEAF_DESA;
  if (typeof root !== 'string') throw KotakError.notFound(`Receipt of TPS ${tps}: import #${rec.seq} was published before TPS receipts existed`);
  let index: number;
  let tree: TpsReceipt['tree'] = null;
  if (version > 1) {
    // A corrected TPS has an entry of its own, after its import's (results-publish.ts): the latest that covers it.
    const c = await correctionEntry(ctx, tps, version, rec);
    index = c.index;
    if (hash('sha256', doc, 'hex') !== c.sha256) throw altered(tps, index);
  } else {
    index = rec.log_index!;
    const t = await storedImportTree({ db: database.db, blobs, writer, logger: ctx.services.logger }, rec, root, perTps);
    const chunk = perTps ? null : await importChunk(ctx, writer, rec, tps, row);
    const at = t.position(Number(perTps ? tps : tps.slice(0, 10)));
    const leaf = leafHash(chunk ?? doc);
    if (at < 0 || !bytesEqual(t.leaf(at), leaf)) throw altered(tps, index, perTps ? undefined : tps.slice(0, 10));
    const path = t.path(at);
    const check = rootFromInclusion(leaf, at, t.size, path);
    if (!check.ok || toHex(check.root) !== root) throw new KotakError('internal', `TPS tree of import #${rec.seq} gave a path that does not verify`);
    tree = { index: at, size: t.size, path, ...(chunk ? { chunk } : {}) };
  }
  const text = formatTpsReceipt({ result: doc, tree, proof: await reader.receipt(index) });
  return {
    contentType: 'text/plain; charset=utf-8',
    filename: `tps-${tps}-v${version}${TPS_RECEIPT_EXTENSION}`,
    body: (async function* () {
      yield text;
    })(),
    text,
    entry: index,
    kind: tree ? 'results-import' : 'results-correction',
  };
}

export const resultsReceipt = defineAction({
  name: 'results.receipt',
  summary:
    'A receipt for one TPS result (a file to keep): the TPS result document, its path in its import’s TPS tree and the log’s proof of the entry that ' +
    'published it — verify offline with `kotak verify TPS.json --receipt R --key K`. `version` asks for an earlier version.',
  input: Type.Object({
    election: Type.String({ minLength: 1 }),
    contest: Type.String({ minLength: 1 }),
    tps: Type.String({ minLength: 1 }),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  }),
  readOnly: true,
  policy: anyone,
  async run(ctx, input): Promise<TpsReceiptFile> {
    return tpsReceipt(ctx, input);
  },
});
