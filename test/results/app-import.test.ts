/**
 * results.import end to end on both databases: the real Banten demo load, re-import, corrections with history,
 * atomic failure, catalogue publication and publication-log entries.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../src/actions/invoke.js';
import { loadDemoResults } from '../../src/actions/results-demo.js';
import { importResultsFile } from '../../src/actions/results-import.js';
import { KotakError } from '../../src/errors.js';
import { BANTEN_RESULTS_CSV } from '../../src/results/known.js';
import { DIALECTS } from '../support/app.js';
import type { TestApp } from '../support/app.js';
import { makeUser } from '../support/factories.js';
import { createResultsApp } from './support/app.js';
import { writeTmp, WIDE_HEADER } from './support/fixtures.js';

const E = 'pemilu-2024';
const C = 'ppwp';

async function state(t: TestApp) {
  const db = t.app.services.database.db;
  const count = async (table: 'results_imports' | 'results_forms' | 'results_flags' | 'results_form_history' | 'log_entries' | 'activities') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rev = await db.selectFrom('results_contests').select('revision').where('id', '=', C).executeTakeFirst();
  return {
    imports: await count('results_imports'),
    forms: await count('results_forms'),
    flags: await count('results_flags'),
    history: await count('results_form_history'),
    log: await count('log_entries'),
    activities: await count('activities'),
    revision: Number(rev?.revision ?? -1),
  };
}

for (const dialect of DIALECTS) {
  describe(`results.import on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createResultsApp(dialect);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('loads the real Banten PPWP 2024 demo: 33,324 TPS, honest coverage, published by KPU Provinsi Banten', async () => {
      const s = await loadDemoResults(t.system);
      expect(s).not.toBeNull();
      expect(s!.tps).toEqual({ new: 33324, changed: 0, unchanged: 0 });
      expect(s!.organization).toBe('kpu-provinsi-banten');
      expect(s!.coverage).toEqual({ expected: 33324, reported: 26244 });
      const region = await invoke<any>(t.system, 'results.region', { election: E, contest: C, code: '36' });
      expect(region.coverage).toMatchObject({ tps_expected: 33324, tps_reported: 26244 });
      expect(region.children).toHaveLength(8);
      expect(region.children.reduce((a: number, c: any) => a + c.coverage.tps_expected, 0)).toBe(33324);
      const ds = await invoke<any>(t.system, 'dataset.show', { id: s!.dataset });
      expect(ds.organization.name).toBe('kpu-provinsi-banten');
      expect(ds.resources.map((r: any) => r.format)).toEqual(['CSV', 'CSV']);
      const log = await t.app.services.database.db.selectFrom('log_entries').select(['kind', 'subject']).where('kind', 'in', ['results-import', 'dataset-version', 'resource']).execute();
      expect(log.some((e) => e.kind === 'results-import')).toBe(true);
      expect(log.filter((e) => e.kind === 'resource' && ds.resources.some((r: any) => e.subject === `resource:${r.id}`))).toHaveLength(2);
      expect(await loadDemoResults(t.system)).toBeNull();
    });

    it('re-importing the same file changes nothing', async () => {
      const before = await state(t);
      const s = await importResultsFile(t.system, { election: E, contest: C, path: BANTEN_RESULTS_CSV });
      expect(s.changed).toBe(false);
      expect(s.tps.unchanged).toBe(33324);
      expect(await state(t)).toEqual(before);
    });

    it('a later figure for a TPS is a correction: the old figures stay in its history with who, when and why', async () => {
      const before = await state(t);
      const editor = await makeUser(t, { org: 'kpu-kabupaten-pandeglang', role: 'editor' });
      // TPS 3601012001001 had 98,118,10 | 226,3,229,289,229,223,3,3
      const file = writeTmp('koreksi.csv', `${WIDE_HEADER}\n3601012001001,3601012001,98,120,10,228,3,231,289,231,225,3,3,2024-03-01 10:00:00,3\n3601012001002,3601012001,118,76,18,212,6,218,290,218,217,0,1,2024-02-21 12:00:00,3\n`);
      const s = await importResultsFile(t.as(editor.actor), { election: E, contest: C, path: file, reason: 'Salah baca OCR: 118 seharusnya 120' });
      expect(s.changed).toBe(true);
      expect(s.tps).toEqual({ new: 0, changed: 1, unchanged: 1 });
      expect(s.organization).toBe('kpu-kabupaten-pandeglang');
      const tps = await invoke<any>(t.system, 'results.tps', { election: E, contest: C, tps: '3601012001001' });
      expect(tps.version).toBe(2);
      expect(tps.figures.votes).toEqual({ '01': 98, '02': 120, '03': 10 });
      expect(tps.import).toMatchObject({ by: editor.name, reason: 'Salah baca OCR: 118 seharusnya 120', seq: 2 });
      expect(tps.history).toHaveLength(1);
      expect(tps.history[0]).toMatchObject({ version: 1, figures: { votes: { '01': 98, '02': 118, '03': 10 }, suara_sah: 226 }, set_by: { seq: 1 }, replaced: { by: editor.name, reason: 'Salah baca OCR: 118 seharusnya 120', import: 2 } });
      expect(tps.checks.find((c: any) => c.rule === 'sum_votes_eq_valid').status).toBe('pass');
      const region = await invoke<any>(t.system, 'results.region', { election: E, contest: C, code: '3601012001' });
      const tpsRow = region.totals;
      expect(tpsRow.votes['02']).toBeGreaterThan(0);
      const after = await state(t);
      expect(after.history).toBe(before.history + 1);
      expect(after.imports).toBe(before.imports + 1);
      expect(after.revision).toBe(before.revision + 1);
      const corr = await t.app.services.database.db.selectFrom('log_entries').select(['subject', 'sha256']).where('kind', '=', 'results-correction').execute();
      expect(corr.map((c) => c.subject)).toEqual(['tps:3601012001001']);
      // Anyone can recompute what the log entries commit to from the public answers.
      const jcs = (v: unknown) => createHash('sha256').update(canonicalize(v)!).digest('hex');
      expect(corr[0]!.sha256).toBe(jcs({ election: E, contest: C, tps: '3601012001001', version: 2, figures: tps.figures }));
      const imports = await invoke<any[]>(t.system, 'results.imports', { election: E, contest: C });
      const entry = await t.app.services.database.db.selectFrom('log_entries').select('sha256').where('subject', '=', `results-import:${imports[1].id}`).executeTakeFirstOrThrow();
      expect(entry.sha256).toBe(jcs(imports[1].manifest));
      // the Pandeglang office's dataset now exists beside the province's
      const ds = await invoke<any>(t.system, 'dataset.show', { id: s.dataset });
      expect(ds.organization.name).toBe('kpu-kabupaten-pandeglang');
      expect(ds.spatial).toEqual(['3601']);
    });

    it('a bad file fails with row and column and leaves the published state as it was', async () => {
      const before = await state(t);
      const file = writeTmp('rusak.csv', `${WIDE_HEADER}\n3601012001001,3601012001,98,seratus,10,228,3,231,289,231,225,3,3,,3\n`);
      const err = await importResultsFile(t.system, { election: E, contest: C, path: file }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KotakError);
      expect((err as KotakError).message).toMatch(/row 2, column 4 \(D, "votes_02"\): text in a count/);
      expect(await state(t)).toEqual(before);
    });

    it('an editor of another office may not publish a province-wide file', async () => {
      const editor = await makeUser(t, { org: 'kpu-kota-serang', role: 'editor' });
      const err = await importResultsFile(t.as(editor.actor), { election: E, contest: C, path: BANTEN_RESULTS_CSV }).catch((e: unknown) => e);
      expect((err as KotakError).code).toBe('forbidden');
    });
  });
}
