/**
 * The browser verifier's logic (src/web/verify/verify.ts) run on Node's WebCrypto against the in-process portal:
 * a published file verifies with the log's Ed25519 signature; a changed one is not in the log; a receipt the user
 * brings is checked; a browser without Ed25519 still checks inclusion and says the signature was not checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyInBrowser } from '../../src/web/verify/verify.js';
import { describe as describeResult } from '../../src/web/verify/messages.js';
import { generateSignerKey, signerFromKey } from '../../src/integrity/signed-note.js';
import type { TestApp } from '../support/app.js';
import { createLogApp, injectFetch, logOf } from './app-helpers.js';
import { sha256hex } from './helpers.js';

describe('verifyInBrowser', () => {
  let t: TestApp;
  const csv = Buffer.from('kode_tps,suara_01\n3601012001001,120\n');
  const tps = { tps: '3601012001002', suara: { '01': 77, '02': 130 } };
  const canon = JSON.stringify({ suara: { '01': 77, '02': 130 }, tps: '3601012001002' });
  const opts = () => ({ portal: 'http://kotak.test', fetch: injectFetch(t.server) as typeof fetch });

  beforeAll(async () => {
    t = await createLogApp('sqlite');
    await t.app.services.database.db.transaction().execute((trx) =>
      logOf(t).appendMany(trx, [
        { kind: 'official-recap', subject: 'recap:d-hasil-36', organization: 'kpu-banten', sha256: sha256hex(csv) },
        { kind: 'results-import', subject: 'tps:3601012001002', organization: 'kpu-banten', sha256: sha256hex(canon) },
      ]),
    );
    await logOf(t).afterCommit();
  });
  afterAll(async () => t?.close());

  it('verifies a published file, its entry and the log signature', async () => {
    const r = await verifyInBrowser(new Blob([csv]), opts());
    expect(r).toMatchObject({ status: 'verified', signature: 'valid', entry: { kind: 'official-recap', org: 'kpu-banten' }, sha256: sha256hex(csv) });
    expect(describeResult(r, 'id')[0]).toMatch(/^Terverifikasi/);
    expect(describeResult(r, 'en')).toContain('The log\'s Ed25519 signature was checked: valid.');
  });

  it('verifies a TPS result JSON whatever its indentation, and reports a changed one as not logged', async () => {
    expect(await verifyInBrowser(Buffer.from(JSON.stringify(tps, null, 2)), opts())).toMatchObject({ status: 'verified', entry: { hashOf: 'jcs' } });
    const changed = Buffer.from(JSON.stringify({ ...tps, suara: { '01': 78, '02': 130 } }));
    expect(await verifyInBrowser(changed, opts())).toMatchObject({ status: 'not-logged' });
  });

  it('checks a receipt the user brings: a changed file, a forged path, another log key', async () => {
    const receipt = (await verifyInBrowser(csv, opts())).receipt!;
    expect(await verifyInBrowser(Buffer.from('lain'), { ...opts(), receipt })).toMatchObject({ status: 'content-mismatch' });
    const lines = receipt.split('\n');
    const pathLine = lines.findIndex((l) => /^[A-Za-z0-9+/]{43}=$/.test(l));
    lines[pathLine] = Buffer.alloc(32, 1).toString('base64');
    expect(await verifyInBrowser(csv, { ...opts(), receipt: lines.join('\n') })).toMatchObject({ status: 'not-included' });
    const other = signerFromKey(generateSignerKey('kotak.test/log')).verifierKey;
    expect(await verifyInBrowser(csv, { ...opts(), receipt, vkey: other })).toMatchObject({ status: 'bad-signature' });
  });

  it('says so when the browser cannot check Ed25519, and still checks inclusion', async () => {
    const real = globalThis.crypto.subtle;
    const noEd25519 = {
      digest: real.digest.bind(real),
      importKey: async () => {
        throw new DOMException('Unrecognized name', 'NotSupportedError');
      },
    } as unknown as SubtleCrypto;
    const r = await verifyInBrowser(csv, { ...opts(), subtle: noEd25519 });
    expect(r).toMatchObject({ status: 'verified', signature: 'unsupported' });
    expect(describeResult(r, 'en').join('\n')).toMatch(/does not support Ed25519/);
  });
});
