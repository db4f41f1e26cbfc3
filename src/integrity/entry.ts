/**
 * A publication-log entry: RFC 8785 (JCS) canonical JSON naming what was published, by whom, when, and the SHA-256 of
 * the content. The leaf hashed into the tree is these exact bytes (RFC 9162 §2.1.1: leaf = SHA-256(0x00 ‖ entry)), so
 * anyone holding the entry can recompute its leaf. No Node built-ins (the browser parses entries too).
 *
 * `hashOf` says what `sha256` covers: `bytes` — the file as served (a resource, an official recap PDF); `jcs` — the
 * RFC 8785 canonical form of a JSON document (a TPS result, a maturity assessment), so a re-indented copy of the same
 * JSON still verifies.
 *
 * @example
 *   const { bytes } = makeEntry({ kind: 'resource', subjects: ['dataset:abc', 'resource:def'], org: 'kpu-banten',
 *     time: new Date(), sha256: '9f86…', name: 'ppwp-2024.csv', size: 1234 });
 */
import canonicalize from 'canonicalize';
import { fromUtf8, utf8 } from './encoding.js';
import { MAX_ENTRY_BYTES } from './tiles.js';

export const ENTRY_KINDS = [
  'dataset-version',
  'resource',
  'results-import',
  'results-correction',
  'official-recap',
  'tps-list',
  'maturity-assessment',
  'key-change',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export type MetaValue = string | number | boolean | null;

export interface PublicationEntry {
  /** entry format version */
  v: 1;
  kind: EntryKind;
  /** what was published, as `<type>:<id>` (`dataset:…`, `resource:…`, `tps:3601012001001`, `key:…`); first = main */
  subjects: string[];
  /** publishing organisation (name/slug), null for the portal itself (key changes) */
  org: string | null;
  /** RFC 3339 UTC time of publication, millisecond precision */
  time: string;
  /** lower-case hex SHA-256 of the content */
  sha256: string;
  hashOf: 'bytes' | 'jcs';
  /** file name or title, for people reading the log */
  name?: string;
  /** content length in bytes */
  size?: number;
  /** small kind-specific facts: dataset version number, `replaces` (entry index a correction supersedes), new key … */
  meta?: Record<string, MetaValue>;
}

export interface EntryInput extends Omit<PublicationEntry, 'v' | 'time' | 'hashOf'> {
  time: Date | string;
  hashOf?: 'bytes' | 'jcs';
}

const SUBJECT = /^[a-z][a-z0-9-]*:[^\s]+$/;
const HEX64 = /^[0-9a-f]{64}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Field → problem, empty when the entry is valid. */
export function entryProblems(e: Record<string, unknown>): Record<string, string[]> {
  const p: Record<string, string[]> = {};
  const add = (f: string, m: string) => (p[f] ??= []).push(m);
  const allowed = new Set(['v', 'kind', 'subjects', 'org', 'time', 'sha256', 'hashOf', 'name', 'size', 'meta']);
  for (const k of Object.keys(e)) if (!allowed.has(k)) add(k, 'unknown field');
  if (e.v !== 1) add('v', 'must be 1');
  if (!ENTRY_KINDS.includes(e.kind as EntryKind)) add('kind', `must be one of ${ENTRY_KINDS.join(', ')}`);
  if (!Array.isArray(e.subjects) || e.subjects.length === 0) add('subjects', 'must be a non-empty array');
  else if (!e.subjects.every((s) => typeof s === 'string' && SUBJECT.test(s))) add('subjects', 'each must look like type:id');
  if (!(e.org === null || (typeof e.org === 'string' && e.org.length > 0))) add('org', 'must be a non-empty string or null');
  if (typeof e.time !== 'string' || !TIME.test(e.time) || Number.isNaN(Date.parse(e.time))) add('time', 'must be RFC 3339 UTC with milliseconds');
  if (typeof e.sha256 !== 'string' || !HEX64.test(e.sha256)) add('sha256', 'must be 64 lower-case hex digits');
  if (e.hashOf !== 'bytes' && e.hashOf !== 'jcs') add('hashOf', 'must be bytes or jcs');
  if (e.name !== undefined && (typeof e.name !== 'string' || e.name.length === 0)) add('name', 'must be a non-empty string');
  if (e.size !== undefined && !(Number.isSafeInteger(e.size) && (e.size as number) >= 0)) add('size', 'must be a non-negative integer');
  if (e.meta !== undefined) {
    const ok =
      typeof e.meta === 'object' && e.meta !== null && !Array.isArray(e.meta) &&
      Object.values(e.meta).every((x) => x === null || ['string', 'number', 'boolean'].includes(typeof x));
    if (!ok) add('meta', 'must be an object of strings, numbers, booleans or null');
  }
  return p;
}

export class EntryError extends Error {
  constructor(readonly fields: Record<string, string[]>) {
    super(`invalid log entry: ${Object.entries(fields).map(([f, m]) => `${f}: ${m.join(', ')}`).join('; ')}`);
    this.name = 'EntryError';
  }
}

/** Builds, validates and canonicalises an entry (RFC 8785). Throws `EntryError` when invalid or over 65,535 bytes. */
export function makeEntry(input: EntryInput): { entry: PublicationEntry; json: string; bytes: Uint8Array } {
  const time = typeof input.time === 'string' ? new Date(input.time) : input.time;
  if (Number.isNaN(time.getTime())) throw new EntryError({ time: ['is not a date'] });
  const entry: PublicationEntry = { ...input, v: 1, time: time.toISOString(), hashOf: input.hashOf ?? 'bytes' };
  for (const k of Object.keys(entry) as (keyof PublicationEntry)[]) if (entry[k] === undefined) delete entry[k];
  const problems = entryProblems(entry as unknown as Record<string, unknown>);
  if (Object.keys(problems).length) throw new EntryError(problems);
  const json = canonicalize(entry)!;
  const bytes = utf8(json);
  if (bytes.length > MAX_ENTRY_BYTES) throw new EntryError({ entry: [`is ${bytes.length} bytes, the limit is ${MAX_ENTRY_BYTES}`] });
  return { entry, json, bytes };
}

/** Parses entry bytes; they must be valid and already canonical (so the leaf hash is reproducible from the entry). */
export function parseEntry(bytes: Uint8Array): PublicationEntry | { error: string } {
  const text = fromUtf8(bytes);
  if (text === null) return { error: 'entry is not valid UTF-8' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'entry is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'entry is not a JSON object' };
  const problems = entryProblems(value as Record<string, unknown>);
  if (Object.keys(problems).length) return { error: new EntryError(problems).message };
  if (canonicalize(value) !== text) return { error: 'entry is not in RFC 8785 canonical form' };
  return value as PublicationEntry;
}
