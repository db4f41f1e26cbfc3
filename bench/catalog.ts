/**
 * Issue 2 benchmark: 10,000 generated datasets; package_search (a text query with two facets) and package_show under
 * 16 connections, each beside status_show's throughput measured in the same run against the same server.
 * Bars: package_search p50 ≤ 5 ms and ≥ 25 % of status_show's requests/s; package_show ≥ 40 %.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/app.js';
import { saveDataset } from '../src/store/catalog/datasets.js';
import { SEED_ORGANIZATIONS } from '../src/catalog/seed-data.js';
import type { Dataset } from '../src/catalog/types.js';
import { load } from './support/load.js';
import { rawLoad } from './integrity-load.js';
import { startServerProcess } from './support/server-process.js';
import { fmtMs, pct, type BenchSection } from './support/report.js';

const WORDS = ['pemilu', 'hasil', 'suara', 'tps', 'rekapitulasi', 'pemilih', 'logistik', 'dapil', 'calon', 'partai', 'kecamatan', 'desa', 'presiden', 'legislatif', 'anggaran', 'surat', 'kotak', 'saksi', 'formulir', 'daftar'];
const BENCH_URL = 'http://127.0.0.1:8731';
const FORMATS = ['CSV', 'JSON', 'XLSX', 'PDF', 'GeoJSON'];
const GROUPS = ['hasil-pemilu', 'daftar-pemilih', 'logistik', 'peserta-pemilu', 'wilayah'];

function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

export async function generateCatalog(dataDir: string, n: number): Promise<string[]> {
  const app = await createApp(loadConfig({ KOTAK_DATA_DIR: dataDir, KOTAK_DEMO_RESULTS: 'false', KOTAK_BASE_URL: BENCH_URL }), { logger: { info() {}, warn() {}, error: console.error } });
  const db = app.services.database.db;
  const orgs = await db.selectFrom('organizations').selectAll().execute();
  const r = rng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const names: string[] = [];
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < n; i++) {
      const org = pick(orgs);
      const id = randomUUID();
      const words = [pick(WORDS), pick(WORDS), pick(WORDS)];
      const t = new Date(now - Math.floor(r() * 3e10)).toISOString();
      const d: Dataset = {
        id,
        name: `ds-${i}-${words[0]}`,
        title: `Data ${words.join(' ')} ${i}`,
        description: `Dataset ${i} tentang ${words.join(', ')} di ${org.title}.`,
        organizationId: org.id,
        organization: { id: org.id, name: org.name, title: org.title, regionCode: org.region_code },
        private: false,
        state: 'active',
        licenseId: pick(['cc-by', 'cc-zero', 'odc-by', 'other-closed']),
        tags: [...new Set([pick(WORDS), pick(WORDS)])],
        groups: [pick(GROUPS)],
        themes: ['GOVE'],
        temporalStart: `${2019 + (i % 6)}-01-01`,
        temporalEnd: null,
        spatial: [org.region_code ?? '36'],
        frequency: 'IRREG',
        contactName: null,
        contactEmail: null,
        accessRights: 'PUBLIC',
        version: null,
        extras: {},
        created: t,
        modified: t,
        resources: [0, 1].map((k) => {
          const f = pick(FORMATS);
          return { id: randomUUID(), datasetId: id, name: `${words[k]}-${i}.${f.toLowerCase()}`, description: '', format: f, mediaType: null, size: 1000, sha256: null, url: `https://example.org/${i}/${k}`, urlType: null, linkStatus: null, position: k, created: t, lastModified: t };
        }),
      };
      await saveDataset(trx, 'sqlite', d, true);
      names.push(d.name);
    }
  });
  await app.close();
  return names;
}

export async function run(opts: { seconds?: number } = {}): Promise<BenchSection> {
  const seconds = opts.seconds ?? 5;
  const dataDir = mkdtempSync(join(tmpdir(), 'kotak-bench-'));
  try {
    const t0 = Date.now();
    const names = await generateCatalog(dataDir, 10_000);
    const genMs = Date.now() - t0;
    const srv = await startServerProcess({ KOTAK_DATA_DIR: dataDir, KOTAK_PORT: '8731', KOTAK_DEMO_RESULTS: 'false', KOTAK_BASE_URL: BENCH_URL });
    try {
      const r = rng(7);
      const searches = Array.from({ length: 200 }, () => {
        const w = WORDS[Math.floor(r() * WORDS.length)];
        return `/api/3/action/package_search?q=${w}&facet.field=${encodeURIComponent('["organization","res_format"]')}`;
      });
      // Every request a different query (two words and a page): the index's answer cache cannot help.
      const cold = Array.from({ length: 20_000 }, (_, i) => {
        const a = WORDS[Math.floor(r() * WORDS.length)];
        const b = WORDS[Math.floor(r() * WORDS.length)];
        return `/api/3/action/package_search?q=${a}+${b}&start=${i % 997}&facet.field=${encodeURIComponent('["organization","res_format"]')}`;
      });
      const shows = Array.from({ length: 500 }, () => `/api/3/action/package_show?id=${names[Math.floor(r() * names.length)]}`);
      // Warm up each path family once.
      await rawLoad(srv.url, ['/api/3/action/status_show'], { seconds: 1 });
      await rawLoad(srv.url, searches, { seconds: 1 });
      await rawLoad(srv.url, shows, { seconds: 1 });
      // Judged with the body-skipping load generator (bench/integrity-load.ts) for both sides of each ratio: on two
      // cores autocannon spends more CPU parsing a 25 KB search answer than the server spends producing it.
      const status = await rawLoad(srv.url, ['/api/3/action/status_show'], { seconds });
      const search = await rawLoad(srv.url, searches, { seconds });
      const show = await rawLoad(srv.url, shows, { seconds });
      const uncached = await rawLoad(srv.url, cold, { seconds });
      const acStatus = await load(srv.url, ['/api/3/action/status_show'], { seconds });
      const acSearch = await load(srv.url, searches, { seconds });
      const acShow = await load(srv.url, shows, { seconds });
      const errs = [status, search, show, uncached].reduce((a, x) => a + x.non2xx, 0) + [acStatus, acSearch, acShow].reduce((a, x) => a + x.errors + x.non2xx, 0);
      return {
        title: 'Catalogue and CKAN Action API (issue 2)',
        setup: `10,000 generated datasets (2 resources each, SQLite, generated in ${genMs} ms); server in its own process; 16 keep-alive connections, ${seconds} s per endpoint; search = one of 20 words as q with facet.field ["organization","res_format"] (10 results, ~25 KB); show = one of 500 random names. Judged with bench/integrity-load.ts (skips bodies by Content-Length); autocannon figures beside for information.`,
        rows: [
          { name: 'status_show', value: `${status.rps.toFixed(0)} req/s, p50 ${fmtMs(status.p50)}, p99 ${fmtMs(status.p99)}`, limit: 'baseline' },
          { name: 'package_search p50', value: fmtMs(search.p50), limit: '≤ 5 ms', pass: search.p50 <= 5 },
          { name: 'package_search throughput', value: `${search.rps.toFixed(0)} req/s (p99 ${fmtMs(search.p99)}) = ${pct(search.rps, status.rps)} of status_show`, limit: '≥ 25 %', pass: search.rps >= 0.25 * status.rps },
          { name: 'package_show throughput', value: `${show.rps.toFixed(0)} req/s (p50 ${fmtMs(show.p50)}, p99 ${fmtMs(show.p99)}) = ${pct(show.rps, status.rps)} of status_show`, limit: '≥ 40 %', pass: show.rps >= 0.4 * status.rps },
          { name: 'package_search, no two requests alike (no answer cache)', value: `${uncached.rps.toFixed(0)} req/s, p50 ${fmtMs(uncached.p50)}, p99 ${fmtMs(uncached.p99)} = ${pct(uncached.rps, status.rps)} of status_show`, limit: 'for information' },
          { name: 'autocannon: status_show / package_search / package_show', value: `${acStatus.rps.toFixed(0)} / ${acSearch.rps.toFixed(0)} (p50 ${fmtMs(acSearch.p50)}) / ${acShow.rps.toFixed(0)} req/s = search ${pct(acSearch.rps, acStatus.rps)}, show ${pct(acShow.rps, acStatus.rps)}`, limit: 'for information' },
          { name: 'errors and non-2xx responses', value: String(errs), limit: '0', pass: errs === 0 },
        ],
      };
    } finally {
      await srv.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
