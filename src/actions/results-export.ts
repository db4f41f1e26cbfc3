/**
 * Bulk downloads and exports: results.download (any level as CSV, JSON or Parquet, streamed), results.exportNist
 * (NIST SP 1500-100 v2, precinct-level), results.exportOpenElections. Each returns a `Download` the HTTP route streams.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { DuckDBInstance } from '@duckdb/node-api';
import { formLayout } from '../results/batch.js';
import { checkIds } from '../results/checks/registry.js';
import type { Contest } from '../results/contest.js';
import { csvField, normalisedHeader, openElectionsCsv } from '../results/export/csv.js';
import { writeErr } from '../results/export/nist-err.js';
import { kotakToErr } from '../results/export/nist-kotak.js';
import { ADMIN_COLUMN } from '../results/import/columns.js';
import { batchOfLines } from '../results/lines.js';
import { desaLines } from '../results/merge.js';
import type { RegionTotals } from '../results/recap.js';
import { ADMIN_FIELDS, REGION_LEVELS, type TpsForm } from '../results/types.js';
import { desaRowsIn } from '../store/results/forms.js';
import { allTotals, totalsOf } from './results-totals.js';
import type { RegionTree, TreeLevel } from '../results/regions.js';
import type { Executor } from '../store/db.js';
import { anyone } from './policies.js';
import { presentForm } from './results-present.js';
import { contestOf, requireElection, requireRegion, treeOf } from './results-context.js';
import { defineAction, type ActionContext } from './types.js';

export interface Download {
  contentType: string;
  filename: string;
  body: AsyncIterable<string | Buffer>;
}

const Ref = { election: Type.String({ minLength: 1 }), contest: Type.String({ minLength: 1 }) };
const LEVELS = [...REGION_LEVELS, 'tps'] as const;

async function* formsIn(db: Executor, election: string, contest: Contest, code: string): AsyncGenerator<TpsForm> {
  const layout = formLayout(contest.selections.length);
  for (const r of await desaRowsIn(db, election, contest.id, code)) {
    const b = batchOfLines(layout, desaLines(r));
    for (let i = 0; i < b.length; i++) yield b.form(i);
  }
}

function regionHeader(contest: Contest): string[] {
  return [
    'region_code', 'name', 'level', 'parent_code', 'tps_expected', 'tps_reported', 'tps_complete',
    ...ADMIN_FIELDS.map((f) => ADMIN_COLUMN[f]), ...contest.selections.map((s) => s.column), ...checkIds().map((r) => `flag_${r}`),
  ];
}

function regionCells(t: RegionTotals, contest: Contest): (string | number | null)[] {
  return [
    t.code, t.name, t.level, t.parentCode, t.tps.expected, t.tps.reported, t.tps.complete,
    ...ADMIN_FIELDS.map((f) => t.admin[f]), ...contest.selections.map((s) => t.votes[s.key] ?? 0), ...checkIds().map((r) => t.flags[r] ?? 0),
  ];
}

/** CSV text chunks of one level inside a region. */
/** Totals of every region of `level` inside `code`, in code order. */
async function atLevel(db: Executor, tree: RegionTree, election: string, contest: Contest, code: string, level: TreeLevel): Promise<RegionTotals[]> {
  const codes = tree.codesAt(level).filter((c) => tree.within(c, code));
  const rows = await totalsOf(db, election, contest, tree, codes);
  return codes.map((c) => rows.get(c)).filter((t): t is RegionTotals => t !== undefined);
}

async function* levelCsv(db: Executor, tree: RegionTree, election: string, contest: Contest, code: string, level: (typeof LEVELS)[number]): AsyncGenerator<string> {
  if (level === 'tps') {
    yield normalisedHeader(contest) + '\n';
    for (const r of await desaRowsIn(db, election, contest.id, code)) if (r.data) yield r.data + '\n';
    return;
  }
  yield regionHeader(contest).join(',') + '\n';
  let buf: string[] = [];
  for (const t of await atLevel(db, tree, election, contest, code, level)) {
    buf.push(regionCells(t, contest).map(csvField).join(','));
    if (buf.length >= 1000) {
      yield buf.join('\n') + '\n';
      buf = [];
    }
  }
  if (buf.length) yield buf.join('\n') + '\n';
}

async function* levelJson(db: Executor, tree: RegionTree, election: string, contest: Contest, code: string, level: (typeof LEVELS)[number]): AsyncGenerator<string> {
  yield '[';
  let first = true;
  if (level === 'tps') {
    for await (const f of formsIn(db, election, contest, code)) {
      yield (first ? '' : ',') + JSON.stringify({ tps_code: f.tps, ...presentForm(f, contest) });
      first = false;
    }
  } else {
    const header = regionHeader(contest);
    for (const t of await atLevel(db, tree, election, contest, code, level)) {
      const cells = regionCells(t, contest);
      yield (first ? '' : ',') + JSON.stringify(Object.fromEntries(header.map((h, i) => [h, cells[i]])));
      first = false;
    }
  }
  yield ']\n';
}

