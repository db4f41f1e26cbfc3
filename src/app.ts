/**
 * Assembles the long-lived services (database, blob store, publication log) from the configuration, migrates, and
 * seeds an empty portal. HTTP (src/http/server.ts) and the CLI (src/cli/) both start from here.
 *
 * @example
 *   const app = await createApp(loadConfig());
 *   const server = await buildServer(app);
 */
import { treeFileWrites } from './store/results/tps-trees.js';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Config } from './config.js';
import { openDatabase } from './store/db.js';
import { migrate } from './store/migrations/index.js';
import { FileBlobStore } from './store/blob/files.js';
import type { ActionContext, Actor, Channel, Logger, PublicationLog, Services } from './actions/types.js';
import { SYSTEM_ACTOR } from './actions/auth.js';
import { createPublicationLog } from './integrity/service.js';
import { seedIfEmpty } from './seed.js';
import { randomUUID } from 'node:crypto';
import { registerAllActions } from './actions/all.js';
import { maturityRuntime } from './actions/maturity-run.js';

export interface App {
  readonly services: Services;
  /** A context for an actor on a channel (pages, CLI, tests); HTTP builds its own per request. */
  context(actor: Actor | null, channel: Channel): ActionContext;
  close(): Promise<void>;
}

const consoleLogger: Logger = {
  info: (o, m) => console.log(m ?? '', typeof o === 'string' ? o : JSON.stringify(o)),
  warn: (o, m) => console.warn(m ?? '', typeof o === 'string' ? o : JSON.stringify(o)),
  error: (o, m) => console.error(m ?? '', typeof o === 'string' ? o : JSON.stringify(o)),
};

export interface CreateAppOptions {
  logger?: Logger;
  now?: () => Date;
  /** Skip seeding even when config.seed is on (tests that build their own catalogue). */
  seed?: boolean;
}

export async function createApp(config: Config, opts: CreateAppOptions = {}): Promise<App> {
  registerAllActions();
  maturityRuntime(); // a maturity configuration that does not match the indicators stops start-up
  mkdirSync(config.dataDir, { recursive: true });
  const database = await openDatabase(config.databaseUrl);
  try {
    await migrate(database);
  } catch (e) {
    await database.close();
    throw e;
  }
  const blobs = new FileBlobStore(join(config.dataDir, 'blobs'));
  const logger = opts.logger ?? consoleLogger;
  let log: PublicationLog;
  try {
    log = await createPublicationLog({ config, database, logger });
  } catch (e) {
    await database.close();
    throw e;
  }
  const services: Services = { config, database, blobs, log, logger, now: opts.now ?? (() => new Date()) };
  const app: App = {
    services,
    context: (actor, channel) => ({ services, actor, channel, requestId: randomUUID() }),
    close: async () => {
      // Tree files are written after their import committed (store/results/tps-trees.ts); let them land first.
      await treeFileWrites();
      await database.close();
    },
  };
  if (config.seed && opts.seed !== false) await seedIfEmpty(app.context(SYSTEM_ACTOR, 'system'));
  return app;
}
