/**
 * results.import of NIST SP 1500-100 v2 ERR JSON (issue 3: "the four sample files … validate when imported and
 * exported again where the contest types allow"): what kotakToErr exports reads back TPS by TPS, a document from
 * another producer is matched by names, the real Banten export goes round through the actions on both databases, and
 * what Kotak cannot read (precinct-only samples, polling places without a TPS code, unknown candidates, broken JSON)
 * fails with the JSON path.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../src/actions/invoke.js';
import { loadDemoResults } from '../../src/actions/results-demo.js';
import type { Download } from '../../src/actions/results-export.js';
import { importResultsFile } from '../../src/actions/results-import.js';
import { KotakError } from '../../src/errors.js';
import { compileContest, type Contest } from '../../src/results/contest.js';
import { writeErr } from '../../src/results/export/nist-err.js';
import { kotakToErr } from '../../src/results/export/nist-kotak.js';
import { detectFormat, readForms, type ReadOptions } from '../../src/results/import/index.js';
import { FIXTURES_DIR, PEMILU_2024, ppwp2024 } from '../../src/results/known.js';
import { keptForms, runPipeline } from '../../src/results/pipeline.js';
import { ADMIN_FIELDS, type TpsForm } from '../../src/results/types.js';
import { DIALECTS, type TestApp } from '../support/app.js';
import { createResultsApp } from './support/app.js';
import { dprdSpec, ppwp, readAll, smallTree, tmpDir, writeTmp, WIDE_HEADER } from './support/fixtures.js';

const SAMPLES = `${FIXTURES_DIR}nist-err/`;

/** The figures ERR carries for a TPS (export/nist-kotak.ts); the rest of a form has no place in ERR. */
const CARRIED = ['registered', 'voters', 'ballotsUsed', 'invalid'] as const;

/** A contest's TPS forms run through the pipeline and exported as an ERR document (plain JSON object). */
async function exported(contest: Contest, csv: string, root = '36'): Promise<{ forms: TpsForm[]; doc: Record<string, any> }> {
  const tree = smallTree();
  const r = await runPipeline(readForms(writeTmp('in.csv', csv), contest), { contest, tree });
  const forms = [...keptForms(r)];
  const doc = writeErr(
    kotakToErr({ election: PEMILU_2024, contest, tree, root, totals: (c) => r.recap.totals(c), forms, generatedDate: '2024-03-20T10:00:00Z' }),
  ) as Record<string, any>;
  return { forms, doc };
}

const PPWP_CSV = [
  WIDE_HEADER,
  '3673011001001,3673011001,100,90,10,200,5,205,250,205,200,3,2,2024-02-15 10:00:00,3',
  '3673011001002,3673011001,,,,,,,,,,,,,',
  '3673011002001,3673011002,40,50,,90,,,120,,,,,,',
  '3673021001001,3673021001,7,8,9,24,0,24,30,24,24,0,0,,3',
  '3602162018001,3602162018,11,12,13,36,1,37,60,37,37,0,0,,1',
].join('\n');

function fails(p: string, contest: Contest, opts?: ReadOptions): Promise<KotakError> {
  return readAll(p, contest, opts).then(
    () => expect.fail('the import should have failed'),
    (e: unknown) => {
      expect(e).toBeInstanceOf(KotakError);
      expect((e as KotakError).code).toBe('validation');
      return e as KotakError;
    },
  );
}

const json = (doc: unknown, name = 'err.json') => writeTmp(name, JSON.stringify(doc, null, 1));

