/**
 * The tree's hashes in SQL (table `log_hashes`, both databases through Kysely), one row per C2SP tlog tile: row
 * (L, N) holds every complete-subtree hash of Merkle levels 8L … 8L+7 below that tile — 256 hashes of level 8L (the
 * tile body served at `tile/L/N`), 128 of level 8L+1, … 1 of level 8L+7 — at fixed offsets, zero bytes where a
 * subtree is not complete yet. So an append rewrites about one row, a proof in a tree of 16 million entries reads
 * three rows, and a tile request reads one.
 *
 * Rows whose subtrees are all complete never change again (the tree is append-only); readers outside a transaction
 * may keep them in a shared LRU cache. Inside a transaction rows are cached only for that store's lifetime, since a
 * rollback would make them wrong.
 */
import { AppendOnlyError, MissingHashError, type HashStore, type StoredHash } from './hash-store.js';
import { bytesEqual } from './encoding.js';
import { HASH_SIZE, type NodeId } from './rfc6962.js';
import { TILE_HEIGHT, TILE_WIDTH } from './tiles.js';
import type SQLite from 'better-sqlite3';
import type { Executor } from '../store/db.js';

/** Hashes per row: 256 + 128 + … + 1. */
export const ROW_HASHES = 2 * TILE_WIDTH - 1;
const ROW_BYTES = ROW_HASHES * HASH_SIZE;
/** OFFSET[s] = index in the row of the first hash of sub-level s. */
const OFFSET = Array.from({ length: TILE_HEIGHT }, (_, s) => {
  let o = 0;
  for (let t = 0; t < s; t++) o += TILE_WIDTH >> t;
  return o;
});

export interface RowRef {
  level: number;
  index: number;
}

/** Where a node's hash lives: tile row and byte offset. */
export function locate(id: NodeId): { row: RowRef; offset: number } {
  const L = Math.floor(id.level / TILE_HEIGHT);
  const s = id.level % TILE_HEIGHT;
  const per = TILE_WIDTH >> s; // hashes of sub-level s in one row
  return { row: { level: L, index: Math.floor(id.index / per) }, offset: (OFFSET[s]! + (id.index % per)) * HASH_SIZE };
}

const key = (r: RowRef) => `${r.level}/${r.index}`;
const isZero = (b: Uint8Array) => b.every((x) => x === 0);

/** A row whose last level-8L hash is present covers a complete 256^(L+1)-leaf subtree: it will never change. */
function isComplete(bytes: Uint8Array): boolean {
  return !isZero(bytes.subarray((TILE_WIDTH - 1) * HASH_SIZE, TILE_WIDTH * HASH_SIZE));
}

