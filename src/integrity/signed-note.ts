/**
 * C2SP signed-note v1.0.0 with Ed25519 (type 0x01), and C2SP tlog-cosignature v1 Ed25519 witness cosignatures
 * (type 0x04), over node:crypto.
 *
 * Keys:
 * - verifier key (public, shown at /log/key): `<name>+<hex keyID>+<base64(type ‖ 32-byte public key)>`, with
 *   keyID = SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4] (signed-note "Signatures"; tlog-cosignature "Format").
 * - signer key (secret, the file in `<dataDir>/keys/`): `PRIVATE+KEY+<name>+<hex keyID>+<base64(type ‖ 32-byte
 *   Ed25519 seed)>`, the layout golang.org/x/mod/sumdb/note uses, so keys can move between the two.
 *
 * @example
 *   const skey = generateSignerKey('kotak.example/log');
 *   const signer = signerFromKey(skey);
 *   const note = signNote('hello\n', [signer]);
 *   openNote(note, [verifierFromKey(signer.verifierKey)]); // { ok: true, text: 'hello\n', … }
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, hash, sign, verify, type KeyObject } from 'node:crypto';
import { concatBytes, fromBase64, toBase64, toHex, utf8 } from './encoding.js';
import {
  checkNoteText,
  formatSignatureLine,
  formatVerifierKey,
  parseNote,
  parseVerifierKey,
  SIG_COSIGNATURE_V1,
  SIG_ED25519,
  splitPlus,
} from './note-format.js';

export { SIG_COSIGNATURE_V1, SIG_ED25519 } from './note-format.js';

export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  /** the matching verifier key */
  readonly verifierKey: string;
  /** signature bytes (without the key ID) over the note text */
  sign(text: string): Uint8Array;
}

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  readonly publicKey: Uint8Array;
  /** null when the signature is invalid; for cosignatures, the signed POSIX time */
  verify(text: string, signature: Uint8Array): { time?: number } | null;
}

export interface VerifiedSignature {
  name: string;
  keyId: number;
  type: number;
  /** cosignature timestamp (seconds since the Epoch), for type 0x04 */
  time?: number;
}

export type OpenedNote =
  | { ok: true; text: string; verifiedBy: VerifiedSignature[]; unknownSignatures: number }
  | { ok: false; reason: string };

const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

/** keyID = SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4] as a big-endian uint32. */
export function computeKeyId(name: string, type: number, publicKey: Uint8Array): number {
  const digest = hash('sha256', concatBytes(utf8(name), Uint8Array.of(0x0a, type), publicKey), 'buffer');
  return digest.readUInt32BE(0);
}

function publicKeyObject(pub: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519, pub]), format: 'der', type: 'spki' });
}

function rawPublicKey(key: KeyObject): Uint8Array {
  return new Uint8Array(Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url'));
}

/** The message a tlog-cosignature v1 Ed25519 signature covers: two header lines, then the checkpoint note text. */
function cosignedMessage(text: string, time: number): Uint8Array {
  return utf8(`cosignature/v1\ntime ${time}\n${text}`);
}

/** A new Ed25519 signer key for `name` (type 0x01 for a log, 0x04 for a witness cosigner). */
export function generateSignerKey(name: string, type: number = SIG_ED25519): string {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
  const id = computeKeyId(name, type, rawPublicKey(publicKey));
  return `PRIVATE+KEY+${name}+${id.toString(16).padStart(8, '0')}+${toBase64(concatBytes(Uint8Array.of(type), seed))}`;
}

/** Parses a signer key; `now` (ms since the Epoch) dates cosignatures. */
export function signerFromKey(skey: string, now: () => number = Date.now): NoteSigner {
  const parts = splitPlus(skey.trim(), 5);
  if (!parts || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') throw new Error('not a signer key (PRIVATE+KEY+name+id+key)');
  const [, , name, idHex, b64] = parts as [string, string, string, string, string];
  const raw = fromBase64(b64);
  if (!raw || raw.length !== 33) throw new Error('signer key material must be base64 of a type byte and a 32-byte seed');
  const type = raw[0]!;
  if (type !== SIG_ED25519 && type !== SIG_COSIGNATURE_V1) throw new Error(`unsupported signature type 0x${type.toString(16)}`);
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, raw.subarray(1)]), format: 'der', type: 'pkcs8' });
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  const keyId = computeKeyId(name, type, publicKey);
  if (idHex !== keyId.toString(16).padStart(8, '0')) throw new Error('signer key ID does not match its key');
  const verifierKey = formatVerifierKey({ name, keyId, type, publicKey });
  return {
    name,
    keyId,
    type,
    verifierKey,
    sign(text: string): Uint8Array {
      if (type === SIG_ED25519) return new Uint8Array(sign(null, utf8(text), privateKey));
      const time = Math.floor(now() / 1000);
      const ts = Buffer.alloc(8);
      ts.writeBigUInt64BE(BigInt(time));
      return concatBytes(ts, sign(null, cosignedMessage(text, time), privateKey));
    },
  };
}

