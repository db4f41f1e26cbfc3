/**
 * C2SP signed-note v1.0.0: the spec's Ed25519 example (fixtures/signed-note, CC-BY-4.0) verifies and its negative
 * cases fail; generated keys round-trip; unknown signatures are ignored; a failing known signature rejects the note;
 * witness cosignatures (tlog-cosignature v1, type 0x04) verify with their timestamp.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNote, parseVerifierKey, splitPlus } from '../../src/integrity/note-format.js';
import {
  addSignatures,
  computeKeyId,
  generateSignerKey,
  openNote,
  SIG_COSIGNATURE_V1,
  signerFromKey,
  signNote,
  verifierFromKey,
} from '../../src/integrity/signed-note.js';

const ex = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/signed-note/c2sp-signed-note-example.json'), 'utf8'));

describe('signed-note', () => {
  it('verifies the C2SP Ed25519 example', () => {
    const v = verifierFromKey(ex.verifier_key);
    expect(v.keyId.toString(16)).toBe(ex.key_id_hex);
    expect(Buffer.from(v.publicKey).toString('hex')).toBe(ex.public_key_hex);
    expect(computeKeyId(ex.key_name, 1, v.publicKey).toString(16)).toBe(ex.key_id_hex);
    const r = openNote(ex.signed_note, [v]);
    expect(r).toMatchObject({ ok: true, text: ex.note_text, unknownSignatures: 0 });
  });

  it('rejects the example when the text was modified', () => {
    const r = openNote(`${ex.negative_cases[0].note_text}\n${ex.signature_line}\n`, [verifierFromKey(ex.verifier_key)]);
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/signature of example.com\/foo .* invalid/) });
  });

  it('ignores a signature whose key name differs, and so finds no known signature', () => {
    const r = openNote(`${ex.note_text}\n${ex.negative_cases[1].signature_line}\n`, [verifierFromKey(ex.verifier_key)]);
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/no signature by a known key/) });
  });

  it('parses the spec opening example (no published key) with its key ID', () => {
    const u = ex.extra_unverifiable_example;
    const p = parseNote(`${u.note_text}\n${u.signature_line}\n`);
    if ('error' in p) throw new Error(p.error);
    expect(p.text).toBe(u.note_text);
    expect(p.signatures).toHaveLength(1);
    expect(p.signatures[0]!.name).toBe('quasimodo.example/salvatore');
    expect(p.signatures[0]!.keyId.toString(16)).toBe(u.key_id_hex);
  });

  it('signs and verifies with a generated key, and rejects a different key with the same name', () => {
    const signer = signerFromKey(generateSignerKey('kotak.test/log'));
    const note = signNote('kotak.test/log\n1\nAAAA\n', [signer]);
    expect(openNote(note, [verifierFromKey(signer.verifierKey)]).ok).toBe(true);
    const other = signerFromKey(generateSignerKey('kotak.test/log'));
    expect(openNote(note, [verifierFromKey(other.verifierKey)]).ok).toBe(false);
  });

  it('ignores unknown signatures next to a valid known one, but rejects the note when a known one is bad', () => {
    const a = signerFromKey(generateSignerKey('a.test/log'));
    const b = signerFromKey(generateSignerKey('b.test/log'));
    const note = signNote('hello\n\nworld\n', [b, a]);
    const r = openNote(note, [verifierFromKey(a.verifierKey)]);
    expect(r).toMatchObject({ ok: true, text: 'hello\n\nworld\n', unknownSignatures: 1 });
    const lines = note.split('\n');
    const aLine = lines.findIndex((l) => l.startsWith('— a.test/log '));
    const sig = Buffer.from(lines[aLine]!.split(' ')[2]!, 'base64');
    sig[10]! ^= 1;
    lines[aLine] = `— a.test/log ${sig.toString('base64')}`;
    expect(openNote(lines.join('\n'), [verifierFromKey(a.verifierKey), verifierFromKey(b.verifierKey)]).ok).toBe(false);
  });

  it('adds a witness cosignature (type 0x04) that verifies with its timestamp', () => {
    const log = signerFromKey(generateSignerKey('kotak.test/log'));
    const witness = signerFromKey(generateSignerKey('witness.test/w1', SIG_COSIGNATURE_V1), () => 1_700_000_000_123);
    expect(witness.verifierKey).toMatch(/^witness\.test\/w1\+[0-9a-f]{8}\+B/); // base64 of 0x04 … starts with B
    const note = addSignatures(signNote('kotak.test/log\n5\nAAAA\n', [log]), [witness]);
    const r = openNote(note, [verifierFromKey(log.verifierKey), verifierFromKey(witness.verifierKey)]);
    expect(r.ok && r.verifiedBy.map((s) => [s.name, s.time])).toEqual([
      ['kotak.test/log', undefined],
      ['witness.test/w1', 1_700_000_000],
    ]);
  });

  it('reads the timestamp layout of the tlog-cosignature example', () => {
    const p = parseNote(
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n' +
        '— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n',
    );
    if ('error' in p) throw new Error(p.error);
    expect(Buffer.from(p.signatures[0]!.signature.subarray(0, 8)).readBigUInt64BE(0)).toBe(1679315147n);
  });

  it.each([
    ['no blank line', 'text\n— a.test/x AAAAAAA=\n'],
    ['a control character', 'te\tst\n\n— a.test/x AAAAAAE=\n'],
    ['a malformed signature line', 'text\n\n- a.test/x AAAAAAE=\n'],
    ['a key name with +', 'text\n\n— a+b AAAAAAE=\n'],
    ['a short signature', 'text\n\n— a.test/x AAAA\n'],
    ['no final newline', 'text\n\n— a.test/x AAAAAAE='],
    ['non-canonical base64', 'text\n\n— a.test/x AAAAAAF=\n'],
  ])('refuses a note with %s', (_what, note) => {
    expect('error' in parseNote(note)).toBe(true);
  });

  it('refuses keys whose ID does not match', () => {
    const signer = signerFromKey(generateSignerKey('kotak.test/log'));
    const [name, id, b64] = splitPlus(signer.verifierKey, 3)!;
    expect(() => verifierFromKey(`${name}+00000000+${b64}`)).toThrow(/key ID/);
    expect(() => verifierFromKey(`other.test/log+${id}+${b64}`)).toThrow(/key ID/);
    expect('error' in parseVerifierKey('nope')).toBe(true);
    expect(() => signerFromKey('PRIVATE+KEY+x+00000000+AQ==')).toThrow();
  });
});
