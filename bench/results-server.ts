/**
 * The portal with the results actions and routes and the Banten demo, in a child process, for the HTTP benchmark.
 * (bench/support/server-process.ts starts the lead's app as configured; this one mounts the results part itself until
 * the lead lists it in the registries, then it is the same server.)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PORT = '8733';

export async function startResultsServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'kotak-bench-server-'));
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, KOTAK_RESULTS_BENCH_CHILD: '1', KOTAK_DATA_DIR: dir, KOTAK_PORT: PORT, KOTAK_BASE_URL: `http://127.0.0.1:${PORT}` },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`results server exited with ${code}`)));
    child.stdout!.on('data', (b: Buffer) => {
      if (b.toString().includes('READY')) resolve();
    });
  });
  return {
    url: `http://127.0.0.1:${PORT}`,
    stop: async () => {
      child.removeAllListeners('exit');
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

if (process.env.KOTAK_RESULTS_BENCH_CHILD === '1') {
  const { loadConfig } = await import('../src/config.js');
  const { createApp } = await import('../src/app.js');
  const { buildServer } = await import('../src/http/server.js');
  const { registerActions } = await import('../src/actions/registry.js');
  const { RESULTS_ACTIONS } = await import('../src/actions/results.js');
  const { ROUTE_PLUGINS } = await import('../src/http/plugins.js');
  const { v1ResultsRoutes } = await import('../src/http/v1/results.js');
  const { loadDemoResults } = await import('../src/actions/results-demo.js');
  const { SYSTEM_ACTOR } = await import('../src/actions/auth.js');
  registerActions(RESULTS_ACTIONS);
  const quiet = { info() {}, warn() {}, error: (o: unknown, m?: string) => console.error(m, o) };
  const app = await createApp(loadConfig(process.env), { logger: quiet });
  await loadDemoResults(app.context(SYSTEM_ACTOR, 'system'));
  const server = await buildServer(app);
  if (!ROUTE_PLUGINS.some((p) => p.register === v1ResultsRoutes)) await server.register(v1ResultsRoutes, { app, prefix: '/api/v1' });
  await server.listen({ port: Number(process.env.KOTAK_PORT), host: '127.0.0.1' });
  process.stdout.write('READY\n');
  process.on('SIGTERM', async () => {
    await server.close();
    await app.close();
    process.exit(0);
  });
}
