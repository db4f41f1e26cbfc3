/** Builds the commander program from the command files (kept apart from index.ts so tests and docs can read it). */
import { Command } from 'commander';
import { KOTAK_VERSION } from '../actions/misc.js';
import { registerServe } from './serve.js';
import { registerUser } from './user.js';
import { registerToken } from './token.js';
import { registerSeed } from './seed.js';
import { CLI_PLUGINS } from './plugins.js';

export function buildProgram(): Command {
  const program = new Command('kotak')
    .description('Kotak: open election-data portal (CKAN-compatible catalogue, TPS results, verifiable publication log, open-data maturity).')
    .version(KOTAK_VERSION)
    .showHelpAfterError();
  registerServe(program);
  registerUser(program);
  registerToken(program);
  registerSeed(program);
  for (const register of CLI_PLUGINS) register(program);
  return program;
}
