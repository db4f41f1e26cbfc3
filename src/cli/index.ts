#!/usr/bin/env node
/**
 * The `kotak` command. Every sub-command is one file that registers itself on the program and calls actions, like
 * the HTTP routes do (STYLE.md §1). `kotak --help` lists them; docs/cli.md is generated from the same help text.
 */
import { Command } from 'commander';
import { ConfigError } from '../config.js';
import { KotakError } from '../errors.js';
import { buildProgram } from './program.js';

async function main(): Promise<void> {
  const program: Command = buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      process.exit(2);
    }
    if (e instanceof KotakError) {
      console.error(`Error (${e.code}): ${e.message}`);
      if (e.fields) for (const [f, msgs] of Object.entries(e.fields)) console.error(`  ${f}: ${msgs.join('; ')}`);
      process.exit(1);
    }
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  }
}

void main();
