import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readErr, writeErr, type ErrDoc } from '../../src/results/export/nist-err.js';
import { kotakToErr } from '../../src/results/export/nist-kotak.js';
import { validateErr } from '../../src/results/export/nist-validate.js';
import { compileContest } from '../../src/results/contest.js';
import { readForms } from '../../src/results/import/index.js';
import { FIXTURES_DIR, PEMILU_2024 } from '../../src/results/known.js';
import { keptForms, runPipeline } from '../../src/results/pipeline.js';
import { dprdSpec, ppwp, smallTree, writeTmp, WIDE_HEADER } from './support/fixtures.js';

const SAMPLES = ['err-gen-01.json', 'pe-err-gen-01.json', 'err-prim-01.json', 'err-2022-11-08-Massachusetts-Cambridge.json'];

/** (contest, selection, unit) → count, for comparing counts before and after a round trip. */
function countMap(d: ErrDoc): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of d.contests) for (const s of c.selections) for (const v of s.counts) m.set(`${c.id}|${s.id}|${v.unitId}|${v.type}`, v.count);
  return m;
}

describe('NIST SP 1500-100 v2 import and export', () => {
  for (const name of SAMPLES) {
    it(`imports ${name} and exports it again, valid against the schema, with every candidate and party count kept`, () => {
      const original = JSON.parse(readFileSync(`${FIXTURES_DIR}nist-err/${name}`, 'utf8'));
      expect(validateErr(original)).toEqual([]);
      const doc = readErr(original);
      const again = writeErr(doc);
      expect(validateErr(again)).toEqual([]);
      const back = readErr(again);
      expect(countMap(back)).toEqual(countMap(doc));
      expect(back.units.map((u) => [u.id, u.type, u.composing ?? []])).toEqual(doc.units.map((u) => [u.id, u.type, u.composing ?? []]));
      const kept = (original.Election[0].Contest as { '@type': string }[]).filter((c) => /CandidateContest|PartyContest/.test(c['@type'])).length;
      expect(doc.contests.length).toBe(kept);
      expect(doc.contests.length + doc.skipped.length).toBe(original.Election[0].Contest.length);
      expect(doc.skipped.every((s) => /BallotMeasure|Retention/.test(s.type))).toBe(true);
    });
  }

  it('the validator rejects a document that breaks the schema', () => {
    const bad = writeErr(readErr(JSON.parse(readFileSync(`${FIXTURES_DIR}nist-err/err-gen-01.json`, 'utf8'))));
    (bad as Record<string, unknown>).Status = 'final-ish';
    expect(validateErr(bad).join('\n')).toMatch(/Status/);
  });

  it('exports Kotak results precinct-level: regions with ComposingGpUnitIds, TPS as polling-place', async () => {
    const tree = smallTree();
    const contest = ppwp();
    const csv = [WIDE_HEADER, '3673011001001,3673011001,100,90,10,200,5,205,250,205,200,3,2,,3', '3673021001001,3673021001,7,8,9,24,0,24,30,24,24,0,0,,3'].join('\n');
    const r = await runPipeline(readForms(writeTmp('f.csv', csv), contest), { contest, tree });
    const doc = writeErr(
      kotakToErr({ election: PEMILU_2024, contest, tree, root: '3673', totals: (c) => r.recap.totals(c), forms: keptForms(r), generatedDate: '2024-03-20T10:00:00Z' }),
    ) as Record<string, any>;
    expect(validateErr(doc)).toEqual([]);
    expect(doc.Format).toBe('precinct-level');
    expect(doc.Status).toBe('unofficial-complete');
    const units = new Map<string, any>((doc.GpUnit as any[]).map((u) => [u['@id'], u]));
    expect(units.get('ru-3673')).toMatchObject({ Type: 'city', ComposingGpUnitIds: ['ru-367301', 'ru-367302'], VotersRegistered: 280 });
    expect(units.get('ru-367301')).toMatchObject({ Type: 'other', OtherType: 'kecamatan' });
    expect(units.get('ru-3673011001')).toMatchObject({ Type: 'other', OtherType: 'kelurahan', ComposingGpUnitIds: ['tps-3673011001001'] });
    expect(units.get('tps-3673011001001')).toMatchObject({ Type: 'polling-place', VotersRegistered: 250, VotersParticipated: 205 });
    const sel = doc.Election[0].Contest[0].ContestSelection[1];
    expect(sel.CandidateIds).toEqual(['can-02']);
    const count = (u: string) => sel.VoteCounts.find((v: any) => v.GpUnitId === u).Count;
    expect([count('ru-3673'), count('ru-367302'), count('tps-3673021001001')]).toEqual([98, 8, 8]);
  });

  it('exports a legislative contest with party selections and candidates of parties', async () => {
    const tree = smallTree();
    const dprd = compileContest(dprdSpec());
    const csv = 'tps_code,party_01,cand_01_001,party_02\n3673011001001,20,30,40\n3673011001002,,,\n';
    const r = await runPipeline(readForms(writeTmp('d.csv', csv), dprd), { contest: dprd, tree });
    const doc = writeErr(kotakToErr({ election: PEMILU_2024, contest: dprd, tree, root: '3673', totals: (c) => r.recap.totals(c), forms: keptForms(r) })) as Record<string, any>;
    expect(validateErr(doc)).toEqual([]);
    const sels = doc.Election[0].Contest[0].ContestSelection;
    expect(sels[0]).toMatchObject({ '@type': 'ElectionResults.PartySelection', PartyIds: ['par-01'] });
    expect(doc.Election[0].Candidate[0]).toMatchObject({ '@id': 'can-P01-001', PartyId: 'par-01' });
    expect(doc.Status).toBe('unofficial-partial'); // TPS 3673011001002 has no figures yet
  });
});
