/**
 * Tamper tests (issue 4 acceptance): one changed byte in a stored file, in a log entry or in a catalogue row, a
 * dropped entry, and a log rewritten and re-signed by an insider — `audit`, `verify` and `monitor` each catch what
 * they can see, with the reason.
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invoke } from '../../src/actions/invoke.js';
import type { AuditReport } from '../../src/integrity/audit.js';
import { LogClient, verifyWithPortal } from '../../src/integrity/client.js';
import { formatCheckpoint } from '../../src/integrity/checkpoint.js';
import { monitorOnce } from '../../src/integrity/monitor.js';
import { logReader } from '../../src/integrity/reader.js';
import { leafHash } from '../../src/integrity/rfc6962.js';
import { signNote } from '../../src/integrity/signed-note.js';
import { SqlHashStore } from '../../src/integrity/sql-hash-store.js';
import { MerkleTree } from '../../src/integrity/tree.js';
import { toHex } from '../../src/integrity/encoding.js';
import { verifyContent } from '../../src/integrity/verify.js';
import { DIALECTS, type TestApp } from '../support/app.js';
import { makeDataset, makeOrg, makeUser } from '../support/factories.js';
import { createLogApp, injectFetch, logOf, multipart } from './app-helpers.js';
import { sha256hex } from './helpers.js';

const FILE_A = Buffer.from('kode_tps,suara_01,suara_02,suara_03\n3601012001001,120,98,45\n');
const FILE_B = Buffer.from('kode_tps,suara_01,suara_02,suara_03\n3601012001002,77,130,12\n');

describe.each(DIALECTS)('tampering on %s', (dialect) => {
  let t: TestApp;
  let state: string;
  let vkey: string;
  let dsId: string;
  const files: { content: Buffer; receipt: string; index: number }[] = [];
  const audit = () => invoke<AuditReport>(t.system, 'log.audit', {});
  const client = () => new LogClient('http://kotak.test', injectFetch(t.server));
  const monitor = () => monitorOnce({ client: client(), stateDir: state, key: vkey });
  const db = () => t.app.services.database.db;
  /** What a restarted server would see (the reader caches the checkpoint for a second). */
  const fresh = () => {
    logReader(t.app.services.database).clearCaches();
  };

  beforeEach(async () => {
    t = await createLogApp(dialect);
    state = mkdtempSync(join(tmpdir(), 'kotak-monitor-'));
    const org = await makeOrg(t);
    const editor = await makeUser(t, { org: org.id, role: 'editor' });
    const ds = await makeDataset(t, editor, org.name);
    dsId = ds.id;
    files.length = 0;
    for (const [name, content] of [['a.csv', FILE_A], ['b.csv', FILE_B]] as const) {
      const m = multipart({ package_id: ds.id, name }, { name, content });
      const r = await t.server.inject({ method: 'POST', url: '/api/3/action/resource_create', payload: m.payload, headers: { ...editor.headers, ...m.headers } });
      expect(r.statusCode).toBe(200);
      const receipt = (await t.server.inject({ method: 'GET', url: `/api/v1/log/receipt?sha256=${sha256hex(content)}` })).body;
      files.push({ content, receipt, index: Number(/\nindex (\d+)\n/.exec(receipt)![1]) });
    }
    vkey = (await t.server.inject({ method: 'GET', url: '/log/key' })).body.trim();
    expect(await monitor()).toMatchObject({ ok: true, code: 'first' });
    expect(await audit()).toMatchObject({ ok: true, findings: [] });
  });
  afterEach(async () => {
    await t?.close();
    rmSync(state, { recursive: true, force: true });
  });

  it('passes audit, verify and monitor when nothing was touched', async () => {
    const r = await audit();
    expect(r).toMatchObject({ ok: true, blobs: 2 });
    expect(r.contentChecked).toBeGreaterThanOrEqual(1);
    for (const f of files) expect(verifyContent(f.content, f.receipt, { log: vkey }).ok).toBe(true);
    expect(await monitor()).toMatchObject({ ok: true, code: 'unchanged' });
  });

  it('finds one changed byte in a stored file (audit), and verify rejects the file served', async () => {
    const sha = sha256hex(FILE_A);
    const path = join(t.dataDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha);
    const bytes = readFileSync(path);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! === 0x35 ? 0x36 : 0x35;
    writeFileSync(path, bytes);
    const r = await audit();
    expect(r.ok).toBe(false);
    expect(r.findings).toContainEqual(expect.objectContaining({ code: 'blob-altered', subject: sha }));
    expect(verifyContent(bytes, files[0]!.receipt, { log: vkey })).toMatchObject({ ok: false, code: 'content-mismatch' });
    expect(await verifyWithPortal(bytes, client(), { log: vkey })).toMatchObject({ ok: false, code: 'not-logged' });
  });

  it('finds one changed byte in a log entry (audit, monitor), and the receipt the portal now serves fails verify', async () => {
    const idx = files[0]!.index;
    const row = await db().selectFrom('log_entries').select('entry').where('idx', '=', idx).executeTakeFirstOrThrow();
    const altered = row.entry.replace('"time":"2', '"time":"3');
    expect(altered).not.toBe(row.entry);
    await db().updateTable('log_entries').set({ entry: altered }).where('idx', '=', idx).execute();
    fresh();
    const r = await audit();
    expect(r.findings).toContainEqual(expect.objectContaining({ code: 'entry-altered', index: idx }));
    const m = await monitor();
    expect(m).toMatchObject({ ok: false, code: 'entries-mismatch' });
    expect(readFileSync(m.evidence!, 'utf8')).toMatch(/entries served do not hash to the signed root/);
    expect(await verifyWithPortal(FILE_A, client(), { log: vkey })).toMatchObject({ ok: false, code: 'not-included' });
  });

  it('finds a catalogue row changed behind the log’s back (audit)', async () => {
    await db().updateTable('datasets').set({ title: 'Judul yang diubah diam-diam' }).where('id', '=', dsId).execute();
    const r = await audit();
    expect(r.ok).toBe(false);
    expect(r.findings).toContainEqual(expect.objectContaining({ code: 'content-changed', subject: `dataset:${dsId}` }));
  });

  it('finds a dropped entry (audit, monitor), and verify no longer finds the file in the log', async () => {
    const idx = files[1]!.index;
    await db().deleteFrom('log_entries').where('idx', '=', idx).execute();
    fresh();
    const r = await audit();
    expect(r.findings).toContainEqual(expect.objectContaining({ code: 'entry-missing', index: idx }));
    const m = await monitor();
    expect(m).toMatchObject({ ok: false, code: 'entries-mismatch' });
    expect(m.problems.join('\n')).toMatch(/entry bundle 0 has \d+ entries, the checkpoint requires \d+/);
    expect(await verifyWithPortal(FILE_B, client(), { log: vkey })).toMatchObject({ ok: false, code: 'not-logged' });
    // The receipt kept from before still proves the file was published.
    expect(verifyContent(FILE_B, files[1]!.receipt, { log: vkey }).ok).toBe(true);
    // A hole in the middle of the log is found as well.
    await db().deleteFrom('log_entries').where('idx', '=', files[0]!.index).execute();
    expect((await audit()).findings).toContainEqual(expect.objectContaining({ code: 'entry-missing', index: files[0]!.index }));
  });

  it('reports a log rewritten and re-signed by an insider as inconsistent, with the evidence', async () => {
    // The insider changes entry A's hash to that of a forged file, rebuilds the tree, appends one more entry and
    // signs a new checkpoint with the real key, deleting the old checkpoints.
    const forged = Buffer.from('kode_tps,suara_01,suara_02,suara_03\n3601012001001,20,198,45\n');
    const rows = await db().selectFrom('log_entries').selectAll().orderBy('idx').execute();
    const target = files[0]!.index;
    await db().transaction().execute(async (trx) => {
      await trx.deleteFrom('log_hashes').execute();
      await trx.deleteFrom('log_checkpoints').execute();
      const tree = await MerkleTree.open(new SqlHashStore(trx), 0);
      for (const row of rows) {
        const entry = row.idx === target ? row.entry.replace(sha256hex(FILE_A), sha256hex(forged)) : row.entry;
        await trx.updateTable('log_entries').set({ entry, leaf_hash: toHex(leafHash(Buffer.from(entry))), sha256: JSON.parse(entry).sha256 }).where('idx', '=', row.idx).execute();
        await tree.append([leafHash(Buffer.from(entry))]);
      }
    });
    await db().transaction().execute((trx) => logOf(t).append(trx, { kind: 'resource', subject: 'resource:lain', organization: null, sha256: 'd'.repeat(64) }));
    await logOf(t).afterCommit();
    fresh();
    const m = await monitor();
    expect(m).toMatchObject({ ok: false, code: 'inconsistent' });
    const evidence = readFileSync(m.evidence!, 'utf8');
    expect(evidence).toMatch(/--- last verified checkpoint ---\nkotak\.test\/log\n/);
    expect(evidence).toMatch(/consistency proof computed from the portal's tiles \(\d+ hashes\)/);
    // The forged file now "verifies" against the rewritten log: only a monitor or witness that saw the old one knows.
    expect(await verifyWithPortal(forged, client(), { log: vkey })).toMatchObject({ ok: true });
    // The monitor kept the last good checkpoint, so it keeps reporting the fork.
    expect(await monitor()).toMatchObject({ ok: false, code: 'inconsistent' });
    expect(readdirSync(state).filter((f) => f.startsWith('evidence-')).length).toBeGreaterThanOrEqual(2);
  });

  it('finds a rewrite in the audit when the old checkpoints were kept', async () => {
    const target = files[0]!.index;
    const rows = await db().selectFrom('log_entries').selectAll().orderBy('idx').execute();
    await db().transaction().execute(async (trx) => {
      await trx.deleteFrom('log_hashes').execute();
      const tree = await MerkleTree.open(new SqlHashStore(trx), 0);
      for (const row of rows) {
        const entry = row.idx === target ? row.entry.replace('"resource"', '"official-recap"') : row.entry;
        await trx.updateTable('log_entries').set({ entry, leaf_hash: toHex(leafHash(Buffer.from(entry))), kind: JSON.parse(entry).kind }).where('idx', '=', row.idx).execute();
        await tree.append([leafHash(Buffer.from(entry))]);
      }
      const root = tree.root();
      await trx.insertInto('log_checkpoints').values({ size: tree.size + 1000, note: signNote(formatCheckpoint({ origin: 'kotak.test/log', size: tree.size + 1000, root, extensions: [] }), [logOf(t).signer]), created: 'x' }).execute();
    });
    const r = await audit();
    expect(r.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['checkpoint-root', 'checkpoint-beyond-log']));
  });
});
