/**
 * The demo results loaded at first start (issue 3 §8): the real Banten PPWP 2024 TPS results (fixtures/results, see
 * SOURCES.md), imported through the same path as any import, published by KPU Provinsi Banten. The coverage shown is
 * the honest one: many TPS of that Sirekap snapshot have no figures. Does nothing when the contest already has data.
 */
import { readFile } from 'node:fs/promises';
import { BANTEN_REGIONS_CSV, BANTEN_RESULTS_CSV, PEMILU_2024, ppwp2024 } from '../results/known.js';
import { KPU_2024_ALIASES, parseRegionCsv } from '../results/regions.js';
import { getContest, getElection } from '../store/results/elections.js';
import { hasForms } from '../store/results/forms.js';
import { createContest, createElection } from './elections.js';
import { importResultsFile, type ImportSummary } from './results-import.js';
import type { ActionContext } from './types.js';

/**
 * @example
 *   STARTUP_HOOKS.push(loadDemoResults); // src/cli/startup.ts
 */
export async function loadDemoResults(ctx: ActionContext): Promise<ImportSummary | null> {
  const { config, database, logger } = ctx.services;
  if (!config.loadDemoResults) return null;
  const db = database.db;
  const org = await db.selectFrom('organizations').select('id').where('region_code', '=', '36').executeTakeFirst();
  if (!org) {
    logger.warn('No organisation owns region 36 (Banten): demo results not loaded');
    return null;
  }
  if (!(await getElection(db, PEMILU_2024.id))) {
    await createElection(ctx, PEMILU_2024, parseRegionCsv(await readFile(BANTEN_REGIONS_CSV, 'utf8')), KPU_2024_ALIASES);
  }
  const spec = ppwp2024();
  if (!(await getContest(db, spec.electionId, spec.id))) await createContest(ctx, spec);
  if (await hasForms(db, spec.electionId, spec.id)) return null;
  const summary = await importResultsFile(ctx, {
    election: spec.electionId,
    contest: spec.id,
    path: BANTEN_RESULTS_CSV,
    filename: 'banten-ppwp-2024-tps.csv',
    reason: 'Data contoh: snapshot Sirekap 17 Maret 2024 (gigit-pemilu/pemilu-2024-36-banten) / demo data',
  });
  logger.info({ tps: summary.tps, coverage: summary.coverage, ms: summary.timings.total }, 'Loaded the Banten PPWP 2024 demo results');
  return summary;
}
