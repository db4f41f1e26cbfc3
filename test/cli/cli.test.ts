/** The `kotak` command: help on every command, and user/token/seed against a real data dir. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'kotak-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function kotak(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/kotak.js', ...args], {
    env: { ...process.env, KOTAK_DATA_DIR: dataDir, KOTAK_DEMO_RESULTS: 'false' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('kotak CLI', () => {
  it('prints help for each command', () => {
    for (const cmd of [[], ['serve'], ['user', 'create'], ['token', 'create'], ['seed']]) {
      const r = kotak(...cmd, '--help');
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.out).toContain('Usage: kotak');
    }
  });

  it('seeds, creates a sysadmin and prints a working token', () => {
    expect(kotak('seed').out).toContain('Seeded');
    expect(kotak('seed').out).toContain('nothing to seed');
    const u = kotak('user', 'create', 'admin', '--sysadmin', '--password', 'rahasia-panjang');
    expect(u.code).toBe(0);
    expect(u.out).toContain('Created user admin');
    const t = kotak('token', 'create', 'admin', '--label', 'uji');
    expect(t.code).toBe(0);
    expect(t.out.trim()).toMatch(/^kotak_[A-Za-z0-9_-]{40,}$/);
  });

  it('explains a validation error and exits non-zero', () => {
    const r = kotak('user', 'create', 'Nama Salah');
    expect(r.code).toBe(1);
    expect(r.err).toContain('name:');
  });

  it('stops with the variable named when the configuration is invalid', () => {
    const r = spawnSync(process.execPath, ['bin/kotak.js', 'seed'], { env: { ...process.env, KOTAK_DATA_DIR: dataDir, KOTAK_PORT: 'delapan' }, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('KOTAK_PORT');
  });
});
