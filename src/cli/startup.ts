/** Work done once at start-up after seeding (e.g. loading the demo results); one line per part. */
import type { ActionContext } from '../actions/types.js';
import { loadDemoResults } from '../actions/results-demo.js';

export const STARTUP_HOOKS: Array<(ctx: ActionContext) => Promise<void>> = [
  // The real Banten PPWP 2024 TPS results, when none are loaded yet (KOTAK_DEMO_RESULTS).
  async (ctx) => {
    await loadDemoResults(ctx);
  },
];