describe('results.import NIST ERR', () => {
  it('reads back every TPS of a Kotak export: votes, registered voters, voters, ballots used and invalid votes', async () => {
    const contest = ppwp();
    const { forms, doc } = await exported(contest, PPWP_CSV);
    const p = json(doc, 'nist-err-pemilu-2024-ppwp-36.json');
    expect(await detectFormat(p)).toBe('nist-err');
    const b = await readAll(p, contest);
    expect(b.length).toBe(forms.length);
    const back = new Map<string, TpsForm>();
    for (let i = 0; i < b.length; i++) back.set(b.tps(i), b.form(i));
    for (const f of forms) {
      const g = back.get(f.tps)!;
      expect(g, f.tps).toBeDefined();
      expect(g.votes, f.tps).toEqual(f.votes);
      for (const k of CARRIED) expect(g.admin[k], `${f.tps} ${k}`).toBe(f.admin[k]);
      for (const k of ADMIN_FIELDS.filter((x) => !(CARRIED as readonly string[]).includes(x))) expect(g.admin[k]).toBeNull();
    }
    expect(back.get('3673011001002')!.votes).toEqual([null, null, null]);
    expect(back.get('3602162018001')!.votes).toEqual([11, 12, 13]); // the KPU code of Cikaratuan, as given
  });

  it('reads back a legislative export: party votes and candidate votes per TPS', async () => {
    const contest = compileContest(dprdSpec());
    const csv = 'tps_code,party_01,cand_01_001,cand_01_002,party_02,cand_02_001,cand_02_002\n3673011001001,20,30,4,40,5,\n3673021001001,1,2,3,4,5,6\n';
    const { forms, doc } = await exported(contest, csv, '3673');
    const b = await readAll(json(doc), contest);
    expect([0, 1].map((i) => b.form(i).votes)).toEqual(forms.map((f) => f.votes));
    expect(b.form(1).votes).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reads a document of another producer by names, ignoring counts above the polling places and other contests', async () => {
    const contest = ppwp();
    const lang = (s: string) => ({ '@type': 'ElectionResults.InternationalizedText', Text: [{ '@type': 'ElectionResults.LanguageString', Content: s, Language: 'id' }] });
    const vc = (unit: string, n: number) => ({ '@type': 'ElectionResults.VoteCounts', GpUnitId: unit, Type: 'total', Count: n });
    const doc = {
      '@type': 'ElectionResults.ElectionReport',
      GpUnit: [
        { '@type': 'ElectionResults.ReportingUnit', '@id': 'kota', Type: 'city', ComposingGpUnitIds: ['pp-a', 'pp-b'] },
        {
          '@type': 'ElectionResults.ReportingUnit', '@id': 'pp-a', Type: 'polling-place', Name: lang('TPS 001'), VotersRegistered: 300,
          ExternalIdentifier: [{ '@type': 'ElectionResults.ExternalIdentifier', Type: 'other', OtherType: 'kpu-tps', Value: '36.73.01.1001.001' }],
        },
        { '@type': 'ElectionResults.ReportingUnit', '@id': 'tps-3673011001002', Type: 'polling-place' },
      ],
      Election: [
        {
          '@type': 'ElectionResults.Election',
          Candidate: [
            { '@type': 'ElectionResults.Candidate', '@id': 'c-x', BallotName: lang('Someone Else') },
            { '@type': 'ElectionResults.Candidate', '@id': 'c-a', BallotName: lang('anies–muhaimin') },
            { '@type': 'ElectionResults.Candidate', '@id': 'c-b', BallotName: lang('Prabowo–Gibran') },
          ],
          BallotCounts: [{ '@type': 'ElectionResults.BallotCounts', GpUnitId: 'pp-a', Type: 'total', BallotsCast: 12, BallotsRejected: 1 }],
          Contest: [
            { '@type': 'ElectionResults.BallotMeasureContest', '@id': 'bm', Name: 'A question', ContestSelection: [] },
            {
              '@type': 'ElectionResults.CandidateContest', '@id': 'other', Name: 'DPD',
              ContestSelection: [{ '@type': 'ElectionResults.CandidateSelection', '@id': 's-x', CandidateIds: ['c-x'], VoteCounts: [vc('pp-a', 99)] }],
            },
            {
              '@type': 'ElectionResults.CandidateContest', '@id': 'pres', Name: 'Presiden',
              ContestSelection: [
                { '@type': 'ElectionResults.CandidateSelection', '@id': 's-b', CandidateIds: ['c-b'], VoteCounts: [vc('kota', 1000), vc('pp-a', 7), vc('tps-3673011001002', 2)] },
                { '@type': 'ElectionResults.CandidateSelection', '@id': 's-a', CandidateIds: ['c-a'], VoteCounts: [vc('pp-a', 4)] },
              ],
            },
          ],
        },
      ],
    };
    const b = await readAll(json(doc), contest);
    expect(b.form(0)).toMatchObject({ row: 2, tps: '3673011001001', votes: [4, 7, null], admin: { registered: 300, ballotsUsed: 12, invalid: 1, valid: null } });
    expect(b.form(1)).toMatchObject({ row: 3, tps: '3673011001002', votes: [null, 2, null] });
  });

  describe('fails naming the place', () => {
    it('a selection that is no candidate of the contest: unknown candidate, with its JSON path', async () => {
      const contest = ppwp();
      const { doc } = await exported(contest, PPWP_CSV);
      const e = doc.Election[0];
      e.Candidate.push({ '@type': 'ElectionResults.Candidate', '@id': 'can-04', BallotName: e.Candidate[0].BallotName });
      e.Candidate[3].BallotName = { '@type': 'ElectionResults.InternationalizedText', Text: [{ '@type': 'ElectionResults.LanguageString', Content: 'Calon Keempat', Language: 'id' }] };
      e.Contest[0].ContestSelection.push({ '@type': 'ElectionResults.CandidateSelection', '@id': 'sel-04', CandidateIds: ['can-04'], VoteCounts: [] });
      const err = await fails(json(doc, 'extra.json'), contest);
      expect(err.message).toBe(
        'file extra.json, at Election[0].Contest[0].ContestSelection[3]: unknown candidate: candidate selection "sel-04" (can-04 "Calon Keempat") is no candidate of contest ppwp ("PPWP")',
      );
      expect(err.detail).toMatchObject({ source: 'extra.json', path: 'Election[0].Contest[0].ContestSelection[3]' });
    });

    it('a polling place whose TPS code is not 13 digits', async () => {
      const contest = ppwp();
      const { doc } = await exported(contest, PPWP_CSV);
      const i = (doc.GpUnit as any[]).findIndex((u) => u['@id'] === 'tps-3673011002001');
      doc.GpUnit[i].ExternalIdentifier[0].Value = '36730110020';
      const err = await fails(json(doc, 'bad-code.json'), contest);
      expect(err.message).toMatch(
        new RegExp(`^file bad-code\\.json, at GpUnit\\[${i}\\]\\.ExternalIdentifier\\[0\\]\\.Value: polling place "tps-3673011002001" \\("TPS 001"\\): TPS code "36730110020" has 11 digits`),
      );
    });

    it('the real Cambridge sample: its polling places have no TPS code', async () => {
      const err = await fails(`${SAMPLES}err-2022-11-08-Massachusetts-Cambridge.json`, compileContest(ppwp2024()));
      expect(err.message).toMatch(/at GpUnit\[\d+\]: polling place "pl-222-jacobs-street" \("222 JACOBS STREET"\) has no TPS code/);
    });

    for (const name of ['err-gen-01.json', 'pe-err-gen-01.json', 'err-prim-01.json']) {
      it(`the real ${name}: only precincts, no polling places`, async () => {
        const p = `${SAMPLES}${name}`;
        expect(await detectFormat(p)).toBe('nist-err');
        const err = await fails(p, compileContest(ppwp2024()));
        expect(err.message).toMatch(
          new RegExp(`^file ${name.replace(/\./g, '\\.')}, at GpUnit: this NIST ERR document has no polling-place ReportingUnits; Kotak imports results per TPS\\. Its results are by precinct \\(\\d+ ReportingUnits of type precinct`),
        );
      });
    }

    it('malformed JSON: the line and column', async () => {
      const contest = ppwp();
      const { doc } = await exported(contest, PPWP_CSV);
      const text = JSON.stringify(doc, null, 1);
      const err = await fails(writeTmp('cut.json', text.slice(0, text.indexOf('"GpUnit"') + 40) + '}'), contest);
      expect(err.message).toMatch(/^file cut\.json: not valid JSON \(truncated\?\) at line \d+, column \d+: /);
    });

    it('a count that is text', async () => {
      const contest = ppwp();
      const { doc } = await exported(contest, PPWP_CSV);
      const counts = doc.Election[0].Contest[0].ContestSelection[1].VoteCounts as any[];
      const k = counts.findIndex((v) => v.GpUnitId === 'tps-3673021001001');
      counts[k].Count = 'delapan';
      const err = await fails(json(doc, 'text.json'), contest);
      expect(err.message).toBe(`file text.json, at Election[0].Contest[0].ContestSelection[1].VoteCounts[${k}].Count: text in a count: "delapan" is not a number`);
    });

    it('a polling place with counts by type but no total', async () => {
      const contest = ppwp();
      const { doc } = await exported(contest, PPWP_CSV);
      const counts = doc.Election[0].Contest[0].ContestSelection[0].VoteCounts as any[];
      const k = counts.findIndex((v) => v.GpUnitId === 'tps-3673021001001');
      counts[k].Type = 'election-day';
      const err = await fails(json(doc, 'types.json'), contest);
      expect(err.message).toBe(
        `file types.json, at Election[0].Contest[0].ContestSelection[0].VoteCounts[${k}]: polling place "tps-3673021001001" ("TPS 001") has a count of Type "election-day" for this selection but no "total" count; Kotak reads the total per TPS`,
      );
    });

    it('two contests that both match, neither with the @id of the contest', async () => {
      const contest = ppwp();
      const { doc } = await exported(contest, PPWP_CSV);
      const c = doc.Election[0].Contest;
      c[0]['@id'] = 'con-a';
      c.push({ ...c[0], '@id': 'con-b', Name: 'Another' });
      c[0].Name = 'Yet another';
      const err = await fails(json(doc, 'two.json'), contest);
      expect(err.message).toMatch(/^file two\.json, at Election: 2 contests of this document match contest ppwp \("PPWP"\) \(Election\[0\]\.Contest\[0\], Election\[0\]\.Contest\[1\]\)/);
      c[1]['@id'] = 'con-ppwp';
      c[1].ContestSelection[0].VoteCounts = [];
      const b = await readAll(json(doc, 'named.json'), contest);
      expect(b.form(0).votes).toEqual([null, 90, 10]);
    });

    it('a Sirekap file named as nist-err is not an ERR document', async () => {
      const p = writeTmp('3673011001001.json', JSON.stringify({ chart: { '100025': 1 }, administrasi: null }));
      expect(await detectFormat(p)).toBe('sirekap-json');
      const err = await fails(p, ppwp(), { format: 'nist-err' });
      expect(err.message).toBe('file 3673011001001.json: not a NIST ERR document: the top level has no "@type": "ElectionResults.ElectionReport"');
    });
  });
});

