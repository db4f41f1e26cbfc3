/**
 * One results import in a process of its own, so its time and peak memory (maxRSS) are its own. Prints one JSON line.
 *   tsx bench/results-child.ts <national|banten> <dataDir> <resultsFile> <regionsFile>
 */
import { readFile } from 'node:fs/promises';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/app.js';
import { SYSTEM_ACTOR } from '../src/actions/auth.js';
import { randomUUID } from 'node:crypto';
import { insertOrganization } from '../src/store/catalog/organizations.js';
import { registerActions } from '../src/actions/registry.js';
import { RESULTS_ACTIONS } from '../src/actions/results.js';
import { createContest, createElection } from '../src/actions/elections.js';
import { importResultsFile } from '../src/actions/results-import.js';
import { treeOf } from '../src/actions/results-context.js';
import { PEMILU_2024, ppwp2024 } from '../src/results/known.js';
import { KPU_2024_ALIASES, parseRegionCsv } from '../src/results/regions.js';

const [mode, dataDir, file, regions] = process.argv.slice(2) as [string, string, string, string];
registerActions(RESULTS_ACTIONS);
const quiet = { info() {}, warn() {}, error: (o: unknown, m?: string) => console.error(m, o) };
const app = await createApp(loadConfig({ KOTAK_DATA_DIR: dataDir, KOTAK_DEMO_RESULTS: 'false', KOTAK_BASE_URL: 'http://127.0.0.1:8732' }), { logger: quiet });
const ctx = app.context(SYSTEM_ACTOR, 'system');
if (mode === 'national') {
  // organization.create takes 2- or 4-digit region codes; the national office (region `ID`) is inserted directly.
  await insertOrganization(app.services.database.db, {
    id: randomUUID(), name: 'kpu-ri', title: 'KPU Republik Indonesia', description: '', regionCode: 'ID', imageUrl: null, email: null, homepage: null,
    created: new Date().toISOString(), state: 'active',
  });
}
await createElection(ctx, PEMILU_2024, parseRegionCsv(await readFile(regions, 'utf8')), KPU_2024_ALIASES);
await createContest(ctx, ppwp2024());
// A running portal holds the tree in memory (src/actions/results-context.ts); load it before the clock starts.
await treeOf(app.services.database, PEMILU_2024.id);
const rssBefore = process.resourceUsage().maxRSS;
const t0 = performance.now();
const s = await importResultsFile(ctx, { election: PEMILU_2024.id, contest: 'ppwp', path: file });
const ms = performance.now() - t0;
await app.close();
process.stdout.write(
  JSON.stringify({ ms, timings: s.timings, tps: s.tps, maxRssMb: process.resourceUsage().maxRSS / 1024, setupRssMb: rssBefore / 1024, coverage: s.coverage }) + '\n',
);
