import type { FastifyInstance } from 'fastify';
import { invoke } from '../../../actions/invoke.js';
import { getAction } from '../../../actions/registry.js';
import type { ActionContext } from '../../../actions/types.js';
import { KotakError, isKotakError } from '../../../errors.js';
import type { PageKit } from '../kit.js';
import { checkpointSummary, integrityPage, type CheckpointView, type IntegrityView, type LogEntryView } from '../views/integrity.js';
import type { HomeContributor } from './home.js';

/** The log's actions (src/integrity/actions.ts) are registered by the integrity part; without them there is no page. */
export function hasLog(): boolean {
  return getAction('log.checkpoint') !== undefined && getAction('log.entries') !== undefined;
}

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (isKotakError(e) && e.code === 'not_found') return null;
    throw e;
  }
}

/** The newest `n` entries (log.entries lists oldest first with the total count). */
export async function latestEntries(action: ActionContext, n: number): Promise<LogEntryView[]> {
  const head = await invoke<{ count: number }>(action, 'log.entries', { limit: 1, offset: 0 });
  if (head.count === 0) return [];
  const page = await invoke<{ entries: LogEntryView[] }>(action, 'log.entries', { limit: n, offset: Math.max(0, head.count - n) });
  return page.entries.reverse();
}

/** /integritas: log size, latest checkpoint, public key, latest entries, and verify a file (island or SHA-256 form). */
export function integrityRoutes(server: FastifyInstance, kit: PageKit): void {
  server.get('/integritas', async (req, reply) => {
    if (!hasLog()) throw KotakError.notFound('Page');
    const { page, action } = await kit.begin(req, reply);
    const [checkpoint, key, latest] = await Promise.all([
      orNull(invoke<CheckpointView>(action, 'log.checkpoint', {})),
      getAction('log.key') ? orNull(invoke<{ vkey: string }>(action, 'log.key', {})) : null,
      latestEntries(action, 10),
    ]);
    const view: IntegrityView = { checkpoint, vkey: key?.vkey ?? null, latest, baseUrl: kit.app.services.config.baseUrl };
    const sha = page.query.get('sha256')?.trim().toLowerCase();
    if (sha) {
      if (!/^[0-9a-f]{64}$/.test(sha)) view.lookup = { sha256: sha.slice(0, 80), invalid: true };
      else {
        const proof = await orNull(invoke<{ entry: LogEntryView; other_indexes: number[] }>(action, 'log.proof', { sha256: sha }));
        view.lookup = { sha256: sha, entry: proof?.entry, others: proof?.other_indexes };
      }
    }
    return kit.send(reply, integrityPage(page, view));
  });
}

/** The home page's log figure and checkpoint. */
export const integrityHome: HomeContributor = async (_kit, { page, action }) => {
  if (!hasLog()) return null;
  const checkpoint = await orNull(invoke<CheckpointView>(action, 'log.checkpoint', {}));
  if (!checkpoint) return null;
  const [last] = await latestEntries(action, 1);
  return {
    figures: [{ value: checkpoint.size, label: page.t('home.fig.logSize'), href: '/integritas' }],
    checkpoint: checkpointSummary(page, checkpoint, last),
  };
};
