/**
 * Tamper tests for results (issue 4 acceptance: "change one byte … of a result row in the database — kotak audit …
 * detect[s] it"), on both databases: a vote count changed with SQL in the stored figures, in a corrected TPS and in a
 * superseded version is reported by the audit (the action and `kotak audit`) naming the TPS and the log entry; `kotak
 * verify` rejects the TPS's JSON the API now serves against its receipt while the JSON first published still
 * verifies; the portal refuses to issue a receipt for the altered figures and still issues the others.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { invoke } from '../../src/actions/invoke.js';
import { createContest, createElection } from '../../src/actions/elections.js';
import { importResultsFile } from '../../src/actions/results-import.js';
import { registerAudit } from '../../src/cli/audit.js';
import { registerVerify } from '../../src/cli/verify.js';
import type { AuditReport } from '../../src/integrity/audit.js';
import type { LogService } from '../../src/integrity/service.js';
import { BANTEN_REGIONS_CSV, PEMILU_2024, ppwp2024 } from '../../src/results/known.js';
import { KPU_2024_ALIASES, parseRegionCsv } from '../../src/results/regions.js';
import { DIALECTS, type TestApp } from '../support/app.js';
import { createResultsApp } from './support/app.js';
import { WIDE_HEADER, writeTmp } from './support/fixtures.js';

const E = 'pemilu-2024';
const C = 'ppwp';
const A = '3601012001001'; // set by the first import, never corrected
const B = '3601012001002'; // corrected by the second import
const api = (path: string) => `/api/v1/elections/${E}/contests/${C}${path}`;

async function kotak(env: Record<string, string>, ...args: string[]): Promise<{ out: string; code: number }> {
  const program = new Command('kotak').exitOverride();
  registerVerify(program);
  registerAudit(program);
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'kotak', ...args]);
  } finally {
    spy.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out: lines.join('\n'), code };
}

for (const dialect of DIALECTS) {
  describe(`results tampering on ${dialect}`, () => {
    let t: TestApp;
    let dir: string;
    let env: Record<string, string>;
    const get = (url: string) => t.server.inject({ method: 'GET', url });
    const db = () => t.app.services.database.db;
    const audit = () => invoke<AuditReport>(t.system, 'log.audit', {});
    const logIndex = async (seq: number) => (await invoke<any[]>(t.system, 'results.imports', { election: E, contest: C }))[seq - 1].log_index as number;

    /** Rewrites one line of the stored figures with SQL, behind the portal's back. */
    async function tamper(tps: string, from: string, to: string): Promise<void> {
      const row = await db().selectFrom('results_forms').select(['region_code', 'desa_code', 'data']).where('desa_code', '=', tps.slice(0, 10)).executeTakeFirstOrThrow();
      const text = typeof row.data === 'string' ? row.data : Buffer.from(row.data as Uint8Array).toString('utf8');
      const changed = text.replace(`${tps},${from}`, `${tps},${to}`);
      expect(changed).not.toBe(text);
      await db().updateTable('results_forms').set({ data: changed }).where('region_code', '=', row.region_code).where('desa_code', '=', row.desa_code).execute();
    }

    beforeAll(async () => {
      t = await createResultsApp(dialect);
      dir = mkdtempSync(join(tmpdir(), 'kotak-tamper-'));
      env = { KOTAK_DATA_DIR: t.dataDir, KOTAK_DATABASE_URL: t.config.databaseUrl, KOTAK_BASE_URL: 'http://kotak.test', KOTAK_SEED: 'false', KOTAK_DEMO_RESULTS: 'false' };
      writeFileSync(join(dir, 'log.vkey'), (t.app.services.log as LogService).signer.verifierKey);
      await createElection(t.system, PEMILU_2024, parseRegionCsv(await readFile(BANTEN_REGIONS_CSV, 'utf8')), KPU_2024_ALIASES);
      await createContest(t.system, ppwp2024());
      const first = writeTmp(
        'hasil.csv',
        `${WIDE_HEADER}\n${A},3601012001,98,118,10,226,3,229,289,229,223,3,3,2024-02-24 22:31:28,3\n${B},3601012001,118,76,18,212,6,218,290,218,217,0,1,2024-02-21 12:00:00,3\n` +
          `3601012001003,3601012001,50,60,70,180,2,182,250,182,180,1,1,,2\n3601012002001,3601012002,10,20,30,60,1,61,100,61,61,0,0,,1\n`,
      );
      await importResultsFile(t.system, { election: E, contest: C, path: first });
      const correction = writeTmp('koreksi.csv', `${WIDE_HEADER}\n${B},3601012001,118,80,18,216,6,222,290,222,221,0,1,2024-03-01 09:00:00,3\n`);
      await importResultsFile(t.system, { election: E, contest: C, path: correction, reason: 'Salah baca OCR' });
      for (const tps of [A, B]) {
        writeFileSync(join(dir, `${tps}.json`), (await get(api(`/tps/${tps}`))).body);
        writeFileSync(join(dir, `${tps}.tps-receipt`), (await get(api(`/tps/${tps}/receipt`))).body);
      }
      writeFileSync(join(dir, `${B}-v1.tps-receipt`), (await get(api(`/tps/${B}/receipt?version=1`))).body);
      expect((await audit()).ok).toBe(true);
    });
    afterAll(async () => {
      await t?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('reports a vote count changed with SQL, naming the TPS and the import entry (action and kotak audit)', async () => {
      await tamper(A, '3601012001,98,118,', '3601012001,98,119,');
      const r = await audit();
      expect(r.ok).toBe(false);
      const index = await logIndex(1);
      const about = r.findings.filter((f) => f.subject === `tps:${A}`);
      expect(about).toEqual([expect.objectContaining({ code: 'content-changed', index, message: expect.stringMatching(new RegExp(`TPS ${A} of ${E}/${C}: its stored figures differ from what log entry ${index} \\(results-import #1\\) published`)) })]);
      expect(r.findings.filter((f) => f.severity === 'error')).toHaveLength(1);
      const cli = await kotak(env, 'audit');
      expect(cli.code).toBe(1);
      expect(cli.out).toContain(`content-changed: TPS ${A} of ${E}/${C}`);
    });

    it('fails kotak verify for the JSON the API now serves against the old receipt, while the published JSON verifies', async () => {
      writeFileSync(join(dir, `${A}-now.json`), (await get(api(`/tps/${A}`))).body);
      const now = await kotak(env, 'verify', join(dir, `${A}-now.json`), '--receipt', join(dir, `${A}.tps-receipt`), '--key', join(dir, 'log.vkey'));
      expect(now.code).toBe(1);
      expect(now.out).toMatch(/GAGAL \/ FAILED[\s\S]*figures\.votes\.02: 118 published, 119 here/);
      const then = await kotak(env, 'verify', join(dir, `${A}.json`), '--receipt', join(dir, `${A}.tps-receipt`), '--key', join(dir, 'log.vkey'));
      expect(then.code).toBe(0);
      expect(then.out).toMatch(new RegExp(`^OK: [\\s\\S]*hasil TPS / TPS result: ${E}/${C} TPS ${A} versi / version 1`));
    });

    it('fails kotak verify --portal for the altered TPS with the portal’s reason, and passes it for the others', async () => {
      // Listening on a real port (closed with the app after the suite).
      const url = await t.server.listen({ port: 0, host: '127.0.0.1' });
      const r = await kotak(env, 'verify', join(dir, `${A}-now.json`), '--portal', url, '--key', join(dir, 'log.vkey'));
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/no receipt for TPS 3601012001001 version 1: The stored figures of desa 3601012001, which holds TPS 3601012001001, differ from what log entry \d+ published/);
      writeFileSync(join(dir, 'other.json'), (await get(api('/tps/3601012002001'))).body);
      expect((await kotak(env, 'verify', join(dir, 'other.json'), '--portal', url, '--key', join(dir, 'log.vkey'))).code).toBe(0);
    });

    it('refuses to issue a receipt for the altered figures or their desa chunk, and still issues those of the other desa of the import', async () => {
      const r = await get(api(`/tps/${A}/receipt`));
      expect(r.statusCode).toBe(400);
      expect(JSON.parse(r.body).error.message).toMatch(/stored figures of desa 3601012001, which holds TPS 3601012001001, differ from what log entry \d+ published.*kotak audit/);
      // A neighbour shares the altered desa chunk: its receipt would not verify either.
      expect((await get(api('/tps/3601012001003/receipt'))).statusCode).toBe(400);
      expect((await get(api('/tps/3601012002001/receipt'))).statusCode).toBe(200);
    });

    it('reports a corrected TPS changed with SQL against its correction entry and its import', async () => {
      await tamper(B, '3601012001,118,80,', '3601012001,118,81,');
      const r = await audit();
      const about = r.findings.filter((f) => f.subject === `tps:${B}`);
      const corr = await db().selectFrom('log_entries').select('idx').where('kind', '=', 'results-correction').where('subject', '=', `tps:${B}`).executeTakeFirstOrThrow();
      expect(about.map((f) => f.index).sort()).toEqual([await logIndex(2), Number(corr.idx)].sort());
      expect(about.find((f) => f.index === Number(corr.idx))!.message).toMatch(/version 2: its stored figures differ from what log entry \d+ \(results-correction\) published/);
      const v = await kotak(env, 'verify', join(dir, `${B}.json`), '--receipt', join(dir, `${B}.tps-receipt`), '--key', join(dir, 'log.vkey'));
      expect(v.code).toBe(0);
    });

    it('reports a superseded version changed with SQL against the import that published it', async () => {
      await db().updateTable('results_form_history').set({ line: `${B},3601012001,118,77,18,212,6,218,290,218,217,0,1,2024-02-21 12:00:00,3` }).where('tps_code', '=', B).execute();
      const r = await audit();
      expect(r.findings).toContainEqual(expect.objectContaining({ subject: `tps:${B}`, index: await logIndex(1), message: expect.stringContaining('results-import #1') }));
      // The receipt of version 1 kept from before still proves what was published.
      const v1 = JSON.parse(await readFile(join(dir, `${B}.json`), 'utf8')).data.history[0];
      const doc = { election: E, contest: C, tps: B, version: 1, figures: v1.figures };
      writeFileSync(join(dir, `${B}-v1.json`), JSON.stringify(doc));
      expect((await kotak(env, 'verify', join(dir, `${B}-v1.json`), '--receipt', join(dir, `${B}-v1.tps-receipt`), '--key', join(dir, 'log.vkey'))).code).toBe(0);
    });

    it('reports a TPS whose stored import number was changed as gone from one import and not published by the other', async () => {
      const row = await db().selectFrom('results_forms').select(['region_code', 'desa_code', 'meta']).where('desa_code', '=', '3601012001').executeTakeFirstOrThrow();
      const meta = row.meta.split('\n');
      expect(meta[2]).toBe('1,1'); // 3601012001003: version 1, import 1
      meta[2] = '1,2';
      await db().updateTable('results_forms').set({ meta: meta.join('\n') }).where('region_code', '=', row.region_code).where('desa_code', '=', row.desa_code).execute();
      const about = (await audit()).findings.filter((f) => f.subject === 'tps:3601012001003');
      expect(about).toEqual([
        expect.objectContaining({ index: await logIndex(1), message: expect.stringContaining('published it, but no stored figures are the ones that import set') }),
        expect.objectContaining({ index: await logIndex(2), message: expect.stringContaining('stored as set by import #2, but log entry') }),
      ]);
    });
  });
}
