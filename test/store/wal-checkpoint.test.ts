import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/db.js';
import type { CheckpointResult } from '../../src/store/wal-checkpoint.js';

const dirs: string[] = [];
const opened: Database[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function sqliteDb(): Promise<{ database: Database; file: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'kotak-wal-'));
  dirs.push(dir);
  const file = join(dir, 'k.db');
  const database = await openDatabase(`sqlite:${file}`);
  opened.push(database);
  database.sqlite!.exec('CREATE TABLE t (x BLOB)');
  return { database, file };
}

const autocheckpoint = (d: Database) => d.sqlite!.pragma('wal_autocheckpoint', { simple: true });

describe('WAL checkpoints of large writes (src/store/wal-checkpoint.ts)', () => {
  it('turns automatic checkpoints off during the write and checkpoints the whole WAL on a worker afterwards', async () => {
    const { database, file } = await sqliteDb();
    const insert = database.sqlite!.prepare('INSERT INTO t VALUES (?)');
    const during = await database.deferCheckpoints(async () => {
      const tx = database.sqlite!.transaction(() => {
        for (let i = 0; i < 2000; i++) insert.run(Buffer.alloc(8000, i % 256));
      });
      tx();
      return autocheckpoint(database);
    });
    expect(during).toBe(0);
    expect(autocheckpoint(database)).toBe(1000);
    // Nothing was copied into the database file at commit: the ~16 MB are in the WAL, well past 1,000 pages.
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(1000 * 4096);
    const r = (await database.checkpointsIdle()) as CheckpointResult;
    expect(r.on).toBe('worker');
    expect(r.busy).toBe(0);
    expect(r.log).toBeGreaterThan(1000);
    expect(r.checkpointed).toBe(r.log);
    expect(statSync(file).size).toBeGreaterThan(2000 * 8000);
  });

  it('restores automatic checkpoints when the write fails, and overlapping writes share one deferral', async () => {
    const { database } = await sqliteDb();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = database.deferCheckpoints(() => gate.then(() => autocheckpoint(database)));
    await expect(database.deferCheckpoints(() => Promise.reject(new Error('bad row')))).rejects.toThrow('bad row');
    expect(autocheckpoint(database)).toBe(0); // the first write is still running
    release();
    expect(await first).toBe(0);
    expect(autocheckpoint(database)).toBe(1000);
  });
});
