/**
 * Storage of uploaded files, content-addressed by SHA-256: the key of a blob is the hex digest of its bytes, so a
 * stored file can be checked against the publication log at any time. Files on disk now; the interface is narrow
 * enough for an S3-compatible store (put by key, get a stream, head, list).
 *
 * @example
 *   const { sha256, size } = await blobs.put(stream, { maxBytes: 1e6 });
 *   const body = await blobs.get(sha256);
 */
import type { Readable } from 'node:stream';

export interface PutResult {
  sha256: string;
  size: number;
}

export interface BlobStore {
  /**
   * Streams the bytes into the store; rejects with `payload_too_large` past `maxBytes` and stores nothing. `sha256`:
   * the digest of a Buffer body when the caller has it hashed elsewhere (the import's worker thread), so the store only
   * writes; it must be the body's (the self-audit rehashes every stored file).
   */
  put(body: Readable | Buffer, opts?: { maxBytes?: number; sha256?: Promise<string> }): Promise<PutResult>;
  get(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  size(sha256: string): Promise<number | null>;
  /** Every stored key (for the self-audit). */
  list(): AsyncIterable<string>;
  delete(sha256: string): Promise<void>;
}
