import { describe, expect, it } from 'vitest';
import { KotakError } from '../../src/errors.js';
import { compileContest } from '../../src/results/contest.js';
import { readForms } from '../../src/results/import/index.js';
import { compareOfficial } from '../../src/results/official.js';
import { runPipeline, type TpsListRef } from '../../src/results/pipeline.js';
import { ruleBit } from '../../src/results/checks/run.js';
import { dprdSpec, ppwp, smallTree, writeTmp, WIDE_HEADER } from './support/fixtures.js';

const contest = ppwp();
const tree = smallTree();

const rows = [
  // desa 3673011001: two TPS, one complete and right, one with a sum error
  '3673011001001,3673011001,100,90,10,200,5,205,250,205,200,3,2,,3',
  '3673011001002,3673011001,50,40,10,101,1,102,150,102,100,1,1,,3',
  // desa 3673011002: one TPS with votes only, one not reported yet
  '3673011002001,3673011002,20,30,5,,,,,,,,,,1',
  '3673011002002,3673011002,,,,,,,,,,,,,0',
  // kecamatan 367302: one TPS
  '3673021001001,3673021001,7,8,9,24,0,24,30,24,24,0,0,,3',
  // KPU code of Cikaratuan, placed in Kemendagri 3602282009
  '3602162018001,3602162018,1,2,3,6,0,6,10,6,6,0,0,,3',
  // a desa not in the tree: flagged, counted at its kecamatan
  '3673019999001,3673019999,1,1,1,3,0,3,10,3,3,0,0,,3',
];

async function run(lines: string[], tpsList?: string[], list?: TpsListRef) {
  const p = writeTmp('f.csv', [WIDE_HEADER, ...lines].join('\n') + '\n');
  return runPipeline(readForms(p, contest), { contest, tree, tpsList: list ?? (tpsList ? { entries: tpsList.map((tps) => ({ tps, registered: null })), regions: [] } : undefined) });
}

describe('recapitulation', () => {
  it('totals every level from the TPS figures with coverage and flag counts', async () => {
    const r = await run(rows);
    const desa = r.recap.totals('3673011001');
    expect(desa.tps).toEqual({ expected: 2, reported: 2, complete: 2 });
    expect(desa.votes).toEqual({ '01': 150, '02': 130, '03': 20 });
    expect(desa.admin).toMatchObject({ valid: 301, invalid: 6, ballotsUsed: 307, registered: 400, voters: 307 });
    expect(desa.flags.sum_votes_eq_valid).toBe(1);

    const d2 = r.recap.totals('3673011002');
    expect(d2.tps).toEqual({ expected: 2, reported: 1, complete: 0 });
    expect(d2.coverage).toBe(0.5);
    expect(d2.flags.missing_tps).toBe(1);

    const kec = r.recap.totals('367301');
    // its two desa plus the TPS of the unknown desa 3673019999, placed at the kecamatan
    expect(kec.tps.expected).toBe(5);
    expect(kec.votes['01']).toBe(150 + 20 + 1);
    expect(kec.flags.tps_in_region_tree).toBe(1);

    const lebak = r.recap.totals('3602282009');
    expect(lebak.votes).toEqual({ '01': 1, '02': 2, '03': 3 });

    const prov = r.recap.totals('36');
    const nat = r.recap.totals('ID');
    expect(prov.tps).toEqual({ expected: 7, reported: 6, complete: 5 });
    expect(prov.votes).toEqual({ '01': 100 + 50 + 20 + 7 + 1 + 1, '02': 90 + 40 + 30 + 8 + 2 + 1, '03': 10 + 10 + 5 + 9 + 3 + 1 });
    expect(nat).toMatchObject({ tps: prov.tps, votes: prov.votes, admin: prov.admin, flags: prov.flags });
    expect(r.forms).toBe(7);
    expect(r.tps).toBe(7);
  });

  it('each level equals the sum of its children', async () => {
    const r = await run(rows);
    for (const code of ['ID', '36', '3673', '367301']) {
      const t = r.recap.totals(code);
      const kids = tree.get(code)!.children.map((c) => r.recap.totals(c));
      const direct = code === '367301' ? 1 : 0; // the TPS of the unknown desa sits on the kecamatan itself
      expect(kids.reduce((s, k) => s + k.tps.expected, 0) + direct, code).toBe(t.tps.expected);
    }
  });

  it('counts TPS on the TPS list that the file lacks as expected and missing', async () => {
    const r = await run(rows, ['3673011001001', '3673021001002']);
    expect(r.missingOnly).toEqual(['3673021001002']);
    const kec = r.recap.totals('367302');
    expect(kec.tps).toMatchObject({ expected: 2, reported: 1 });
    expect(kec.flags.missing_tps).toBe(1);
  });

  it('checks forms against the list: a TPS of a listed region not on it, a DPT other than the listed one', async () => {
    // The list covers kecamatan 367301 only; 3673011002002 is not on it, 3673011001002's DPT there is 151 (form: 150).
    const list: TpsListRef = {
      entries: [
        { tps: '3673011001001', registered: 250 },
        { tps: '3673011001002', registered: 151 },
        { tps: '3673011002001', registered: null },
      ],
      regions: ['367301'],
    };
    const r = await run(rows, undefined, list);
    const flagged = (rule: string) => {
      const out: string[] = [];
      for (const pb of r.batches) for (let i = 0; i < pb.batch.length; i++) if (pb.masks[i]! & ruleBit(rule)) out.push(pb.batch.tps(i));
      return out;
    };
    // 3673021001001 and the Lebak TPS lie outside the listed region: not judged. The TPS of unknown desa 3673019999,
    // held by kecamatan 367301, lies inside it and is not listed either.
    expect(flagged('tps_not_in_list')).toEqual(['3673011002002', '3673019999001']);
    // 3673011002001 has no listed DPT and no DPT on its form; 3673011001001 agrees.
    expect(flagged('registered_eq_list')).toEqual(['3673011001002']);
    expect(r.listed?.get(3673011001002)).toBe(151);
    expect(r.recap.totals('3673011002').flags.tps_not_in_list).toBe(1);
    expect(r.recap.totals('367301').flags).toMatchObject({ tps_not_in_list: 2, registered_eq_list: 1 });
    expect(r.recap.totals('36').flags).toMatchObject({ tps_not_in_list: 2, registered_eq_list: 1 });
    expect(r.recap.totals('367302').flags).toMatchObject({ tps_not_in_list: 0, registered_eq_list: 0 });
    // Without a list neither rule flags anything.
    const none = await run(rows);
    expect(none.recap.totals('36').flags).toMatchObject({ tps_not_in_list: 0, registered_eq_list: 0 });
  });
});

