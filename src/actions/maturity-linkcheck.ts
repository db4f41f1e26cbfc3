/**
 * linkcheck.run: an administrator checks every resource address and records the answer on the resource
 * (`Resource.linkStatus`). The MQA accessibility indicators and the five-star broken-link rule read it.
 *
 * A 2xx or 3xx answer is "ok" (MQA: access URL answers 2xx/3xx). HEAD first; servers that refuse HEAD (405, 501) get a
 * GET whose body is not read. Files the portal holds are checked in the blob store, not over HTTP.
 */
import { Type } from '@sinclair/typebox';
import { sysadminOnly } from './policies.js';
import { defineAction, type ActionContext } from './types.js';
import { officeByRef } from './maturity-run.js';

export interface LinkStatus {
  ok: boolean;
  httpStatus: number | null;
  checkedAt: string;
}

/** Ask one address; never throws. */
export async function checkUrl(url: string, timeoutMs: number, now: () => Date): Promise<LinkStatus> {
  const checkedAt = () => now().toISOString();
  if (!/^https?:\/\//i.test(url)) return { ok: false, httpStatus: null, checkedAt: checkedAt() };
  const ask = async (method: 'HEAD' | 'GET') => {
    const res = await fetch(url, { method, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs), headers: { 'user-agent': 'Kotak-linkcheck/1' } });
    await res.body?.cancel().catch(() => {});
    return res.status;
  };
  try {
    let status = await ask('HEAD');
    if (status === 405 || status === 501) status = await ask('GET');
    return { ok: status >= 200 && status < 400, httpStatus: status, checkedAt: checkedAt() };
  } catch {
    return { ok: false, httpStatus: null, checkedAt: checkedAt() };
  }
}

async function pool<T>(items: readonly T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(workers);
}

export interface LinkCheckSummary {
  checked: number;
  ok: number;
  broken: number;
  broken_resources: Array<{ dataset: string; resource: string; url: string; httpStatus: number | null }>;
}

export const linkcheckRun = defineAction({
  name: 'linkcheck.run',
  summary: 'Check the address of every resource (of one office or dataset, or all) and record whether it answers; system administrators only.',
  input: Type.Object({
    organization: Type.Optional(Type.String({ minLength: 1 })),
    dataset: Type.Optional(Type.String({ minLength: 1 })),
    timeout_ms: Type.Integer({ minimum: 100, maximum: 60000, default: 10000 }),
    concurrency: Type.Integer({ minimum: 1, maximum: 32, default: 8 }),
  }),
  readOnly: false,
  policy: sysadminOnly,
  async run(ctx: ActionContext, input): Promise<LinkCheckSummary> {
    const db = ctx.services.database.db;
    let q = db
      .selectFrom('resources as r')
      .innerJoin('datasets as d', 'd.id', 'r.dataset_id')
      .select(['r.id', 'r.url', 'r.url_type', 'r.sha256', 'd.name'])
      .where('d.state', '=', 'active');
    if (input.organization) q = q.where('d.organization_id', '=', (await officeByRef(ctx, input.organization)).id);
    if (input.dataset) q = q.where((eb) => eb.or([eb('d.id', '=', input.dataset!), eb('d.name', '=', input.dataset!)]));
    const rows = await q.orderBy('d.name').orderBy('r.position').execute();
    const summary: LinkCheckSummary = { checked: 0, ok: 0, broken: 0, broken_resources: [] };
    await pool(rows, input.concurrency, async (r) => {
      const status: LinkStatus =
        r.url_type === 'upload' && r.sha256
          ? { ok: await ctx.services.blobs.has(r.sha256), httpStatus: null, checkedAt: ctx.services.now().toISOString() }
          : await checkUrl(r.url, input.timeout_ms, ctx.services.now);
      await db.updateTable('resources').set({ link_status: JSON.stringify(status) }).where('id', '=', r.id).execute();
      summary.checked++;
      if (status.ok) summary.ok++;
      else {
        summary.broken++;
        summary.broken_resources.push({ dataset: r.name, resource: r.id, url: r.url, httpStatus: status.httpStatus });
      }
    });
    return summary;
  },
});
