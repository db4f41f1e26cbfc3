/**
 * Registers the actions of every part of the product (results, log, maturity) beside the catalogue's core actions.
 * One line per part; called once at start-up by createApp and by tools that list actions.
 */
import { registerActions } from './registry.js';
import { MATURITY_ACTIONS } from './maturity-actions.js';

const PARTS: ReadonlyArray<ReadonlyArray<unknown>> = [MATURITY_ACTIONS];

let done = false;
export function registerAllActions(): void {
  if (done) return;
  done = true;
  for (const p of PARTS) registerActions(p);
}
