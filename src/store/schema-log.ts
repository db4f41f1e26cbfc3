/**
 * Tables of the publication log (migration 0002_log, issue 4). Hashes and keys are lower-case hex or base64 text
 * except the tree hashes, which are raw bytes (SQLite BLOB, PostgreSQL bytea).
 */

/** One row (id = 1): the tree size. Appenders increment it first, which serialises them on both databases. */
export interface LogHeadTable {
  id: number;
  size: number;
}

/** One row per entry, in log order; `entry` is the RFC 8785 JSON whose leaf hash is in the tree. */
export interface LogEntriesTable {
  idx: number;
  entry: string;
  /** hex SHA-256(0x00 ‖ entry) */
  leaf_hash: string;
  kind: string;
  /** the main subject (`dataset:…`, `resource:…`, `tps:…`) */
  subject: string;
  org: string | null;
  /** hex SHA-256 of the published content */
  sha256: string;
  created: string;
}

/** Every subject of every entry (the main one and related ones), for "the entries of a dataset or TPS". */
export interface LogSubjectsTable {
  subject: string;
  idx: number;
}

/**
 * The tree's complete-subtree hashes, one row per tlog tile: row (tile_level L, tile_index N) holds the hashes of
 * Merkle levels 8L … 8L+7 under that tile (256 + 128 + … + 1 = 511 hashes at fixed offsets; absent = zero bytes).
 */
export interface LogHashesTable {
  tile_level: number;
  tile_index: number;
  hashes: Uint8Array;
}

/** Every signed checkpoint (C2SP tlog-checkpoint note, log signature only). */
export interface LogCheckpointsTable {
  size: number;
  note: string;
  created: string;
}

/** Witness cosignature lines collected for a checkpoint (C2SP tlog-cosignature). */
export interface LogCosignaturesTable {
  size: number;
  witness: string;
  line: string;
  created: string;
}

/** Witnesses whose cosignatures the portal accepts (verifier keys). */
export interface LogWitnessesTable {
  vkey: string;
  name: string;
  created: string;
}

/** The log keys in use over time (verifier keys); the last row is the current key. */
export interface LogKeysTable {
  vkey: string;
  created: string;
  /** index of the key-change entry that announced this key */
  entry_idx: number | null;
}

export interface LogTables {
  log_head: LogHeadTable;
  log_entries: LogEntriesTable;
  log_subjects: LogSubjectsTable;
  log_hashes: LogHashesTable;
  log_checkpoints: LogCheckpointsTable;
  log_cosignatures: LogCosignaturesTable;
  log_witnesses: LogWitnessesTable;
  log_keys: LogKeysTable;
}