async function downloaded(d: Download, path: string): Promise<void> {
  const parts: Buffer[] = [];
  for await (const c of d.body) parts.push(typeof c === 'string' ? Buffer.from(c) : c);
  writeFileSync(path, Buffer.concat(parts));
}

for (const dialect of DIALECTS) {
  describe(`results.import of a results.exportNist file on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createResultsApp(dialect);
      await loadDemoResults(t.system);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('the Banten PPWP export imported into a new contest gives the same votes, coverage and carried totals in every kabupaten/kota', async () => {
      const E = PEMILU_2024.id;
      await invoke(t.system, 'contest.create', { election: E, id: 'ppwp-err', kind: 'ppwp', title: 'PPWP 2024 dari NIST ERR', candidates: ppwp2024().candidates });
      const path = join(tmpDir(), 'nist-err-pemilu-2024-ppwp-36.json');
      await downloaded(await invoke<Download>(t.system, 'results.exportNist', { election: E, contest: 'ppwp', region: '36' }), path);
      const s = await importResultsFile(t.system, { election: E, contest: 'ppwp-err', path });
      expect(s.tps).toEqual({ new: 33324, changed: 0, unchanged: 0 });
      expect(s.coverage).toEqual({ expected: 33324, reported: 26244 });
      const a = await invoke<any>(t.system, 'results.region', { election: E, contest: 'ppwp', code: '36' });
      const b = await invoke<any>(t.system, 'results.region', { election: E, contest: 'ppwp-err', code: '36' });
      const carried = (r: any) => ({
        votes: r.totals.votes,
        registered: r.totals.pemilih_dpt_total,
        voters: r.totals.pengguna_total,
        used: r.totals.suara_total,
        invalid: r.totals.suara_tidak_sah,
        expected: r.coverage.tps_expected,
        reported: r.coverage.tps_reported,
      });
      expect(carried(b)).toEqual(carried(a));
      expect(b.children.map(carried)).toEqual(a.children.map(carried));
      expect(a.totals.votes['02']).toBeGreaterThan(0);
      // ERR has no valid-votes figure per TPS (export/nist-kotak.ts), so the imported contest has none.
      expect(b.totals.suara_sah).toBe(0);
      expect(JSON.parse(readFileSync(path, 'utf8'))['@type']).toBe('ElectionResults.ElectionReport');
    });
  });
}
