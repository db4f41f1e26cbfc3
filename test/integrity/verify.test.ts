/**
 * Offline verification (verify.ts): a file, its receipt and the log key are enough; every kind of tampering with the
 * file, the entry, the proof, the checkpoint or its signature is reported with its own code; monitors detect rewrites
 * and rollbacks between two checkpoints.
 */
import { describe, expect, it } from 'vitest';
import { parseCheckpoint } from '../../src/integrity/checkpoint.js';
import { formatReceipt, parseReceipt, type Receipt } from '../../src/integrity/receipt.js';
import { addSignatures, generateSignerKey, SIG_COSIGNATURE_V1, signerFromKey } from '../../src/integrity/signed-note.js';
import { proveConsistency } from '../../src/integrity/tree.js';
import { verifyCheckpointConsistency, verifyContent } from '../../src/integrity/verify.js';
import { entryFor, ORIGIN, TestLog } from './helpers.js';

const files = Array.from({ length: 7 }, (_, i) => Buffer.from(`kode_tps,suara_01\n36010120010${i},${100 + i}\n`));
const tps = { tps: '3601012001001', votes: { '01': 120, '02': 98, '03': 45 }, invalid: 3 };
const tpsPretty = Buffer.from(JSON.stringify(tps, null, 2));
const tpsCanon = Buffer.from(JSON.stringify({ invalid: 3, tps: '3601012001001', votes: { '01': 120, '02': 98, '03': 45 } }));

async function setup() {
  const log = await TestLog.create();
  await log.append(files.map((f) => entryFor(f).bytes));
  await log.append([entryFor(tpsCanon, { kind: 'results-import', subjects: ['tps:3601012001001'], hashOf: 'jcs' }).bytes]);
  return { log, keys: { log: log.signer.verifierKey } };
}

function editReceipt(receipt: string, edit: (r: Receipt) => void): string {
  const r = parseReceipt(receipt);
  if ('error' in r) throw new Error(r.error);
  edit(r);
  return formatReceipt(r);
}

describe('verifyContent', () => {
  it('verifies every published file with its receipt and the log key alone', async () => {
    const { log, keys } = await setup();
    for (let i = 0; i < files.length; i++) {
      const r = verifyContent(files[i]!, await log.receipt(i), keys);
      expect(r).toMatchObject({ ok: true, index: i, checkpoint: { size: 8, origin: ORIGIN } });
    }
  });

  it('verifies a TPS result JSON by its canonical form, whatever its indentation', async () => {
    const { log, keys } = await setup();
    expect(verifyContent(tpsPretty, await log.receipt(7), keys)).toMatchObject({ ok: true, entry: { hashOf: 'jcs' } });
    const changed = Buffer.from(JSON.stringify({ ...tps, votes: { ...tps.votes, '02': 99 } }));
    expect(verifyContent(changed, await log.receipt(7), keys)).toMatchObject({ ok: false, code: 'content-mismatch' });
    expect(verifyContent(Buffer.from('not json'), await log.receipt(7), keys)).toMatchObject({ ok: false, code: 'content-mismatch' });
  });

  it('reports content-mismatch when one byte of the file changed', async () => {
    const { log, keys } = await setup();
    const f = Buffer.from(files[2]!);
    f[f.length - 2]! ^= 1;
    const r = verifyContent(f, await log.receipt(2), keys);
    expect(r).toMatchObject({ ok: false, code: 'content-mismatch', reason: expect.stringMatching(/log entry says/) });
  });

  it('reports not-included when the entry in the receipt was altered to match another file', async () => {
    const { log, keys } = await setup();
    const other = Buffer.from('forged');
    const forged = editReceipt(await log.receipt(3), (r) => (r.extra = entryFor(other).bytes));
    expect(verifyContent(other, forged, keys)).toMatchObject({ ok: false, code: 'not-included' });
  });

  it('reports not-included for a wrong index, a flipped path bit, or a missing path hash', async () => {
    const { log, keys } = await setup();
    const receipt = await log.receipt(3);
    expect(verifyContent(files[3]!, editReceipt(receipt, (r) => (r.index = 4)), keys).code).toBe('not-included');
    const flipped = editReceipt(receipt, (r) => {
      r.path[1] = Uint8Array.from(r.path[1]!);
      r.path[1][0]! ^= 0x80;
    });
    expect(verifyContent(files[3]!, flipped, keys).code).toBe('not-included');
    expect(verifyContent(files[3]!, editReceipt(receipt, (r) => r.path.pop()), keys).code).toBe('not-included');
  });

  it('reports bad-signature for a checkpoint signed by another key, or with a changed root', async () => {
    const { log, keys } = await setup();
    const impostor = signerFromKey(generateSignerKey(ORIGIN));
    const receipt = await log.receipt(1, log.checkpoint(ORIGIN, [impostor]));
    expect(verifyContent(files[1]!, receipt, keys)).toMatchObject({ ok: false, code: 'bad-signature' });
    const good = await log.receipt(1);
    const lines = good.split('\n');
    const rootLine = lines.findIndex((l, i) => i > 0 && lines[i - 2] === ORIGIN);
    lines[rootLine] = Buffer.alloc(32, 7).toString('base64');
    expect(verifyContent(files[1]!, lines.join('\n'), keys)).toMatchObject({ ok: false, code: 'bad-signature' });
  });

  it('reports origin-mismatch for a checkpoint of another log signed with the same key', async () => {
    const { log, keys } = await setup();
    expect(verifyContent(files[0]!, await log.receipt(0, log.checkpoint('other.test/log')), keys).code).toBe('origin-mismatch');
  });

  it('reports bad-receipt, bad-key and bad-entry for malformed inputs', async () => {
    const { log, keys } = await setup();
    expect(verifyContent(files[0]!, 'hello', keys).code).toBe('bad-receipt');
    expect(verifyContent(files[0]!, await log.receipt(0), { log: 'nope' }).code).toBe('bad-key');
    const noEntry = editReceipt(await log.receipt(0), (r) => (r.extra = null));
    expect(verifyContent(files[0]!, noEntry, keys).code).toBe('bad-entry');
    const notCanonical = editReceipt(await log.receipt(0), (r) => (r.extra = Buffer.from(JSON.stringify(JSON.parse(Buffer.from(r.extra!).toString()), null, 1))));
    expect(verifyContent(files[0]!, notCanonical, keys)).toMatchObject({ code: 'bad-entry', reason: expect.stringMatching(/canonical/) });
  });

  it('requires the configured number of witness cosignatures', async () => {
    const { log, keys } = await setup();
    const witness = signerFromKey(generateSignerKey('witness.test/w1', SIG_COSIGNATURE_V1));
    const withWitnesses = { ...keys, witnesses: [witness.verifierKey], minWitnesses: 1 };
    expect(verifyContent(files[0]!, await log.receipt(0), withWitnesses).code).toBe('too-few-witnesses');
    const cosigned = addSignatures(log.checkpoint(), [witness]);
    const r = verifyContent(files[0]!, await log.receipt(0, cosigned), withWitnesses);
    expect(r.ok && r.signatures.map((s) => s.name)).toEqual([ORIGIN, 'witness.test/w1']);
  });
});

