/**
 * Runs the portal in a child process for HTTP benchmarks: `tsx bench/support/server-process.ts` with the data dir and
 * port in the environment; prints READY when listening.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config.js';
import { createApp } from '../../src/app.js';
import { buildServer } from '../../src/http/server.js';

const quiet = { info: () => {}, warn: () => {}, error: (o: unknown, m?: string) => console.error(m, o) };

export async function startServerProcess(env: Record<string, string>): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const file = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, ['--import', 'tsx', file], { env: { ...process.env, ...env, KOTAK_BENCH_CHILD: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
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

if (process.env.KOTAK_BENCH_CHILD === '1') {
  const config = loadConfig(process.env);
  const app = await createApp(config, { logger: quiet });
  const server = await buildServer(app);
  await server.listen({ port: config.port, host: '127.0.0.1' });
  process.stdout.write('READY\n');
  process.on('SIGTERM', async () => {
    await server.close();
    await app.close();
    process.exit(0);
  });
}
