/**
 * The SQL hash store's fast read path (one prepared SQLite statement per tile row, src/integrity/sql-hash-store.ts):
 * it gives the same hashes as the Kysely path, and while a transaction on the connection is open it does not read that
 * transaction's uncommitted rows (it waits, through Kysely, for the commit).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leafHash } from '../../src/integrity/rfc6962.js';
import { RowCache, SqlHashStore } from '../../src/integrity/sql-hash-store.js';
import { MerkleTree, proveInclusion } from '../../src/integrity/tree.js';
import { openDatabase, type Database } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrations/index.js';

const leaves = (from: number, n: number) => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`entry ${from + i}`)));

describe('SqlHashStore on SQLite', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase(`sqlite:${join(mkdtempSync(join(tmpdir(), 'kotak-hash-store-')), 'k.db')}`);
    await migrate(database);
    await database.db.transaction().execute(async (trx) => {
      const tree = await MerkleTree.open(new SqlHashStore(trx), 0);
      await tree.append(leaves(0, 70_000));
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  it('reads the same proofs through the prepared statement as through Kysely', async () => {
    const fast = new SqlHashStore(database.db, new RowCache(), database.sqlite);
    const slow = new SqlHashStore(database.db, new RowCache());
    for (const i of [0, 255, 256, 65_535, 65_536, 69_999]) {
      expect(await proveInclusion(fast, i, 70_000)).toEqual(await proveInclusion(slow, i, 70_000));
    }
  });

  it('does not read rows of a transaction still open on the connection', async () => {
    let release!: () => void;
    let appended!: () => void;
    const wrote = new Promise<void>((r) => (appended = r));
    const tx = database.db.transaction().execute(async (trx) => {
      const tree = await MerkleTree.open(new SqlHashStore(trx), 70_000);
      await tree.append(leaves(70_000, 256));
      appended();
      await new Promise<void>((r) => (release = r));
    });
    await wrote;
    expect(database.sqlite!.inTransaction).toBe(true);
    // Row (0, 273) holds leaves 69,888 … 70,143: the open transaction completed its last 144 hashes.
    let done = false;
    const read = new SqlHashStore(database.db, new RowCache(), database.sqlite)
      .tileBody(0, 273, 256)
      .then((body) => {
        done = true;
        return body;
      });
    await new Promise((r) => setTimeout(r, 50));
    expect(done).toBe(false); // waiting for the connection, not reading the uncommitted row
    release();
    await tx;
    expect(await read).not.toBeNull();
  });
});
