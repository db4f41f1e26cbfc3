/**
 * The publication log inside the app, on both databases: key on first start, entries written in the publication's
 * transaction, checkpoints after commit, tiles and bundles a client can check, receipts that verify offline,
 * consistency between checkpoints, witness cosignatures.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../src/actions/invoke.js';
import { LogClient, verifyWithPortal } from '../../src/integrity/client.js';
import { decodeEntryBundle, splitTile } from '../../src/integrity/tiles.js';
import { leafHash } from '../../src/integrity/rfc6962.js';
import { TileHashStore } from '../../src/integrity/tile-store.js';
import { treeRoot } from '../../src/integrity/tree.js';
import { openNote, verifierFromKey, generateSignerKey, signerFromKey, addSignatures, SIG_COSIGNATURE_V1 } from '../../src/integrity/signed-note.js';
import { verifyCheckpointConsistency, verifyContent } from '../../src/integrity/verify.js';
import { DIALECTS, type TestApp } from '../support/app.js';
import { makeDataset, makeOrg, makeUser, type TestUser } from '../support/factories.js';
import { createLogApp, injectFetch, logOf, multipart } from './app-helpers.js';
import { sha256hex } from './helpers.js';

describe.each(DIALECTS)('log on %s', (dialect) => {
  let t: TestApp;
  let editor: TestUser;
  let org: { id: string; name: string };
  const get = (url: string, headers: Record<string, string> = {}) => t.server.inject({ method: 'GET', url, headers });
  const vkey = async () => (await get('/log/key')).body.trim();

  beforeAll(async () => {
    t = await createLogApp(dialect);
    org = await makeOrg(t);
    editor = await makeUser(t, { org: org.id, role: 'editor' });
  });
  afterAll(async () => t?.close());

  it('generates the log key on first start, mode 0600, and announces it as the first entry', async () => {
    const file = join(t.dataDir, 'keys', 'log.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await vkey()).toMatch(/^kotak\.test\/log\+[0-9a-f]{8}\+A/);
    const r = (await get('/api/v1/log/entries?kind=key-change')).json().data;
    expect(r.entries[0]).toMatchObject({ index: 0, kind: 'key-change', org: null, meta: { vkey: await vkey(), previous: null } });
  });

  it('serves a checkpoint signed by that key, cacheable only briefly', async () => {
    const r = await get('/log/checkpoint');
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(r.headers['cache-control']).toBe('public, max-age=5');
    const opened = openNote(r.body, [verifierFromKey(await vkey())]);
    expect(opened.ok && opened.text.split('\n').slice(0, 2)).toEqual(['kotak.test/log', expect.stringMatching(/^\d+$/)]);
  });

  it('logs an uploaded file in the same transaction and its receipt verifies the download offline', async () => {
    const ds = await makeDataset(t, editor, org.name);
    const content = Buffer.from('kode_tps,suara_01,suara_02\n3601012001001,120,98\n');
    const m = multipart({ package_id: ds.id, name: 'hasil.csv' }, { name: 'hasil.csv', content });
    const res = (await t.server.inject({ method: 'POST', url: '/api/3/action/resource_create', payload: m.payload, headers: { ...editor.headers, ...m.headers } })).json().result;
    const entries = (await get(`/api/v1/log/entries?subject=resource:${res.id}`)).json().data;
    expect(entries.entries).toHaveLength(1);
    expect(entries.entries[0]).toMatchObject({ kind: 'resource', sha256: sha256hex(content), org: org.name, hashOf: 'bytes' });
    const receipt = await get(`/api/v1/log/receipt?sha256=${sha256hex(content)}`);
    expect(receipt.headers['content-disposition']).toMatch(/attachment; filename="kotak-log-\d+\.tlog-proof"/);
    const download = (await get(new URL(res.url).pathname)).rawPayload;
    expect(verifyContent(download, receipt.body, { log: await vkey() })).toMatchObject({ ok: true, entry: { kind: 'resource' } });
    const byPortal = await verifyWithPortal(download, new LogClient('http://kotak.test', injectFetch(t.server)), { log: await vkey() });
    expect(byPortal).toMatchObject({ ok: true, keySource: 'given' });
    const dsEntries = (await get(`/api/v1/log/entries?subject=dataset:${ds.id}`)).json().data;
    expect(dsEntries.entries.map((e: { kind: string }) => e.kind)).toContain('dataset-version');
  });

  it('leaves no entry, hash or checkpoint behind when the publication rolls back', async () => {
    const db = t.app.services.database.db;
    const before = await db.selectFrom('log_head').select('size').executeTakeFirstOrThrow();
    const cpBefore = (await get('/log/checkpoint')).body;
    await expect(
      db.transaction().execute(async (trx) => {
        await logOf(t).append(trx, { kind: 'resource', subject: 'resource:gagal', organization: org.name, sha256: 'a'.repeat(64) });
        throw new Error('the publication failed after its log entry');
      }),
    ).rejects.toThrow(/failed/);
    await logOf(t).afterCommit();
    expect(await db.selectFrom('log_head').select('size').executeTakeFirstOrThrow()).toEqual(before);
    expect(await db.selectFrom('log_entries').select('idx').where('subject', '=', 'resource:gagal').execute()).toEqual([]);
    expect((await get('/log/checkpoint')).body).toBe(cpBefore);
    // The next append takes the index the rolled-back one had, and its proof verifies.
    await db.transaction().execute((trx) => logOf(t).append(trx, { kind: 'official-recap', subject: 'recap:berhasil', organization: org.name, sha256: 'b'.repeat(64) }));
    await logOf(t).afterCommit();
    const p = (await get(`/api/v1/log/proof?sha256=${'b'.repeat(64)}`)).json().data;
    expect(p.index).toBe(Number(before.size));
    expect(verifyContent(Buffer.alloc(0), p.receipt, { log: await vkey() })).toMatchObject({ code: 'content-mismatch' });
  });

  it('appends a batch of 600 entries in one transaction with one checkpoint, each provable', async () => {
    const db = t.app.services.database.db;
    const inputs = Array.from({ length: 600 }, (_, i) => ({
      kind: 'results-import',
      subject: `tps:36010120010${String(i).padStart(2, '0')}`,
      related: ['contest:ppwp-2024'],
      organization: org.name,
      sha256: sha256hex(`tps ${i}`),
    }));
    const first = await db.transaction().execute((trx) => logOf(t).appendMany(trx, inputs));
    await logOf(t).afterCommit();
    expect(first.map((x) => x.index)).toEqual(Array.from({ length: 600 }, (_, i) => first[0]!.index + i));
    const cp = (await invoke<{ size: number }>(t.system, 'log.checkpoint', {}));
    expect(cp.size).toBe(first[599]!.index + 1);
    for (const i of [0, 299, 599]) {
      const p = (await get(`/api/v1/log/proof?index=${first[i]!.index}`)).json().data;
      const r = verifyContent(Buffer.alloc(0), p.receipt, { log: await vkey() });
      expect(r.ok === false && r.code).toBe('content-mismatch'); // proof and signature fine; empty content is not the TPS
    }
    const related = (await get('/api/v1/log/entries?subject=contest:ppwp-2024&limit=5')).json().data;
    expect(related.count).toBe(600);
  });

  it('serves tiles and entry bundles that reproduce the signed root, with immutable caching', async () => {
    const cp = (await invoke<{ size: number; root: string }>(t.system, 'log.checkpoint', {}));
    const client = new LogClient('http://kotak.test', injectFetch(t.server));
    const root = await treeRoot(new TileHashStore((p) => client.tile(p), cp.size), cp.size);
    expect(Buffer.from(root).toString('base64')).toBe(cp.root);
    const full = await get('/log/tile/0/000');
    expect(full.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(full.headers['content-type']).toBe('application/octet-stream');
    expect(full.rawPayload.length).toBe(8192);
    const bundle = decodeEntryBundle((await get('/log/tile/entries/000')).rawPayload)!;
    const hashes = splitTile(full.rawPayload)!;
    bundle.forEach((e, i) => expect(Buffer.from(leafHash(e)).equals(hashes[i]!)).toBe(true));
    const gz = await get('/log/tile/entries/000', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect((await get(`/log/tile/0/x999/999`)).statusCode).toBe(404);
    expect((await get(`/log/tile/0/01`)).statusCode).toBe(404);
  });

  it('proves each checkpoint consistent with an earlier one', async () => {
    const a = (await get('/log/checkpoint')).body;
    const sizeA = Number(a.split('\n')[1]);
    const ds = await makeDataset(t, editor, org.name);
    await invoke(t.as(editor.actor), 'dataset.patch', { id: ds.id, notes: 'Diperbarui' });
    const b = (await get('/log/checkpoint')).body;
    const sizeB = Number(b.split('\n')[1]);
    expect(sizeB).toBeGreaterThan(sizeA);
    const path = (await get(`/api/v1/log/consistency?from=${sizeA}&to=${sizeB}`)).json().data.path.map((p: string) => Buffer.from(p, 'base64'));
    expect(verifyCheckpointConsistency(a, b, path, { log: await vkey() }).ok).toBe(true);
    expect((await get(`/api/v1/log/consistency?from=${sizeB}&to=${sizeB + 1}`)).statusCode).toBe(409);
  });

  it('keeps cosignatures of registered witnesses only, and serves them on the checkpoint', async () => {
    const w = signerFromKey(generateSignerKey('saksi.test/w1', SIG_COSIGNATURE_V1));
    const note = (await get('/log/checkpoint')).body;
    const cosigned = addSignatures(note, [w]);
    const refused = await t.server.inject({ method: 'POST', url: '/log/cosignature', payload: cosigned, headers: { 'content-type': 'text/plain' } });
    expect(refused.statusCode).toBe(403);
    await invoke(t.system, 'log.witnessTrust', { vkey: w.verifierKey });
    const ok = await t.server.inject({ method: 'POST', url: '/log/cosignature', payload: cosigned, headers: { 'content-type': 'text/plain' } });
    expect(ok.json().data).toMatchObject({ accepted: ['saksi.test/w1'] });
    const served = (await get('/log/checkpoint')).body;
    const opened = openNote(served, [verifierFromKey(await vkey()), verifierFromKey(w.verifierKey)]);
    expect(opened.ok && opened.verifiedBy.map((s) => s.name)).toEqual(['kotak.test/log', 'saksi.test/w1']);
    const forged = cosigned.replace(/\n(\d+)\n/, (_m, n) => `\n${Number(n) + 1}\n`);
    expect((await t.server.inject({ method: 'POST', url: '/log/cosignature', payload: forged, headers: { 'content-type': 'text/plain' } })).statusCode).toBe(409);
  });

  it('serialises concurrent publications: contiguous indexes, one tree, a clean audit', async () => {
    const db = t.app.services.database.db;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, k) =>
        db.transaction().execute(async (trx) => {
          const a = await logOf(t).append(trx, { kind: 'official-recap', subject: `recap:c${k}a`, organization: org.name, sha256: sha256hex(`c${k}a`) });
          const b = await logOf(t).append(trx, { kind: 'official-recap', subject: `recap:c${k}b`, organization: org.name, sha256: sha256hex(`c${k}b`) });
          return [a.index, b.index];
        }),
      ),
    );
    await logOf(t).afterCommit();
    const indexes = results.flat().sort((x, y) => x - y);
    expect(new Set(indexes).size).toBe(16);
    expect(indexes[15]! - indexes[0]!).toBe(15);
    for (const [a, b] of results) expect(b).toBe(a! + 1); // each transaction's entries are adjacent
    const audit = await invoke<{ ok: boolean; findings: unknown[] }>(t.system, 'log.audit', {});
    expect(audit).toMatchObject({ ok: true, findings: [] });
  });

  it('refuses an entry of an unknown kind as an internal error, writing nothing', async () => {
    const db = t.app.services.database.db;
    await expect(db.transaction().execute((trx) => logOf(t).append(trx, { kind: 'tweet', subject: 'x:1', organization: null, sha256: 'c'.repeat(64) }))).rejects.toThrow(/unknown log entry kind/);
  });
});
