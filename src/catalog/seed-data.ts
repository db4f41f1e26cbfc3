/**
 * What a new portal starts with: the Banten province KPU office and the 8 regency/city offices under it, with their
 * Kemendagri codes (DOMAIN.md table; codes in fixtures/regions/banten-regions.csv), and the thematic groups.
 */
export const SEED_ORGANIZATIONS: Array<{ name: string; title: string; regionCode: string; description: string }> = [
  { name: 'kpu-provinsi-banten', title: 'KPU Provinsi Banten', regionCode: '36', description: 'Komisi Pemilihan Umum Provinsi Banten.' },
  { name: 'kpu-kabupaten-pandeglang', title: 'KPU Kabupaten Pandeglang', regionCode: '3601', description: 'Komisi Pemilihan Umum Kabupaten Pandeglang.' },
  { name: 'kpu-kabupaten-lebak', title: 'KPU Kabupaten Lebak', regionCode: '3602', description: 'Komisi Pemilihan Umum Kabupaten Lebak.' },
  { name: 'kpu-kabupaten-tangerang', title: 'KPU Kabupaten Tangerang', regionCode: '3603', description: 'Komisi Pemilihan Umum Kabupaten Tangerang.' },
  { name: 'kpu-kabupaten-serang', title: 'KPU Kabupaten Serang', regionCode: '3604', description: 'Komisi Pemilihan Umum Kabupaten Serang.' },
  { name: 'kpu-kota-tangerang', title: 'KPU Kota Tangerang', regionCode: '3671', description: 'Komisi Pemilihan Umum Kota Tangerang.' },
  { name: 'kpu-kota-cilegon', title: 'KPU Kota Cilegon', regionCode: '3672', description: 'Komisi Pemilihan Umum Kota Cilegon.' },
  { name: 'kpu-kota-serang', title: 'KPU Kota Serang', regionCode: '3673', description: 'Komisi Pemilihan Umum Kota Serang.' },
  { name: 'kpu-kota-tangerang-selatan', title: 'KPU Kota Tangerang Selatan', regionCode: '3674', description: 'Komisi Pemilihan Umum Kota Tangerang Selatan.' },
];

/** Themes, each mapped to the EU data theme its datasets carry in DCAT-AP (GOVE = government and public sector). */
export const SEED_GROUPS: Array<{ name: string; title: string; description: string; euTheme: string }> = [
  { name: 'hasil-pemilu', title: 'Hasil Pemilu', description: 'Hasil penghitungan dan rekapitulasi suara.', euTheme: 'GOVE' },
  { name: 'daftar-pemilih', title: 'Daftar Pemilih', description: 'Daftar pemilih tetap dan rekapitulasinya.', euTheme: 'GOVE' },
  { name: 'logistik', title: 'Logistik', description: 'Logistik pemilu: surat suara, TPS, distribusi.', euTheme: 'GOVE' },
  { name: 'peserta-pemilu', title: 'Peserta Pemilu', description: 'Partai politik, calon, dan daerah pemilihan.', euTheme: 'GOVE' },
  { name: 'wilayah', title: 'Wilayah', description: 'Kode dan batas wilayah administrasi.', euTheme: 'REGI' },
];

/** Which office publishes about a region: the kab/kota office for codes under it, the province office otherwise. */
export function organizationForRegion(code: string): string {
  const kab = SEED_ORGANIZATIONS.find((o) => o.regionCode.length === 4 && code.startsWith(o.regionCode));
  return kab ? kab.name : 'kpu-provinsi-banten';
}
