/**
 * C2SP tlog-tiles: path encoding and parsing, tile widths (the spec's 70,000-entry example), tile bodies read from the
 * hash store, entry bundles, and proofs computed by a client from tiles alone.
 */
import { describe, expect, it } from 'vitest';
import { MemoryHashStore } from '../../src/integrity/hash-store.js';
import { leafHash, rootOfLeafHashes } from '../../src/integrity/rfc6962.js';
import { TileHashStore } from '../../src/integrity/tile-store.js';
import {
  decodeEntryBundle,
  encodeEntryBundle,
  encodeTileIndex,
  entriesPath,
  parseTilePath,
  splitTile,
  tileBytes,
  tileNodeIds,
  tilePath,
  tileWidth,
} from '../../src/integrity/tiles.js';
import { MerkleTree, proveConsistency, proveInclusion, treeRoot } from '../../src/integrity/tree.js';

const hex = (a: Uint8Array[]) => a.map((h) => Buffer.from(h).toString('hex'));

describe('tlog-tiles paths', () => {
  it('encodes indexes in 3-digit elements, all but the last prefixed with x', () => {
    expect(encodeTileIndex(1234067)).toBe('x001/x234/067');
    expect(encodeTileIndex(0)).toBe('000');
    expect(encodeTileIndex(999)).toBe('999');
    expect(encodeTileIndex(1000)).toBe('x001/000');
    expect(tilePath(0, 1234067)).toBe('tile/0/x001/x234/067');
    expect(tilePath(1, 0, 17)).toBe('tile/1/000.p/17');
    expect(entriesPath(5, 3)).toBe('tile/entries/005.p/3');
    expect(entriesPath(1000)).toBe('tile/entries/x001/000');
  });

  it('parses every path it writes back to the same tile', () => {
    for (const index of [0, 1, 999, 1000, 1234067, 987654321012]) {
      for (const width of [1, 17, 255, 256]) {
        expect(parseTilePath(tilePath(3, index, width))).toEqual({ kind: 'hash', level: 3, index, width });
        expect(parseTilePath(entriesPath(index, width))).toEqual({ kind: 'entries', index, width });
      }
    }
  });

  it.each(['tile/01/000', 'tile/0/1', 'tile/0/x000/001', 'tile/0/000.p/0', 'tile/0/000.p/256', 'tile/0/000.p/07', 'tile/64/000',
    'tile/0/001/002', 'tile/0', 'tiles/0/000', 'tile/0/x001', 'tile/entries/000.p/'])('rejects %s', (p) => {
    expect(parseTilePath(p)).toBeNull();
  });

  it('gives the widths of the spec example: a tree of 70,000 entries', () => {
    expect(tileWidth(70000, 0, 272)).toBe(256);
    expect(tileWidth(70000, 0, 273)).toBe(112);
    expect(tileWidth(70000, 0, 274)).toBe(0);
    expect(tileWidth(70000, 1, 0)).toBe(256);
    expect(tileWidth(70000, 1, 1)).toBe(17);
    expect(tileWidth(70000, 2, 0)).toBe(1);
    expect(tileWidth(70000, 3, 0)).toBe(0);
    expect(tileWidth(256, 0, 0)).toBe(256);
    expect(tileWidth(256, 1, 0)).toBe(1);
  });
});

describe('tile contents', () => {
  const N = 70000;
  const leaves = Array.from({ length: N }, (_, i) => leafHash(Buffer.from(`e${i}`)));
  const store = new MemoryHashStore();
  const ready = MerkleTree.open(store, 0).then((t) => t.append(leaves));

  it('holds at level L the Merkle tree hashes of 256^L-entry ranges', async () => {
    await ready;
    const tile1 = splitTile(tileBytes(await store.get(tileNodeIds(1, 0, 256))))!;
    expect(tile1).toHaveLength(256);
    for (const i of [0, 1, 100, 255]) {
      expect(Buffer.from(tile1[i]!).equals(rootOfLeafHashes(leaves.slice(i * 256, (i + 1) * 256)))).toBe(true);
    }
    const [level2] = await store.get(tileNodeIds(2, 0, 1));
    expect(Buffer.from(level2!).equals(rootOfLeafHashes(leaves.slice(0, 65536)))).toBe(true);
  });

  it('lets a client compute the same proofs from tiles only, fetching only tiles that exist at that size', async () => {
    await ready;
    const fetched: string[] = [];
    for (const size of [1, 255, 256, 257, 65535, 65536, 65537, 69999, N]) {
      const remote = new TileHashStore(async (path) => {
        const ref = parseTilePath(path);
        if (!ref || ref.kind !== 'hash') throw new Error(`bad path ${path}`);
        expect(ref.width).toBe(tileWidth(size, ref.level, ref.index));
        fetched.push(path);
        return tileBytes(await store.get(tileNodeIds(ref.level, ref.index, ref.width)));
      }, size);
      expect(Buffer.from(await treeRoot(remote, size)).equals(await treeRoot(store, size))).toBe(true);
      for (const i of [0, size - 1, Math.floor(size / 3)]) {
        expect(hex(await proveInclusion(remote, i, size))).toEqual(hex(await proveInclusion(store, i, size)));
      }
      for (const m of [1, Math.ceil(size / 2), size]) {
        expect(hex(await proveConsistency(remote, m, size))).toEqual(hex(await proveConsistency(store, m, size)));
      }
    }
    expect(fetched).toContain('tile/0/273.p/112');
  });

  it('rejects a tile of the wrong length', async () => {
    const remote = new TileHashStore(async () => new Uint8Array(64), 70000);
    await expect(treeRoot(remote, 70000)).rejects.toThrow(/expected/);
  });
});

describe('entry bundles', () => {
  it('prefixes each entry with its big-endian uint16 length', () => {
    const bundle = encodeEntryBundle([Buffer.from('ab'), new Uint8Array(0), new Uint8Array(300)]);
    expect([...bundle.subarray(0, 4)]).toEqual([0, 2, 0x61, 0x62]);
    expect([...bundle.subarray(4, 8)]).toEqual([0, 0, 1, 44]);
    expect(decodeEntryBundle(bundle)!.map((e) => e.length)).toEqual([2, 0, 300]);
  });

  it('rejects a truncated bundle and an entry over 65,535 bytes', () => {
    const bundle = encodeEntryBundle([Buffer.from('abc')]);
    expect(decodeEntryBundle(bundle.subarray(0, 4))).toBeNull();
    expect(decodeEntryBundle(bundle.subarray(0, 1))).toBeNull();
    expect(() => encodeEntryBundle([new Uint8Array(65536)])).toThrow(/uint16/);
  });
});
