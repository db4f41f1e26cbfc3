/**
 * The file an import action reads: an upload (already in the blob store) copied to a temporary file, since readers
 * need a path (an XLSX or zip is read from its end), or — from the command line, start-up and tests only — a server
 * path, put into the blob store so the log entry names stored bytes. The temporary copy is removed afterwards.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { KotakError } from '../errors.js';
import type { ActionContext, ActionExtra } from './types.js';

export interface InputFile {
  path: string;
  sha256: string;
  size: number;
  /** The name the user gave (upload) or the path's base name. */
  filename: string;
}

/** Channels that may name a server path instead of uploading. */
const PATH_CHANNELS = ['cli', 'system', 'test'];

/**
 * @example
 *   await withInputFile(ctx, input.path, extra, 'Upload the TPS list (multipart field "upload")', (f) => readTpsList(f.path, tree));
 */
export async function withInputFile<T>(ctx: ActionContext, path: string | undefined, extra: ActionExtra | undefined, missing: string, fn: (file: InputFile) => Promise<T>): Promise<T> {
  const up = extra?.upload;
  if (!up && (!path || !PATH_CHANNELS.includes(ctx.channel))) throw KotakError.validation({ upload: [missing] });
  const { blobs } = ctx.services;
  if (!up) return fn({ path: path!, ...(await blobs.put(createReadStream(path!))), filename: basename(path!) });
  const dir = await mkdtemp(join(tmpdir(), 'kotak-input-'));
  try {
    // The extension is kept: readers tell formats apart by it.
    const local = join(dir, `upload${extname(up.filename).toLowerCase().replace(/[^.\w]/g, '')}`);
    await pipeline(await blobs.get(up.sha256), createWriteStream(local));
    return await fn({ path: local, sha256: up.sha256, size: up.size, filename: up.filename });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
