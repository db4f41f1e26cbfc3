/** BlobStore on the local file system: `<root>/ab/cd/abcdef…` with writes to a temp file renamed into place. */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, opendir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { KotakError } from '../../errors.js';
import type { BlobStore, PutResult } from './types.js';

const HEX64 = /^[0-9a-f]{64}$/;

export class FileBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    if (!HEX64.test(sha256)) throw KotakError.badRequest(`Not a SHA-256 hex digest: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(body: Readable | Buffer, opts: { maxBytes?: number; sha256?: Promise<string> } = {}): Promise<PutResult> {
    opts.sha256?.catch(() => {}); // settled below; a failure is this call's rejection, never an unhandled one
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, randomUUID());
    if (Buffer.isBuffer(body) && opts.sha256) return this.putHashed(body, opts.sha256, tmp, opts.maxBytes);
    const hash = createHash('sha256');
    let size = 0;
    const max = opts.maxBytes ?? Number.POSITIVE_INFINITY;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > max) return cb(new KotakError('payload_too_large', `Upload exceeds the limit of ${max} bytes`));
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
    try {
      await pipeline(source, meter, createWriteStream(tmp, { flags: 'wx' }));
    } catch (e) {
      await rm(tmp, { force: true });
      if (source !== body) source.destroy();
      throw e;
    }
    const sha256 = hash.digest('hex');
    const dest = this.pathOf(sha256);
    await mkdir(join(dest, '..'), { recursive: true });
    await rename(tmp, dest);
    return { sha256, size };
  }

  /** A Buffer hashed elsewhere: written on libuv's thread pool while the digest comes, then renamed to it. */
  private async putHashed(body: Buffer, digest: Promise<string>, tmp: string, maxBytes = Number.POSITIVE_INFINITY): Promise<PutResult> {
    if (body.length > maxBytes) throw new KotakError('payload_too_large', `Upload exceeds the limit of ${maxBytes} bytes`);
    // Both settle before anything is cleaned up, so a failed digest never races the write it would remove.
    const [d, w] = await Promise.allSettled([digest, writeFile(tmp, body, { flag: 'wx' })]);
    if (d.status === 'rejected' || w.status === 'rejected') {
      await rm(tmp, { force: true });
      throw d.status === 'rejected' ? d.reason : (w as PromiseRejectedResult).reason;
    }
    const sha256 = d.value;
    const dest = this.pathOf(sha256);
    await mkdir(join(dest, '..'), { recursive: true });
    await rename(tmp, dest);
    return { sha256, size: body.length };
  }

  async get(sha256: string): Promise<Readable> {
    const p = this.pathOf(sha256);
    if (!(await this.has(sha256))) throw KotakError.notFound(`Blob ${sha256}`);
    return createReadStream(p);
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.size(sha256)) !== null;
  }

  async size(sha256: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(sha256))).size;
    } catch {
      return null;
    }
  }

  async *list(): AsyncIterable<string> {
    let top;
    try {
      top = await opendir(this.root);
    } catch {
      return;
    }
    for await (const a of top) {
      if (!a.isDirectory() || a.name.length !== 2) continue;
      for await (const b of await opendir(join(this.root, a.name))) {
        if (!b.isDirectory()) continue;
        for await (const f of await opendir(join(this.root, a.name, b.name))) if (HEX64.test(f.name)) yield f.name;
      }
    }
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }
}
