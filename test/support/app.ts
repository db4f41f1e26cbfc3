/**
 * Test apps on both databases. SQLite: a fresh file in a temp dir. PostgreSQL: a fresh database on the local server
 * (KOTAK_TEST_PG_URL, default postgres://postgres@127.0.0.1:5432/test) created here and dropped after. When PostgreSQL
 * is down the tests fail with a message saying so — they never skip.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config.js';
import { createApp, type App } from '../../src/app.js';
import { buildServer } from '../../src/http/server.js';
import { SYSTEM_ACTOR } from '../../src/actions/auth.js';
import type { ActionContext, Actor } from '../../src/actions/types.js';
import type { Dialect } from '../../src/store/db.js';

export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];
export const PG_ADMIN_URL = process.env.KOTAK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const silent = { info: () => {}, warn: () => {}, error: (o: unknown, m?: string) => console.error(m, o) };

/** Creates an empty PostgreSQL database and returns its URL and a function that drops it. */
export async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `kotak_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(
      `PostgreSQL is required by the test suite and is not reachable at ${PG_ADMIN_URL} (${(e as Error).message}). ` +
        `Start it (e.g. pg_ctlcluster 15 main start) or set KOTAK_TEST_PG_URL. Tests do not skip.`,
    );
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestApp {
  app: App;
  server: FastifyInstance;
  config: Config;
  dataDir: string;
  system: ActionContext;
  as(actor: Actor | null): ActionContext;
  close(): Promise<void>;
}

export interface TestAppOptions {
  seed?: boolean;
  config?: Partial<Config>;
  now?: () => Date;
  logger?: { info(...a: unknown[]): void; warn(...a: unknown[]): void; error(...a: unknown[]): void };
  /** Build the HTTP server too (default true). */
  http?: boolean;
}

export async function createTestApp(dialect: Dialect, opts: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kotak-test-'));
  let databaseUrl = `sqlite:${join(dataDir, 'kotak.db')}`;
  let drop = async () => {};
  if (dialect === 'postgres') {
    const pgdb = await createPgDatabase();
    databaseUrl = pgdb.url;
    drop = pgdb.drop;
  }
  const config = loadConfig(
    { KOTAK_DATA_DIR: dataDir, KOTAK_PORT: '8080', KOTAK_BASE_URL: 'http://kotak.test' },
    { databaseUrl, seed: opts.seed ?? false, loadDemoResults: false, ...opts.config },
  );
  const app = await createApp(config, { logger: opts.logger ?? silent, now: opts.now });
  const server = opts.http === false ? (null as unknown as FastifyInstance) : await buildServer(app);
  return {
    app,
    server,
    config,
    dataDir,
    system: app.context(SYSTEM_ACTOR, 'test'),
    as: (actor) => app.context(actor, 'test'),
    async close() {
      if (server) await server.close();
      await app.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
