/**
 * A read-only `HashStore` over a remote log's C2SP tlog-tiles, so clients (the monitor, `kotak verify --portal`)
 * compute inclusion and consistency proofs themselves from static, cacheable tiles with the same code the server uses
 * (`tree.ts`), instead of trusting a proof API.
 *
 * A hash at Merkle level l = 8·L + s is not served directly unless s = 0; it is the root of the 2^s consecutive hashes
 * below it in tile level L (C2SP tlog-tiles: "the Merkle Tree levels between those expressed by the tile hashes are
 * reconstructed by hashing"). Tiles are fetched at the width the tree of `size` has, which a verified checkpoint of
 * that size requires the log to serve.
 */
import type { HashStore } from './hash-store.js';
import { nodeHash, type NodeId } from './rfc6962.js';
import { splitTile, TILE_HEIGHT, TILE_WIDTH, tilePath, tileWidth } from './tiles.js';

/** Fetches a path relative to the log prefix (`tile/0/000`) and returns the body. */
export type TileFetcher = (path: string) => Promise<Uint8Array>;

export class TileHashStore implements HashStore {
  private tiles = new Map<string, Promise<Uint8Array[]>>();

  constructor(
    private readonly fetchTile: TileFetcher,
    /** The tree size of the verified checkpoint the tiles are read for. */
    private readonly size: number,
  ) {}

  private tile(level: number, index: number): Promise<Uint8Array[]> {
    const width = tileWidth(this.size, level, index);
    if (width === 0) return Promise.reject(new Error(`tile ${level}/${index} does not exist at size ${this.size}`));
    const path = tilePath(level, index, width);
    let t = this.tiles.get(path);
    if (!t) {
      t = this.fetchTile(path).then((bytes) => {
        const hashes = splitTile(bytes);
        if (!hashes || hashes.length !== width) throw new Error(`${path}: expected ${width} hashes, got ${bytes.length} bytes`);
        return hashes;
      });
      this.tiles.set(path, t);
    }
    return t;
  }

  async get(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    return Promise.all(
      ids.map(async ({ level, index }) => {
        const L = Math.floor(level / TILE_HEIGHT);
        const span = 2 ** (level % TILE_HEIGHT);
        const first = index * span; // index of the first hash below, at Merkle level 8·L
        const hashes = await this.tile(L, Math.floor(first / TILE_WIDTH));
        let row = hashes.slice(first % TILE_WIDTH, (first % TILE_WIDTH) + span);
        if (row.length !== span) throw new Error(`node ${level}/${index} is not complete at size ${this.size}`);
        while (row.length > 1) row = Array.from({ length: row.length / 2 }, (_, i) => nodeHash(row[2 * i]!, row[2 * i + 1]!));
        return row[0]!;
      }),
    );
  }

  async put(): Promise<void> {
    throw new Error('a tile store is read-only');
  }
}
