/** A small in-memory log for tests: entries for given contents, a tree, a signed checkpoint and receipts. */
import { createHash } from 'node:crypto';
import { formatCheckpoint } from '../../src/integrity/checkpoint.js';
import { makeEntry, type EntryInput } from '../../src/integrity/entry.js';
import { MemoryHashStore } from '../../src/integrity/hash-store.js';
import { formatReceipt } from '../../src/integrity/receipt.js';
import { leafHash } from '../../src/integrity/rfc6962.js';
import { generateSignerKey, signerFromKey, signNote, type NoteSigner } from '../../src/integrity/signed-note.js';
import { MerkleTree, proveInclusion } from '../../src/integrity/tree.js';

export const sha256hex = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

export const ORIGIN = 'kotak.test/log';

export function entryFor(content: Uint8Array, over: Partial<EntryInput> = {}) {
  return makeEntry({
    kind: 'resource',
    subjects: ['dataset:ds1', `resource:r${sha256hex(content).slice(0, 6)}`],
    org: 'kpu-banten',
    time: '2024-03-20T10:00:00.000Z',
    sha256: sha256hex(content),
    ...over,
  });
}

export class TestLog {
  readonly store = new MemoryHashStore();
  readonly entries: Uint8Array[] = [];
  private tree!: MerkleTree;
  constructor(readonly signer: NoteSigner = signerFromKey(generateSignerKey(ORIGIN))) {}

  static async create(signer?: NoteSigner): Promise<TestLog> {
    const log = new TestLog(signer);
    log.tree = await MerkleTree.open(log.store, 0);
    return log;
  }

  async append(entryBytes: Uint8Array[]): Promise<void> {
    this.entries.push(...entryBytes);
    await this.tree.append(entryBytes.map((e) => leafHash(e)));
  }

  get size(): number {
    return this.tree.size;
  }

  checkpoint(origin = ORIGIN, signers: NoteSigner[] = [this.signer]): string {
    return signNote(formatCheckpoint({ origin, size: this.tree.size, root: this.tree.root(), extensions: [] }), signers);
  }

  async receipt(index: number, checkpoint = this.checkpoint()): Promise<string> {
    const path = await proveInclusion(this.store, index, this.tree.size);
    return formatReceipt({ extra: this.entries[index]!, index, path, checkpoint });
  }
}
