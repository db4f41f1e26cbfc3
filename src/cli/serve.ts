/** `kotak serve`: start the portal (migrate, seed an empty database, listen). */
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { createApp } from '../app.js';
import { buildServer } from '../http/server.js';
import { redact } from '../store/db.js';
import { STARTUP_HOOKS } from './startup.js';
import { SYSTEM_ACTOR } from '../actions/auth.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Start the portal on KOTAK_HOST:KOTAK_PORT (default 0.0.0.0:8080); creates and seeds the database on first start.')
    .option('-p, --port <port>', 'port (overrides KOTAK_PORT)')
    .action(async (opts: { port?: string }) => {
      const env = { ...process.env, ...(opts.port ? { KOTAK_PORT: opts.port } : {}) };
      const config = loadConfig(env);
      const started = Date.now();
      const app = await createApp(config);
      for (const hook of STARTUP_HOOKS) await hook(app.context(SYSTEM_ACTOR, 'system'));
      const server = await buildServer(app, { logRequests: false });
      await server.listen({ port: config.port, host: config.host });
      console.log(`Kotak is serving ${config.baseUrl} (database ${redact(config.databaseUrl)}, data ${config.dataDir}) — ready in ${Date.now() - started} ms`);
      const stop = async () => {
        await server.close();
        await app.close();
        process.exit(0);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
}
