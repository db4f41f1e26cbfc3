/**
 * Every RFC 6962 vector of transparency-dev/merkle (fixtures/merkle-vectors, Apache-2.0): valid proofs verify, each
 * mutated one (wantErr) is rejected, and the proofs we generate for the same 8-leaf tree equal the published ones.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../src/integrity/encoding.js';
import { MemoryHashStore } from '../../src/integrity/hash-store.js';
import {
  EMPTY_ROOT,
  leafHash,
  rootOfLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from '../../src/integrity/rfc6962.js';
import { MerkleTree, proveConsistency, proveInclusion, treeRoot } from '../../src/integrity/tree.js';

const dir = join(import.meta.dirname, 'fixtures/merkle-vectors');

function jsonFiles(d: string): string[] {
  return readdirSync(d).flatMap((f) => {
    const p = join(d, f);
    return statSync(p).isDirectory() ? jsonFiles(p) : f.endsWith('.json') ? [p] : [];
  });
}

const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const hex = (s: string) => fromHex(s)!;

interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}
interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

const inclusion = jsonFiles(join(dir, 'testdata/inclusion')).map((f) => ({ f, v: JSON.parse(readFileSync(f, 'utf8')) as InclusionVector }));
const consistency = jsonFiles(join(dir, 'testdata/consistency')).map((f) => ({ f, v: JSON.parse(readFileSync(f, 'utf8')) as ConsistencyVector }));
const constants = JSON.parse(readFileSync(join(dir, 'rfc6962-leaf-inputs-and-roots.json'), 'utf8'));
const leaves: Uint8Array[] = constants.leaf_inputs_hex.map((h: string) => leafHash(hex(h)));

describe('rfc6962 vectors', () => {
  it('has all 98 inclusion and 98 consistency vectors', () => {
    expect(inclusion.length).toBe(98);
    expect(consistency.length).toBe(98);
  });

  it.each(inclusion.map(({ f, v }) => [f.slice(dir.length + 1), v] as const))('inclusion %s', (_name, v) => {
    const r = verifyInclusion(b64(v.leafHash), v.leafIdx, v.treeSize, (v.proof ?? []).map(b64), b64(v.root));
    expect(r.ok).toBe(!v.wantErr);
  });

  it.each(consistency.map(({ f, v }) => [f.slice(dir.length + 1), v] as const))('consistency %s', (_name, v) => {
    const r = verifyConsistency(v.size1, v.size2, (v.proof ?? []).map(b64), b64(v.root1), b64(v.root2));
    expect(r.ok).toBe(!v.wantErr);
  });

  it('reproduces the leaf hashes, node hashes and roots for sizes 0..8', () => {
    expect(Buffer.from(EMPTY_ROOT).toString('hex')).toBe(constants.empty_root_hex);
    constants.root_hashes_hex_by_tree_size.forEach((h: string, n: number) => {
      expect(Buffer.from(rootOfLeafHashes(leaves.slice(0, n))).toString('hex')).toBe(h);
    });
    constants.node_hashes_hex_by_level[0].forEach((h: string, i: number) => expect(Buffer.from(leaves[i]!).toString('hex')).toBe(h));
  });

  it('stores exactly the published node hashes and roots when appending the 8 leaves one by one', async () => {
    const store = new MemoryHashStore();
    const tree = await MerkleTree.open(store, 0);
    for (let n = 1; n <= 8; n++) {
      await tree.append([leaves[n - 1]!]);
      expect(Buffer.from(tree.root()).toString('hex')).toBe(constants.root_hashes_hex_by_tree_size[n]);
    }
    constants.node_hashes_hex_by_level.forEach((row: string[], level: number) =>
      row.forEach((h, index) => expect(Buffer.from(store.getSync({ level, index })).toString('hex')).toBe(h)),
    );
    for (let n = 0; n <= 8; n++) {
      expect(Buffer.from(await treeRoot(store, n)).toString('hex')).toBe(constants.root_hashes_hex_by_tree_size[n]);
    }
  });

  it('generates the same proofs as every valid vector over the 8-leaf tree', async () => {
    const store = new MemoryHashStore();
    await (await MerkleTree.open(store, 0)).append(leaves);
    let checked = 0;
    for (const { v } of inclusion) {
      if (v.wantErr || v.treeSize > 8 || !v.proof) continue;
      const path = await proveInclusion(store, v.leafIdx, v.treeSize);
      expect(path.map((p) => Buffer.from(p).toString('base64'))).toEqual(v.proof);
      checked++;
    }
    for (const { v } of consistency) {
      if (v.wantErr || !v.proof || v.proof.length === 0) continue;
      const path = await proveConsistency(store, v.size1, v.size2);
      expect(path.map((p) => Buffer.from(p).toString('base64'))).toEqual(v.proof);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });
});
