/**
 * `results.import`: one atomic publication of TPS results (issue 3 §2). The file is read and checked before the
 * transaction (a bad file fails with row and column and nothing is written); inside one transaction the import is
 * merged into the published figures (corrections keep the old figures in the history with who, when and why), the
 * flags and the recapitulation are rewritten, the import is recorded, and the catalogue dataset version and the
 * publication-log entries are written. Re-importing the same file finds nothing new or changed and writes nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { KotakError } from '../errors.js';
import { normalisedHeader } from '../results/export/csv.js';
import { detectFormat, IMPORT_FORMATS, readForms, type ImportFormat, type Layout } from '../results/import/index.js';
import { bodyOf } from '../results/body.js';
import { commonRegion, desaText, firstRows, mergeImport, type DesaState, type MergeResult } from '../results/merge.js';
import { runPipeline } from '../results/pipeline.js';
import { TpsDocWriter, tpsDocPlan } from '../results/tps-doc.js';
import type { EncodedTree } from '../results/tps-tree-file.js';
import { TPS_LEAF_DESA } from '../integrity/tps-chunk.js';
import { storeTreeFile } from '../store/results/tps-trees.js';
import { importTree, startImportWorker } from './results-import-tree.js';
import { readShared } from '../results/read-shared.js';
import type { RowsWork } from '../results/import-worker.js';
import { votingDayFloor } from '../results/source-time.js';
import type { Contest } from '../results/contest.js';
import type { Tx } from '../store/db.js';
import { lockAndBumpContest, lockContest } from '../store/results/elections.js';
import { deleteFlagsOf, insertFlags, type FlagRow } from '../store/results/flags.js';
import { tpsListVersion } from '../store/results/tps-list.js';
import { flagRows, formFlagRows, fullState, listOnlyFlagRows, tpsListOfContest } from './results-state.js';
import { hasForms, insertHistory, loadDesaRows, writeDesaRows } from '../store/results/forms.js';
import { importsBySeq, insertImport, nextImportSeq } from '../store/results/imports.js';
import { replaceRecap } from '../store/results/recap.js';
import { totalsOf } from './results-totals.js';
import { signedIn, requireRole } from './policies.js';
import { contestOf, noteRevision, requireElection, treeOf } from './results-context.js';
import { owningOrganization, publishImport, rawFormatOf, type FileRef } from './results-publish.js';
import { withTransaction } from './tx.js';
import { defineAction, type ActionContext, type ActionExtra } from './types.js';

export interface ImportRequest {
  election: string;
  contest: string;
  /** A local file or folder. */
  path: string;
  /** Name shown in the catalogue and in errors. */
  filename?: string;
  format?: ImportFormat;
  layout?: Layout;
  /** Why (for corrections): kept with the superseded figures. */
  reason?: string;
  /** The raw file when it is already in the blob store (uploads). */
  raw?: FileRef;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportSummary {
  changed: boolean;
  import: { id: string; seq: number } | null;
  election: string;
  contest: string;
  region: { code: string; name: string };
  organization: string;
  dataset: string | null;
  forms: number;
  tps: { new: number; changed: number; unchanged: number };
  duplicates: number;
  /** Flagged TPS per rule among the forms of this file. */
  flags: Record<string, number>;
  /** Coverage of the publishing office's region after the import. */
  coverage: { expected: number; reported: number };
  logIndex: number | null;
  /** Milliseconds per phase, for the benchmark. */
  timings: Record<string, number>;
}

/** Rolls the transaction back when the file changes nothing (the contest lock was taken for nothing). */
class NothingChanged extends Error {}

/** Flag counts per rule among the file's forms. */
function countFlags(rows: FlagRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of rows) out[f.rule] = (out[f.rule] ?? 0) + 1;
  return out;
}

