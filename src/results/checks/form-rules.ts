/**
 * The built-in form rules: the arithmetic a C.Hasil must satisfy (DOMAIN.md, "Arithmetic a C.Hasil must satisfy",
 * rules 1–4 and 6) and KawalPemilu 2024's tolerance on votes against the register. Names in the numbers are the
 * Sirekap field names, so a reader can match them to the form.
 */
import { A_INVALID, A_REGISTERED, A_USED, A_VALID, A_VOTERS, A_VOTERS_DPK, A_VOTERS_DPT, A_VOTERS_DPTB, type FormBatch } from '../batch.js';
import { ADMIN_COLUMN } from '../import/columns.js';
import { ADMIN_FIELDS } from '../types.js';
import { registerCheck, type CheckNumbers, type FormRule } from './registry.js';

const nul = (x: number): number | null => (x === x ? x : null);

/** Admin value k of form i (NaN when not entered). */
function adm(b: FormBatch, i: number, k: number): number {
  return b.values[i * b.layout.width + b.layout.admin + k]!;
}

/** Sum of the entered vote lines, or NaN when none is entered. */
export function voteSum(b: FormBatch, i: number): number {
  const v = b.values;
  const o = i * b.layout.width;
  let s = 0;
  let any = false;
  for (let k = 0; k < b.layout.selections; k++) {
    const x = v[o + k]!;
    if (x === x) {
      s += x;
      any = true;
    }
  }
  return any ? s : NaN;
}

const DOMAIN_ARITHMETIC = 'DOMAIN.md "Arithmetic a C.Hasil must satisfy"';

export const sumVotesEqValid: FormRule = {
  id: 'sum_votes_eq_valid',
  scope: 'form',
  title: { id: 'Jumlah suara sama dengan suara sah', en: 'Votes add up to the valid votes' },
  description: {
    id: 'Jumlah suara seluruh pasangan calon (atau partai dan calon) harus sama dengan jumlah suara sah.',
    en: 'The votes of all candidates (or parties and candidates) must add up to the number of valid votes.',
  },
  reference: `${DOMAIN_ARITHMETIC}, rule 1; KawalPemilu 2019 marks a violation "janggal"`,
  test(b, i) {
    const valid = adm(b, i, A_VALID);
    const sum = voteSum(b, i);
    if (valid !== valid || sum !== sum) return null;
    return sum === valid;
  },
  numbers(b, i) {
    const sum = voteSum(b, i);
    const valid = adm(b, i, A_VALID);
    return { jumlah_suara: nul(sum), suara_sah: nul(valid), selisih: nul(sum - valid) };
  },
};

export const validPlusInvalidEqUsed: FormRule = {
  id: 'valid_plus_invalid_eq_used',
  scope: 'form',
  title: { id: 'Suara sah + tidak sah = surat suara digunakan', en: 'Valid + invalid = ballots used' },
  description: {
    id: 'Suara sah ditambah suara tidak sah harus sama dengan jumlah surat suara yang digunakan (suara_total).',
    en: 'Valid votes plus invalid votes must equal the ballots used (suara_total).',
  },
  reference: `${DOMAIN_ARITHMETIC}, rule 2; KawalPemilu 2019 "janggal"`,
  test(b, i) {
    const a = adm(b, i, A_VALID);
    const c = adm(b, i, A_INVALID);
    const u = adm(b, i, A_USED);
    if (a !== a || c !== c || u !== u) return null;
    return a + c === u;
  },
  numbers(b, i) {
    const a = adm(b, i, A_VALID);
    const c = adm(b, i, A_INVALID);
    const u = adm(b, i, A_USED);
    return { suara_sah: nul(a), suara_tidak_sah: nul(c), suara_total: nul(u), selisih: nul(a + c - u) };
  },
};

export const usedEqVoters: FormRule = {
  id: 'used_eq_voters',
  scope: 'form',
  title: { id: 'Surat suara digunakan = pengguna hak pilih', en: 'Ballots used = voters who voted' },
  description: {
    id: 'Jumlah surat suara yang digunakan harus sama dengan jumlah pengguna hak pilih (DPT + DPTb + DPK).',
    en: 'The ballots used must equal the number of voters who voted (DPT + DPTb + DPK).',
  },
  reference: `${DOMAIN_ARITHMETIC}, rule 3`,
  test(b, i) {
    const u = adm(b, i, A_USED);
    const p = adm(b, i, A_VOTERS);
    if (u !== u || p !== p) return null;
    return u === p;
  },
  numbers(b, i) {
    const u = adm(b, i, A_USED);
    const p = adm(b, i, A_VOTERS);
    return { suara_total: nul(u), pengguna_total: nul(p), selisih: nul(u - p) };
  },
};

