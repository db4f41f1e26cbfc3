/**
 * The log's signing key: supplied by the operator (KOTAK_LOG_KEY_FILE) or generated on first start into
 * `<dataDir>/keys/log.key` with file mode 0600 (directory 0700). The file holds one signer key in the
 * `PRIVATE+KEY+<name>+<id>+<base64>` form (signed-note.ts); its name must be the checkpoint origin
 * (tlog-checkpoint: "The log's key name in its signature line SHOULD match the origin line").
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateSignerKey, signerFromKey, type NoteSigner } from './signed-note.js';

export interface LogKeyConfig {
  dataDir: string;
  logOrigin: string;
  logKeyFile: string | null;
}

export function defaultKeyPath(dataDir: string): string {
  return join(dataDir, 'keys', 'log.key');
}

/**
 * Reads the log key, generating it when the default file does not exist yet. Returns the signer and whether the key
 * was just created; `warn` hears about a key file others can read.
 */
export function loadOrCreateLogKey(config: LogKeyConfig, warn: (msg: string) => void = () => {}): { signer: NoteSigner; path: string; created: boolean } {
  const path = config.logKeyFile ?? defaultKeyPath(config.dataDir);
  let created = false;
  if (!existsSync(path)) {
    if (config.logKeyFile) throw new Error(`KOTAK_LOG_KEY_FILE ${path} does not exist`);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // 'wx' fails if another process created the key in the meantime: never overwrite a key.
    try {
      writeFileSync(path, `${generateSignerKey(config.logOrigin)}\n`, { mode: 0o600, flag: 'wx' });
      chmodSync(path, 0o600);
      created = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    warn(`the log key file ${path} is readable by other users; chmod 600 it`);
  }
  const signer = signerFromKey(readFileSync(path, 'utf8'));
  if (signer.name !== config.logOrigin) {
    throw new Error(
      `the log key in ${path} is for "${signer.name}" but KOTAK_LOG_ORIGIN is "${config.logOrigin}": ` +
        'a log keeps its origin for life; set KOTAK_LOG_ORIGIN back or start a new log with a new key',
    );
  }
  return { signer, path, created };
}

/** A key given on the command line: the key itself, or the path of a file holding it. */
export function readKeyArg(arg: string): string {
  return (existsSync(arg) ? readFileSync(arg, 'utf8') : arg).trim();
}
