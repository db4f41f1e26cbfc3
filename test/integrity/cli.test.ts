/**
 * The CLI commands end to end against a portal listening on a real port: `kotak verify` offline and with --portal,
 * `kotak monitor` across growth and a rewrite (non-zero exit, evidence), `kotak witness` keygen/cosign/submit, and
 * `kotak audit`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { invoke } from '../../src/actions/invoke.js';
import { registerAudit } from '../../src/cli/audit.js';
import { registerMonitor } from '../../src/cli/monitor.js';
import { registerVerify } from '../../src/cli/verify.js';
import { registerWitness } from '../../src/cli/witness.js';
import { logReader } from '../../src/integrity/reader.js';
import { signerFromKey } from '../../src/integrity/signed-note.js';
import type { TestApp } from '../support/app.js';
import { createLogApp, logOf } from './app-helpers.js';
import { sha256hex } from './helpers.js';

async function kotak(...args: string[]): Promise<{ out: string; code: number }> {
  const program = new Command('kotak').exitOverride();
  registerVerify(program);
  registerMonitor(program);
  registerWitness(program);
  registerAudit(program);
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'kotak', ...args]);
  } finally {
    spy.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out: lines.join('\n'), code };
}

describe('kotak verify, monitor, witness and audit', () => {
  let t: TestApp;
  let url: string;
  let dir: string;
  let vkeyFile: string;
  // Logged by the RFC 8785 form of the JSON (keys sorted), as the results part logs a TPS result.
  const content = Buffer.from('{"suara":{"01":120,"02":98},"tps":"3601012001001"}');

  beforeAll(async () => {
    t = await createLogApp('sqlite');
    await t.app.services.database.db.transaction().execute((trx) =>
      logOf(t).append(trx, { kind: 'results-import', subject: 'tps:3601012001001', organization: 'kpu-banten', sha256: sha256hex(content), hashOf: 'jcs' } as never),
    );
    await logOf(t).afterCommit();
    url = await t.server.listen({ port: 0, host: '127.0.0.1' });
    dir = mkdtempSync(join(tmpdir(), 'kotak-cli-'));
    vkeyFile = join(dir, 'log.vkey');
    writeFileSync(vkeyFile, (await (await fetch(`${url}/log/key`)).text()));
    writeFileSync(join(dir, 'tps.json'), JSON.stringify(JSON.parse(content.toString()), null, 2));
    writeFileSync(join(dir, 'tps.tlog-proof'), await (await fetch(`${url}/api/v1/log/receipt?sha256=${sha256hex(content)}`)).text());
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => logReader(t.app.services.database).invalidate());

  it('verify: offline with a receipt and the key, in Indonesian and English', async () => {
    const r = await kotak('verify', join(dir, 'tps.json'), '--receipt', join(dir, 'tps.tlog-proof'), '--key', vkeyFile);
    expect(r.out).toMatch(/^OK/);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^OK: .*tps\.json\n  Terverifikasi/);
    expect(r.out).toContain('results-import tps:3601012001001 (kpu-banten)');
    writeFileSync(join(dir, 'bad.json'), '{"tps":"3601012001001","suara":{"01":121,"02":98}}');
    const bad = await kotak('verify', join(dir, 'bad.json'), '--receipt', join(dir, 'tps.tlog-proof'), '--key', vkeyFile);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/GAGAL \/ FAILED[\s\S]*Isi berkas berbeda[\s\S]*differs from what was published/);
  });

  it('verify: online with --portal, warning when the key comes from the portal itself', async () => {
    const pinned = await kotak('verify', join(dir, 'tps.json'), '--portal', url, '--key', vkeyFile);
    expect(pinned).toMatchObject({ code: 0 });
    expect(pinned.out).not.toContain('WARNING');
    const tofu = await kotak('verify', join(dir, 'tps.json'), '--portal', url);
    expect(tofu.code).toBe(0);
    expect(tofu.out).toContain('PERINGATAN / WARNING');
    const unknown = await kotak('verify', vkeyFile, '--portal', url, '--json');
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.out)).toMatchObject({ ok: false, code: 'not-logged' });
  });

  it('monitor: first run, growth, then a rewrite reported with evidence and exit status 1', async () => {
    const state = join(dir, 'monitor');
    expect((await kotak('monitor', url, '--state', state, '--key', vkeyFile)).out).toMatch(/^OK \(first\)/);
    await t.app.services.database.db.transaction().execute((trx) =>
      logOf(t).appendMany(trx, Array.from({ length: 300 }, (_, i) => ({ kind: 'results-import', subject: `tps:3601012001${String(i).padStart(3, '0')}`, organization: 'kpu-banten', sha256: sha256hex(`x${i}`) }))),
    );
    await logOf(t).afterCommit();
    logReader(t.app.services.database).invalidate();
    expect((await kotak('monitor', url, '--state', state, '--incremental')).out).toMatch(/^OK \(grew\): grew from 2 to 302 entries, consistent/);
    // Same size, different history: an insider changes one stored entry and its hashes and re-signs.
    const db = t.app.services.database.db;
    await db.deleteFrom('log_checkpoints').execute();
    await db.updateTable('log_entries').set({ entry: '{}' }).where('idx', '=', 5).execute();
    await logOf(t).afterCommit();
    logReader(t.app.services.database).clearCaches(); // as after a restart
    const r = await kotak('monitor', url, '--state', state);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/MASALAH \/ PROBLEM \(entries-mismatch\)/);
    expect(r.out).toMatch(/bukti \/ evidence: .*evidence-/);
    const audit = await withEnv({ KOTAK_DATA_DIR: t.dataDir, KOTAK_BASE_URL: 'http://kotak.test', KOTAK_SEED: 'false', KOTAK_DEMO_RESULTS: 'false' }, () => kotak('audit'));
    expect(audit.code).toBe(1);
    expect(audit.out).toMatch(/entry-altered: entry 5/);
  });

  it('witness: keygen, cosign a verified checkpoint, submit it, and the portal serves the cosignature', async () => {
    const wdir = mkdtempSync(join(tmpdir(), 'kotak-witness-'));
    const fresh = await createLogApp('sqlite');
    try {
      const wurl = await fresh.server.listen({ port: 0, host: '127.0.0.1' });
      const keyFile = join(wdir, 'witness.key');
      const k = await kotak('witness', 'keygen', 'bawaslu.test/saksi', '--out', keyFile);
      expect(k.out).toMatch(/^bawaslu\.test\/saksi\+[0-9a-f]{8}\+B/);
      await invoke(fresh.system, 'log.witnessTrust', { vkey: k.out.trim() });
      const r = await kotak('witness', 'cosign', wurl, '--key', keyFile, '--state', join(wdir, 'state'), '--submit');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/co-signed by bawaslu\.test\/saksi; the portal accepted it/);
      logReader(fresh.app.services.database).invalidate();
      const served = await (await fetch(`${wurl}/log/checkpoint`)).text();
      expect(served).toContain('— bawaslu.test/saksi ');
      expect(signerFromKey(readFileSync(keyFile, 'utf8')).verifierKey).toBe(k.out.trim());
    } finally {
      await fresh.close();
      rmSync(wdir, { recursive: true, force: true });
    }
  });
});

async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