export const votersEqListSum: FormRule = {
  id: 'voters_eq_list_sum',
  scope: 'form',
  title: { id: 'Pengguna hak pilih = DPT + DPTb + DPK', en: 'Voters = DPT + DPTb + DPK voters' },
  description: {
    id: 'Jumlah pengguna hak pilih harus sama dengan pengguna dari DPT, DPTb dan DPK.',
    en: 'Voters who voted must equal the sum of those from the DPT, DPTb and DPK lists.',
  },
  reference: `${DOMAIN_ARITHMETIC}, rule 3`,
  test(b, i) {
    const p = adm(b, i, A_VOTERS);
    const d = adm(b, i, A_VOTERS_DPT);
    const t = adm(b, i, A_VOTERS_DPTB);
    const k = adm(b, i, A_VOTERS_DPK);
    if (p !== p || d !== d || t !== t || k !== k) return null;
    return p === d + t + k;
  },
  numbers(b, i) {
    const p = adm(b, i, A_VOTERS);
    const d = adm(b, i, A_VOTERS_DPT);
    const t = adm(b, i, A_VOTERS_DPTB);
    const k = adm(b, i, A_VOTERS_DPK);
    return { pengguna_total: nul(p), pengguna_dpt: nul(d), pengguna_dptb: nul(t), pengguna_dpk: nul(k), selisih: nul(p - d - t - k) };
  },
};

/** Voters may exceed the DPT by those on the DPTb and DPK lists, who register by turning up. */
function voterLimit(b: FormBatch, i: number): number {
  const t = adm(b, i, A_VOTERS_DPTB);
  const k = adm(b, i, A_VOTERS_DPK);
  return adm(b, i, A_REGISTERED) + (t === t ? t : 0) + (k === k ? k : 0);
}

export const votersLeRegistered: FormRule = {
  id: 'voters_le_registered',
  scope: 'form',
  title: { id: 'Pengguna hak pilih ≤ pemilih terdaftar', en: 'Voters ≤ registered voters' },
  description: {
    id: 'Pengguna hak pilih tidak boleh melebihi pemilih terdaftar (DPT) ditambah pemilih DPTb dan DPK; partisipasi ≤ 100 %.',
    en: 'Voters who voted may not exceed the registered voters (DPT) plus DPTb and DPK voters; turnout ≤ 100 %.',
  },
  reference: `${DOMAIN_ARITHMETIC}, rule 4`,
  test(b, i) {
    const p = adm(b, i, A_VOTERS);
    const r = adm(b, i, A_REGISTERED);
    if (p !== p || r !== r) return null;
    return p <= voterLimit(b, i);
  },
  numbers(b, i) {
    return {
      pengguna_total: nul(adm(b, i, A_VOTERS)),
      pemilih_dpt_total: nul(adm(b, i, A_REGISTERED)),
      pengguna_dptb: nul(adm(b, i, A_VOTERS_DPTB)),
      pengguna_dpk: nul(adm(b, i, A_VOTERS_DPK)),
      batas: nul(voterLimit(b, i)),
    };
  },
};

export const votesLe102Registered: FormRule = {
  id: 'votes_le_1_02_registered',
  scope: 'form',
  title: { id: 'Jumlah suara ≤ 1,02 × DPT', en: 'Votes ≤ 1.02 × registered' },
  description: {
    id: 'Jumlah suara calon tidak boleh melebihi 102 % pemilih terdaftar (DPT), toleransi yang dipakai KawalPemilu 2024.',
    en: 'The candidate votes may not exceed 102 % of the registered voters (DPT), the tolerance KawalPemilu 2024 uses.',
  },
  reference: 'KawalPemilu 2024 (kawalpemilu/kp24): candidate sum > 1.02 × DPT is flagged; DOMAIN.md',
  test(b, i) {
    const sum = voteSum(b, i);
    const r = adm(b, i, A_REGISTERED);
    if (sum !== sum || r !== r) return null;
    // In whole numbers, so 1.02 × DPT is not rounded: sum ≤ 1.02·r ⇔ 100·sum ≤ 102·r.
    return 100 * sum <= 102 * r;
  },
  numbers(b, i) {
    const sum = voteSum(b, i);
    const r = adm(b, i, A_REGISTERED);
    return { jumlah_suara: nul(sum), pemilih_dpt_total: nul(r), batas: r === r ? Math.floor((102 * r) / 100) : null };
  },
};

/** Name of value k of a form (vote line or admin column). */
function fieldName(b: FormBatch, k: number, keys: readonly string[]): string {
  const L = b.layout;
  if (k < L.selections) return keys[k] ?? `votes_${k + 1}`;
  if (k === L.photos) return 'n_photos';
  return ADMIN_COLUMN[ADMIN_FIELDS[k - L.admin]!];
}