async function folderAsJsonLines(dir: string): Promise<Buffer> {
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((d) => d.isFile() && /\.json$/i.test(d.name))
    .map((d) => join(d.parentPath, d.name))
    .sort();
  const lines: string[] = [];
  for (const f of entries) lines.push(JSON.stringify({ url: f.slice(dir.length).replace(/^[\\/]/, ''), data: JSON.parse(await readFile(f, 'utf8')) }));
  return Buffer.from(lines.join('\n') + '\n');
}

/** The normalised CSV of the TPS held within `region`, from desa rows in desa order. */
function normalisedCsvOf(contest: Contest, rows: Iterable<DesaState>, region: string): Buffer[] {
  const parts: Buffer[] = [Buffer.from(normalisedHeader(contest) + '\n')];
  for (const r of rows) if (r.count && (region === 'ID' || r.regionCode.startsWith(region))) parts.push(Buffer.from(desaText(r) + '\n'));
  return parts;
}

/** A promise settled from outside; settling it again does nothing. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T | PromiseLike<T>) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T | PromiseLike<T>) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/**
 * Imports a results file. Used by the `results.import` action (upload or CLI path), the CLI progress bar and the demo
 * loader.
 */
export async function importResultsFile(ctx: ActionContext, req: ImportRequest): Promise<ImportSummary> {
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  const lap = (k: string, since: number) => (timings[k] = Math.round(performance.now() - since));
  const { database, blobs } = ctx.services;
  const election = await requireElection(database.db, req.election);
  const { compiled: contest } = await contestOf(database, req.election, req.contest);
  const tree = await treeOf(database, req.election);
  const filename = req.filename ?? basename(req.path);
  const format = req.format ?? (await detectFormat(req.path));
  const fileStat = await stat(req.path);
  const isDir = fileStat.isDirectory();
  // A CSV is read whole meanwhile, on the thread pool: it may turn out to be already normalised (body.ts), and it goes
  // to the blob store in one write rather than as a stream competing with the parse for the event loop. Other inputs
  // are streamed into the store while they are parsed. Blobs are content-addressed, so a failed import leaves only an
  // unreferenced blob. A folder is published as one JSON Lines file of `{ url, data }` records, which reads back.
  const fileBytes = format === 'csv' && !isDir && !req.raw ? readShared(req.path) : null;
  fileBytes?.catch(() => {});
  const docWriter = new TpsDocWriter(tpsDocPlan(election.id, contest));
  // A large CSV is parsed by two threads, hashed for the blob store after the parse and a first import's TPS tree
  // hashed while the rows are stored, all on one worker thread (src/results/import-worker.ts).
  const worker = startImportWorker(docWriter.plan, fileBytes ? fileStat.size : 0);
  const rawDigest = worker ? deferred<string>() : null;
  const rawPut: Promise<FileRef> = req.raw
    ? Promise.resolve(req.raw)
    : fileBytes
      ? fileBytes.then(async (buf) => ({ ...(await blobs.put(buf, rawDigest ? { sha256: rawDigest.promise } : {})), filename }))
      : isDir
        ? folderAsJsonLines(req.path).then(async (buf) => ({ ...(await blobs.put(buf)), filename: `${filename}.jsonl` }))
        : blobs.put(createReadStream(req.path)).then((p) => ({ ...p, filename }));
  rawPut.catch(() => {});

  try {
    // The election's TPS list within the contest's area: listed TPS the file lacks are expected and flagged too. It is
    // read again inside the transaction only if a list import came in between (tpsListVersion).
    const listVersion = await tpsListVersion(database.db, election.id);
    let tpsList = listVersion ? await tpsListOfContest(database.db, election.id, contest) : undefined;
    let t = performance.now();
    // The CSV read whole is parsed in place rather than read a second time as a stream.
    const bytes = fileBytes ? await fileBytes : undefined;
    const result = await runPipeline(readForms(req.path, contest, { format, layout: req.layout, onProgress: req.onProgress, sourceName: filename, bytes, worker }), {
      contest, tree, tpsList,
    });
    lap('parse_check', t);
    t = performance.now();
    const body = bodyOf(result.batches, bytes ?? (format === 'csv' && !isDir ? await readFile(req.path) : undefined));
    // The region the file is about: the lowest holding all its TPS. The recap's expected TPS include listed TPS the file
    // lacks, which may lie anywhere in the contest's area, so with a list the region comes from the file's desa alone.
    const regionCode = result.missingOnly.length ? commonRegion(tree, body.desa.map((d) => tree.placeTps(d.firstTps))) : result.recap.commonRegion();
    const region = { code: regionCode, name: tree.get(regionCode)!.name };
    const org = await owningOrganization(database.db, tree, regionCode);
    requireRole(ctx, org.id, 'editor');
    // The dataset is the office's: it covers the office's whole region, of which this import may be a part.
    const pubCode = org.regionCode && tree.get(org.regionCode) ? org.regionCode : regionCode;
    const pubRegion = { code: pubCode, name: tree.get(pubCode)!.name };
    // The summary counts the flags of the file's forms; listed TPS the file lacks are flagged in the state only.
    const fileFlags = formFlagRows(result);
    lap('lines', t);

    const base = {
      election: election.id, contest: contest.id, region, organization: org.name, forms: result.forms,
      duplicates: result.duplicates.length, flags: countFlags(fileFlags),
    };
    let committedRevision = -1;
    let tpsTree: EncodedTree | null = null;
    try {
      // The WAL checkpoint of ~100 MB of a national import runs on a worker after the commit (src/store/wal-checkpoint.ts).
      const out = await database.deferCheckpoints(() => withTransaction(ctx, async (trx: Tx) => {
        t = performance.now();
        await lockContest(trx, database.dialect, election.id, contest.id);
        const initial = !(await hasForms(trx, election.id, contest.id));
        const seq = await nextImportSeq(trx, election.id, contest.id);
        let merge: MergeResult;
        let work: RowsWork | null = null;
        if (initial) {
          merge = { rows: firstRows(body, seq, tree), superseded: [], newTps: result.tps, changed: [], unchanged: 0 };
          const ref = { election: election.id, contest: contest.id, import: seq };
          work = worker?.rows(merge.rows, ref, { votes: contest.selections.length, floorMs: votingDayFloor(election.date) }, bytes) ?? null;
        } else {
          const stored = await loadDesaRows(trx, election.id, contest.id, body.desa.map((d) => ({ desaCode: d.code, regionCode: tree.placeTps(d.firstTps) })));
          merge = mergeImport(body, stored, seq, tree);
        }
        // The file's digest for the blob store: from the worker's rows job, or a job of its own (this thread's when the
        // worker failed).
        if (rawDigest && bytes) {
          const digest = work ? work.sha256 : worker!.sha256(bytes);
          rawDigest.resolve(digest.then((h) => h ?? createHash('sha256').update(bytes).digest('hex')));
        }
        if (merge.newTps === 0 && merge.changed.length === 0) throw new NothingChanged();
        lap('merge', t);
        t = performance.now();
        // Every desa row after the merge, in desa order: the published state the recap and the normalised CSV describe.
        let allRows: DesaState[] = merge.rows;
        if (!initial) {
          const everything = await loadDesaRows(trx, election.id, contest.id);
          for (const m of merge.rows) everything.set(m.desaCode, m);
          allRows = [...everything.values()].sort((a, b) => (a.desaCode < b.desaCode ? -1 : 1));
        }
        const listMoved = (await tpsListVersion(trx, election.id)) !== listVersion;
        if (listMoved) tpsList = await tpsListOfContest(trx, election.id, contest);
        const full = initial && !listMoved ? result : await fullState(allRows, contest, tree, tpsList);
        lap('full_state', t);

        t = performance.now();
        const importId = randomUUID();
        const now = ctx.services.now().toISOString();
        const revision = await lockAndBumpContest(trx, election.id, contest.id);
        // Flags and recap first: meanwhile the worker reads the new rows' earliest source times (import-worker.ts).
        const allFlags = full !== result ? flagRows(full) : result.missingOnly.length ? fileFlags.concat(listOnlyFlagRows(result)) : fileFlags;
        await deleteFlagsOf(trx, election.id, contest.id, 'all');
        await insertFlags(trx, database, election.id, contest.id, allFlags);
        lap('store_flags', t);
        t = performance.now();
        const recapRows = full.recap.rows();
        lap('recap_rows', t);
        t = performance.now();
        await replaceRecap(trx, database, election.id, contest.id, recapRows);
        lap('store_recap', t);
        t = performance.now();
        const source = { votes: contest.selections.length, votingDay: election.date };
        await writeDesaRows(trx, database, election.id, contest.id, merge.rows, !initial, source, work ? await work.firstSourceMs : null);
        if (merge.superseded.length) {
          const prior = await importsBySeq(trx, election.id, contest.id, merge.superseded.map((s) => s.importSeq));
          await insertHistory(
            trx,
            database,
            election.id,
            contest.id,
            merge.superseded.map((s) => ({ tps: s.tps, version: s.version, line: s.line, importId: prior.get(s.importSeq)?.id ?? '', replacedBy: importId, replacedAt: now })),
          );
        }
        lap('store_forms', t);

        t = performance.now();
        // A first import publishes the body as written (all its TPS lie in the office's region, an ancestor of the
        // import's); later ones join the stored rows of that region.
        const raw = await rawPut;
        // …and when that body is the file itself, the normalised CSV is the raw file, already stored.
        const norm = initial && body.verbatim
          ? { sha256: raw.sha256, size: raw.size }
          : await blobs.put(Readable.from(initial ? [Buffer.from(normalisedHeader(contest) + '\n'), body.buf.subarray(0, body.length)] : normalisedCsvOf(contest, allRows, pubCode)));
        lap('blobs', t);
        t = performance.now();
        // The TPS tree over every TPS this import set (added or corrected): its root goes into the import's log entry,
        // its file into the blob store once committed, so receipts are served without rehashing (src/results/tps-tree*.ts).
        const encoded = (await work?.tree) ?? importTree(initial, docWriter, merge.rows, { election: election.id, contest: contest.id, import: seq });
        tpsTree = encoded;
        const tpsRoot = encoded.root;
        lap('tps_tree', t);
        t = performance.now();
        const totals = full.recap.totals(pubCode);
        const coverage = { expected: totals.tps.expected, reported: totals.tps.reported };
        const tpsCounts = { new: merge.newTps, changed: merge.changed.length, unchanged: merge.unchanged };
        const manifest = {
          election: election.id, contest: contest.id, seq, region: regionCode, raw_sha256: raw.sha256, normalised_sha256: norm.sha256,
          tps: tpsCounts, reason: req.reason ?? null, tps_root: tpsRoot, tps_size: encoded.size, tps_leaf: TPS_LEAF_DESA,
        };
        const pub = await publishImport(ctx, trx, {
          election, contest, org, region: pubRegion, importId, importSeq: seq,
          raw: { ...raw, filename, format: rawFormatOf(filename) },
          normalised: { ...norm, filename: 'normalised.csv' },
          coverage,
          corrections: merge.changed,
          manifest,
          tpsTree: { root: tpsRoot, size: encoded.size },
          docWriter,
        });
        await insertImport(trx, {
          id: importId, election_id: election.id, contest_id: contest.id, seq, created: now,
          actor_id: ctx.actor?.id ?? null, actor_name: ctx.actor?.name ?? null, reason: req.reason ?? null,
          filename, format, raw_sha256: raw.sha256, raw_size: raw.size, normalised_sha256: norm.sha256, normalised_size: norm.size,
          region_code: regionCode, forms: result.forms, tps_new: tpsCounts.new, tps_changed: tpsCounts.changed, tps_unchanged: tpsCounts.unchanged,
          organization_id: org.id, dataset_id: pub.dataset.id, log_index: pub.logIndex,
          summary: JSON.stringify({ flags: base.flags, duplicates: base.duplicates, manifest, tps_tree: { sha256: encoded.file.sha256, size: encoded.size, root: tpsRoot } }),
        });
        lap('publish', t);
        timings.total = Math.round(performance.now() - t0);
        if (worker) timings.worker_jobs = worker.answered;
        committedRevision = revision;
        return { ...base, changed: true, import: { id: importId, seq }, dataset: pub.dataset.name, tps: tpsCounts, coverage, logIndex: pub.logIndex, timings };
      }));
      noteRevision(database, election.id, contest.id, committedRevision);
      if (tpsTree) void storeTreeFile(blobs, tpsTree, ctx.services.logger);
      return out;
    } catch (e) {
      if (!(e instanceof NothingChanged)) throw e;
      const t2 = (await totalsOf(database.db, election.id, contest, tree, [pubCode])).get(pubCode);
      timings.total = Math.round(performance.now() - t0);
      return {
        ...base, changed: false, import: null, dataset: null, tps: { new: 0, changed: 0, unchanged: result.tps },
        coverage: { expected: t2?.tps.expected ?? 0, reported: t2?.tps.reported ?? 0 }, logIndex: null, timings,
      };
    }
  } finally {
    // The worker ends with the import, whatever happened (its parse and tree were collected when they were used); a
    // digest never asked for (the parse failed) fails the raw file's write, which then leaves nothing behind.
    rawDigest?.reject(new Error('import ended before the file was hashed'));
    worker?.stop();
  }
}

