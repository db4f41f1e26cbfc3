/**
 * Read side of the publication log: the latest signed checkpoint (with witness cosignatures), tlog tiles and entry
 * bundles, inclusion and consistency proofs, receipts and entry lookups. Everything is served relative to the latest
 * signed checkpoint, never the unsigned tree beyond it (C2SP tlog-tiles: partial tiles exist for checkpointed sizes).
 *
 * One reader per database keeps a cache of complete tile rows (they never change) and the latest checkpoint for a
 * second, so tile requests mostly touch memory.
 */
import { parseCheckpoint } from './checkpoint.js';
import { parseNote } from './note-format.js';
import { formatReceipt } from './receipt.js';
import { RowCache, SqlHashStore } from './sql-hash-store.js';
import { encodeEntryBundle, TILE_WIDTH, tileWidth } from './tiles.js';
import { proveConsistency, proveInclusion } from './tree.js';
import { KotakError } from '../errors.js';
import type { PublicationEntry } from './entry.js';
import type { Database } from '../store/db.js';

export interface CheckpointInfo {
  /** the signed note with the log signature and any witness cosignatures */
  note: string;
  origin: string;
  size: number;
  root: Uint8Array;
}

export interface LoggedEntry {
  index: number;
  entry: PublicationEntry;
  /** the exact canonical JSON of the entry (its leaf is SHA-256(0x00 ‖ these bytes)) */
  json: string;
  leafHash: string;
}

export class LogReader {
  readonly rows = new RowCache(4096);
  /** Tile and bundle bodies by path: a tile path names fixed content forever, partial ones included. */
  private bodies = new RowCache(4096);
  private latest: { at: number; info: CheckpointInfo | null } | null = null;
  private keyList: { at: number; keys: { vkey: string; created: string; entryIndex: number | null }[] } | null = null;

  constructor(
    private readonly database: Database,
    private readonly ttlMs = 1000,
  ) {}

  /** A read-only view of the tree's hashes through the shared row cache (and SQLite's raw connection, when SQLite). */
  store(): SqlHashStore {
    return new SqlHashStore(this.database.db, this.rows, this.database.sqlite);
  }

  /** Forget the cached checkpoint (the service calls this after signing one). */
  invalidate(): void {
    this.latest = null;
    this.keyList = null;
  }

  /** Forget everything cached (tests that change the database behind the server's back). */
  clearCaches(): void {
    this.latest = null;
    this.keyList = null;
    this.rows.clear();
    this.bodies.clear();
  }

  async checkpoint(): Promise<CheckpointInfo | null> {
    if (this.latest && Date.now() - this.latest.at < this.ttlMs) return this.latest.info;
    const db = this.database.db;
    const row = await db.selectFrom('log_checkpoints').select(['size', 'note']).orderBy('size', 'desc').limit(1).executeTakeFirst();
    let info: CheckpointInfo | null = null;
    if (row) {
      const cosigs = await db.selectFrom('log_cosignatures').select('line').where('size', '=', row.size).orderBy('witness').execute();
      const parsed = parseNote(row.note);
      if ('error' in parsed) throw new KotakError('internal', `stored checkpoint ${row.size} is malformed: ${parsed.error}`);
      const cp = parseCheckpoint(parsed.text);
      if ('error' in cp) throw new KotakError('internal', `stored checkpoint ${row.size} is malformed: ${cp.error}`);
      info = { note: row.note + cosigs.map((c) => c.line).join(''), origin: cp.origin, size: cp.size, root: cp.root };
    }
    this.latest = { at: Date.now(), info };
    return info;
  }

  private async requireCheckpoint(): Promise<CheckpointInfo> {
    const cp = await this.checkpoint();
    if (!cp) throw KotakError.notFound('Signed checkpoint');
    return cp;
  }

  /** Body of `tile/L/N[.p/W]`, or null when that tile does not exist at the latest checkpoint. */
  async tile(level: number, index: number, width: number): Promise<Uint8Array | null> {
    const cp = await this.checkpoint();
    if (!cp || width > tileWidth(cp.size, level, index)) return null;
    const key = `${level}/${index}/${width}`;
    const cached = this.bodies.get(key);
    if (cached) return cached;
    const view = await this.store().tileBody(level, index, width);
    if (!view) return null;
    // A standalone copy: sockets write it as is, and the row it came from may leave the row cache.
    const body = Buffer.from(view);
    this.bodies.set(key, body);
    return body;
  }

