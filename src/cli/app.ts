/** Opens the app for a CLI command from the environment's configuration, acting as the system actor. */
import { loadConfig } from '../config.js';
import { createApp, type App } from '../app.js';
import { SYSTEM_ACTOR } from '../actions/auth.js';
import type { ActionContext } from '../actions/types.js';

const quiet = { info: () => {}, warn: (o: unknown, m?: string) => console.warn(m ?? '', o), error: (o: unknown, m?: string) => console.error(m ?? '', o) };

export async function withCliApp<T>(fn: (ctx: ActionContext, app: App) => Promise<T>, opts: { seed?: boolean } = {}): Promise<T> {
  const app = await createApp(loadConfig(), { logger: quiet, seed: opts.seed ?? false });
  try {
    return await fn(app.context(SYSTEM_ACTOR, 'cli'), app);
  } finally {
    await app.close();
  }
}