/** A small LRU of complete rows, shared by the readers of one database. */
export class RowCache {
  private map = new Map<string, Uint8Array>();
  constructor(private readonly max = 2048) {}
  get(k: string): Uint8Array | undefined {
    const v = this.map.get(k);
    if (v) {
      this.map.delete(k);
      this.map.set(k, v);
    }
    return v;
  }
  set(k: string, v: Uint8Array): void {
    this.map.delete(k);
    this.map.set(k, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
  clear(): void {
    this.map.clear();
  }
}

interface Row {
  bytes: Uint8Array;
  inDb: boolean;
}

/** One prepared row read per SQLite connection. */
const rowStatements = new WeakMap<SQLite.Database, SQLite.Statement>();
function rowStatement(raw: SQLite.Database): SQLite.Statement {
  let st = rowStatements.get(raw);
  if (!st) rowStatements.set(raw, (st = raw.prepare('SELECT hashes FROM log_hashes WHERE tile_level = ? AND tile_index = ?')));
  return st;
}

export class SqlHashStore implements HashStore {
  private rows = new Map<string, Row>();

  /**
   * @param db the database or the open transaction to read and write through
   * @param shared cache of complete rows; pass it only for reads outside a transaction
   * @param raw the SQLite connection under `db`, for reads outside a transaction (with `shared`): a row is then one
   *   prepared statement (~10 µs) rather than a query built, compiled and prepared by Kysely (~150 µs) — the most
   *   of an inclusion proof's time once the tree outgrows the row cache.
   */
  constructor(
    private readonly db: Executor,
    private readonly shared?: RowCache,
    private readonly raw?: SQLite.Database,
  ) {}

  private accept(level: number, index: number, hashes: Uint8Array): void {
    const bytes = new Uint8Array(hashes.buffer, hashes.byteOffset, hashes.byteLength);
    if (bytes.length !== ROW_BYTES) throw new Error(`log_hashes row ${level}/${index} has ${bytes.length} bytes, expected ${ROW_BYTES}`);
    const k = key({ level, index });
    this.rows.set(k, { bytes, inDb: true });
    if (this.shared && isComplete(bytes)) this.shared.set(k, bytes);
  }

  /** Loads the rows not yet known, in one query. */
  private async load(refs: readonly RowRef[]): Promise<void> {
    const missing = new Map<number, Set<number>>();
    for (const r of refs) {
      const k = key(r);
      if (this.rows.has(k)) continue;
      const cached = this.shared?.get(k);
      if (cached) {
        this.rows.set(k, { bytes: cached, inDb: true });
        continue;
      }
      let s = missing.get(r.level);
      if (!s) missing.set(r.level, (s = new Set()));
      s.add(r.index);
    }
    if (missing.size === 0) return;
    // Outside a transaction the raw connection reads committed rows only: better-sqlite3 runs the statement at once,
    // so no transaction can begin meanwhile. With one open (an append in progress on this connection, whose rows may
    // still roll back) the read goes through Kysely, which waits for the connection.
    if (this.raw && this.shared && !this.raw.inTransaction) {
      const st = rowStatement(this.raw);
      for (const [L, Ns] of missing) {
        for (const N of Ns) {
          const f = st.get(L, N) as { hashes: Uint8Array } | undefined;
          if (f) this.accept(L, N, f.hashes);
        }
      }
    } else {
      const found = await this.db
        .selectFrom('log_hashes')
        .select(['tile_level', 'tile_index', 'hashes'])
        .where((eb) => eb.or([...missing].map(([L, Ns]) => eb.and([eb('tile_level', '=', L), eb('tile_index', 'in', [...Ns])]))))
        .execute();
      for (const f of found) this.accept(Number(f.tile_level), Number(f.tile_index), f.hashes);
    }
    for (const [L, Ns] of missing) {
      for (const N of Ns) if (!this.rows.has(key({ level: L, index: N }))) this.rows.set(key({ level: L, index: N }), { bytes: new Uint8Array(ROW_BYTES), inDb: false });
    }
  }

  async get(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    const located = ids.map((id) => locate(id));
    await this.load(located.map((l) => l.row));
    return located.map(({ row, offset }, i) => {
      const h = this.rows.get(key(row))!.bytes.subarray(offset, offset + HASH_SIZE);
      if (isZero(h)) throw new MissingHashError(ids[i]!);
      return h;
    });
  }

  async put(nodes: readonly StoredHash[]): Promise<void> {
    const located = nodes.map((n) => ({ node: n, ...locate(n) }));
    await this.load(located.map((l) => l.row));
    const dirty = new Map<string, RowRef>();
    for (const { node, row, offset } of located) {
      if (node.hash.length !== HASH_SIZE) throw new AppendOnlyError(node, 'hash is not 32 bytes');
      const r = this.rows.get(key(row))!;
      const cur = r.bytes.subarray(offset, offset + HASH_SIZE);
      if (!isZero(cur)) {
        if (!bytesEqual(cur, node.hash)) throw new AppendOnlyError(node, 'a different hash is stored');
        continue;
      }
      if (this.shared) throw new Error('a store with a shared cache is read-only');
      cur.set(node.hash);
      dirty.set(key(row), row);
    }
    for (const [k, ref] of dirty) {
      const r = this.rows.get(k)!;
      const hashes = Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength);
      if (r.inDb) {
        await this.db.updateTable('log_hashes').set({ hashes }).where('tile_level', '=', ref.level).where('tile_index', '=', ref.index).execute();
      } else {
        await this.db.insertInto('log_hashes').values({ tile_level: ref.level, tile_index: ref.index, hashes }).execute();
        r.inDb = true;
      }
    }
  }

  /** The first `width` hashes of Merkle level 8L in tile row (L, N): the body of tile `tile/L/N[.p/W]`. */
  async tileBody(level: number, index: number, width: number): Promise<Uint8Array | null> {
    await this.load([{ level, index }]);
    const bytes = this.rows.get(key({ level, index }))!.bytes.subarray(0, width * HASH_SIZE);
    return isZero(bytes.subarray((width - 1) * HASH_SIZE)) ? null : bytes;
  }
}
