/** `kotak maturity [ORG]` against a portal seeded with the demo catalogue (SQLite; the actions run on both databases elsewhere). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Command } from 'commander';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { SYSTEM_ACTOR } from '../../src/actions/auth.js';
import { registerActions } from '../../src/actions/registry.js';
import { MATURITY_ACTIONS } from '../../src/actions/maturity-actions.js';
import { seedMaturityDemo } from '../../src/actions/maturity-demo.js';
import { registerMaturity } from '../../src/cli/maturity.js';

const dir = mkdtempSync(join(tmpdir(), 'kotak-cli-maturity-'));
const env = { KOTAK_DATA_DIR: dir, KOTAK_DEMO_RESULTS: 'false', KOTAK_BASE_URL: 'http://kotak.test' };

async function kotak(...args: string[]): Promise<string> {
  const program = new Command('kotak').exitOverride();
  registerMaturity(program);
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (lines.push(String(s)), true));
  try {
    await program.parseAsync(['node', 'kotak', ...args]);
  } finally {
    log.mockRestore();
    write.mockRestore();
  }
  return lines.join('\n');
}

describe('kotak maturity', () => {
  beforeAll(async () => {
    Object.assign(process.env, env);
    registerActions(MATURITY_ACTIONS);
    const app = await createApp(loadConfig(env, { seed: true }), { logger: { info() {}, warn() {}, error: console.error } });
    await seedMaturityDemo(app.context(SYSTEM_ACTOR, 'system'), '2025');
    await app.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('compares all offices, one line each', async () => {
    const out = await kotak('maturity', '--round', '2025');
    expect(out.split('\n')[0]).toMatch(/^office\s+level\s+score/);
    expect(out.split('\n').filter((l) => l.startsWith('kpu-'))).toHaveLength(9);
  });

  it('shows one office with its level, dimensions and recommendations, assessing first with --assess', async () => {
    const out = await kotak('maturity', 'kpu-kabupaten-lebak', '--round', '2025', '--assess');
    expect(out).toContain('published');
    expect(out).toMatch(/Level 2 Terkelola \/ Repeatable/);
    expect(out).toContain('capped: Machine-readable data, not only documents');
    expect(out).toMatch(/recommendations \(overall points gained\):\n\s+\+/);
  });

  it('prints the indicators of an office as CSV', async () => {
    const out = await kotak('maturity', 'kpu-kota-serang', '--round', '2025', '--csv');
    expect(out.split('\r\n')[0]).toBe('indicator,dimension,kind,sources,weight,value,points,items,items_met,title_id,title_en');
  });
});
