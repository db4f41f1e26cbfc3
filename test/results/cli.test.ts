/** `kotak results import`: the command imports through the same path as the API and prints what it did. */
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

  async function cli(args: string[]): Promise<string> {
    const saved = { ...process.env };
    Object.assign(process.env, { KOTAK_DATA_DIR: t.dataDir, KOTAK_BASE_URL: 'http://kotak.test', KOTAK_SEED: 'false' });
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    try {
      const program = new Command('kotak').exitOverride();
      registerResults(program);
      await program.parseAsync(['node', 'kotak', 'results', 'import', ...args]);
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
});
