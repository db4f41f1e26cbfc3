/** Commands of the other parts (results, log, maturity): one line each, a function that registers a command. */
import type { Command } from 'commander';
import { registerMaturity } from './maturity.js';

export const CLI_PLUGINS: Array<(program: Command) => void> = [registerMaturity];