describe('verifyCheckpointConsistency', () => {
  it('accepts a grown log with a consistency proof, and any log grown from empty', async () => {
    const log = await TestLog.create();
    const keys = { log: log.signer.verifierKey };
    const empty = log.checkpoint();
    await log.append(files.slice(0, 3).map((f) => entryFor(f).bytes));
    const old = log.checkpoint();
    await log.append(files.slice(3).map((f) => entryFor(f).bytes));
    const now = log.checkpoint();
    expect(verifyCheckpointConsistency(old, now, await proveConsistency(log.store, 3, 7), keys).ok).toBe(true);
    expect(verifyCheckpointConsistency(empty, now, [], keys).ok).toBe(true);
    expect(verifyCheckpointConsistency(now, now, [], keys).ok).toBe(true);
  });

  it('reports a rewritten history as inconsistent, and a shrunk log as a rollback', async () => {
    const log = await TestLog.create();
    const keys = { log: log.signer.verifierKey };
    await log.append(files.slice(0, 5).map((f) => entryFor(f).bytes));
    const old = log.checkpoint();
    // The same key signs a log whose entry 1 was replaced: a fork of history.
    const forked = await TestLog.create(log.signer);
    await forked.append(files.map((f, i) => entryFor(i === 1 ? Buffer.from('changed') : f).bytes));
    const bad = verifyCheckpointConsistency(old, forked.checkpoint(), await proveConsistency(forked.store, 5, 7), keys);
    expect(bad).toMatchObject({ ok: false, code: 'inconsistent' });
    const small = await TestLog.create(log.signer);
    await small.append(files.slice(0, 4).map((f) => entryFor(f).bytes));
    expect(verifyCheckpointConsistency(old, small.checkpoint(), [], keys)).toMatchObject({ ok: false, code: 'rollback' });
    const sameSize = await TestLog.create(log.signer);
    await sameSize.append(files.slice(0, 5).map((f, i) => entryFor(i === 4 ? Buffer.from('x') : f).bytes));
    expect(verifyCheckpointConsistency(old, sameSize.checkpoint(), [], keys)).toMatchObject({ ok: false, code: 'inconsistent' });
  });

  it('parses what it signs', async () => {
    const log = await TestLog.create();
    await log.append([entryFor(files[0]!).bytes]);
    const text = log.checkpoint().split('\n\n')[0] + '\n';
    expect(parseCheckpoint(text)).toMatchObject({ origin: ORIGIN, size: 1, extensions: [] });
  });
});
