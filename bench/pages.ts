/**
 * Issue 6 benchmark: server render time of the pages, p50 and p99 over sequential requests through the whole server
 * (routing, actions, store, template, compression off), beside status_show measured the same way in the same run.
 * Bar: p50 ≤ 10 ms for the home, dataset and region pages. Catalogue: 10,000 generated datasets (as the catalogue
 * benchmark); results: the real Banten PPWP 2024 file when the results part loads it at start (KOTAK_DEMO_RESULTS).
 *
 * `bench/run.ts` calls `run()`; `npx tsx bench/pages.ts` runs it alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/app.js';
import { buildServer } from '../src/http/server.js';
import { pagesPlugin } from '../src/http/pages/plugin.js';
import { getAction, registerActions } from '../src/actions/registry.js';
import { RESULTS_ACTIONS } from '../src/actions/results.js';
import { loadDemoResults } from '../src/actions/results-demo.js';
import { SYSTEM_ACTOR } from '../src/actions/auth.js';
import { logRoutes } from '../src/http/log/routes.js';
import { generateCatalog } from './catalog.js';
import { fmtMs, type BenchRow, type BenchSection } from './support/report.js';

const LIMIT_MS = 10;

interface Timing {
  p50: number;
  p99: number;
  n: number;
  status: number;
}

async function time(server: FastifyInstance, paths: string[], n: number): Promise<Timing> {
  for (let i = 0; i < 30; i++) await server.inject({ url: paths[i % paths.length]! }); // warm-up: JIT, caches
  const samples: number[] = [];
  let status = 200;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await server.inject({ url: paths[i % paths.length]!, headers: { 'accept-language': 'id-ID,id;q=0.9' } });
    samples.push(performance.now() - t0);
    if (res.statusCode >= 400) status = res.statusCode;
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(n * 0.5)]!, p99: samples[Math.floor(n * 0.99)]!, n, status };
}

/**
 * Region pages of the results explorer at each level, when the results part serves them: the contest's start page
 * (the province), then the first child at each level down to a desa (the desa page lists its TPS).
 */
async function regionPaths(server: FastifyInstance): Promise<string[]> {
  const res = await server.inject({ url: '/hasil' });
  if (res.statusCode !== 200) return [];
  const contest = /href="(\/hasil\/[^/"]+\/[^/"]+)"/.exec(res.body)?.[1];
  if (!contest) return [];
  const start = (await server.inject({ url: contest })).headers.location;
  if (typeof start !== 'string') return [];
  const paths = [start];
  for (let i = 0; i < 3; i++) {
    const page = await server.inject({ url: paths[paths.length - 1]! });
    const child = /<table class="children">[\s\S]*?<th scope="row"><a href="([^"]+)"/.exec(page.body)?.[1];
    if (!child) break;
    paths.push(child);
  }
  return paths;
}

export async function run(opts: { requests?: number; datasets?: number } = {}): Promise<BenchSection> {
  const n = opts.requests ?? 500;
  const count = opts.datasets ?? 10_000;
  const dataDir = mkdtempSync(join(tmpdir(), 'kotak-bench-pages-'));
  try {
    const names = await generateCatalog(dataDir, count);
    const config = loadConfig({ KOTAK_DATA_DIR: dataDir, KOTAK_BASE_URL: 'http://127.0.0.1:8731', KOTAK_LOG_LEVEL: 'silent' });
    // Until the server lists every part (src/actions/all.ts, src/http/plugins.ts), mount what the pages call.
    if (!getAction('results.region')) registerActions(RESULTS_ACTIONS);
    const app = await createApp(config, { logger: { info() {}, warn() {}, error: console.error } });
    const t0 = performance.now();
    const demo = await loadDemoResults(app.context(SYSTEM_ACTOR, 'system'));
    const demoMs = performance.now() - t0;
    const server = await buildServer(app);
    if (!server.hasRoute({ method: 'GET', url: '/log/checkpoint' })) await server.register(logRoutes, { app });
    if (!server.hasRoute({ method: 'GET', url: '/masuk' })) await server.register(pagesPlugin, { app });
    await server.ready();
    try {
      const datasets = names.filter((_, i) => i % 50 === 0).map((name) => `/dataset/${name}`);
      const status = await time(server, ['/api/3/action/status_show'], n);
      const home = await time(server, ['/'], n);
      const dataset = await time(server, datasets, n);
      const search = await time(server, ['/dataset?q=pemilu', '/dataset?organization=kpu-kota-serang', '/dataset?q=hasil&res_format=CSV'], n);
      const regions = await regionPaths(server);
      const regionT = regions.length ? await time(server, regions, n) : null;
      const row = (name: string, t: Timing, bar: boolean): BenchRow => ({
        name,
        value: `p50 ${fmtMs(t.p50)}, p99 ${fmtMs(t.p99)} (${(t.p50 / status.p50).toFixed(1)}× status_show)${t.status >= 400 ? ` — HTTP ${t.status}` : ''}`,
        ...(bar ? { limit: `p50 ≤ ${LIMIT_MS} ms`, pass: t.p50 <= LIMIT_MS && t.status < 400 } : {}),
      });
      return {
        title: 'Server-rendered pages (issue 6)',
        setup: `${count.toLocaleString('en')} generated datasets (SQLite)${demo ? `, the real Banten PPWP 2024 results (${demo.forms.toLocaleString('en')} forms, loaded in ${Math.round(demoMs)} ms)` : ''}; in-process server, one request at a time (${n} per page after 30 warm-up requests), time from request to the last byte of the response, uncompressed; dataset page = one of ${datasets.length} datasets.`,
        rows: [
          { name: 'status_show', value: `p50 ${fmtMs(status.p50)}, p99 ${fmtMs(status.p99)}`, limit: 'baseline' },
          row('home /', home, true),
          row('dataset /dataset/{name}', dataset, true),
          regionT ? row(`region /hasil/… (${regions.map((r) => r.split('/').pop()).join(', ')} in turn)`, regionT, true) : { name: 'region /hasil/{election}/{contest}/{code}', value: 'not served yet (results pages not mounted)', limit: `p50 ≤ ${LIMIT_MS} ms`, pass: false },
          row('search /dataset?q=…', search, false),
        ],
      };
    } finally {
      await server.close();
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = await run();
  console.log(s.title, '\n ', s.setup);
  for (const r of s.rows) console.log(`  ${r.pass === false ? '✗' : r.pass ? '✓' : ' '} ${r.name}: ${r.value}${r.limit ? `  [${r.limit}]` : ''}`);
}
