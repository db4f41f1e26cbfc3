/**
 * C2SP tlog-checkpoint v1.0.0 note text: origin, tree size (decimal, no leading zeroes), base64 root hash, optional
 * non-empty extension lines. The text is signed as a signed note (signed-note.ts). No Node built-ins.
 *
 * @example
 *   formatCheckpoint({ origin: 'kotak.example/log', size: 3, root, extensions: [] });
 *   // 'kotak.example/log\n3\n<base64 root>\n'
 */
import { fromBase64, toBase64 } from './encoding.js';

export interface Checkpoint {
  origin: string;
  size: number;
  root: Uint8Array;
  extensions: string[];
}

export function formatCheckpoint(cp: Checkpoint): string {
  if (!cp.origin || cp.origin.includes('\n')) throw new Error('checkpoint origin must be one non-empty line');
  if (!Number.isSafeInteger(cp.size) || cp.size < 0) throw new Error('checkpoint size must be a non-negative integer');
  if (cp.root.length !== 32) throw new Error('checkpoint root must be 32 bytes');
  for (const e of cp.extensions) if (!e || e.includes('\n')) throw new Error('extension lines must be non-empty lines');
  return [cp.origin, String(cp.size), toBase64(cp.root), ...cp.extensions].map((l) => `${l}\n`).join('');
}

/** Parses a checkpoint note text (the part before the blank line); returns the reason when it is malformed. */
export function parseCheckpoint(text: string): Checkpoint | { error: string } {
  if (!text.endsWith('\n')) return { error: 'checkpoint text must end with a newline' };
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) return { error: 'a checkpoint has at least three lines' };
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]];
  if (!origin) return { error: 'checkpoint origin is empty' };
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine) || !Number.isSafeInteger(Number(sizeLine))) {
    return { error: `checkpoint tree size ${JSON.stringify(sizeLine)} is not a decimal without leading zeroes` };
  }
  const root = fromBase64(rootLine);
  if (!root || root.length !== 32) return { error: 'checkpoint root hash is not base64 of 32 bytes' };
  if (extensions.some((e) => e === '')) return { error: 'checkpoint extension lines must be non-empty' };
  return { origin, size: Number(sizeLine), root, extensions };
}
