/**
 * The log key: generated once (0600) or supplied; a new key is announced in the log as a key-change entry naming the
 * previous one; receipts made under the old key stay verifiable with it; a key for another origin is refused.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { invoke } from '../../src/actions/invoke.js';
import { SYSTEM_ACTOR } from '../../src/actions/auth.js';
import { registerActions } from '../../src/actions/registry.js';
import { createApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { LOG_ACTIONS } from '../../src/integrity/actions.js';
import type { AuditReport } from '../../src/integrity/audit.js';
import { generateSignerKey } from '../../src/integrity/signed-note.js';
import { verifyContent } from '../../src/integrity/verify.js';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

describe('log keys', () => {
  const dirs: string[] = [];
  const apps: App[] = [];
  afterEach(async () => {
    for (const a of apps.splice(0)) await a.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  function config(over: Partial<Config> = {}, env: Record<string, string> = {}) {
    const dataDir = dirs[0] ?? mkdtempSync(join(tmpdir(), 'kotak-keys-'));
    if (!dirs.length) dirs.push(dataDir);
    return loadConfig({ KOTAK_DATA_DIR: dataDir, KOTAK_BASE_URL: 'http://kotak.test', ...env }, { seed: false, loadDemoResults: false, ...over });
  }
  const open = async (c: Config) => {
    registerActions(LOG_ACTIONS);
    const app = await createApp(c, { logger: silent });
    apps.push(app);
    return app;
  };
  const ctx = (a: App) => a.context(SYSTEM_ACTOR, 'system');

  it('announces a rotated key with the previous one, and old receipts still verify with the old key', async () => {
    const c = config();
    const a = await open(c);
    const { vkey: k1 } = await invoke<{ vkey: string }>(ctx(a), 'log.key', {});
    const old = await invoke<{ text: string }>(ctx(a), 'log.receipt', { index: 0 });
    await a.close();
    apps.pop();
    writeFileSync(join(c.dataDir, 'keys', 'log.key'), generateSignerKey('kotak.test/log'), { mode: 0o600 });
    const b = await open(c);
    const keys = await invoke<{ vkey: string; keys: { vkey: string }[] }>(ctx(b), 'log.key', {});
    expect(keys.vkey).not.toBe(k1);
    expect(keys.keys.map((k) => k.vkey)).toEqual([keys.vkey, k1]);
    const changes = await invoke<{ entries: { index: number; meta: Record<string, unknown> }[] }>(ctx(b), 'log.entries', { kind: 'key-change' });
    expect(changes.entries.map((e) => e.meta)).toEqual([
      { vkey: k1, previous: null },
      { vkey: keys.vkey, previous: k1 },
    ]);
    const keyEntry = Buffer.from(k1);
    expect(verifyContent(keyEntry, old.text, { log: k1 })).toMatchObject({ ok: true, entry: { kind: 'key-change' } });
    const fresh = await invoke<{ text: string }>(ctx(b), 'log.receipt', { index: 0 });
    expect(verifyContent(keyEntry, fresh.text, { log: keys.vkey }).ok).toBe(true);
    expect(verifyContent(keyEntry, fresh.text, { log: k1 })).toMatchObject({ ok: false, code: 'bad-signature' });
    expect(await invoke<AuditReport>(ctx(b), 'log.audit', {})).toMatchObject({ ok: true });
  });

  it('uses a key file supplied by the operator and generates none', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kotak-keys-'));
    dirs.push(dataDir);
    const file = join(dataDir, 'operator.key');
    writeFileSync(file, generateSignerKey('kotak.test/log'), { mode: 0o600 });
    const app = await open(config({}, { KOTAK_LOG_KEY_FILE: file }));
    expect((await invoke<{ keys: unknown[] }>(ctx(app), 'log.key', {})).keys).toHaveLength(1);
    expect(existsSync(join(dataDir, 'keys', 'log.key'))).toBe(false);
  });

  it('refuses to start with a key named for another origin', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kotak-keys-'));
    dirs.push(dataDir);
    const file = join(dataDir, 'other.key');
    writeFileSync(file, generateSignerKey('elsewhere.example/log'), { mode: 0o600 });
    await expect(open(config({}, { KOTAK_LOG_KEY_FILE: file }))).rejects.toThrow(/KOTAK_LOG_ORIGIN/);
  });
});
