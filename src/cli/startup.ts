/** Work done once at start-up after seeding (e.g. loading the demo results); one line per part. */
import type { ActionContext } from '../actions/types.js';

export const STARTUP_HOOKS: Array<(ctx: ActionContext) => Promise<void>> = [];
