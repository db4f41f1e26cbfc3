/**
 * The results REST API in-process through the real HTTP layer (app.inject), on both databases.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadDemoResults } from '../../src/actions/results-demo.js';
import { validateErr } from '../../src/results/export/nist-validate.js';
import { OPENELECTIONS_HEADER } from '../../src/results/export/csv.js';
import { DIALECTS, type TestApp } from '../support/app.js';
import { makeUser } from '../support/factories.js';
import { createResultsApp, multipart } from './support/app.js';
import { tmpDir, WIDE_HEADER } from './support/fixtures.js';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';

const base = '/api/v1/elections/pemilu-2024/contests/ppwp';

for (const dialect of DIALECTS) {
  describe(`results REST API on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createResultsApp(dialect, { config: { maxUploadBytes: 64 * 1024 } });
      await loadDemoResults(t.system);
    });
    afterAll(async () => {
      await t?.close();
    });
    const get = (url: string) => t.server.inject({ method: 'GET', url });

    it('GET /elections and /elections/{e}/contests list the demo election and its contest', async () => {
      const e = await get('/api/v1/elections');
      expect(e.statusCode).toBe(200);
      expect(e.json().data).toEqual([expect.objectContaining({ id: 'pemilu-2024', contests: 1 })]);
      const c = await get('/api/v1/elections/pemilu-2024/contests');
      expect(c.json().data[0]).toMatchObject({ id: 'ppwp', kind: 'ppwp' });
      expect(c.json().data[0].selections.map((s: any) => s.key)).toEqual(['01', '02', '03']);
    });

    it('GET …/regions/{code} returns totals, coverage and flags of the region and of each child', async () => {
      const r = await get(`${base}/regions/3673`);
      expect(r.statusCode).toBe(200);
      const d = r.json().data;
      expect(d.region).toMatchObject({ code: '3673', name: 'Kota Serang', level: 'kabupaten_kota', parent: { code: '36' } });
      expect(d.coverage.tps_expected).toBe(1877);
      expect(d.children).toHaveLength(6);
      const sum = (k: string) => d.children.reduce((a: number, c: any) => a + c.totals.votes[k], 0);
      expect(sum('02')).toBe(d.totals.votes['02']);
      expect(Object.keys(d.flags)).toContain('sum_votes_eq_valid');
      expect(d.children.reduce((a: number, c: any) => a + c.flags.missing_tps, 0)).toBe(d.flags.missing_tps);
      expect((await get(`${base}/regions/ID`)).json().data.children.map((c: any) => c.code)).toEqual(['36']);
      // KPU code of Cikaratuan resolves to its Kemendagri code
      expect((await get(`${base}/regions/3602162018`)).json().data.region.code).toBe('3602282009');
    });

    it('a kecamatan equals the sum of its desa, whose totals come from their stored TPS lines', async () => {
      const d = (await get(`${base}/regions/367301`)).json().data;
      expect(d.children.length).toBeGreaterThan(5);
      for (const key of ['suara_sah', 'pemilih_dpt_total', 'pengguna_total']) expect(d.children.reduce((a: number, c: any) => a + c.totals[key], 0), key).toBe(d.totals[key]);
      expect(d.children.reduce((a: number, c: any) => a + c.totals.votes['01'], 0)).toBe(d.totals.votes['01']);
      for (const rule of Object.keys(d.flags)) expect(d.children.reduce((a: number, c: any) => a + (c.flags[rule] ?? 0), 0), rule).toBe(d.flags[rule]);
      for (const k of ['tps_expected', 'tps_reported', 'tps_complete']) expect(d.children.reduce((a: number, c: any) => a + c.coverage[k], 0), k).toBe(d.coverage[k]);
      const one = (await get(`${base}/regions/${d.children[0].code}`)).json().data;
      expect(one.totals).toEqual(d.children[0].totals);
      expect(one.children).toEqual([]);
    });

    it('answers 404 with the error shape for an unknown region, TPS, election', async () => {
      for (const url of [`${base}/regions/9999`, `${base}/tps/3601012001999`, '/api/v1/elections/pemilu-1999/contests']) {
        const r = await get(url);
        expect(r.statusCode, url).toBe(404);
        expect(r.json().error).toMatchObject({ code: 'not_found', message: expect.stringMatching(/not found/) });
      }
    });

    it('GET …/tps/{code} returns the figures, every check with its numbers, and the history', async () => {
      const r = await get(`${base}/tps/3601012002001`);
      expect(r.statusCode).toBe(200);
      const d = r.json().data;
      expect(d.figures.votes).toEqual({ '01': 75, '02': 101, '03': 42 });
      expect(d.figures.suara_sah).toBeNull();
      expect(d.checks.find((c: any) => c.rule === 'sum_votes_eq_valid')).toMatchObject({ status: 'skip' });
      expect(d.checks.every((c: any) => c.title.id && c.title.en)).toBe(true);
      expect(d.history).toEqual([]);
      expect(d.import.seq).toBe(1);
    });

    it('GET …/flags pages flags by rule and region with their numbers', async () => {
      const all = (await get(`${base}/flags?rule=sum_votes_eq_valid&region=3673&limit=5`)).json().data;
      expect(all.flags).toHaveLength(5);
      expect(all.total).toBe((await get(`${base}/regions/3673`)).json().data.flags.sum_votes_eq_valid);
      expect(all.flags[0].numbers).toHaveProperty('selisih');
      const next = (await get(`${base}/flags?rule=sum_votes_eq_valid&region=3673&limit=5&offset=5`)).json().data;
      expect(next.flags[0].tps > all.flags[4].tps).toBe(true);
      expect((await get(`${base}/flags?rule=nope`)).statusCode).toBe(409);
    });

    it('GET …/forensics/{code} labels indicators as signals, not verdicts', async () => {
      const d = (await get(`${base}/forensics/3673`)).json().data;
      expect(d.label.en).toMatch(/not a verdict/);
      expect(d.tps).toBe(1877);
      expect(d.fingerprint.counts).toHaveLength(20);
      expect(d.secondDigit.expectedMean).toBeCloseTo(4.187, 3);
    });

    it('downloads a level as CSV, JSON and Parquet', async () => {
      const csv = await get(`${base}/regions/3673/download.csv?level=kecamatan`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      const lines = csv.body.trim().split('\n');
      expect(lines).toHaveLength(7);
      expect(lines[0]).toMatch(/^region_code,name,level,parent_code,tps_expected/);
      const tps = await get(`${base}/regions/3673011001/download.csv?level=tps`);
      expect(tps.body.split('\n')[0]).toBe(WIDE_HEADER);
      const json = (await get(`${base}/regions/3673/download.json?level=desa_kelurahan`)).json();
      expect(json).toHaveLength(67);
      const pq = await get(`${base}/regions/3673/download.parquet?level=tps`);
      expect(pq.statusCode).toBe(200);
      expect(pq.rawPayload.subarray(0, 4).toString()).toBe('PAR1');
      const file = join(tmpDir(), 'x.parquet');
      writeFileSync(file, pq.rawPayload);
      const inst = await DuckDBInstance.create(':memory:');
      const con = await inst.connect();
      const rows = (await con.runAndReadAll(`SELECT count(*)::INTEGER AS n, sum(votes_02)::INTEGER AS v FROM read_parquet('${file}')`)).getRowObjects();
      con.closeSync();
      inst.closeSync();
      const region = (await get(`${base}/regions/3673`)).json().data;
      expect(rows[0]).toEqual({ n: 1877, v: region.totals.votes['02'] });
    });

    it('exports NIST ERR v2 that validates, and OpenElections CSV', async () => {
      const r = await get(`${base}/export/nist-err.json?region=3673`);
      expect(r.statusCode).toBe(200);
      const doc = r.json();
      expect(validateErr(doc)).toEqual([]);
      expect(doc.GpUnit.filter((u: any) => u.Type === 'polling-place')).toHaveLength(1877);
      const oe = await get(`${base}/export/openelections.csv?region=3673011001`);
      expect(oe.body.split('\n')[0]).toBe(OPENELECTIONS_HEADER);
      expect(oe.body.split('\n')[1]).toMatch(/^Kota Serang,3673011001001,/);
    });

    it('POST …/imports takes an upload; over the size limit it answers 413 and nothing changes', async () => {
      const editor = await makeUser(t, { org: 'kpu-kota-serang', role: 'editor' });
      const ok = multipart({ reason: 'koreksi' }, { name: 'koreksi.csv', content: `${WIDE_HEADER}\n3673011001001,3673011001,1,2,3,6,0,6,10,6,6,0,0,,3\n` });
      const r = await t.server.inject({ method: 'POST', url: `${base}/imports`, payload: ok.payload, headers: { ...ok.headers, ...editor.headers } });
      expect(r.statusCode).toBe(201);
      expect(r.json().data).toMatchObject({ changed: true, tps: { changed: 1 }, organization: 'kpu-kota-serang' });
      const revision = async () => Number((await t.app.services.database.db.selectFrom('results_contests').select('revision').executeTakeFirstOrThrow()).revision);
      const before = await revision();
      const big = multipart({}, { name: 'besar.csv', content: Buffer.alloc(200 * 1024, 'x') });
      const tooBig = await t.server.inject({ method: 'POST', url: `${base}/imports`, payload: big.payload, headers: { ...big.headers, ...editor.headers } });
      expect(tooBig.statusCode).toBe(413);
      const bad = multipart({}, { name: 'rusak.csv', content: `${WIDE_HEADER}\n367301100100,3673011001,1,2,3,6,0,6,10,6,6,0,0,,3\n` });
      const r2 = await t.server.inject({ method: 'POST', url: `${base}/imports`, payload: bad.payload, headers: { ...bad.headers, ...editor.headers } });
      expect(r2.statusCode).toBe(409);
      expect(r2.json().error).toMatchObject({ code: 'validation', detail: { row: 2, column: 1, columnName: 'tps_code' } });
      expect(r2.json().error.message).toMatch(/^row 2, column 1 \(A, "tps_code"\): TPS code "367301100100" has 12 digits/);
      const anon = await t.server.inject({ method: 'POST', url: `${base}/imports`, payload: ok.payload, headers: ok.headers });
      expect(anon.statusCode).toBe(403);
      expect(await revision()).toBe(before);
    });
  });
}

