/**
 * The election's TPS list (issue 3 §1 "the TPS list; registered voters per TPS", §3 "coverage against the TPS list"):
 * the reader's rules, then on both databases — a list before any results, results that leave listed TPS out, a
 * correction that fills one in, a new list that changes the area, the list over the real Banten file, the REST routes,
 * the publication-log entry, and the audit of the stored list against the logged list files.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../src/actions/invoke.js';
import { importResultsFile } from '../../src/actions/results-import.js';
import { KotakError } from '../../src/errors.js';
import type { AuditReport } from '../../src/integrity/audit.js';
import { createContest, createElection } from '../../src/actions/elections.js';
import { BANTEN_REGIONS_CSV, BANTEN_RESULTS_CSV, PEMILU_2024, ppwp2024 } from '../../src/results/known.js';
import { KPU_2024_ALIASES, parseRegionCsv } from '../../src/results/regions.js';
import { readTpsList } from '../../src/results/tps-list.js';
import { publishedUnits } from '../../src/store/results/coverage.js';
import { readFileSync } from 'node:fs';
import { DIALECTS, type TestApp } from '../support/app.js';
import { makeUser } from '../support/factories.js';
import { createResultsApp, multipart } from './support/app.js';
import { smallTree, writeTmp, WIDE_HEADER } from './support/fixtures.js';

const E = 'pemilu-2024';
const C = 'ppwp';

async function failure(p: Promise<unknown>): Promise<KotakError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(KotakError);
  return e as KotakError;
}

describe('reading a TPS list', () => {
  const tree = smallTree();
  const read = (text: string, name = 'daftar.csv') => readTpsList(writeTmp(name, text), tree, { sourceName: name });

  it('reads TPS codes and registered voters, ignores other columns, resolves KPU desa codes', async () => {
    const rows = await read('kode_tps,nama_tps,alamat,dpt\n3673011001001,TPS 001,"Jl. A, No. 1",289\n3602162018001,TPS 001,Cikaratuan,\n\n');
    expect(rows).toEqual([
      { tps: '3673011001001', region: '3673011001', registered: 289, row: 2 },
      { tps: '3602162018001', region: '3602282009', registered: null, row: 3 },
    ]);
  });

  it('reads XLSX', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('TPS');
    ws.addRow(['tps_code', 'registered']);
    ws.addRow(['3673011001001', 289]);
    ws.addRow(['3673011001002', 290]);
    const path = writeTmp('daftar.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(await readTpsList(path, tree)).toEqual([
      { tps: '3673011001001', region: '3673011001', registered: 289, row: 2 },
      { tps: '3673011001002', region: '3673011001', registered: 290, row: 3 },
    ]);
  });

  it('rejects a file without a TPS column, naming the columns it expects', async () => {
    const e = await failure(read('desa,dpt\n3673011001,289\n'));
    expect(e.message).toMatch(/^file daftar\.csv, row 1: missing column tps_code; a TPS list has the columns tps_code \(or kode_tps, tps\) and registered \(or dpt,/);
  });

  it.each([
    ['a TPS code of the wrong length', 'tps_code,dpt\n367301100100,289\n', /row 2, column 1 \(A, "tps_code"\): TPS code "367301100100" has 12 digits/],
    ['a TPS outside the region tree', 'tps_code,dpt\n3673019999001,289\n', /row 2, column 1 \(A, "tps_code"\): TPS 3673019999001: desa 3673019999 is not in the election's region tree/],
    ['a TPS listed twice', 'tps_code,dpt\n3673011001001,289\n3673011001002,1\n3673011001001,289\n', /row 4, column 1 \(A, "tps_code"\): TPS 3673011001001 is listed twice \(first in row 2\)/],
    ['text in the registered voters', 'tps_code,dpt\n3673011001001,banyak\n', /row 2, column 2 \(B, "dpt"\): text in a count: "banyak"/],
    ['a negative count', 'tps_code,dpt\n3673011001001,-3\n', /row 2, column 2 \(B, "dpt"\): registered voters must be a whole number ≥ 0, not -3/],
    ['two registered columns', 'tps_code,dpt,registered\n3673011001001,1,1\n', /row 1, column 3 \(C, "registered"\): two registered-voters columns/],
    ['a row without a TPS code', 'tps_code,dpt\n,289\n', /row 2, column 1 \(A, "tps_code"\): no TPS code in this row/],
  ])('rejects %s, naming row and column', async (_what, text, message) => {
    const e = await failure(read(text));
    expect(e.code).toBe('validation');
    expect(e.message).toMatch(message);
  });
});

for (const dialect of DIALECTS) {
  describe(`the TPS list on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createResultsApp(dialect);
      // The election and its contest without results (the demo loader would import the Banten file at once).
      await createElection(t.system, PEMILU_2024, parseRegionCsv(readFileSync(BANTEN_REGIONS_CSV, 'utf8')), KPU_2024_ALIASES);
      await createContest(t.system, ppwp2024());
    });
    afterAll(async () => {
      await t?.close();
    });

    const db = () => t.app.services.database.db;
    const count = async (table: 'results_tps' | 'results_tps_lists' | 'log_entries') =>
      Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const region = (code: string) => invoke<any>(t.system, 'results.region', { election: E, contest: C, code });
    const importList = (text: string, name = 'daftar-tps.csv') => invoke<any>(t.system, 'results.tpsListImport', { election: E, path: writeTmp(name, text) });

    it('a bad list is refused whole and changes nothing', async () => {
      const e = await failure(importList('tps_code,dpt\n3673011001001,289\n3673011001001,289\n'));
      expect(e.message).toMatch(/row 3, column 1 \(A, "tps_code"\): TPS 3673011001001 is listed twice/);
      expect(await count('results_tps')).toBe(0);
      expect(await count('results_tps_lists')).toBe(0);
    });

    it('stores a list before any results, logs it, and reads it back', async () => {
      const logBefore = await count('log_entries');
      const s = await importList('tps_code,dpt\n3673011001001,289\n3673011001002,290\n3673011001003,250\n3673011002001,300\n');
      expect(s).toMatchObject({ changed: true, region: { code: '367301' }, organization: 'kpu-kota-serang', tps: 4, registered: 1129, added: 4, removed: 0, contests: [] });
      // The list's own entry, then the office's dataset version with the list CSV and the file as received.
      expect(await count('log_entries')).toBe(logBefore + 4);
      const entries = await db().selectFrom('log_entries').select(['idx', 'kind', 'subject']).where('idx', '>=', s.logIndex).orderBy('idx').execute();
      expect(entries.map((e) => e.kind)).toEqual(['tps-list', 'dataset-version', 'resource', 'resource']);
      expect(entries[0]!.subject).toBe(`tps-list:${E}.367301`);
      expect(s.dataset).toBe('daftar-tps-pemilu-2024-kota-serang');
      const ds = await invoke<any>(t.system, 'package_show', { id: s.dataset });
      expect(ds).toMatchObject({ organization: { name: 'kpu-kota-serang' }, groups: ['daftar-pemilih'], spatial: ['3673'] });
      expect(ds.resources).toHaveLength(2);
      expect([...ds.tags].sort()).toEqual(['daftar-tps', 'dpt', 'pemilu-2024']);
      const csv = ds.resources.find((r: any) => r.name === 'daftar-tps-pemilu-2024-kota-serang.csv');
      const download = await t.server.inject({ method: 'GET', url: new URL(csv.url).pathname });
      expect(download.body).toBe('tps_code,desa_code,pemilih_dpt_total\n3673011001001,3673011001,289\n3673011001002,3673011001,290\n3673011001003,3673011001,250\n3673011002001,3673011002,300\n');
      expect(ds.resources.map((r: any) => r.name)).toContain('impor-1-daftar-tps.csv');
      const list = await invoke<any>(t.system, 'results.tpsList', { election: E, region: '3673011001' });
      expect(list).toMatchObject({ total: 3, registered: 829, with_registered: 3 });
      expect(list.tps.map((x: any) => x.tps)).toEqual(['3673011001001', '3673011001002', '3673011001003']);
      expect(list.imports).toHaveLength(1);
      const again = await importList('tps_code,dpt\n3673011001001,289\n3673011001002,290\n3673011001003,250\n3673011002001,300\n');
      expect(again).toMatchObject({ changed: false, dataset: null });
      expect(await count('results_tps_lists')).toBe(1);
    });

    it('counts listed TPS a results file leaves out as expected and flags them missing_tps', async () => {
      // 001 reported, 002 a form without figures, 003 and 3673011002001 only on the list.
      const file = writeTmp('hasil.csv', `${WIDE_HEADER}\n3673011001001,3673011001,98,118,10,226,3,229,289,229,223,3,3,,3\n3673011001002,3673011001,,,,,,,,,,,,,\n`);
      const s = await importResultsFile(t.system, { election: E, contest: C, path: file });
      expect(s.tps).toEqual({ new: 2, changed: 0, unchanged: 0 });
      expect(s.flags.missing_tps).toBe(1); // the file's own form without figures
      expect(s.coverage).toEqual({ expected: 4, reported: 1 });
      const desa = await region('3673011001');
      expect(desa.coverage).toMatchObject({ tps_expected: 3, tps_reported: 1 });
      expect(desa.flags.missing_tps).toBe(2);
      const kec = await region('367301');
      expect(kec.coverage).toMatchObject({ tps_expected: 4, tps_reported: 1 });
      // A desa with listed TPS and no form at all is still expected.
      expect(kec.children.find((c: any) => c.code === '3673011002').coverage).toMatchObject({ tps_expected: 1, tps_reported: 0 });
      const missing = await invoke<any>(t.system, 'results.flags', { election: E, contest: C, rule: 'missing_tps' });
      expect(missing.flags.map((f: any) => f.tps)).toEqual(['3673011001002', '3673011001003', '3673011002001']);
      const units = await publishedUnits(db(), E, C, '3673011001');
      expect(units.tps).toEqual({ listed: 3, published: 1 });
    });

    it('answers for a listed TPS without a form, and shows the list entry beside a form', async () => {
      const only = await invoke<any>(t.system, 'results.tps', { election: E, contest: C, tps: '3673011001003' });
      expect(only).toMatchObject({ has_form: false, listed: { registered: 250 }, version: 0, line: null, receipt: null, history: [] });
      expect(only.checks.map((c: any) => c.rule)).toEqual(['missing_tps']);
      expect(only.figures.votes).toEqual({ '01': null, '02': null, '03': null });
      const form = await invoke<any>(t.system, 'results.tps', { election: E, contest: C, tps: '3673011001001' });
      expect(form).toMatchObject({ has_form: true, listed: { registered: 289 }, version: 1 });
      await expect(invoke(t.system, 'results.tps', { election: E, contest: C, tps: '3673011001099' })).rejects.toMatchObject({ code: 'not_found' });
    });

    it('a later file that gives figures for a listed TPS makes it reported', async () => {
      const file = writeTmp('susulan.csv', `${WIDE_HEADER}\n3673011001003,3673011001,50,60,10,120,2,122,250,122,120,1,1,,2\n`);
      const s = await importResultsFile(t.system, { election: E, contest: C, path: file });
      expect(s.tps).toEqual({ new: 1, changed: 0, unchanged: 0 });
      expect(s.coverage).toEqual({ expected: 4, reported: 2 });
      expect((await region('3673011001')).coverage).toMatchObject({ tps_expected: 3, tps_reported: 2 });
      expect((await invoke<any>(t.system, 'results.tps', { election: E, contest: C, tps: '3673011001003' })).has_form).toBe(true);
    });

    it('a new list replaces the list of its region and recomputes every contest', async () => {
      // 3673011002001 leaves the list, 3673011002002 joins, 3673011001002 has a new DPT.
      const s = await importList('tps_code,dpt\n3673011001001,289\n3673011001002,291\n3673011001003,250\n3673011002002,310\n');
      expect(s).toMatchObject({ changed: true, region: { code: '367301' }, added: 1, removed: 1, registeredChanged: 1 });
      expect(s.contests).toEqual([{ contest: C, expected: 4, reported: 2, missing: 2 }]);
      // A new version of the office's dataset: the list CSV follows, each file as received is kept.
      const ds = await invoke<any>(t.system, 'package_show', { id: s.dataset });
      expect(ds.version).toBe('2');
      expect(ds.resources.map((r: any) => r.name)).toEqual(['daftar-tps-pemilu-2024-kota-serang.csv', 'impor-1-daftar-tps.csv', 'impor-2-daftar-tps.csv']);
      const csv = await t.server.inject({ method: 'GET', url: new URL(ds.resources[0].url).pathname });
      expect(csv.body).toContain('\n3673011001002,3673011001,291\n3673011001003,3673011001,250\n3673011002002,3673011002,310\n');
      const kec = await region('367301');
      expect(kec.coverage).toMatchObject({ tps_expected: 4, tps_reported: 2 });
      const missing = await invoke<any>(t.system, 'results.flags', { election: E, contest: C, rule: 'missing_tps' });
      expect(missing.flags.map((f: any) => f.tps)).toEqual(['3673011001002', '3673011002002']);
      await expect(invoke(t.system, 'results.tps', { election: E, contest: C, tps: '3673011002001' })).rejects.toMatchObject({ code: 'not_found' });
      // The desa page lists the listed TPS without a form, linked to its page, which says so.
      const page = await t.server.inject({ method: 'GET', url: `/hasil/${E}/${C}/3673011002` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`/hasil/${E}/${C}/tps/3673011002002`);
      const tpsPage = await t.server.inject({ method: 'GET', url: `/hasil/${E}/${C}/tps/3673011002002` });
      expect(tpsPage.statusCode).toBe(200);
      expect(tpsPage.body).toContain('TPS ini ada di daftar TPS, tetapi belum ada formulir hasil yang diimpor untuknya.');
      expect(tpsPage.body).toContain('Daftar TPS: 310 pemilih terdaftar (DPT).');
    });

    it('over the real Banten file: a listed TPS the snapshot lacks adds one expected TPS and changes no total', async () => {
      await importResultsFile(t.system, { election: E, contest: C, path: BANTEN_RESULTS_CSV });
      const before = await region('36');
      // Every TPS of the earlier lists is in the file: nothing beyond its 33,324.
      expect(before.coverage.tps_expected).toBe(33324);
      // The list of Kota Serang: every TPS of the file there with its DPT, and one more — except one TPS it leaves out
      // and one (3673061013009, DPT 225 on its form) it gives a DPT of 226.
      const lines = readFileSync(BANTEN_RESULTS_CSV, 'utf8').split('\n').filter((l) => l.startsWith('3673'));
      const left = lines[lines.length - 2]!.split(',')[0]!;
      expect(lines[lines.length - 1]).toMatch(/^3673061013009,.*,225,/);
      const listed = lines.filter((l) => !l.startsWith(left)).map((l) => {
        const c = l.split(',');
        return `${c[0]},${c[0] === '3673061013009' ? 226 : c[8]}`;
      });
      const s = await importList(['tps_code,dpt', ...listed, '3673011001099,200'].join('\n'), 'dpt-kota-serang.csv');
      expect(s).toMatchObject({ changed: true, region: { code: '3673' }, tps: lines.length });
      const after = await region('36');
      expect(after.coverage).toMatchObject({ tps_expected: 33325, tps_reported: before.coverage.tps_reported });
      expect(after.flags).toMatchObject({ missing_tps: before.flags.missing_tps + 1, tps_not_in_list: 1, registered_eq_list: 1 });
      expect(after.totals).toEqual(before.totals);
      expect((await region('3673')).coverage.tps_expected).toBe(lines.length + 1);
      const odd = await invoke<any>(t.system, 'results.flags', { election: E, contest: C, region: '3673', rule: 'registered_eq_list' });
      expect(odd.flags).toEqual([{ tps: '3673061013009', rule: 'registered_eq_list', region: '3673061013', numbers: { baris: expect.any(Number), dpt_formulir: 225, dpt_daftar_tps: 226 } }]);
      const unlisted = await invoke<any>(t.system, 'results.flags', { election: E, contest: C, rule: 'tps_not_in_list' });
      expect(unlisted.flags.map((f: any) => f.tps)).toEqual([left]);
    });

    it('a file is still about its own region when the list reaches beyond it: the office of that region imports it', async () => {
      // The lists now cover Kota Serang and a desa of Pandeglang; a correction of one Serang TPS is Kota Serang's.
      await importList('tps_code,dpt\n3601012001002,290\n', 'dpt-pandeglang.csv');
      const editor = await makeUser(t, { org: 'kpu-kota-serang', role: 'editor' });
      const file = writeTmp('koreksi.csv', `${WIDE_HEADER}\n3673011001001,3673011001,98,120,10,228,3,231,289,231,225,3,3,,3\n`);
      const s = await importResultsFile(t.as(editor.actor), { election: E, contest: C, path: file, reason: 'salah baca' });
      expect(s).toMatchObject({ changed: true, region: { code: '3673011001' }, organization: 'kpu-kota-serang', tps: { changed: 1 } });
      expect(s.flags.missing_tps).toBeUndefined();
    });

    it('REST: GET and POST /api/v1/elections/{election}/tps-list', async () => {
      const get = await t.server.inject({ method: 'GET', url: `/api/v1/elections/${E}/tps-list?region=3673011001&limit=2` });
      expect(get.statusCode).toBe(200);
      expect(get.json().data).toMatchObject({ total: 85, limit: 2 });
      expect(get.json().data.tps).toHaveLength(2);
      const body = multipart({}, { name: 'dpt.csv', content: 'tps_code,dpt\n3601012001001,289\n' });
      const anon = await t.server.inject({ method: 'POST', url: `/api/v1/elections/${E}/tps-list`, payload: body.payload, headers: body.headers });
      expect(anon.statusCode).toBe(403);
      const serang = await makeUser(t, { org: 'kpu-kota-serang', role: 'editor' });
      const notTheirs = await t.server.inject({ method: 'POST', url: `/api/v1/elections/${E}/tps-list`, payload: body.payload, headers: { ...body.headers, ...serang.headers } });
      expect(notTheirs.statusCode).toBe(403);
      const editor = await makeUser(t, { org: 'kpu-kabupaten-pandeglang', role: 'editor' });
      const ok = await t.server.inject({ method: 'POST', url: `/api/v1/elections/${E}/tps-list`, payload: body.payload, headers: { ...body.headers, ...editor.headers } });
      expect(ok.statusCode).toBe(201);
      expect(ok.json().data).toMatchObject({ changed: true, organization: 'kpu-kabupaten-pandeglang', tps: 1 });
      const bad = multipart({}, { name: 'dpt.csv', content: 'kode,dpt\n3601012001001,289\n' });
      const r = await t.server.inject({ method: 'POST', url: `/api/v1/elections/${E}/tps-list`, payload: bad.payload, headers: { ...bad.headers, ...editor.headers } });
      expect(r.statusCode).toBe(409);
      expect(r.json().error.message).toMatch(/missing column tps_code/);
    });

    it('the audit replays the logged lists: a TPS list changed with SQL is found, naming the TPS and the entry', async () => {
      const audit = () => invoke<AuditReport>(t.system, 'log.audit', {});
      const listFindings = (r: AuditReport) => r.findings.filter((f) => f.subject?.startsWith('tps-list:'));
      const clean = await audit();
      expect(listFindings(clean)).toEqual([]);
      expect(clean.ok).toBe(true);
      const row = (tps: string) => db().selectFrom('results_tps').selectAll().where('election_id', '=', E).where('tps_code', '=', tps).executeTakeFirstOrThrow();
      const dpt = await row('3673061013009');
      const gone = await row('3673011001002');
      await db().updateTable('results_tps').set({ registered: 999 }).where('tps_code', '=', '3673061013009').execute();
      await db().deleteFrom('results_tps').where('tps_code', '=', '3673011001002').execute();
      await db().insertInto('results_tps').values({ ...gone, tps_code: '3673011001098' }).execute();
      const r = await audit();
      expect(r.ok).toBe(false);
      const messages = listFindings(r).map((f) => f.message).sort();
      expect(messages).toEqual([
        expect.stringMatching(/^TPS 3673011001002 is in the list of entry \d+ but no longer on the stored TPS list$/),
        expect.stringMatching(/^TPS 3673011001098 is on the stored TPS list of pemilu-2024 but no logged list gives it$/),
        expect.stringMatching(/^TPS 3673061013009: registered voters 999 stored, 226 in the list of entry \d+$/),
      ]);
      expect(listFindings(r).every((f) => f.code === 'content-changed' && f.subject === `tps-list:${E}.3673`)).toBe(true);
      // Put back as it was: the audit is clean again.
      await db().updateTable('results_tps').set({ registered: dpt.registered }).where('tps_code', '=', '3673061013009').execute();
      await db().deleteFrom('results_tps').where('tps_code', '=', '3673011001098').execute();
      await db().insertInto('results_tps').values(gone).execute();
      expect(listFindings(await audit())).toEqual([]);
    });

    it('removes the list of a region that has its own: its listed TPS are no longer expected, and the audit still agrees', async () => {
      const remove = (region: string, ctx = t.system) => invoke<any>(ctx, 'results.tpsListRemove', { election: E, region });
      // Lists in effect now: Kota Serang (3673, which replaced the kecamatan list of 367301) and one Pandeglang desa.
      expect(JSON.stringify((await failure(remove('367301'))).fields)).toMatch(/part of the list of 3673: upload a new list for 3673 instead/);
      expect(JSON.stringify((await failure(remove('3604'))).fields)).toMatch(/Region 3604 has no TPS list of its own \(lists are in effect for 3601012001, 3673\)/);
      const serang = await makeUser(t, { org: 'kpu-kota-serang', role: 'editor' });
      expect((await failure(remove('3601012001', t.as(serang.actor)))).code).toBe('forbidden');
      // A desa list given after the Kota Serang list is in effect too, but inside it: it is not removed alone.
      expect((await importList('tps_code,dpt\n3673011002001,300\n', 'dpt-3673011002.csv')).changed).toBe(true);
      expect(JSON.stringify((await failure(remove('3673011002'))).fields)).toMatch(/part of the list of 3673: upload a new list for 3673 instead/);
      const before = await region('3673');
      const listed = Number((await invoke<any>(t.system, 'results.tpsList', { election: E, region: '3673' })).total);
      const logBefore = await count('log_entries');
      const s = await remove('3673', t.as(serang.actor));
      expect(s).toMatchObject({ changed: true, region: { code: '3673' }, organization: 'kpu-kota-serang', tps: 0, removed: listed, added: 0, dataset: 'daftar-tps-pemilu-2024-kota-serang' });
      // The list's entry and the dataset version with the emptied list CSV; no file as received.
      expect(await count('log_entries')).toBe(logBefore + 3);
      const after = await region('3673');
      expect(after.coverage.tps_expected).toBe(before.coverage.tps_expected - 1);
      expect(after.flags.tps_not_in_list ?? 0).toBe(0);
      expect(after.flags.registered_eq_list ?? 0).toBe(0);
      expect(after.totals).toEqual(before.totals);
      expect((await invoke<any>(t.system, 'results.tpsList', { election: E, region: '3673' })).total).toBe(0);
      const ds = await invoke<any>(t.system, 'package_show', { id: s.dataset });
      expect(ds.resources.filter((r: any) => r.name.startsWith('impor-'))).toHaveLength(4);
      const csv = await t.server.inject({ method: 'GET', url: new URL(ds.resources[0].url).pathname });
      expect(csv.body).toBe('tps_code,desa_code,pemilih_dpt_total\n');
      expect((await invoke<AuditReport>(t.system, 'log.audit', {})).findings.filter((f) => f.subject?.startsWith('tps-list:'))).toEqual([]);
      // The region has no list of its own any more.
      expect(JSON.stringify((await failure(remove('3673'))).fields)).toMatch(/Region 3673 has no TPS list of its own/);
      // REST: DELETE …/tps-list?region= is the Pandeglang office's for its desa.
      const url = `/api/v1/elections/${E}/tps-list?region=3601012001`;
      expect((await t.server.inject({ method: 'DELETE', url })).statusCode).toBe(403);
      expect((await t.server.inject({ method: 'DELETE', url, headers: serang.headers })).statusCode).toBe(403);
      const pandeglang = await makeUser(t, { org: 'kpu-kabupaten-pandeglang', role: 'editor' });
      const ok = await t.server.inject({ method: 'DELETE', url, headers: pandeglang.headers });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().data).toMatchObject({ changed: true, removed: 1 });
      expect((await region('36')).flags.tps_not_in_list ?? 0).toBe(0);
    });
  });
}
