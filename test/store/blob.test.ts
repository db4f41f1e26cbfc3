/** The BlobStore contract, run against every implementation (today: files on disk). */
import { mkdtempSync, rmSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { FileBlobStore } from '../../src/store/blob/files.js';
import type { BlobStore } from '../../src/store/blob/types.js';

const dirs: string[] = [];
const IMPLEMENTATIONS: Array<[string, () => BlobStore]> = [
  ['files', () => {
    const d = mkdtempSync(join(tmpdir(), 'kotak-blob-'));
    dirs.push(d);
    return new FileBlobStore(d);
  }],
];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function text(s: Readable): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts).toString();
}

describe.each(IMPLEMENTATIONS)('BlobStore %s', (_name, make) => {
  it('stores content under its SHA-256 and gives it back', async () => {
    const b = make();
    const r = await b.put(Buffer.from('halo'));
    expect(r).toEqual({ sha256: createHash('sha256').update('halo').digest('hex'), size: 4 });
    expect(await b.has(r.sha256)).toBe(true);
    expect(await b.size(r.sha256)).toBe(4);
    expect(await text(await b.get(r.sha256))).toBe('halo');
  });

  it('stores a body hashed elsewhere under the digest given, and nothing when the digest fails', async () => {
    const b = make();
    const sha = createHash('sha256').update('halo lagi').digest('hex');
    expect(await b.put(Buffer.from('halo lagi'), { sha256: Promise.resolve(sha) })).toEqual({ sha256: sha, size: 9 });
    expect(await text(await b.get(sha))).toBe('halo lagi');
    const before = [];
    for await (const k of b.list()) before.push(k);
    await expect(b.put(Buffer.from('gagal'), { sha256: Promise.reject(new Error('no digest')) })).rejects.toThrow('no digest');
    await expect(b.put(Buffer.from('terlalu besar'), { sha256: Promise.resolve(sha), maxBytes: 3 })).rejects.toMatchObject({ code: 'payload_too_large' });
    const after = [];
    for await (const k of b.list()) after.push(k);
    expect(after).toEqual(before);
  });

  it('streams a large body and stores the same content once', async () => {
    const b = make();
    const chunk = Buffer.alloc(64 * 1024, 7);
    const r1 = await b.put(Readable.from(Array.from({ length: 16 }, () => chunk)));
    const r2 = await b.put(Buffer.concat(Array.from({ length: 16 }, () => chunk)));
    expect(r1).toEqual(r2);
    const keys: string[] = [];
    for await (const k of b.list()) keys.push(k);
    expect(keys).toEqual([r1.sha256]);
  });

  it('refuses a body over maxBytes with payload_too_large and keeps nothing', async () => {
    const b = make();
    await expect(b.put(Buffer.alloc(11), { maxBytes: 10 })).rejects.toMatchObject({ code: 'payload_too_large' });
    const keys: string[] = [];
    for await (const k of b.list()) keys.push(k);
    expect(keys).toEqual([]);
  });

  it('answers not_found for a missing blob and rejects a key that is not a hash', async () => {
    const b = make();
    await expect(b.get('0'.repeat(64))).rejects.toMatchObject({ code: 'not_found' });
    await expect(b.get('../../etc/passwd')).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('deletes', async () => {
    const b = make();
    const r = await b.put(Buffer.from('x'));
    await b.delete(r.sha256);
    expect(await b.has(r.sha256)).toBe(false);
  });
});

describe('FileBlobStore layout', () => {
  it('writes files under ab/cd/<hash> with nothing left in tmp', async () => {
    const d = mkdtempSync(join(tmpdir(), 'kotak-blob-'));
    dirs.push(d);
    const r = await new FileBlobStore(d).put(Buffer.from('isi'));
    expect(readFileSync(join(d, r.sha256.slice(0, 2), r.sha256.slice(2, 4), r.sha256), 'utf8')).toBe('isi');
    expect(readdirSync(join(d, 'tmp'))).toEqual([]);
  });
});
