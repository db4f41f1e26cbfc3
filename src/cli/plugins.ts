/** Commands of the other parts (results, log, maturity): one line each, a function that registers a command. */
import type { Command } from 'commander';
import { registerMaturity } from './maturity.js';
import { registerResults } from './results.js';
import { registerVerify } from './verify.js';
import { registerMonitor } from './monitor.js';
import { registerWitness } from './witness.js';
import { registerAudit } from './audit.js';

export const CLI_PLUGINS: Array<(program: Command) => void> = [registerResults, registerVerify, registerMonitor, registerWitness, registerAudit, registerMaturity];
