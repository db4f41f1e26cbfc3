/**
 * C2SP tlog-tiles: resource paths, tile contents and entry bundles.
 *
 * - `tile/<L>/<N>[.p/<W>]`: the hashes at Merkle level 8·L, indexes N·256 … N·256+W−1 (W = 256 for a full tile, which
 *   has no `.p/` suffix); L has no leading zeroes, N is split into zero-padded 3-digit elements, all but the last
 *   prefixed with `x` (1234067 → `x001/x234/067`).
 * - `tile/entries/<N>[.p/<W>]`: the entries themselves, each prefixed with its length as a big-endian uint16.
 * - The partial tile at level L of a tree of size s has width floor(s / 256^L) mod 256; empty tiles do not exist.
 *
 * No Node built-ins: the browser and the CLI monitor parse the same paths.
 */

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;
const HASH_SIZE = 32;
/** Entry bundles prefix each entry with a uint16 length, so an entry is at most 65,535 bytes. */
export const MAX_ENTRY_BYTES = 0xffff;

export type TileRef =
  | { kind: 'hash'; level: number; index: number; width: number }
  | { kind: 'entries'; index: number; width: number };

/** `x001/x234/067` for 1234067. */
export function encodeTileIndex(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`bad tile index ${n}`);
  const groups: string[] = [];
  let rest = n;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

function suffix(width: number): string {
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) throw new RangeError(`bad tile width ${width}`);
  return width === TILE_WIDTH ? '' : `.p/${width}`;
}

/** Path of a hash tile, relative to the log prefix. */
export function tilePath(level: number, index: number, width: number = TILE_WIDTH): string {
  if (!Number.isInteger(level) || level < 0 || level > 63) throw new RangeError(`bad tile level ${level}`);
  return `tile/${level}/${encodeTileIndex(index)}${suffix(width)}`;
}

/** Path of an entry bundle, relative to the log prefix. */
export function entriesPath(index: number, width: number = TILE_WIDTH): string {
  return `tile/entries/${encodeTileIndex(index)}${suffix(width)}`;
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/** Parses a path relative to the log prefix (`tile/…`); null when it is not a well-formed tile path. */
export function parseTilePath(path: string): TileRef | null {
  const parts = path.split('/');
  if (parts.shift() !== 'tile' || parts.length < 2) return null;
  const head = parts.shift()!;
  let width = TILE_WIDTH;
  if (parts.length >= 2 && parts[parts.length - 2]!.endsWith('.p')) {
    const w = parts.pop()!;
    if (!DECIMAL.test(w) || Number(w) < 1 || Number(w) >= TILE_WIDTH) return null;
    width = Number(w);
    parts[parts.length - 1] = parts[parts.length - 1]!.slice(0, -2);
  }
  if (parts.length === 0 || parts.length > 6) return null;
  let index = 0;
  for (let i = 0; i < parts.length; i++) {
    const last = i === parts.length - 1;
    const m = (last ? /^([0-9]{3})$/ : /^x([0-9]{3})$/).exec(parts[i]!);
    if (!m) return null;
    index = index * 1000 + Number(m[1]);
  }
  // One index, one path: reject a redundant leading `x000/` element.
  if (parts.length > 1 && parts[0] === 'x000') return null;
  if (head === 'entries') return { kind: 'entries', index, width };
  if (!DECIMAL.test(head) || Number(head) > 63) return null;
  return { kind: 'hash', level: Number(head), index, width };
}

/** Width of tile `index` at tile level `level` in a tree of `size` leaves: 256 if full, 0 if it does not exist. */
export function tileWidth(size: number, level: number, index: number): number {
  const count = Math.floor(size / TILE_WIDTH ** level); // hashes that exist at Merkle level 8·level
  const start = index * TILE_WIDTH;
  if (count <= start) return 0;
  return Math.min(TILE_WIDTH, count - start);
}

/** The Merkle coordinates of the hashes a hash tile holds. */
export function tileNodeIds(level: number, index: number, width: number): { level: number; index: number }[] {
  return Array.from({ length: width }, (_, i) => ({ level: level * TILE_HEIGHT, index: index * TILE_WIDTH + i }));
}

/** Concatenates 32-byte hashes into a tile body. */
export function tileBytes(hashes: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(hashes.length * HASH_SIZE);
  hashes.forEach((h, i) => out.set(h, i * HASH_SIZE));
  return out;
}

/** Splits a tile body into its hashes; null when the length is not a whole number of hashes. */
export function splitTile(bytes: Uint8Array): Uint8Array[] | null {
  if (bytes.length === 0 || bytes.length % HASH_SIZE !== 0 || bytes.length > TILE_WIDTH * HASH_SIZE) return null;
  return Array.from({ length: bytes.length / HASH_SIZE }, (_, i) => bytes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
}

/** An entry bundle: each entry prefixed with its big-endian uint16 length (C2SP tlog-tiles "Log entries"). */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const e of entries) {
    if (e.length > MAX_ENTRY_BYTES) throw new RangeError(`entry of ${e.length} bytes does not fit a uint16 length`);
    n += 2 + e.length;
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const e of entries) {
    out[o] = e.length >> 8;
    out[o + 1] = e.length & 0xff;
    out.set(e, o + 2);
    o += 2 + e.length;
  }
  return out;
}

/** Splits an entry bundle; null when a length prefix runs past the end. */
export function decodeEntryBundle(bytes: Uint8Array): Uint8Array[] | null {
  const out: Uint8Array[] = [];
  let o = 0;
  while (o < bytes.length) {
    if (o + 2 > bytes.length) return null;
    const len = (bytes[o]! << 8) | bytes[o + 1]!;
    if (o + 2 + len > bytes.length) return null;
    out.push(bytes.subarray(o + 2, o + 2 + len));
    o += 2 + len;
  }
  return out;
}
