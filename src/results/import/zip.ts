/**
 * Reading a zip of per-TPS files with yauzl, one entry at a time. An entry whose name leaves the archive (absolute,
 * `..`, drive letter, backslash — the "zip slip" of CVE-2018-1002200 and friends) fails the whole import: such a file
 * was not made by an honest exporter. Entries are read into memory one by one with a size cap, so a zip bomb stops at
 * the cap instead of filling memory.
 */
import yauzl from 'yauzl';
import { importError } from './import-error.js';

/** Largest single entry read (a Sirekap TPS JSON is ~2 KB; a JSON Lines dump of a province may be tens of MB). */
export const MAX_ENTRY_BYTES = 256 * 1024 * 1024;

export function entryEscapes(name: string): boolean {
  return name.includes('\\') || name.startsWith('/') || /^[a-zA-Z]:/.test(name) || name.split('/').includes('..');
}

function mapZipError(e: Error, zipName: string): Error {
  const m = /^(?:absolute path|invalid relative path|invalid characters in fileName): (.*)$/.exec(e.message);
  if (m) return importError(`zip entry "${m[1]}" points outside the archive; nothing was imported`, { source: zipName });
  if (e.name === 'KotakError') return e;
  return importError(`the zip file cannot be read (damaged or truncated?): ${e.message}`, { source: zipName });
}

export interface ZipEntryData {
  name: string;
  data: Buffer;
}

/**
 * @example
 *   for await (const { name, data } of zipEntries('tps.zip', (n) => n.endsWith('.json'))) …
 */
export async function* zipEntries(path: string, want: (name: string) => boolean, zipName = path): AsyncGenerator<ZipEntryData> {
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((res, rej) =>
      yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: true }, (err, z) => (err ? rej(err) : res(z!))),
    );
  } catch (e) {
    throw mapZipError(e as Error, zipName);
  }
  try {
    for (;;) {
      const entry = await new Promise<yauzl.Entry | null>((res, rej) => {
        const onEntry = (en: yauzl.Entry) => done(() => res(en));
        const onEnd = () => done(() => res(null));
        const onError = (err: Error) => done(() => rej(err));
        const done = (f: () => void) => {
          zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
          f();
        };
        zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
        zip.readEntry();
      }).catch((e: Error) => {
        throw mapZipError(e, zipName);
      });
      if (!entry) return;
      const name = entry.fileName;
      if (entryEscapes(name)) throw importError(`zip entry "${name}" points outside the archive; nothing was imported`, { source: zipName });
      if (name.endsWith('/') || !want(name)) continue;
      if (entry.uncompressedSize > MAX_ENTRY_BYTES) {
        throw importError(`zip entry is ${entry.uncompressedSize} bytes, over the ${MAX_ENTRY_BYTES}-byte limit`, { source: name });
      }
      const data = await new Promise<Buffer>((res, rej) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err) return rej(mapZipError(err, zipName));
          const parts: Buffer[] = [];
          stream!.on('data', (c: Buffer) => parts.push(c));
          stream!.on('error', (e2: Error) => rej(mapZipError(e2, zipName)));
          stream!.on('end', () => res(Buffer.concat(parts)));
        });
      });
      yield { name, data };
    }
  } finally {
    zip.close();
  }
}
