/** Entries (RFC 8785 JSON), checkpoints (C2SP tlog-checkpoint) and receipts (C2SP tlog-proof): format and parse. */
import { describe, expect, it } from 'vitest';
import { formatCheckpoint, parseCheckpoint } from '../../src/integrity/checkpoint.js';
import { EntryError, makeEntry, parseEntry } from '../../src/integrity/entry.js';
import { formatReceipt, parseReceipt } from '../../src/integrity/receipt.js';

const sha = 'a'.repeat(64);

describe('log entries', () => {
  it('are RFC 8785 canonical JSON with sorted keys and a millisecond UTC time', () => {
    const { json, entry } = makeEntry({
      kind: 'dataset-version',
      subjects: ['dataset:ppwp-2024'],
      org: 'kpu-banten',
      time: new Date(Date.UTC(2024, 2, 20, 10)),
      sha256: sha,
      meta: { version: 3, note: 'ünïcode' },
    });
    expect(json).toBe(
      `{"hashOf":"bytes","kind":"dataset-version","meta":{"note":"ünïcode","version":3},"org":"kpu-banten","sha256":"${sha}",` +
        `"subjects":["dataset:ppwp-2024"],"time":"2024-03-20T10:00:00.000Z","v":1}`,
    );
    expect(parseEntry(Buffer.from(json))).toEqual(entry);
  });

  it('reject an unknown kind, a bad hash and a bad subject with the field named', () => {
    try {
      makeEntry({ kind: 'tweet' as never, subjects: ['no colon'], org: 'x', time: new Date(), sha256: 'abc' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EntryError);
      expect(Object.keys((e as EntryError).fields).sort()).toEqual(['kind', 'sha256', 'subjects']);
    }
  });

  it('reject entries over 65,535 bytes (the entry-bundle length prefix)', () => {
    const subjects = Array.from({ length: 5000 }, (_, i) => `tps:${String(i).padStart(13, '0')}`);
    expect(() => makeEntry({ kind: 'results-import', subjects, org: 'x', time: new Date(), sha256: sha })).toThrow(/limit/);
  });

  it('refuse to parse non-canonical, unknown-field or non-JSON entries', () => {
    const { json } = makeEntry({ kind: 'resource', subjects: ['resource:r1'], org: null, time: new Date(), sha256: sha });
    expect(parseEntry(Buffer.from(json.replace('{', '{ ')))).toMatchObject({ error: expect.stringMatching(/canonical/) });
    expect(parseEntry(Buffer.from(json.replace('{', '{"zz":1,')))).toMatchObject({ error: expect.stringMatching(/zz/) });
    expect(parseEntry(Buffer.from('nope'))).toMatchObject({ error: 'entry is not JSON' });
    expect(parseEntry(Uint8Array.of(0xff))).toMatchObject({ error: expect.stringMatching(/UTF-8/) });
  });
});

describe('checkpoints', () => {
  const root = new Uint8Array(32).fill(9);
  it('format as origin, size and base64 root lines, with extensions', () => {
    const text = formatCheckpoint({ origin: 'kotak.test/log', size: 20852163, root, extensions: ['ext'] });
    expect(text).toBe(`kotak.test/log\n20852163\n${Buffer.from(root).toString('base64')}\next\n`);
    expect(parseCheckpoint(text)).toEqual({ origin: 'kotak.test/log', size: 20852163, root, extensions: ['ext'] });
  });

  it.each([
    ['a leading zero in the size', 'o\n012\nCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk=\n'],
    ['a short root', 'o\n1\nCQkJ\n'],
    ['two lines', 'o\n1\n'],
    ['an empty extension line', 'o\n1\nCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk=\n\n'],
    ['no final newline', 'o\n1\nCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk='],
  ])('refuse %s', (_w, text) => {
    expect('error' in parseCheckpoint(text)).toBe(true);
  });
});

describe('receipts', () => {
  const checkpoint = 'kotak.test/log\n3\nCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk=\n\n— kotak.test/log AAAAAAE=\n';
  const path = [new Uint8Array(32).fill(1), new Uint8Array(32).fill(2)];

  it('follow the C2SP tlog-proof layout and parse back', () => {
    const text = formatReceipt({ extra: Buffer.from('{}'), index: 2, path, checkpoint });
    expect(text.split('\n').slice(0, 5)).toEqual([
      'c2sp.org/tlog-proof@v1',
      'extra e30=',
      'index 2',
      Buffer.from(path[0]!).toString('base64'),
      Buffer.from(path[1]!).toString('base64'),
    ]);
    expect(text).toContain(`\n\n${checkpoint}`);
    const back = parseReceipt(text);
    expect(back).toMatchObject({ index: 2, checkpoint });
    expect(parseReceipt(text.replace(/\n/g, '\r\n'))).toMatchObject({ index: 2, checkpoint });
  });

  it('parse a receipt with an empty path (a one-entry tree) and no extra', () => {
    expect(parseReceipt(formatReceipt({ extra: null, index: 0, path: [], checkpoint }))).toMatchObject({ extra: null, index: 0, path: [] });
  });

  it.each([
    ['a wrong header', 'c2sp.org/tlog-proof@v2\nindex 0\n\n'],
    ['no index', 'c2sp.org/tlog-proof@v1\nextra e30=\n\n'],
    ['a leading zero index', 'c2sp.org/tlog-proof@v1\nindex 01\n\n'],
    ['a short hash', 'c2sp.org/tlog-proof@v1\nindex 1\nAAAA\n\n'],
    ['no checkpoint separator', 'c2sp.org/tlog-proof@v1\nindex 1\n'],
  ])('reject %s', (_w, text) => {
    expect('error' in parseReceipt(text + checkpoint)).toBe(true);
  });
});
