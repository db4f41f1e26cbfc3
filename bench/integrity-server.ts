/**
 * The portal with the publication-log routes, in its own process, for the HTTP part of bench/integrity.ts (the log
 * plugin is mounted here if the core server does not list it yet). Prints READY when listening.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/app.js';
import { buildServer } from '../src/http/server.js';
import { ROUTE_PLUGINS } from '../src/http/plugins.js';
import { logRoutes } from '../src/http/log/routes.js';

export async function startLogServer(env: Record<string, string>): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, ...env, KOTAK_BENCH_LOG_CHILD: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    child.stdout!.on('data', (b: Buffer) => {
      if (b.toString().includes('READY')) resolve();
    });
  });
  return {
    url: `http://127.0.0.1:${env.KOTAK_PORT}`,
    child,
    stop: async () => {
      child.removeAllListeners('exit');
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

if (process.env.KOTAK_BENCH_LOG_CHILD === '1') {
  const config = loadConfig(process.env);
  const app = await createApp(config, { logger: { info() {}, warn() {}, error: (o: unknown) => console.error(o) } });
  const server = await buildServer(app);
  if (!ROUTE_PLUGINS.some((p) => p.register === logRoutes)) await server.register(logRoutes, { app });
  await server.listen({ port: config.port, host: '127.0.0.1' });
  process.stdout.write('READY\n');
  process.on('SIGTERM', async () => {
    await server.close();
    await app.close();
    process.exit(0);
  });
}
