/**
 * The shapes of the results actions as the pages read them (src/actions/results-read.ts and elections.ts are the
 * source; these types are derived from them so a change there shows up here at type-check time).
 */
import type { contestList, electionList } from '../../actions/elections.js';
import type { resultsFlags, resultsForensics, resultsRegion, resultsTps } from '../../actions/results-read.js';
import type { resultsTpsListImport } from '../../actions/results-tps-list.js';

type Out<A extends { run: (...args: never[]) => unknown }> = Awaited<ReturnType<A['run']>>;

export type RegionResult = Out<typeof resultsRegion>;
export type TpsResult = Out<typeof resultsTps>;
export type FlagsResult = Out<typeof resultsFlags>;
export type ForensicsResult = Out<typeof resultsForensics>;
export type ElectionSummary = Out<typeof electionList>[number];
export type ContestSummary = Out<typeof contestList>[number];
/** The answer of results.tpsListImport (the TPS list report). */
export type TpsListImportSummary = Out<typeof resultsTpsListImport>;
export type Selection = RegionResult['selections'][number];
export type AdminKey = 'suara_sah' | 'suara_tidak_sah' | 'suara_total' | 'pemilih_dpt_total' | 'pengguna_total' | 'pengguna_dpt' | 'pengguna_dptb' | 'pengguna_dpk';
/** The totals with their admin sums named (the presenter spreads them from ADMIN_COLUMN, which TypeScript cannot see). */
export type Totals = RegionResult['totals'] & Partial<Record<AdminKey, number>>;
export const totalsOf = (x: { totals: RegionResult['totals'] }): Totals => x.totals as Totals;
export type Child = RegionResult['children'][number];

/** One TPS row of results.download (level tps, JSON). */
export interface TpsRow {
  tps_code: string;
  votes: Record<string, number | null>;
  suara_sah: number | null;
  suara_tidak_sah: number | null;
  suara_total: number | null;
  pemilih_dpt_total: number | null;
  pengguna_total: number | null;
}

/** Σ of the votes of a totals record. */
export function voteSum(votes: Record<string, number | null>): number {
  let s = 0;
  for (const v of Object.values(votes)) s += v ?? 0;
  return s;
}

/** Ballot number and name as voters know them: "01 · Anies–Muhaimin". */
export function selectionLabel(s: Selection): string {
  const n = s.number ?? (/^\d+$/.test(s.key) ? Number(s.key) : null);
  return n !== null ? `${String(n).padStart(2, '0')} · ${s.name}` : s.name;
}

/** The ballot number alone ("01"), for narrow table headers; the name when there is no number. */
export function selectionShort(s: Selection): string {
  const n = s.number ?? (/^\d+$/.test(s.key) ? Number(s.key) : null);
  return n !== null ? String(n).padStart(2, '0') : s.key;
}

/** Distinct, colour-blind-safe colours per candidate (Okabe & Ito 2008), in ballot order. */
export const SELECTION_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