export const resultsImport = defineAction({
  name: 'results.import',
  summary:
    'Import TPS results (wide or long CSV, XLSX, Sirekap JSON, JSON Lines or a zip of them, NIST SP 1500-100 ERR JSON with a polling place per TPS) into a contest as one atomic publication; ' +
    'a later figure for a TPS is a correction and keeps the old one in its history. Upload the file as multipart field `upload`.',
  input: Type.Object({
    election: Type.String({ minLength: 1 }),
    contest: Type.String({ minLength: 1 }),
    format: Type.Optional(Type.Union(IMPORT_FORMATS.map((f) => Type.Literal(f)))),
    layout: Type.Optional(Type.Union([Type.Literal('auto'), Type.Literal('wide'), Type.Literal('long')])),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    /** A server-side path: only from the CLI and start-up (never over HTTP). */
    path: Type.Optional(Type.String()),
  }),
  readOnly: false,
  policy: signedIn,
  async run(ctx, input, extra?: ActionExtra): Promise<Omit<ImportSummary, 'timings'>> {
    const up = extra?.upload;
    if (!up && !input.path) throw KotakError.validation({ upload: ['Upload the results file (multipart field "upload")'] });
    if (!up && !['cli', 'system', 'test'].includes(ctx.channel)) throw KotakError.validation({ path: ['A server path may only be given from the command line'] });
    let path = input.path!;
    let cleanup: string | null = null;
    let raw: FileRef | undefined;
    if (up) {
      // Readers need a file (a zip is read from its end); the blob store hands out streams.
      cleanup = await mkdtemp(join(tmpdir(), 'kotak-import-'));
      path = join(cleanup, basename(up.filename).replace(/[^\w.-]+/g, '_') || 'upload');
      await pipeline(await ctx.services.blobs.get(up.sha256), createWriteStream(path));
      raw = { sha256: up.sha256, size: up.size, filename: up.filename };
    }
    try {
      const { timings: _t, ...summary } = await importResultsFile(ctx, {
        election: input.election, contest: input.contest, path, filename: up?.filename, format: input.format, layout: input.layout, reason: input.reason, raw,
      });
      return summary;
    } finally {
      if (cleanup) await rm(cleanup, { recursive: true, force: true });
    }
  },
});