/** Parses a verifier key and checks its key ID against the key. */
export function verifierFromKey(vkey: string): NoteVerifier {
  const parts = parseVerifierKey(vkey);
  if ('error' in parts) throw new Error(`bad verifier key: ${parts.error}`);
  const { name, keyId, type, publicKey } = parts;
  if (type !== SIG_ED25519 && type !== SIG_COSIGNATURE_V1) throw new Error(`unsupported signature type 0x${type.toString(16)}`);
  if (publicKey.length !== 32) throw new Error('an Ed25519 public key is 32 bytes');
  if (computeKeyId(name, type, publicKey) !== keyId) throw new Error('verifier key ID does not match its key');
  const key = publicKeyObject(publicKey);
  return {
    name,
    keyId,
    type,
    publicKey,
    verify(text: string, signature: Uint8Array) {
      if (type === SIG_ED25519) return signature.length === 64 && verify(null, utf8(text), key, signature) ? {} : null;
      if (signature.length !== 72) return null;
      const t = Buffer.from(signature.subarray(0, 8)).readBigUInt64BE(0);
      if (t > BigInt(Number.MAX_SAFE_INTEGER)) return null;
      const time = Number(t);
      return verify(null, cosignedMessage(text, time), key, signature.subarray(8)) ? { time } : null;
    },
  };
}

/** Signs `text` (which must end with a newline) with each signer. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  const bad = checkNoteText(text);
  if (bad) throw new Error(bad);
  if (signers.length === 0) throw new Error('a signed note needs at least one signature');
  return `${text}\n${signers.map((s) => formatSignatureLine(s.name, s.keyId, s.sign(text))).join('')}`;
}

/** Adds signatures (e.g. a witness cosignature) to an existing note, keeping the signatures it has. */
export function addSignatures(note: string, signers: readonly NoteSigner[]): string {
  const parsed = parseNote(note);
  if ('error' in parsed) throw new Error(parsed.error);
  return note + signers.map((s) => formatSignatureLine(s.name, s.keyId, s.sign(parsed.text))).join('');
}

/**
 * Verifies a note against known keys (signed-note "Signatures"): signatures whose (name, key ID) match no known key
 * are ignored; a known key's signature that fails rejects the whole note; at least one known signature must verify.
 */
export function openNote(note: string, verifiers: readonly NoteVerifier[]): OpenedNote {
  const parsed = parseNote(note);
  if ('error' in parsed) return { ok: false, reason: parsed.error };
  const verifiedBy: VerifiedSignature[] = [];
  let unknown = 0;
  for (const sig of parsed.signatures) {
    const v = verifiers.find((k) => k.name === sig.name && k.keyId === sig.keyId);
    if (!v) {
      unknown++;
      continue;
    }
    const r = v.verify(parsed.text, sig.signature);
    if (!r) return { ok: false, reason: `the signature of ${sig.name} (key ${toHex(keyIdBytes(sig.keyId))}) is invalid` };
    verifiedBy.push({ name: v.name, keyId: v.keyId, type: v.type, ...r });
  }
  if (verifiedBy.length === 0) {
    const names = parsed.signatures.map((s) => `${s.name}+${toHex(keyIdBytes(s.keyId))}`).join(', ');
    return { ok: false, reason: `no signature by a known key (the note is signed by ${names})` };
  }
  return { ok: true, text: parsed.text, verifiedBy, unknownSignatures: unknown };
}

function keyIdBytes(id: number): Uint8Array {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(id >>> 0);
  return b;
}
