/** `kotak seed`: create the Banten organisations, groups and first dataset if the database is empty. */
import type { Command } from 'commander';
import { seedIfEmpty } from '../seed.js';
import { STARTUP_HOOKS } from './startup.js';
import { withCliApp } from './app.js';

export function registerSeed(program: Command): void {
  program
    .command('seed')
    .description('Seed an empty database: the 9 Banten KPU offices, thematic groups, licences, the region dataset, and the demo results.')
    .action(async () => {
      await withCliApp(async (ctx) => {
        const seeded = await seedIfEmpty(ctx);
        for (const hook of STARTUP_HOOKS) await hook(ctx);
        console.log(seeded ? 'Seeded the catalogue.' : 'The catalogue already has organisations; nothing to seed.');
      });
    });
}