describe('duplicate rows', () => {
  it('keeps the first form of a repeated TPS, flags it with both rows, and keeps totals honest', async () => {
    const r = await run([rows[0]!, rows[1]!, rows[1]!.replace(',50,', ',51,'), rows[4]!]);
    expect(r.duplicates).toEqual([{ rule: 'duplicate_rows', tps: '3673011001002', row: 4, numbers: { baris: 4, baris_pertama: 3, sama: 0 } }]);
    const desa = r.recap.totals('3673011001');
    expect(desa.tps.expected).toBe(2);
    expect(desa.votes['01']).toBe(150);
    expect(desa.flags.duplicate_rows).toBe(1);
  });

  it('finds a repeat that is not adjacent (unsorted file) and one in a later batch', async () => {
    const many = Array.from({ length: 20000 }, (_, i) => `36730110010${String(i % 90).padStart(2, '0')},3673011001,1,1,1,3,0,3,5,3,3,0,0,,3`)
      .slice(0, 90)
      .concat([rows[4]!, rows[0]!]);
    const r = await run(many);
    expect(r.duplicates.map((d) => d.tps)).toEqual(['3673011001001']);
    expect(r.recap.totals('3673011001').flags.duplicate_rows).toBe(1);
    expect(r.recap.totals('3673011001').tps.expected).toBe(90);
  });
});

describe('legislative contests', () => {
  it('recapitulates party and candidate votes per dapil region', async () => {
    const dprd = compileContest(dprdSpec());
    const text = [
      'tps_code,party_01,cand_01_001,cand_01_002,party_02,cand_02_001,cand_02_002,suara_sah',
      '3673011001001,20,30,5,40,1,,96',
      '3673021001001,1,2,3,4,5,6,21',
    ].join('\n');
    const r = await runPipeline(readForms(writeTmp('d.csv', text), dprd), { contest: dprd, tree });
    expect(r.recap.totals('3673').votes).toEqual({ P01: 21, 'P01-001': 32, 'P01-002': 8, P02: 44, 'P02-001': 6, 'P02-002': 6 });
    expect(r.recap.totals('3673').flags.sum_votes_eq_valid).toBe(0);
  });

  it('rejects votes for a candidate who does not stand in the TPS\'s dapil', async () => {
    const dprd = compileContest(dprdSpec());
    const text = 'tps_code,party_01,party_02,cand_02_002\n3673011001001,1,2,3\n';
    const err = await runPipeline(readForms(writeTmp('d.csv', text), dprd), { contest: dprd, tree }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KotakError);
    expect((err as KotakError).message).toMatch(/^row 2, column "cand_02_002": unknown candidate: Dewi .* does not stand in dapil SERANG-1/);
  });
});

describe('official recapitulation', () => {
  it('lists every difference between official and computed figures', async () => {
    const r = await run(rows);
    const cmp = compareOfficial(
      [
        { region: '367302', admin: { valid: 24 }, votes: { '01': 7, '02': 8, '03': 9 } },
        { region: '3673', admin: { valid: 999 }, votes: { '01': 178, '02': 999 } },
        { region: '9999', admin: {}, votes: {} },
      ],
      (c) => (tree.get(c) ? r.recap.totals(c) : undefined),
    );
    expect(cmp.compared).toBe(2);
    expect(cmp.unknownRegions).toEqual(['9999']);
    const kota = r.recap.totals('3673');
    expect(cmp.differences).toEqual([
      { region: '3673', field: '02', official: 999, computed: kota.votes['02'], difference: 999 - kota.votes['02']! },
      { region: '3673', field: 'suara_sah', official: 999, computed: kota.admin.valid, difference: 999 - kota.admin.valid },
    ]);
  });
});
