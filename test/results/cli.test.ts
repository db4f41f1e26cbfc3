/**
 * `kotak results import`, `tps-list` and `tps-list-remove`: the commands go through the same actions as the API and
 * print what they did.
 */
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { invoke } from '../../src/actions/invoke.js';
import { createContest, createElection } from '../../src/actions/elections.js';
import { registerResults } from '../../src/cli/results.js';
import { BANTEN_REGIONS_CSV, BANTEN_RESULTS_CSV, PEMILU_2024, ppwp2024 } from '../../src/results/known.js';
import { KPU_2024_ALIASES, parseRegionCsv } from '../../src/results/regions.js';
import { readFileSync } from 'node:fs';
import type { TestApp } from '../support/app.js';
import { createResultsApp } from './support/app.js';
import { writeTmp } from './support/fixtures.js';

describe('kotak results import', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createResultsApp('sqlite', { http: false });
    await createElection(t.system, PEMILU_2024, parseRegionCsv(readFileSync(BANTEN_REGIONS_CSV, 'utf8')), KPU_2024_ALIASES);
    await createContest(t.system, ppwp2024());
  });
  afterAll(async () => {
    await t?.close();
  });

  async function cli(args: string[], command = 'import'): Promise<string> {
    const saved = { ...process.env };
    Object.assign(process.env, { KOTAK_DATA_DIR: t.dataDir, KOTAK_BASE_URL: 'http://kotak.test', KOTAK_SEED: 'false' });
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    try {
      const program = new Command('kotak').exitOverride();
      registerResults(program);
      await program.parseAsync(['node', 'kotak', 'results', command, ...args]);
    } finally {
      log.mockRestore();
      process.env = saved;
    }
    return out.join('\n');
  }

  it('imports the Banten file and reports the import, its coverage and its flags', async () => {
    const out = await cli([BANTEN_RESULTS_CSV, '--election', 'pemilu-2024', '--contest', 'ppwp']);
    expect(out).toMatch(/^Import #1 into pemilu-2024\/ppwp, region 36 Banten, published by kpu-provinsi-banten/);
    expect(out).toMatch(/33324 forms: 33324 new TPS, 0 corrected, 0 unchanged/);
    expect(out).toMatch(/coverage 26244\/33324 TPS; flags: .*sum_votes_eq_valid \d+/);
    const region = await invoke<any>(t.system, 'results.region', { election: 'pemilu-2024', contest: 'ppwp', code: '36' });
    expect(region.coverage.tps_reported).toBe(26244);
  });

  it('says so when the file changes nothing', async () => {
    const out = await cli([BANTEN_RESULTS_CSV, '--election', 'pemilu-2024', '--contest', 'ppwp', '--format', 'csv']);
    expect(out).toBe('Nothing changed: all 33324 TPS already have these figures.');
  });

  it('refuses an unknown format', async () => {
    await expect(cli([BANTEN_RESULTS_CSV, '--election', 'pemilu-2024', '--contest', 'ppwp', '--format', 'pdf'])).rejects.toThrow(/--format must be one of/);
  });

  it('imports a TPS list and removes it again', async () => {
    const file = writeTmp('dpt.csv', 'tps_code,dpt\n3673011001001,289\n3673011001002,290\n3673011001099,301\n');
    const out = await cli([file, '--election', 'pemilu-2024'], 'tps-list');
    expect(out).toMatch(/^TPS list of 3673011001 [^(]+\(pemilu-2024\), published by kpu-kota-serang: 3 TPS, 880 registered voters\n/);
    expect(out).toMatch(/ {2}3 TPS added, 0 removed, 0 with other registered voters; log entry #\d+; dataset daftar-tps-pemilu-2024-kota-serang\n/);
    expect(out).toMatch(/ {2}ppwp: coverage \d+\/\d+ TPS, \d+ without results$/);
    const removed = await cli(['3673011001', '--election', 'pemilu-2024'], 'tps-list-remove');
    expect(removed).toMatch(/^TPS list of 3673011001 [^(]+\(pemilu-2024\) removed by kpu-kota-serang: 3 TPS; log entry #\d+; dataset daftar-tps-pemilu-2024-kota-serang/);
    await expect(cli(['3673011001', '--election', 'pemilu-2024'], 'tps-list-remove')).rejects.toThrow(/Validation failed/);
  });
});
