/**
 * Issue 3 benchmarks, each beside its bar measured in the same run:
 * - a national-scale synthetic file (823,220 TPS, bench/gen/national.ts) imported end to end — parse, check, store,
 *   recapitulate, publish — against DuckDB reading the same CSV and grouping it by every level (bar: ≤ 3×), with the
 *   import's peak memory (bar: ≤ 1 GB);
 * - the real Banten file (33,324 TPS) imported end to end (bar: < 1 s);
 * - the region endpoint under 16 connections against status_show on the same server (bars: p99 ≤ 10 ms, ≥ 50 % of
 *   status_show's requests/s).
 * Imports run in a child process each (bench/results-child.ts) so their time and peak memory are their own.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateNational } from './gen/national.js';
import { load } from './support/load.js';
import { fmtMs, pct, type BenchSection } from './support/report.js';
import { startResultsServer } from './results-server.js';
import { BANTEN_REGIONS_CSV, BANTEN_RESULTS_CSV } from '../src/results/known.js';

const run$ = promisify(execFile);
const GEN_DIR = '.bench-tmp';

interface ChildResult {
  ms: number;
  timings: Record<string, number>;
  maxRssMb: number;
  tps: { new: number };
}

async function importInChild(mode: 'national' | 'banten', file: string, regions: string): Promise<ChildResult> {
  const dir = mkdtempSync(join(tmpdir(), 'kotak-bench-results-'));
  try {
    const { stdout } = await run$(process.execPath, ['--import', 'tsx', 'bench/results-child.ts', mode, dir, file, regions], { maxBuffer: 1 << 20 });
    return JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The DuckDB baseline in a process of its own (bench/duckdb-child.ts), as each import runs in its own. */
async function duckdbInChild(file: string): Promise<number> {
  const { stdout } = await run$(process.execPath, ['--import', 'tsx', 'bench/duckdb-child.ts', file], { maxBuffer: 1 << 20 });
  return (JSON.parse(stdout.trim().split('\n').pop()!) as { ms: number }).ms;
}

/** DuckDB: read the CSV and total it at every level (desa, kecamatan, kab/kota, province, national). */
export async function duckdbBaseline(file: string): Promise<number> {
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  const sums = 'sum(votes_01), sum(votes_02), sum(votes_03), sum(suara_sah), sum(suara_tidak_sah), sum(suara_total), sum(pemilih_dpt_total), sum(pengguna_total), count(votes_01), count(*)';
  const t0 = performance.now();
  await con.run(`CREATE TEMP TABLE t AS SELECT * FROM read_csv('${file}', header = true, types = {'tps_code': 'VARCHAR', 'desa_code': 'VARCHAR'})`);
  await con.runAndReadAll(`
    SELECT 'desa' AS lvl, desa_code AS code, ${sums} FROM t GROUP BY 2
    UNION ALL SELECT 'kecamatan', substr(tps_code, 1, 6), ${sums} FROM t GROUP BY 2
    UNION ALL SELECT 'kabkota', substr(tps_code, 1, 4), ${sums} FROM t GROUP BY 2
    UNION ALL SELECT 'provinsi', substr(tps_code, 1, 2), ${sums} FROM t GROUP BY 2
    UNION ALL SELECT 'nasional', 'ID', ${sums} FROM t`);
  const ms = performance.now() - t0;
  con.closeSync();
  inst.closeSync();
  return ms;
}

const phases = (t: Record<string, number>) => Object.entries(t).filter(([k]) => k !== 'total' && k !== 'worker_jobs').map(([k, v]) => `${k} ${v}`).join(', ');

export async function run(opts: { seconds?: number } = {}): Promise<BenchSection[]> {
  return [await runImport(), await runHttp(opts)];
}

const ROUNDS = 3;

