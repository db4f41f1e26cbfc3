/**
 * Reads a file whole into a Buffer over a SharedArrayBuffer, so worker threads can read it without a copy (the TPS
 * import's worker thread parses part of it and hashes a first import's tree from it, import-worker.ts). Same cost
 * as `readFile`.
 */
import { open } from 'node:fs/promises';

export async function readShared(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const buf = Buffer.from(new SharedArrayBuffer(size));
    let at = 0;
    while (at < size) {
      const { bytesRead } = await fh.read(buf, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === size ? buf : buf.subarray(0, at);
  } finally {
    await fh.close();
  }
}
