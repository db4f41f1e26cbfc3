/** Small hand-made contests, trees and files for the results tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormBatch } from '../../../src/results/batch.js';
import { compileContest, type Contest } from '../../../src/results/contest.js';
import { readForms, type ReadOptions } from '../../../src/results/import/index.js';
import { RegionTree } from '../../../src/results/regions.js';
import type { ContestSpec, Region } from '../../../src/results/types.js';

export function ppwp(): Contest {
  return compileContest({
    electionId: 'pemilu-2024',
    id: 'ppwp',
    kind: 'ppwp',
    title: 'PPWP',
    parties: [],
    districts: [],
    candidates: [
      { number: 1, name: 'Anies–Muhaimin', externalIds: { sirekap: '100025' } },
      { number: 2, name: 'Prabowo–Gibran', externalIds: { sirekap: '100026' } },
      { number: 3, name: 'Ganjar–Mahfud', externalIds: { sirekap: '100027' } },
    ],
  });
}

/** A DPRD Kab/Kota contest with two dapil, two parties of which one has a candidate only in dapil 2. */
export function dprdSpec(): ContestSpec {
  return {
    electionId: 'pemilu-2024',
    id: 'dprd-kabkota-3673',
    kind: 'dprd-kabkota',
    title: 'DPRD Kota Serang',
    regionCode: '3673',
    districts: [
      { code: 'SERANG-1', name: 'Kota Serang 1', regionCodes: ['367301'] },
      { code: 'SERANG-2', name: 'Kota Serang 2', regionCodes: ['367302'] },
    ],
    parties: [
      { number: 1, code: 'PKB', name: 'Partai Kebangkitan Bangsa' },
      { number: 2, code: 'GERINDRA', name: 'Partai Gerakan Indonesia Raya' },
    ],
    candidates: [
      { number: 1, name: 'Ahmad', partyNumber: 1 },
      { number: 2, name: 'Budi', partyNumber: 1 },
      { number: 1, name: 'Citra', partyNumber: 2 },
      { number: 2, name: 'Dewi', partyNumber: 2, districts: ['SERANG-2'] },
    ],
  };
}

/** Kota Serang (3673) with two kecamatan, three desa; plus the Cikaratuan alias pair under 3602. */
export function smallTree(): RegionTree {
  const r = (code: string, parentCode: string | null, level: Region['level'], name: string): Region => ({ code, parentCode, level, name, aliases: [] });
  const tree = new RegionTree([
    r('36', null, 'provinsi', 'Banten'),
    r('3673', '36', 'kabupaten_kota', 'Kota Serang'),
    r('367301', '3673', 'kecamatan', 'Serang'),
    r('3673011001', '367301', 'desa_kelurahan', 'Cipare'),
    r('3673011002', '367301', 'desa_kelurahan', 'Sumurpecung'),
    r('367302', '3673', 'kecamatan', 'Kasemen'),
    r('3673021001', '367302', 'desa_kelurahan', 'Kasemen'),
    r('3602', '36', 'kabupaten_kota', 'Kabupaten Lebak'),
    r('360228', '3602', 'kecamatan', 'Cigemblong'),
    r('3602282009', '360228', 'desa_kelurahan', 'Cikaratuan'),
  ]);
  tree.addAlias('3602282009', { scheme: 'kpu', code: '3602162018' });
  return tree;
}

export function tmpDir(): string {
  return mkdtempSync(join(tmpdir(), 'kotak-results-'));
}

export function writeTmp(name: string, content: string | Buffer, dir = tmpDir()): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** Reads a file completely and returns one batch with all forms. */
export async function readAll(path: string, contest: Contest, opts?: ReadOptions): Promise<FormBatch> {
  let all: FormBatch | null = null;
  for await (const b of readForms(path, contest, opts)) {
    all ??= new FormBatch(b.layout);
    for (let i = 0; i < b.length; i++) all.push(b.form(i));
  }
  if (!all) throw new Error('no forms');
  return all;
}

export const WIDE_HEADER =
  'tps_code,desa_code,votes_01,votes_02,votes_03,suara_sah,suara_tidak_sah,suara_total,pemilih_dpt_total,pengguna_total,pengguna_dpt,pengguna_dptb,pengguna_dpk,sirekap_ts,n_photos';