export const countsNonnegativeInteger: FormRule = {
  id: 'counts_nonnegative_integer',
  scope: 'form',
  title: { id: 'Semua angka bilangan bulat ≥ 0', en: 'Every count is a whole number ≥ 0' },
  description: {
    id: 'Setiap angka pada formulir harus bilangan bulat yang tidak negatif.',
    en: 'Every count on the form must be a non-negative whole number.',
  },
  reference: `${DOMAIN_ARITHMETIC}, rule 6`,
  test(b, i) {
    const v = b.values;
    const o = i * b.layout.width;
    let any = false;
    for (let k = 0; k < b.layout.width; k++) {
      const x = v[o + k]!;
      if (x !== x) continue;
      any = true;
      if (x < 0 || Math.floor(x) !== x) return false;
    }
    return any ? true : null;
  },
  numbers(b, i, ctx) {
    const keys = ctx.selectionKeys ?? [];
    const out: CheckNumbers = {};
    const v = b.values;
    const o = i * b.layout.width;
    for (let k = 0; k < b.layout.width; k++) {
      const x = v[o + k]!;
      if (x === x && (x < 0 || Math.floor(x) !== x)) out[fieldName(b, k, keys)] = x;
    }
    return out;
  },
};

export const tpsInRegionTree: FormRule = {
  id: 'tps_in_region_tree',
  scope: 'form',
  title: { id: 'TPS ada di pohon wilayah', en: 'TPS is in the region tree' },
  description: {
    id: 'Kode desa/kelurahan dari kode TPS (setelah alias KPU–Kemendagri) harus ada di pohon wilayah pemilihan ini.',
    en: 'The desa/kelurahan code of the TPS code (after KPU–Kemendagri aliases) must be in this election\'s region tree.',
  },
  reference: 'DOMAIN.md "Region codes"; regions/SOURCES.md (KPU 3602162018 = Kemendagri 3602282009)',
  test(b, i, ctx) {
    if (!ctx.tree) return null;
    return ctx.tree.desaOfTps(b.tps(i)) !== null;
  },
  numbers(b, i, ctx) {
    const tps = b.tps(i);
    return { kode_desa: tps.slice(0, 10), kode_desa_kemendagri: ctx.tree?.desaOfTps(tps) ?? null };
  },
};

export const BUILTIN_FORM_RULES: FormRule[] = [
  sumVotesEqValid,
  validPlusInvalidEqUsed,
  usedEqVoters,
  votersEqListSum,
  votersLeRegistered,
  votesLe102Registered,
  countsNonnegativeInteger,
  tpsInRegionTree,
];

for (const r of BUILTIN_FORM_RULES) registerCheck(r);

registerCheck({
  id: 'missing_tps',
  scope: 'dataset',
  title: { id: 'TPS belum ada hasilnya', en: 'TPS without results' },
  description: {
    id: 'TPS yang ada di daftar TPS tetapi belum memiliki angka perolehan suara; dasar perhitungan cakupan (dilaporkan/diharapkan).',
    en: 'TPS on the TPS list that have no vote figures yet; the basis of coverage (reported/expected).',
  },
  reference: 'Issue 3 "missing TPS (coverage against the TPS list)"; Open Election Data Initiative: complete and granular',
});

registerCheck({
  id: 'duplicate_rows',
  scope: 'dataset',
  title: { id: 'Baris ganda', en: 'Duplicate rows' },
  description: {
    id: 'TPS (atau baris suara) yang muncul lebih dari sekali dalam satu berkas; baris pertama yang dipakai.',
    en: 'A TPS (or vote line) given more than once in one file; the first one is used.',
  },
  reference: 'Frictionless Table Schema primaryKey (a TPS code identifies one form per contest)',
});

// The two rules below need the election's TPS list (src/results/tps-list.ts); without one they never flag.
registerCheck({
  id: 'tps_not_in_list',
  scope: 'dataset',
  title: { id: 'TPS tidak ada di daftar TPS', en: 'TPS not on the TPS list' },
  description: {
    id: 'Formulir untuk TPS yang tidak tercantum di daftar TPS wilayahnya (bila wilayah itu memiliki daftar TPS).',
    en: 'A form for a TPS that is not on the TPS list of its region (when that region has a list).',
  },
  reference: 'Issue 3 "the TPS list … coverage against the TPS list"; DOMAIN.md "What went wrong in 2024"',
});

registerCheck({
  id: 'registered_eq_list',
  scope: 'dataset',
  title: { id: 'DPT formulir sama dengan daftar TPS', en: 'Registered voters as on the TPS list' },
  description: {
    id: 'Jumlah pemilih terdaftar (DPT) di formulir harus sama dengan DPT TPS itu di daftar TPS.',
    en: "The registered voters (DPT) on the form must equal that TPS's DPT on the TPS list.",
  },
  reference: 'Issue 3 "registered voters per TPS"; DOMAIN.md arithmetic 4 and KawalPemilu 2024 (checks against DPT)',
});
