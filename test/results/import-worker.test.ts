/**
 * A large results file through the import's worker thread (src/results/import-worker.ts) on both databases: the
 * worker parses part of the file, hashes it for the blob store, reads the rows' source times and hashes the TPS tree;
 * the result is what one thread gives — the root anyone recomputes from the published CSV, the file under its
 * SHA-256, each row's earliest source time — and a bad cell in the worker's part fails the import with its row,
 * leaving nothing published and nothing half-written in the blob store.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../src/actions/invoke.js';
import { createContest, createElection } from '../../src/actions/elections.js';
import { IMPORT_WORKER_MIN_BYTES } from '../../src/actions/results-import-tree.js';
import { importResultsFile } from '../../src/actions/results-import.js';
import { leafHash, rootOfLeafHashes } from '../../src/integrity/rfc6962.js';
import { BANTEN_REGIONS_CSV, PEMILU_2024, ppwp2024 } from '../../src/results/known.js';
import { KPU_2024_ALIASES, parseRegionCsv } from '../../src/results/regions.js';
import { earliestSourceMs, votingDayFloor } from '../../src/results/source-time.js';
import { treeFileWrites } from '../../src/store/results/tps-trees.js';
import { DIALECTS, type TestApp } from '../support/app.js';
import { createResultsApp } from './support/app.js';
import { WIDE_HEADER, writeTmp } from './support/fixtures.js';

const E = PEMILU_2024.id;
const C = 'ppwp';

/** A normalised wide CSV over every Banten desa, `perDesa` TPS each; `bad` puts text into one count. */
async function bigFile(perDesa: number, bad?: number): Promise<{ path: string; lines: string[] }> {
  const desa = parseRegionCsv(await readFile(BANTEN_REGIONS_CSV, 'utf8')).filter((r) => r.level === 'desa_kelurahan').map((r) => r.code).sort();
  const lines: string[] = [];
  for (const d of desa) {
    for (let k = 1; k <= perDesa; k++) {
      const i = lines.length;
      const v = [i % 97, (i * 7) % 89, (i * 13) % 71];
      const sum = v[0]! + v[1]! + v[2]!;
      const ts = i % 3 ? `2024-02-${String(14 + (i % 9)).padStart(2, '0')} 1${i % 10}:0${i % 6}:00` : '';
      lines.push(`${d}${String(k).padStart(3, '0')},${d},${i === bad ? '12x' : v[0]},${v[1]},${v[2]},${sum},1,${sum + 1},300,${sum + 1},${sum},1,0,${ts},${i % 4}`);
    }
  }
  return { path: writeTmp(`besar-${bad ?? 'ok'}.csv`, `${WIDE_HEADER}\n${lines.join('\n')}\n`), lines };
}

for (const dialect of DIALECTS) {
  describe(`a large results file through the import worker on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createResultsApp(dialect);
      await createElection(t.system, PEMILU_2024, parseRegionCsv(await readFile(BANTEN_REGIONS_CSV, 'utf8')), KPU_2024_ALIASES);
      await createContest(t.system, ppwp2024());
    });
    afterAll(async () => {
      await t?.close();
    });
    const tmpOfBlobs = () => join(t.dataDir, 'blobs', 'tmp');

    it('fails on a bad cell in the worker’s part with its row, publishing nothing and leaving no partial file', async () => {
      const { path, lines } = await bigFile(75, 100000);
      expect(readFileSync(path).length).toBeGreaterThan(IMPORT_WORKER_MIN_BYTES);
      expect(lines.length).toBeGreaterThan(100000);
      const e = await importResultsFile(t.system, { election: E, contest: C, path }).catch((x: Error) => x);
      expect(e).toBeInstanceOf(Error);
      expect((e as Error).message).toMatch(/row 100002, column 3 \(C, "votes_01"\)/);
      expect(await invoke<any[]>(t.system, 'results.imports', { election: E, contest: C })).toEqual([]);
      await new Promise((r) => setTimeout(r, 100));
      expect(existsSync(tmpOfBlobs()) ? readdirSync(tmpOfBlobs()) : []).toEqual([]);
    });

    it('gives the tree, the stored file and the source times one thread gives', async () => {
      const { path, lines } = await bigFile(75);
      const file = readFileSync(path);
      const s = await importResultsFile(t.system, { election: E, contest: C, path });
      expect(s.tps.new).toBe(lines.length);
      // Both of its jobs came from the worker: the parse of the file's last part, and the rows (hash, times, tree).
      expect(s.timings.worker_jobs).toBe(2);
      // The raw file, which is also the normalised CSV, under its SHA-256.
      const sha = createHash('sha256').update(file).digest('hex');
      const [imp] = await invoke<any[]>(t.system, 'results.imports', { election: E, contest: C });
      expect(imp.raw_sha256).toBe(sha);
      expect(imp.normalised_sha256).toBe(sha);
      expect(await t.app.services.blobs.has(sha)).toBe(true);
      // The root, recomputed from the published lines (docs/integrity.md "TPS trees").
      const columns = 'tps_code,desa_code,votes.01,votes.02,votes.03,suara_sah,suara_tidak_sah,suara_total,pemilih_dpt_total,pengguna_total,pengguna_dpt,pengguna_dptb,pengguna_dpk,sirekap_ts,n_photos';
      const byDesa = new Map<string, string[]>();
      for (const l of lines) byDesa.set(l.slice(0, 10), [...(byDesa.get(l.slice(0, 10)) ?? []), l]);
      const leaves = [...byDesa.keys()].sort().map((d) => {
        const rows = byDesa.get(d)!;
        return leafHash(Buffer.from(`kotak/tps-chunk@v1 ${E} ${C} ${d}\n${columns}\n${rows.map(() => '1').join(',')}\n${rows.map((l) => `${l}\n`).join('')}`));
      });
      expect(imp.manifest.tps_root).toBe(Buffer.from(rootOfLeafHashes(leaves)).toString('hex'));
      // Each row's earliest source time, as this thread reads it.
      const stored = await t.app.services.database.db.selectFrom('results_forms').select(['desa_code', 'first_source_ms']).where('contest_id', '=', C).execute();
      expect(stored).toHaveLength(byDesa.size);
      const floor = votingDayFloor(PEMILU_2024.date);
      for (const r of stored) expect(Number(r.first_source_ms)).toBe(earliestSourceMs(byDesa.get(r.desa_code)!.join('\n'), 3, floor));
      await treeFileWrites(); // the tree file is written after the commit
      expect(existsSync(tmpOfBlobs()) ? readdirSync(tmpOfBlobs()) : []).toEqual([]);
    });
  });
}
