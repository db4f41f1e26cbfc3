/**
 * The real Banten PPWP 2024 file (33,324 TPS, Sirekap snapshot of 2024-03-17; fixtures/results/SOURCES-results.md):
 * every total, the coverage and the flag count of every rule are checked against a count made here, independently,
 * from the raw CSV with plain string splitting.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileContest } from '../../src/results/contest.js';
import { normalisedCsv, OPENELECTIONS_HEADER, openElectionsCsv } from '../../src/results/export/csv.js';
import { writeErr } from '../../src/results/export/nist-err.js';
import { kotakToErr } from '../../src/results/export/nist-kotak.js';
import { validateErr } from '../../src/results/export/nist-validate.js';
import { forensicReport } from '../../src/results/forensics/index.js';
import { readForms } from '../../src/results/import/index.js';
import { BANTEN_REGIONS_CSV, BANTEN_RESULTS_CSV, PEMILU_2024, ppwp2024 } from '../../src/results/known.js';
import { keptForms, runPipeline, type PipelineResult } from '../../src/results/pipeline.js';
import { loadRegionTree, type RegionTree } from '../../src/results/regions.js';
import { writeTmp } from './support/fixtures.js';

const contest = compileContest(ppwp2024());
let tree: RegionTree;
let result: PipelineResult;

/** Independent count from the raw text. */
interface Raw {
  rows: Record<string, string>[];
  byKab: Map<string, { expected: number; reported: number; flags: Record<string, number>; votes: number[]; valid: number; registered: number }>;
}

function rawCount(): Raw {
  const lines = readFileSync(BANTEN_RESULTS_CSV, 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const desaCodes = new Set(
    readFileSync(BANTEN_REGIONS_CSV, 'utf8').split('\n').filter((l) => l.includes(',desa_kelurahan,')).map((l) => l.split(',')[0]),
  );
  const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i]!, v])));
  const byKab: Raw['byKab'] = new Map();
  const seen = new Set<string>();
  for (const r of rows) {
    const n = (k: string) => (r[k] === '' ? null : Number(r[k]));
    const votes = [n('votes_01'), n('votes_02'), n('votes_03')];
    const has = votes.some((v) => v !== null);
    const sum = votes.reduce<number>((a, v) => a + (v ?? 0), 0);
    const [sah, tsah, tot, dpt, pt, pd, pb, pk] = ['suara_sah', 'suara_tidak_sah', 'suara_total', 'pemilih_dpt_total', 'pengguna_total', 'pengguna_dpt', 'pengguna_dptb', 'pengguna_dpk'].map(n);
    const f: Record<string, boolean> = {
      sum_votes_eq_valid: has && sah !== null && sum !== sah,
      valid_plus_invalid_eq_used: sah !== null && tsah !== null && tot !== null && sah + tsah !== tot,
      used_eq_voters: tot !== null && pt !== null && tot !== pt,
      voters_eq_list_sum: pt !== null && pd !== null && pb !== null && pk !== null && pt !== pd + pb + pk,
      voters_le_registered: pt !== null && dpt !== null && pt > dpt + (pb ?? 0) + (pk ?? 0),
      votes_le_1_02_registered: has && dpt !== null && sum * 100 > dpt * 102,
      counts_nonnegative_integer: Object.entries(r).some(([k, v]) => !['tps_code', 'desa_code', 'sirekap_ts'].includes(k) && v !== '' && !/^\d+$/.test(v)),
      tps_in_region_tree: !desaCodes.has(r.desa_code === '3602162018' ? '3602282009' : r.desa_code!),
      missing_tps: !has,
      duplicate_rows: seen.has(r.tps_code!),
      // The demo has no TPS list (the file itself names every TPS): the rules against a list never flag.
      tps_not_in_list: false,
      registered_eq_list: false,
    };
    seen.add(r.tps_code!);
    const kab = r.tps_code!.slice(0, 4);
    let k = byKab.get(kab);
    if (!k) byKab.set(kab, (k = { expected: 0, reported: 0, flags: {}, votes: [0, 0, 0], valid: 0, registered: 0 }));
    k.expected++;
    if (has) k.reported++;
    votes.forEach((v, i) => (k!.votes[i]! += v ?? 0));
    k.valid += sah ?? 0;
    k.registered += dpt ?? 0;
    for (const [rule, hit] of Object.entries(f)) k.flags[rule] = (k.flags[rule] ?? 0) + (hit ? 1 : 0);
  }
  return { rows, byKab };
}

let raw: Raw;

beforeAll(async () => {
  tree = await loadRegionTree(BANTEN_REGIONS_CSV);
  result = await runPipeline(readForms(BANTEN_RESULTS_CSV, contest), { contest, tree });
  raw = rawCount();
});