/** Parquet through DuckDB: the CSV is written to a temp file, converted with COPY, streamed, and both are removed. */
async function* parquet(csv: AsyncIterable<string>, level: string): AsyncGenerator<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'kotak-parquet-'));
  try {
    const parts: string[] = [];
    for await (const c of csv) parts.push(c);
    const src = join(dir, 'in.csv');
    const out = join(dir, 'out.parquet');
    await writeFile(src, parts.join(''));
    const inst = await DuckDBInstance.create(':memory:');
    const con = await inst.connect();
    const codes = level === 'tps' ? "{'tps_code': 'VARCHAR', 'desa_code': 'VARCHAR', 'sirekap_ts': 'VARCHAR'}" : "{'region_code': 'VARCHAR', 'parent_code': 'VARCHAR'}";
    await con.run(`COPY (SELECT * FROM read_csv('${src.replace(/'/g, "''")}', header = true, types = ${codes})) TO '${out.replace(/'/g, "''")}' (FORMAT parquet)`);
    con.closeSync();
    inst.closeSync();
    for await (const c of createReadStream(out)) yield c as Buffer;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const resultsDownload = defineAction({
  name: 'results.download',
  summary: 'Download one level (provinsi, kabupaten_kota, kecamatan, desa_kelurahan or tps) inside a region as CSV, JSON or Parquet, streamed.',
  input: Type.Object({
    ...Ref,
    code: Type.String({ minLength: 1 }),
    level: Type.Optional(Type.Union(LEVELS.map((l) => Type.Literal(l)), { default: 'tps' })),
    format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('json'), Type.Literal('parquet')], { default: 'csv' })),
  }),
  readOnly: true,
  policy: anyone,
  async run(ctx, input): Promise<Download> {
    const db = ctx.services.database.db;
    await requireElection(db, input.election);
    const { compiled: contest } = await contestOf(ctx.services.database, input.election, input.contest);
    const tree = await treeOf(ctx.services.database, input.election);
    const code = requireRegion(tree, input.code);
    const level = input.level ?? 'tps';
    const format = input.format ?? 'csv';
    const filename = `hasil-${input.election}-${input.contest}-${code}-${level}.${format}`;
    if (format === 'json') return { contentType: 'application/json; charset=utf-8', filename, body: levelJson(db, tree, input.election, contest, code, level) };
    const csv = levelCsv(db, tree, input.election, contest, code, level);
    if (format === 'parquet') return { contentType: 'application/vnd.apache.parquet', filename, body: parquet(csv, level) };
    return { contentType: 'text/csv; charset=utf-8', filename, body: csv };
  },
});

async function errDocument(ctx: ActionContext, input: { election: string; contest: string; region?: string }) {
  const db = ctx.services.database.db;
  const election = await requireElection(db, input.election);
  const { compiled: contest } = await contestOf(ctx.services.database, input.election, input.contest);
  const tree = await treeOf(ctx.services.database, input.election);
  const root = requireRegion(tree, input.region ?? 'ID');
  const totals = await allTotals(db, input.election, contest, tree);
  const forms: TpsForm[] = [];
  for await (const f of formsIn(db, input.election, contest, root)) forms.push(f);
  return writeErr(kotakToErr({ election, contest, tree, root, totals: (c) => totals.get(c), forms, issuer: ctx.services.config.siteTitle }));
}

export const resultsExportNist = defineAction({
  name: 'results.exportNist',
  summary: 'Results of a region in NIST SP 1500-100 v2 Election Results Reporting JSON (precinct-level; regions as ReportingUnits with ComposingGpUnitIds, TPS as polling-place).',
  input: Type.Object({ ...Ref, region: Type.Optional(Type.String()) }),
  readOnly: true,
  policy: anyone,
  async run(ctx, input): Promise<Download> {
    const doc = await errDocument(ctx, input);
    const text = JSON.stringify(doc);
    return {
      contentType: 'application/json; charset=utf-8',
      filename: `nist-err-${input.election}-${input.contest}-${input.region ?? 'ID'}.json`,
      body: (async function* () {
        for (let i = 0; i < text.length; i += 1 << 20) yield text.slice(i, i + (1 << 20));
      })(),
    };
  },
});

export const resultsExportOpenElections = defineAction({
  name: 'results.exportOpenElections',
  summary: 'Results of a region as OpenElections-style CSV (county, precinct, office, district, party, candidate, votes).',
  input: Type.Object({ ...Ref, region: Type.Optional(Type.String()) }),
  readOnly: true,
  policy: anyone,
  async run(ctx, input): Promise<Download> {
    const db = ctx.services.database.db;
    await requireElection(db, input.election);
    const { compiled: contest } = await contestOf(ctx.services.database, input.election, input.contest);
    const tree = await treeOf(ctx.services.database, input.election);
    const root = requireRegion(tree, input.region ?? 'ID');
    const forms: TpsForm[] = [];
    for await (const f of formsIn(db, input.election, contest, root)) forms.push(f);
    return {
      contentType: 'text/csv; charset=utf-8',
      filename: `openelections-${input.election}-${input.contest}-${root}.csv`,
      body: (async function* () {
        yield* openElectionsCsv(contest, tree, forms);
      })(),
    };
  },
});