export async function runImport(): Promise<BenchSection> {
  const results = join(GEN_DIR, 'national-ppwp-tps.csv');
  const regions = join(GEN_DIR, 'national-regions.csv');
  if (!existsSync(results) || !existsSync(regions)) await generateNational(GEN_DIR);

  // Each side runs ROUNDS times in a row, each run in a process of its own, and the best of each is compared. They no
  // longer alternate: on this machine an import started right after DuckDB (which loads both cores) or after a pause
  // ran ~25 % slower than one after another import — measured 2026-11-27: 3.9–4.4 s against 3.2–3.4 s, the same code.
  const duck: number[] = [];
  for (let i = 0; i < ROUNDS; i++) duck.push(await duckdbInChild(results));
  const imp: ChildResult[] = [];
  for (let i = 0; i < ROUNDS; i++) imp.push(await importInChild('national', results, regions));
  const bestDuck = Math.min(...duck);
  const best = imp.reduce((a, b) => (b.ms < a.ms ? b : a));
  const peak = Math.max(...imp.map((r) => r.maxRssMb));
  const banten = [await importInChild('banten', BANTEN_RESULTS_CSV, BANTEN_REGIONS_CSV), await importInChild('banten', BANTEN_RESULTS_CSV, BANTEN_REGIONS_CSV)];
  const bestBanten = banten.reduce((a, b) => (b.ms < a.ms ? b : a));
  const ratio = best.ms / bestDuck;
  const importSection: BenchSection = {
    title: 'Results import (issue 3)',
    setup:
      `National synthetic file: ${best.tps.new.toLocaleString('en')} TPS (bench/gen/national.ts, 66 MB CSV), SQLite, fresh database per run; ` +
      `DuckDB reads the same CSV and groups it by desa, kecamatan, kab/kota, province and nation. Every run in a process of its own; each side ${ROUNDS} runs in a row, best of each.`,
    rows: [
      { name: 'DuckDB read_csv + GROUP BY every level', value: fmtMs(bestDuck) },
      { name: 'national import end to end (parse, check, store, recapitulate, publish)', value: `${fmtMs(best.ms)} (${ratio.toFixed(2)}× DuckDB)`, limit: '≤ 3× DuckDB', pass: ratio <= 3 },
      { name: 'national import peak memory (maxRSS of the importing process)', value: `${peak.toFixed(0)} MB`, limit: '≤ 1024 MB', pass: peak <= 1024 },
      { name: 'real Banten file (33,324 TPS) end to end', value: fmtMs(bestBanten.ms), limit: '< 1 s', pass: bestBanten.ms < 1000 },
    ],
    notes: [
      `national phases (ms): ${phases(best.timings)}`,
      `Banten phases (ms): ${phases(bestBanten.timings)}`,
      'The import ends at its commit; the WAL checkpoint of its ~100 MB then runs on a worker thread (src/store/wal-checkpoint.ts), outside the figure, as it does in the portal.',
    ],
  };
  return importSection;
}

export async function runHttp(opts: { seconds?: number } = {}): Promise<BenchSection> {
  const server = await startResultsServer();
  try {
    const seconds = opts.seconds ?? 5;
    const status = await load(server.url, ['/api/3/action/status_show'], { connections: 16, seconds });
    const codes = ['36', '3601', '3603', '3673', '367301', '360228', '3673011001', '3603012003', 'ID'];
    const paths = codes.map((c) => `/api/v1/elections/pemilu-2024/contests/ppwp/regions/${c}`);
    const region = await load(server.url, paths, { connections: 16, seconds });
    const share = region.rps / status.rps;
    const httpSection: BenchSection = {
      title: 'Region endpoint under load (issue 3)',
      setup: `Server in its own process with the Banten demo results; autocannon, 16 connections, ${seconds} s each; region codes cycle over ${codes.length} levels.`,
      rows: [
        { name: 'status_show', value: `${status.rps.toFixed(0)} req/s, p99 ${fmtMs(status.p99)}` },
        { name: 'GET …/regions/{code} p99', value: fmtMs(region.p99), limit: 'p99 ≤ 10 ms', pass: region.p99 <= 10 && region.non2xx === 0 },
        { name: 'GET …/regions/{code} throughput', value: `${region.rps.toFixed(0)} req/s (${pct(region.rps, status.rps)} of status_show)`, limit: '≥ 50 % of status_show', pass: share >= 0.5 },
      ],
      notes: region.non2xx ? [`${region.non2xx} non-2xx answers`] : [],
    };
    return httpSection;
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const which = process.argv[2];
  const sections = which === 'http' ? [await runHttp()] : which === 'import' ? [await runImport()] : await run();
  for (const s of sections) {
    console.log(`${s.title}\n  ${s.setup}`);
    for (const r of s.rows) console.log(`  ${r.pass === false ? '✗' : r.pass ? '✓' : ' '} ${r.name}: ${r.value}${r.limit ? `  [bar: ${r.limit}]` : ''}`);
    for (const n of s.notes ?? []) console.log(`  - ${n}`);
  }
}