describe('real Banten PPWP 2024 data', () => {
  it('loads all 33,324 TPS of 1,552 desa, every desa in the tree (with the Cikaratuan alias)', () => {
    expect(result.forms).toBe(33324);
    expect(result.tps).toBe(33324);
    expect(tree.codesAt('desa_kelurahan').length).toBe(1552);
    expect(result.recap.totals('36').flags.tps_in_region_tree).toBe(0);
    expect(result.recap.totals('3602282009').tps.expected).toBeGreaterThan(0);
  });

  it('province totals equal the sum of the TPS rows', () => {
    const t = result.recap.totals('36');
    const sum = (col: string) => raw.rows.reduce((a, r) => a + (r[col] === '' ? 0 : Number(r[col])), 0);
    expect(t.votes).toEqual({ '01': sum('votes_01'), '02': sum('votes_02'), '03': sum('votes_03') });
    expect(t.admin).toEqual({
      valid: sum('suara_sah'), invalid: sum('suara_tidak_sah'), ballotsUsed: sum('suara_total'), registered: sum('pemilih_dpt_total'),
      voters: sum('pengguna_total'), votersDpt: sum('pengguna_dpt'), votersDptb: sum('pengguna_dptb'), votersDpk: sum('pengguna_dpk'),
    });
    expect(result.recap.totals('ID')).toMatchObject({ votes: t.votes, admin: t.admin });
  });

  it('coverage and the flag count of every rule match the independent count, per kabupaten/kota and for the province', () => {
    let expected = 0;
    const provFlags: Record<string, number> = {};
    for (const [kab, k] of raw.byKab) {
      const t = result.recap.totals(kab);
      expect(t.tps, kab).toMatchObject({ expected: k.expected, reported: k.reported });
      expect(t.flags, kab).toEqual(k.flags);
      expect([t.votes['01'], t.votes['02'], t.votes['03']], kab).toEqual(k.votes);
      expect(t.admin.valid, kab).toBe(k.valid);
      expected += k.expected;
      for (const [r, c] of Object.entries(k.flags)) provFlags[r] = (provFlags[r] ?? 0) + c;
    }
    const prov = result.recap.totals('36');
    expect(prov.tps.expected).toBe(expected);
    expect(prov.flags).toEqual(provFlags);
    // The honest coverage of this snapshot: 26,244 of 33,324 TPS have votes.
    expect(prov.tps.reported).toBe(26244);
    expect(prov.coverage).toBeCloseTo(26244 / 33324, 10);
    expect(provFlags.sum_votes_eq_valid).toBeGreaterThan(0);
  });

  it('DOMAIN.md figures: 8 kab/kota, 155 kecamatan, TPS per kab/kota as KPU counted', () => {
    const tps = Object.fromEntries(tree.get('36')!.children.map((c) => [c, result.recap.totals(c).tps.expected]));
    expect(tps).toEqual({ '3601': 3759, '3602': 3995, '3603': 9016, '3604': 4425, '3671': 5175, '3672': 1253, '3673': 1877, '3674': 3824 });
    expect(tree.codesAt('kecamatan').length).toBe(155);
  });

  it('exports the province in NIST ERR v2 that validates against the schema', () => {
    const doc = writeErr(
      kotakToErr({ election: PEMILU_2024, contest, tree, root: '36', totals: (c) => result.recap.totals(c), forms: keptForms(result) }),
    ) as { GpUnit: { Type: string }[]; Status: string };
    expect(validateErr(doc)).toEqual([]);
    expect(doc.GpUnit.filter((u) => u.Type === 'polling-place').length).toBe(33324);
    expect(doc.GpUnit.length).toBe(33324 + 1 + 8 + 155 + 1552);
    expect(doc.Status).toBe('unofficial-partial');
  });

  it('the normalised CSV reads back to the same totals and flags', async () => {
    const text = [...normalisedCsv(contest, keptForms(result))].join('');
    const again = await runPipeline(readForms(writeTmp('normalised.csv', text), contest), { contest, tree });
    expect(again.recap.totals('36')).toEqual(result.recap.totals('36'));
    expect(text.split('\n')[1]).toBe(readFileSync(BANTEN_RESULTS_CSV, 'utf8').split('\n')[1]);
  });

  it('the OpenElections CSV has one row per entered vote line plus turnout rows', () => {
    const text = [...openElectionsCsv(contest, tree, keptForms(result))].join('');
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe(OPENELECTIONS_HEADER);
    expect(lines[1]).toBe('Kabupaten Pandeglang,3601012001001,Pemilihan Presiden dan Wakil Presiden 2024,,,"H. ANIES RASYID BASWEDAN, Ph.D. - Dr. (H.C.) H. A. MUHAIMIN ISKANDAR",98');
    const voteRows = lines.filter((l) => !/,(Registered Voters|Ballots Cast|Invalid Votes),/.test(l)).length - 1;
    expect(voteRows).toBe(26244 * 3);
  });

  it('computes forensic indicators for the province', () => {
    const rows = [...keptForms(result)].map((f) => ({
      tps: f.tps, group: tree.placeTps(f.tps).slice(0, 6), votes: f.votes, valid: f.admin.valid, registered: f.admin.registered, voters: f.admin.voters,
    }));
    const r = forensicReport(rows);
    expect(r.tps).toBe(33324);
    expect(r.lastDigit.n).toBeGreaterThan(50000);
    expect(r.secondDigit.mean).toBeGreaterThan(3);
    expect(r.fingerprint.winner).toBe(1); // Prabowo–Gibran won Banten
  });
});