  /** Body of `tile/entries/N[.p/W]`: the stored entries, each prefixed with its uint16 length. */
  async entryBundle(index: number, width: number): Promise<Uint8Array | null> {
    const cp = await this.checkpoint();
    if (!cp || width > tileWidth(cp.size, 0, index)) return null;
    const cached = this.bodies.get(`entries/${index}/${width}`);
    if (cached) return cached;
    const rows = await this.database.db
      .selectFrom('log_entries')
      .select('entry')
      .where('idx', '>=', index * TILE_WIDTH)
      .where('idx', '<', index * TILE_WIDTH + width)
      .orderBy('idx')
      .execute();
    // Served as stored: a missing or altered entry shows up to any client checking the bundle against tile 0.
    const body = encodeEntryBundle(rows.map((r) => Buffer.from(r.entry, 'utf8')));
    this.bodies.set(`entries/${index}/${width}`, body);
    return body;
  }

  async entryAt(index: number): Promise<LoggedEntry | null> {
    const row = await this.database.db.selectFrom('log_entries').select(['idx', 'entry', 'leaf_hash']).where('idx', '=', index).executeTakeFirst();
    return row ? { index: Number(row.idx), entry: JSON.parse(row.entry), json: row.entry, leafHash: row.leaf_hash } : null;
  }

  /** Entries whose content has this SHA-256 (hex), oldest first. */
  async findBySha256(sha256: string): Promise<LoggedEntry[]> {
    const rows = await this.database.db
      .selectFrom('log_entries')
      .select(['idx', 'entry', 'leaf_hash'])
      .where('sha256', '=', sha256.toLowerCase())
      .orderBy('idx')
      .limit(100)
      .execute();
    return rows.map((row) => ({ index: Number(row.idx), entry: JSON.parse(row.entry), json: row.entry, leafHash: row.leaf_hash }));
  }

  /** Entries about a subject (main or related) and/or of a kind, oldest first. */
  async entries(q: { subject?: string; kind?: string; limit: number; offset: number }): Promise<{ count: number; entries: LoggedEntry[] }> {
    const db = this.database.db;
    let base = db.selectFrom('log_entries as e');
    if (q.subject) base = base.where('e.idx', 'in', db.selectFrom('log_subjects').select('idx').where('subject', '=', q.subject));
    if (q.kind) base = base.where('e.kind', '=', q.kind);
    const { count } = await base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    const rows = await base.select(['e.idx', 'e.entry', 'e.leaf_hash']).orderBy('e.idx').limit(q.limit).offset(q.offset).execute();
    return {
      count: Number(count),
      entries: rows.map((row) => ({ index: Number(row.idx), entry: JSON.parse(row.entry), json: row.entry, leafHash: row.leaf_hash })),
    };
  }

  /** Inclusion proof of entry `index` in the latest checkpoint. */
  async proof(index: number): Promise<{ entry: LoggedEntry; path: Uint8Array[]; checkpoint: CheckpointInfo }> {
    const cp = await this.requireCheckpoint();
    const entry = await this.entryAt(index);
    if (!entry) throw KotakError.notFound(`Log entry ${index}`);
    if (index >= cp.size) throw KotakError.notFound(`Log entry ${index} in a signed checkpoint (latest size ${cp.size})`);
    const path = await proveInclusion(this.store(), index, cp.size);
    return { entry, path, checkpoint: cp };
  }

  /** A C2SP tlog-proof receipt for entry `index`, carrying the entry in its extra line. */
  async receipt(index: number): Promise<string> {
    const { entry, path, checkpoint } = await this.proof(index);
    return formatReceipt({ extra: Buffer.from(entry.json, 'utf8'), index, path, checkpoint: checkpoint.note });
  }

  /** Consistency proof between two sizes, both at most the latest checkpoint's. */
  async consistency(from: number, to: number): Promise<Uint8Array[]> {
    const cp = await this.requireCheckpoint();
    if (!(from >= 1 && from <= to && to <= cp.size)) {
      throw KotakError.validation({ from: [`Need 1 ≤ from ≤ to ≤ ${cp.size} (the latest checkpoint)`] });
    }
    return proveConsistency(this.store(), from, to);
  }

  /** The current verifier key and the keys the log used before (newest first). */
  async keys(): Promise<{ vkey: string; created: string; entryIndex: number | null }[]> {
    if (this.keyList && Date.now() - this.keyList.at < this.ttlMs) return this.keyList.keys;
    const rows = await this.database.db.selectFrom('log_keys').select(['vkey', 'created', 'entry_idx']).orderBy('created', 'desc').orderBy('entry_idx', 'desc').execute();
    const keys = rows.map((r) => ({ vkey: r.vkey, created: r.created, entryIndex: r.entry_idx === null ? null : Number(r.entry_idx) }));
    this.keyList = { at: Date.now(), keys };
    return keys;
  }
}

const readers = new WeakMap<Database, LogReader>();

/** The reader of a database (one per database, so its caches are shared by every request). */
export function logReader(database: Database): LogReader {
  let r = readers.get(database);
  if (!r) readers.set(database, (r = new LogReader(database)));
  return r;
}
