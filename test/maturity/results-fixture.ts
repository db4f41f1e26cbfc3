/**
 * A small hand-made results portal for the results-coverage tests (store and indicators), on either database.
 * Voting day 2024-02-14; the portal's clock stands at 2024-03-01T00:00Z, so every import and official file is stored
 * then (16 days after voting day).
 *
 *   36 Banten                                   offices: kpu-provinsi-banten (36), kpu-kota-serang (3673),
 *   ├─ 3673 Kota Serang                                  kpu-kota-cilegon (3672)
 *   │   ├─ 367301 Kec A ─ 3673011001 A1, 3673011002 A2
 *   │   └─ 367302 Kec B ─ 3673021001 B1
 *   └─ 3672 Kota Cilegon
 *       └─ 367201 Kec C ─ 3672011001 C1, 3672011002 C2
 *
 * Contest `ppwp` (nationwide), imported once, for Kota Serang only (so published by KPU Kota Serang):
 *   A1-001  figures   ts 2024-02-20 07:00:00 (WIB = 2024-02-20T00:00Z, 6 days after voting day: the earliest that counts)
 *   A1-002  figures   ts 2024-02-25 10:00:00
 *   A2-001  no figures ts 2024-02-15 08:00:00 (Sirekap stamps empty TPS too: not a publication)
 *   B1-001  figures   ts 2024-02-13 09:00:00 (before voting day: a clock error, left out)
 *   B1-002  no figures
 * Contest `walikota-cilegon` (region 3672): no TPS forms; official figures for Kec C only (kecamatan level).
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContest, createElection } from '../../src/actions/elections.js';
import { invoke } from '../../src/actions/invoke.js';
import { importResultsFile } from '../../src/actions/results-import.js';
import { registerActions } from '../../src/actions/registry.js';
import { RESULTS_ACTIONS } from '../../src/actions/results.js';
import { ppwp2024 } from '../../src/results/known.js';
import type { Region } from '../../src/results/types.js';
import type { Dialect } from '../../src/store/db.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { makeOrg } from '../support/factories.js';

export const ELECTION = { id: 'uji-2024', kind: 'pemilu' as const, title: 'Pemilu uji 2024', date: '2024-02-14' };
export const NOW = '2024-03-01T00:00:00.000Z';

const region = (code: string, parentCode: string | null, level: Region['level'], name: string): Region => ({ code, parentCode, level, name, aliases: [] });

export const REGIONS: Region[] = [
  region('36', null, 'provinsi', 'Banten'),
  region('3673', '36', 'kabupaten_kota', 'Kota Serang'),
  region('367301', '3673', 'kecamatan', 'Kec A'),
  region('3673011001', '367301', 'desa_kelurahan', 'A1'),
  region('3673011002', '367301', 'desa_kelurahan', 'A2'),
  region('367302', '3673', 'kecamatan', 'Kec B'),
  region('3673021001', '367302', 'desa_kelurahan', 'B1'),
  region('3672', '36', 'kabupaten_kota', 'Kota Cilegon'),
  region('367201', '3672', 'kecamatan', 'Kec C'),
  region('3672011001', '367201', 'desa_kelurahan', 'C1'),
  region('3672011002', '367201', 'desa_kelurahan', 'C2'),
];

const HEADER = 'tps_code,desa_code,votes_01,votes_02,votes_03,suara_sah,suara_tidak_sah,suara_total,pemilih_dpt_total,pengguna_total,pengguna_dpt,pengguna_dptb,pengguna_dpk,sirekap_ts,n_photos';
// Figures that add up (valid = Σ votes, total = valid + invalid = voters = dpt + dptb + dpk ≤ registered): no flags
// other than missing_tps.
export const PPWP_FILE = [
  HEADER,
  '3673011001001,3673011001,100,50,30,180,5,185,250,185,180,3,2,2024-02-20 07:00:00,2',
  '3673011001002,3673011001,80,70,20,170,4,174,240,174,170,2,2,2024-02-25 10:00:00,2',
  '3673011002001,3673011002,,,,,,,,,,,,2024-02-15 08:00:00,0',
  '3673021001001,3673021001,60,60,60,180,2,182,230,182,180,1,1,2024-02-13 09:00:00,1',
  '3673021001002,3673021001,,,,,,,,,,,,,0',
].join('\n') + '\n';

export const OFFICIAL_FILE = 'region_code,votes_01,votes_02,suara_sah,suara_tidak_sah\n367201,1200,900,2100,40\n';

export interface ResultsFixture {
  t: TestApp;
  orgs: { province: string; serang: string; cilegon: string };
}

/** A test app on `dialect` holding the portal above. */
export async function resultsFixture(dialect: Dialect): Promise<ResultsFixture> {
  registerActions(RESULTS_ACTIONS);
  const t = await createTestApp(dialect, { now: () => new Date(NOW), http: false });
  const province = await makeOrg(t, 'kpu-provinsi-banten', { title: 'KPU Provinsi Banten', region_code: '36' });
  const serang = await makeOrg(t, 'kpu-kota-serang', { title: 'KPU Kota Serang', region_code: '3673' });
  const cilegon = await makeOrg(t, 'kpu-kota-cilegon', { title: 'KPU Kota Cilegon', region_code: '3672' });
  await createElection(t.system, ELECTION, REGIONS);
  await createContest(t.system, { ...ppwp2024(), electionId: ELECTION.id });
  await createContest(t.system, {
    electionId: ELECTION.id, id: 'walikota-cilegon', kind: 'walikota', title: 'Pemilihan Wali Kota Cilegon', regionCode: '3672', parties: [], districts: [],
    candidates: [{ number: 1, name: 'Calon Satu' }, { number: 2, name: 'Calon Dua' }],
  });
  const dir = mkdtempSync(join(tmpdir(), 'kotak-coverage-'));
  writeFileSync(join(dir, 'serang.csv'), PPWP_FILE);
  writeFileSync(join(dir, 'official.csv'), OFFICIAL_FILE);
  await importResultsFile(t.system, { election: ELECTION.id, contest: 'ppwp', path: join(dir, 'serang.csv') });
  await invoke(t.system, 'results.officialImport', { election: ELECTION.id, contest: 'walikota-cilegon', path: join(dir, 'official.csv') });
  return { t, orgs: { province: province.id, serang: serang.id, cilegon: cilegon.id } };
}
