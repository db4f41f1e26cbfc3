/**
 * Generator of a national-scale synthetic results file shaped like the real Banten Sirekap CSV (same 15 columns), for
 * the import benchmark. Region counts follow DOMAIN.md (KPU 2024): 38 provinces, 514 kab/kota, 7,277 kecamatan,
 * 83,731 desa/kelurahan, 820,161 domestic TPS, plus 3,059 overseas TPS = 823,220 rows. Overseas TPS sit under a
 * pseudo-province `99` (two pseudo-kab/kota, one kecamatan and one "desa" per PPLN), as the KPU feeds code them apart
 * from the Kemendagri tree.
 *
 * Figures are plausible but invented; a few percent of rows are left empty (not yet reported), a few have votes but
 * no administrative block (as in the real snapshot), and about 0.5 % break one arithmetic rule, so the checks have
 * something to flag.
 *
 * Usage: `npx tsx bench/gen/national.ts [outDir]` → `{outDir}/national-regions.csv`, `{outDir}/national-ppwp-tps.csv`.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { mulberry32, partition, type Rng } from './rng.js';

export const NATIONAL = {
  provinces: [
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74, 75,
    76, 81, 82, 91, 92, 93, 94, 95, 96,
  ],
  kabkota: 514,
  kecamatan: 7_277,
  desa: 83_731,
  domesticTps: 820_161,
  overseasTps: 3_059,
  ppln: 128,
} as const;

export const WIDE_HEADER =
  'tps_code,desa_code,votes_01,votes_02,votes_03,suara_sah,suara_tidak_sah,suara_total,pemilih_dpt_total,' +
  'pengguna_total,pengguna_dpt,pengguna_dptb,pengguna_dpk,sirekap_ts,n_photos';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

interface Desa {
  code: string;
  tps: number;
  shares: [number, number, number];
}

/** Builds the synthetic tree; returns region CSV lines and the desa list with their TPS counts. */
export function buildTree(rng: Rng): { regionLines: string[]; desa: Desa[] } {
  const regionLines: string[] = ['code,parent_code,level,name'];
  const desa: Desa[] = [];
  const provs = NATIONAL.provinces;
  const kabPerProv = partition(NATIONAL.kabkota, provs.length, rng, 60);
  const kecPerKab = partition(NATIONAL.kecamatan, NATIONAL.kabkota, rng, 90);
  const desaPerKec = partition(NATIONAL.desa, NATIONAL.kecamatan, rng, 300);
  const tpsPerDesa = partition(NATIONAL.domesticTps, NATIONAL.desa, rng, 400);
  let kabIx = 0;
  let kecIx = 0;
  let desaIx = 0;
  for (let p = 0; p < provs.length; p++) {
    const prov = String(provs[p]);
    regionLines.push(`${prov},,provinsi,Provinsi ${prov}`);
    const base = [0.2 + rng() * 0.3, 0.3 + rng() * 0.4, 0.1 + rng() * 0.2];
    const nKab = kabPerProv[p]!;
    const nKota = Math.floor(nKab * 0.2);
    for (let k = 0; k < nKab; k++) {
      const isKota = k >= nKab - nKota;
      const kab = prov + pad(isKota ? 71 + (k - (nKab - nKota)) : k + 1, 2);
      regionLines.push(`${kab},${prov},kabupaten_kota,${isKota ? 'Kota' : 'Kabupaten'} ${kab}`);
      const kabShift = base.map((b) => b * (0.8 + rng() * 0.4));
      const nKec = kecPerKab[kabIx++]!;
      for (let c = 0; c < nKec; c++) {
        const kec = kab + pad(c + 1, 2);
        regionLines.push(`${kec},${kab},kecamatan,Kecamatan ${kec}`);
        const nDesa = desaPerKec[kecIx++]!;
        for (let d = 0; d < nDesa; d++) {
          // PP 72/2005 numbering: kelurahan 1xxx, desa 2xxx (DOMAIN.md, 7th digit)
          const code = kec + (isKota ? String(1001 + d) : String(2001 + d));
          regionLines.push(`${code},${kec},desa_kelurahan,${isKota ? 'Kelurahan' : 'Desa'} ${code}`);
          const s = kabShift.map((b) => b * (0.85 + rng() * 0.3));
          const sum = s[0]! + s[1]! + s[2]!;
          desa.push({ code, tps: tpsPerDesa[desaIx++]!, shares: [s[0]! / sum, s[1]! / sum, s[2]! / sum] });
        }
      }
    }
  }
  // Overseas: two pseudo-kab/kota of 64 PPLN each, since a kecamatan number has two digits.
  regionLines.push('99,,provinsi,Luar Negeri', '9901,99,kabupaten_kota,Luar Negeri I', '9902,99,kabupaten_kota,Luar Negeri II');
  const tpsPerPpln = partition(NATIONAL.overseasTps, NATIONAL.ppln, rng);
  for (let i = 0; i < NATIONAL.ppln; i++) {
    const kab = i < 64 ? '9901' : '9902';
    const kec = kab + pad((i % 64) + 1, 2);
    const code = kec + '1001';
    regionLines.push(`${kec},${kab},kecamatan,PPLN ${i + 1}`, `${code},${kec},desa_kelurahan,PPLN ${i + 1}`);
    desa.push({ code, tps: tpsPerPpln[i]!, shares: [0.3, 0.45, 0.25] });
  }
  return { regionLines, desa };
}

