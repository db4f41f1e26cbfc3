/**
 * Column names the importers recognise. The canonical names are those of the real Banten file
 * (`banten-ppwp-2024-tps.csv`, see fixtures/results/SOURCES.md); the Sirekap JSON names (`pemilih_dpt_j`, …,
 * STANDARDS.md) are accepted as synonyms so a flattened Sirekap dump reads too.
 */
import type { AdminFigures } from '../types.js';
import { TPS_CODE_LENGTH } from '../types.js';
import { importError, type ErrorPlace } from './import-error.js';

/** Canonical admin column for each field, in the order of the normalised CSV. */
export const ADMIN_COLUMN: Record<keyof AdminFigures, string> = {
  valid: 'suara_sah',
  invalid: 'suara_tidak_sah',
  ballotsUsed: 'suara_total',
  registered: 'pemilih_dpt_total',
  voters: 'pengguna_total',
  votersDpt: 'pengguna_dpt',
  votersDptb: 'pengguna_dptb',
  votersDpk: 'pengguna_dpk',
};

/** Every accepted admin header → field. */
export const ADMIN_SYNONYMS: Record<string, keyof AdminFigures> = {
  ...Object.fromEntries(Object.entries(ADMIN_COLUMN).map(([k, v]) => [v, k as keyof AdminFigures])),
  pemilih_dpt_j: 'registered',
  pengguna_total_j: 'voters',
  pengguna_dpt_j: 'votersDpt',
  pengguna_dptb_j: 'votersDptb',
  pengguna_non_dpt_j: 'votersDpk',
};

export const TPS_COLUMNS = ['tps_code', 'kode_tps', 'tps'];
export const DESA_COLUMNS = ['desa_code', 'kode_desa'];
export const TIMESTAMP_COLUMNS = ['sirekap_ts', 'ts'];
export const PHOTO_COLUMNS = ['n_photos'];

/** Lower-case, trimmed, spaces to `_`: `"Suara Sah "` → `suara_sah`. */
export function normaliseHeader(h: string): string {
  return h.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/**
 * Validates a TPS code: 13 digits = 10-digit desa code + 3-digit TPS number (DOMAIN.md, "Region codes"). Dots as
 * printed on forms (`36.72.01.1001.001`) are removed first.
 */
export function tpsCode(raw: string, place: ErrorPlace): string {
  let code = raw;
  if (code.length !== TPS_CODE_LENGTH || !/^\d+$/.test(code)) {
    code = raw.trim().replace(/\./g, '');
    if (!/^\d+$/.test(code)) {
      throw importError(`TPS code "${raw}" is not a number; a TPS code is 13 digits (10-digit desa code + 3-digit TPS number)`, place);
    }
    if (code.length !== TPS_CODE_LENGTH) {
      throw importError(
        `TPS code "${raw}" has ${code.length} digits; a TPS code has 13 (10-digit desa code + 3-digit TPS number)`,
        place,
      );
    }
  }
  return code;
}

export function textInCount(value: string, place: ErrorPlace): Error {
  return importError(`text in a count: "${value}" is not a number`, place);
}
