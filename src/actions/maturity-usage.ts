/**
 * Usage counting (issue 5 §2): downloads and API calls per dataset, kept in memory and added to the per-day counters
 * in one transaction every few seconds, so counting never slows a request. Only the dataset and the day are kept —
 * no address, user or agent — so nothing personal is stored.
 *
 * @example
 *   usageCounter(ctx.services).record({ dataset: 'hasil-ppwp-2024' }, 'download');
 *   await usageCounter(ctx.services).flush();
 */
import type { Services } from './types.js';
import { addUsage, type UsageDelta } from './maturity-store.js';

export type UsageKind = 'download' | 'api';

/** A dataset named by id or name, or a resource id (DataStore calls name resources). */
export type UsageRef = { dataset: string } | { resource: string };

export class UsageCounter {
  private pending = new Map<string, { ref: UsageRef; day: string; downloads: number; apiCalls: number }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly services: Services, private readonly flushMs = 5000) {}

  record(ref: UsageRef, kind: UsageKind): void {
    const day = this.services.now().toISOString().slice(0, 10);
    const key = `${'dataset' in ref ? `d:${ref.dataset}` : `r:${ref.resource}`}|${day}`;
    const p = this.pending.get(key) ?? { ref, day, downloads: 0, apiCalls: 0 };
    if (kind === 'download') p.downloads++;
    else p.apiCalls++;
    this.pending.set(key, p);
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush().catch((e) => this.services.logger.error({ err: String(e) }, 'usage flush failed')), this.flushMs);
      this.timer.unref();
    }
  }

  /** Write what was counted; references that no longer resolve to a dataset are dropped. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    const db = this.services.database.db;
    const refs = [...new Set(batch.map((b) => ('dataset' in b.ref ? b.ref.dataset : '')).filter(Boolean))];
    const resIds = [...new Set(batch.map((b) => ('resource' in b.ref ? b.ref.resource : '')).filter(Boolean))];
    const byRef = new Map<string, string>();
    if (refs.length) {
      const rows = await db.selectFrom('datasets').select(['id', 'name']).where((eb) => eb.or([eb('id', 'in', refs), eb('name', 'in', refs)])).execute();
      for (const r of rows) byRef.set(r.id, r.id).set(r.name, r.id);
    }
    const byRes = new Map<string, string>();
    if (resIds.length) {
      const rows = await db.selectFrom('resources').select(['id', 'dataset_id']).where('id', 'in', resIds).execute();
      for (const r of rows) byRes.set(r.id, r.dataset_id);
    }
    const merged = new Map<string, UsageDelta>();
    for (const b of batch) {
      const datasetId = 'dataset' in b.ref ? byRef.get(b.ref.dataset) : byRes.get(b.ref.resource);
      if (!datasetId) continue;
      const key = `${datasetId}|${b.day}`;
      const m = merged.get(key) ?? { datasetId, day: b.day, downloads: 0, apiCalls: 0 };
      m.downloads += b.downloads;
      m.apiCalls += b.apiCalls;
      merged.set(key, m);
    }
    if (merged.size) await db.transaction().execute((trx) => addUsage(trx, [...merged.values()]));
  }
}

const counters = new WeakMap<Services, UsageCounter>();

/** The one counter of an app's services. */
export function usageCounter(services: Services): UsageCounter {
  let c = counters.get(services);
  if (!c) counters.set(services, (c = new UsageCounter(services)));
  return c;
}
