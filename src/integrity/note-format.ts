/**
 * The text layer of C2SP signed-note v1.0.0, without cryptography (no Node built-ins: the browser uses it too).
 *
 *   <text ending in \n>\n— <key name> base64(keyID[4] ‖ signature)\n…
 *
 * The text is separated from the signatures by the last blank line; notes are valid UTF-8 without control characters
 * other than newline; key names are non-empty and contain no Unicode space and no `+`.
 * Verifier keys ("vkeys") are `<name>+<hex keyID>+<base64(type ‖ public key)>`.
 */
import { fromBase64, fromHex, toBase64, toHex } from './encoding.js';

export const SIG_ED25519 = 0x01;
/** C2SP tlog-cosignature: timestamped Ed25519 witness cosignature. */
export const SIG_COSIGNATURE_V1 = 0x04;

/** Verifiers must accept at least 16 signatures (signed-note); more than this is treated as abuse. */
export const MAX_SIGNATURES = 100;

export interface NoteSignature {
  name: string;
  /** big-endian uint32 key ID */
  keyId: number;
  /** the signature bytes after the key ID */
  signature: Uint8Array;
}

export interface ParsedNote {
  /** the signed text, including its final newline */
  text: string;
  signatures: NoteSignature[];
}

export interface VerifierKeyParts {
  name: string;
  keyId: number;
  type: number;
  publicKey: Uint8Array;
}

// Control characters other than \n, and every Unicode space (for key names).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/;
const SPACE = /[\s\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;

export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !SPACE.test(name) && !name.includes('+');
}

/** Splits a note into text and signatures; returns the reason when it is not a well-formed signed note. */
export function parseNote(note: string): ParsedNote | { error: string } {
  if (CONTROL.test(note)) return { error: 'note contains a control character' };
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return { error: 'note has no blank line before its signatures' };
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (!block.endsWith('\n')) return { error: 'signature block does not end with a newline' };
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) return { error: `more than ${MAX_SIGNATURES} signatures` };
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    const m = /^\u2014 (\S+) (\S+)$/u.exec(line);
    if (!m) return { error: `malformed signature line: ${JSON.stringify(line.slice(0, 80))}` };
    const [, name, b64] = m;
    if (!isValidKeyName(name!)) return { error: `invalid key name ${JSON.stringify(name)}` };
    const raw = fromBase64(b64!);
    if (!raw || raw.length < 5) return { error: `signature of ${name} is not valid base64 of at least 5 bytes` };
    const keyId = ((raw[0]! << 24) | (raw[1]! << 16) | (raw[2]! << 8) | raw[3]!) >>> 0;
    signatures.push({ name: name!, keyId, signature: raw.subarray(4) });
  }
  return { text, signatures };
}

/** One signature line, with its newline. */
export function formatSignatureLine(name: string, keyId: number, signature: Uint8Array): string {
  const raw = new Uint8Array(4 + signature.length);
  new DataView(raw.buffer).setUint32(0, keyId >>> 0);
  raw.set(signature, 4);
  return `\u2014 ${name} ${toBase64(raw)}\n`;
}

/** Checks that a note text is signable: non-empty, ends with a newline, valid characters. */
export function checkNoteText(text: string): string | null {
  if (!text.endsWith('\n')) return 'note text must end with a newline';
  if (CONTROL.test(text)) return 'note text contains a control character';
  return null;
}

export function formatVerifierKey(parts: VerifierKeyParts): string {
  const raw = new Uint8Array(1 + parts.publicKey.length);
  raw[0] = parts.type;
  raw.set(parts.publicKey, 1);
  const id = new Uint8Array(4);
  new DataView(id.buffer).setUint32(0, parts.keyId >>> 0);
  return `${parts.name}+${toHex(id)}+${toBase64(raw)}`;
}

/** Parses `<name>+<hex id>+<base64(type ‖ key)>` (the key ID is not recomputed here; see signed-note.ts). */
export function parseVerifierKey(vkey: string): VerifierKeyParts | { error: string } {
  const parts = splitPlus(vkey.trim(), 3);
  if (!parts) return { error: 'a verifier key has three parts separated by +' };
  const [name, idHex, b64] = parts as [string, string, string];
  if (!isValidKeyName(name)) return { error: 'invalid key name' };
  const id = /^[0-9a-f]{8}$/.test(idHex) ? fromHex(idHex) : null;
  if (!id) return { error: 'key ID must be 8 lower-case hex digits' };
  const raw = fromBase64(b64);
  if (!raw || raw.length < 2) return { error: 'key material is not valid base64' };
  return { name, keyId: new DataView(id.buffer).getUint32(0), type: raw[0]!, publicKey: raw.subarray(1) };
}

/**
 * Splits on the first `count − 1` plus signs: names and hex IDs contain no `+`, but the base64 key material at the
 * end may.
 */
export function splitPlus(text: string, count: number): string[] | null {
  const out: string[] = [];
  let rest = text;
  for (let i = 0; i < count - 1; i++) {
    const at = rest.indexOf('+');
    if (at < 0) return null;
    out.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  out.push(rest);
  return out;
}