function tpsRow(tpsCode: string, desaCode: string, shares: [number, number, number], rng: Rng): string {
  const u = rng();
  if (u < 0.03) return `${tpsCode},${desaCode},,,,,,,,,,,,2024-02-15 07:00:44,0`;
  const dpt = 150 + Math.floor(rng() * 150);
  const pDpt = Math.min(dpt, Math.round(dpt * (0.65 + rng() * 0.3)));
  const pDptb = Math.floor(rng() * 6);
  const pDpk = Math.floor(rng() * 4);
  const used = pDpt + pDptb + pDpk;
  const invalid = Math.floor(used * rng() * 0.04);
  const valid = used - invalid;
  const a = Math.round(valid * shares[0] * (0.8 + rng() * 0.4));
  const b = Math.min(valid - a, Math.round(valid * shares[1] * (0.8 + rng() * 0.4)));
  let v1 = a;
  let v2 = Math.max(0, b);
  let v3 = valid - v1 - v2;
  if (v3 < 0) {
    v2 += v3;
    v3 = 0;
  }
  let sah = valid;
  if (u > 0.995) sah += 1 + Math.floor(rng() * 20); // an OCR-style slip: the sum no longer matches
  if (u < 0.08) return `${tpsCode},${desaCode},${v1},${v2},${v3},,,,,,,,,2024-02-24 22:31:28,3`;
  return `${tpsCode},${desaCode},${v1},${v2},${v3},${sah},${invalid},${used},${dpt},${used},${pDpt},${pDptb},${pDpk},2024-02-16 10:11:12,3`;
}

/** Writes both files; returns their paths and the number of TPS rows written. */
export async function generateNational(outDir: string, seed = 20240214): Promise<{ regions: string; results: string; rows: number }> {
  await mkdir(outDir, { recursive: true });
  const rng = mulberry32(seed);
  const { regionLines, desa } = buildTree(rng);
  const regions = join(outDir, 'national-regions.csv');
  const results = join(outDir, 'national-ppwp-tps.csv');
  const rw = createWriteStream(regions);
  rw.end(regionLines.join('\n') + '\n');
  await once(rw, 'finish');
  const out = createWriteStream(results);
  let buf: string[] = [WIDE_HEADER];
  let rows = 0;
  for (const d of desa) {
    for (let t = 1; t <= d.tps; t++) {
      buf.push(tpsRow(d.code + pad(t, 3), d.code, d.shares, rng));
      rows++;
    }
    if (buf.length >= 20_000) {
      if (!out.write(buf.join('\n') + '\n')) await once(out, 'drain');
      buf = [];
    }
  }
  out.end(buf.length ? buf.join('\n') + '\n' : '');
  await once(out, 'finish');
  return { regions, results, rows };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? '.bench-tmp';
  const t0 = performance.now();
  const r = await generateNational(dir);
  console.log(`${r.rows} TPS rows → ${r.results} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
