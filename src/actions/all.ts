/**
 * Registers the actions of every part of the product (results, log, maturity) beside the catalogue's core actions.
 * One line per part; called once at start-up by createApp and by tools that list actions.
 */
import { registerActions } from './registry.js';
import { MATURITY_ACTIONS } from './maturity-actions.js';
import { RESULTS_ACTIONS } from './results.js';
import { LOG_ACTIONS } from '../integrity/actions.js';
import { registerResultsCoverage } from './results-coverage.js';

const PARTS: ReadonlyArray<ReadonlyArray<unknown>> = [LOG_ACTIONS, RESULTS_ACTIONS, MATURITY_ACTIONS];

let done = false;
export function registerAllActions(): void {
  if (done) return;
  done = true;
  for (const p of PARTS) registerActions(p);
  registerResultsCoverage(); // results evidence for the maturity indicators (maturity-evidence.ts hook)
}
