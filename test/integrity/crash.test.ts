/**
 * Crash consistency (issue 4 acceptance): a process killed with SIGKILL in the middle of a publication leaves the
 * data and the log both-or-neither after restart, on both databases; a commit whose checkpoint was never signed gets
 * it on the next start.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { invoke } from '../../src/actions/invoke.js';
import { SYSTEM_ACTOR } from '../../src/actions/auth.js';
import { registerActions } from '../../src/actions/registry.js';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { LOG_ACTIONS } from '../../src/integrity/actions.js';
import type { AuditReport } from '../../src/integrity/audit.js';
import { verifyContent } from '../../src/integrity/verify.js';
import { findDataset } from '../../src/store/catalog/datasets.js';
import { seedReferenceData } from '../../src/seed.js';
import { createPgDatabase, DIALECTS } from '../support/app.js';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

/** Runs the child until it prints `marker`, then kills it with SIGKILL. */
function runUntil(args: string[], marker: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // One process (tsx as a loader, not its CLI, which would run the script in a grandchild SIGKILL cannot reach).
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'crash-child.ts'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes(marker)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL' && out.includes(marker)) resolve();
      else reject(new Error(`child did not reach ${marker} (exit ${_code}, signal ${signal}): ${out} ${err}`));
    });
  });
}

describe.each(DIALECTS)('a publication killed with SIGKILL on %s', (dialect) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup() {
    registerActions(LOG_ACTIONS);
    const dataDir = mkdtempSync(join(tmpdir(), 'kotak-crash-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    let databaseUrl = `sqlite:${join(dataDir, 'kotak.db')}`;
    if (dialect === 'postgres') {
      const pg = await createPgDatabase();
      databaseUrl = pg.url;
      cleanups.push(pg.drop);
    }
    const config = loadConfig({ KOTAK_DATA_DIR: dataDir, KOTAK_BASE_URL: 'http://kotak.test' }, { databaseUrl, seed: false, loadDemoResults: false });
    const open = async (): Promise<App> => {
      const app = await createApp(config, { logger: silent });
      cleanups.push(() => app.close());
      return app;
    };
    const first = await open();
    await seedReferenceData(first.context(SYSTEM_ACTOR, 'system'));
    const org = await invoke<{ name: string }>(first.context(SYSTEM_ACTOR, 'system'), 'organization.create', { name: 'kpu-crash', title: 'KPU Crash' });
    await first.close();
    cleanups.pop();
    return { dataDir, databaseUrl, org: org.name, open };
  }

  async function state(app: App, name: string) {
    const db = app.services.database.db;
    const ds = await findDataset(db, name);
    const entries = ds ? await db.selectFrom('log_entries').select(['idx', 'entry']).where('subject', '=', `dataset:${ds.id}`).execute() : [];
    const head = Number((await db.selectFrom('log_head').select('size').executeTakeFirstOrThrow()).size);
    const count = Number((await db.selectFrom('log_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const cp = await invoke<{ size: number }>(app.context(SYSTEM_ACTOR, 'system'), 'log.checkpoint', {});
    const audit = await invoke<AuditReport>(app.context(SYSTEM_ACTOR, 'system'), 'log.audit', {});
    return { ds, entries, head, count, cp, audit };
  }

  it('inside the transaction, after the log entry was written: neither the dataset nor its entry exist', async () => {
    const s = await setup();
    await runUntil([s.dataDir, s.databaseUrl, 'in-transaction', s.org, 'ds-crash-a'], 'IN_TRANSACTION');
    const app = await s.open();
    const r = await state(app, 'ds-crash-a');
    expect(r.ds).toBeNull();
    expect(r.entries).toEqual([]);
    expect(r.head).toBe(r.count);
    expect(r.cp.size).toBe(r.head);
    expect(r.audit).toMatchObject({ ok: true, findings: [] });
    // The log continues normally after the crash.
    await invoke(app.context(SYSTEM_ACTOR, 'system'), 'dataset.create', { name: 'ds-crash-a', title: 'Again', owner_org: s.org, license_id: 'cc-by' });
    expect((await state(app, 'ds-crash-a')).entries).toHaveLength(1);
  });

  it('after the commit, before the checkpoint: both exist, and the restart signs the missing checkpoint', async () => {
    const s = await setup();
    await runUntil([s.dataDir, s.databaseUrl, 'before-checkpoint', s.org, 'ds-crash-b'], 'COMMITTED');
    const app = await s.open();
    const r = await state(app, 'ds-crash-b');
    expect(r.ds).not.toBeNull();
    expect(r.entries).toHaveLength(1);
    expect(r.cp.size).toBe(r.head);
    expect(r.audit).toMatchObject({ ok: true, findings: [] });
    const ctx = app.context(SYSTEM_ACTOR, 'system');
    const { text } = await invoke<{ text: string }>(ctx, 'log.receipt', { index: Number(r.entries[0]!.idx) });
    const { vkey } = await invoke<{ vkey: string }>(ctx, 'log.key', {});
    const v = verifyContent(Buffer.from('{}'), text, { log: vkey });
    expect(v.ok === false && v.code).toBe('content-mismatch'); // signature and inclusion verified; '{}' is not the dataset
  });
});
