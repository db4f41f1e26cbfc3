/**
 * Domain types of election results (issue 3, DOMAIN.md). Plain data shared by importers, checks, recapitulation,
 * forensics and exports; no database rows and no HTTP shapes.
 *
 * Field names of a form follow the C.Hasil / Sirekap `administrasi` block (STANDARDS.md, "KPU Sirekap result JSON"),
 * translated to English identifiers; each one documents the Sirekap field it carries.
 */

export type ElectionKind = 'pemilu' | 'pilkada';

export interface Election {
  /** URL slug, e.g. `pemilu-2024`, `pilkada-2024`. */
  id: string;
  kind: ElectionKind;
  title: string;
  /** Polling day, ISO date (`2024-02-14`). */
  date: string;
}

/** Contest kinds of Pemilu and Pilkada (DOMAIN.md, "Contests"). */
export type ContestKind =
  | 'ppwp'
  | 'dpr'
  | 'dpd'
  | 'dprd-prov'
  | 'dprd-kabkota'
  | 'gubernur'
  | 'bupati'
  | 'walikota';

export const CONTEST_KINDS: readonly ContestKind[] = [
  'ppwp', 'dpr', 'dpd', 'dprd-prov', 'dprd-kabkota', 'gubernur', 'bupati', 'walikota',
];

/** Legislative contests are held per electoral district (dapil) with party lists (UU 7/2017 art. 185–192). */
export const LEGISLATIVE_KINDS: ReadonlySet<ContestKind> = new Set(['dpr', 'dprd-prov', 'dprd-kabkota']);

export interface Party {
  /** Ballot number of the party (nomor urut partai), e.g. 1 for PKB in 2024. */
  number: number;
  /** Short code used in files, e.g. `PKB`. */
  code: string;
  name: string;
}

export interface Candidate {
  /** Ballot number: of the pair (PPWP, Pilkada), of the person (DPD), or within the party list (legislative). */
  number: number;
  name: string;
  /** Party ballot number for a legislative candidate; absent for PPWP, DPD and Pilkada pairs. */
  partyNumber?: number;
  /** Dapil codes the candidate stands in; absent = every district of the contest. */
  districts?: string[];
  /** Identifiers in other systems, e.g. `{ sirekap: '100025' }`. */
  externalIds?: Record<string, string>;
}

/** An electoral district (dapil): a named set of regions (any level) whose TPS vote for the same lists. */
export interface District {
  code: string;
  name: string;
  regionCodes: string[];
}

export interface ContestSpec {
  electionId: string;
  /** Slug unique within the election, e.g. `ppwp`, `dpr`, `dprd-prov`. */
  id: string;
  kind: ContestKind;
  title: string;
  /** Region the contest covers (`''` or absent = the whole tree). */
  regionCode?: string;
  parties: Party[];
  candidates: Candidate[];
  districts: District[];
}

/**
 * One vote line of a form: a candidate (pair) or, in legislative contests, a party's own votes (suara partai) or a
 * candidate of a party. `key` is stable and used in files: `01` for PPWP pair 1, `P01` for party 1's own votes,
 * `P01-003` for candidate 3 of party 1.
 */
export interface Selection {
  key: string;
  kind: 'candidate' | 'party';
  /** Column header in the wide layout, e.g. `votes_01`, `party_01`, `cand_01_003`. */
  column: string;
  name: string;
  partyNumber?: number;
  candidateNumber?: number;
  /** Dapil codes where this line is on the ballot; absent = all. */
  districts?: string[];
  externalIds?: Record<string, string>;
}

export type RegionLevel = 'provinsi' | 'kabupaten_kota' | 'kecamatan' | 'desa_kelurahan';

/** Level order from the top; TPS sit below `desa_kelurahan`. The national root has code `''`. */
export const REGION_LEVELS: readonly RegionLevel[] = ['provinsi', 'kabupaten_kota', 'kecamatan', 'desa_kelurahan'];

/** Kemendagri code lengths per level (DOMAIN.md, "Region codes"). */
export const CODE_LENGTH: Record<RegionLevel, number> = {
  provinsi: 2,
  kabupaten_kota: 4,
  kecamatan: 6,
  desa_kelurahan: 10,
};

/** A TPS code is the 10-digit desa code plus a 3-digit TPS number (`3672011001001`). */
export const TPS_CODE_LENGTH = 13;

export interface Region {
  /** Kemendagri code, dotless; the key. */
  code: string;
  parentCode: string | null;
  level: RegionLevel;
  name: string;
  /** Codes of the same place in other systems, e.g. `{ scheme: 'kpu', code: '3602162018' }`. */
  aliases: RegionAlias[];
}

export interface RegionAlias {
  /** `kpu` (KPU/Sirekap 2024 codes), `bps`, … */
  scheme: string;
  code: string;
}

/**
 * Administrative figures of a C.Hasil (Sirekap `administrasi`). All counts are `null` when the form (or that part of
 * it) has not been entered yet — the real snapshot has many such TPS.
 */
export interface AdminFigures {
  /** `suara_sah`: valid votes. */
  valid: number | null;
  /** `suara_tidak_sah`: invalid votes. */
  invalid: number | null;
  /** `suara_total`: ballots used (valid + invalid). */
  ballotsUsed: number | null;
  /** `pemilih_dpt_j`: voters registered on the permanent list (DPT) of the TPS. */
  registered: number | null;
  /** `pengguna_total_j`: voters who voted. */
  voters: number | null;
  /** `pengguna_dpt_j`: voters from the DPT who voted. */
  votersDpt: number | null;
  /** `pengguna_dptb_j`: voters who moved in (DPTb) and voted. */
  votersDptb: number | null;
  /** `pengguna_non_dpt_j`: voters on the special list (DPK) who voted. */
  votersDpk: number | null;
}

export const ADMIN_FIELDS: readonly (keyof AdminFigures)[] = [
  'valid', 'invalid', 'ballotsUsed', 'registered', 'voters', 'votersDpt', 'votersDptb', 'votersDpk',
];

/** The normalised figures of one TPS form, as every importer yields them. */
export interface TpsForm {
  /** Where it came from: the row as a spreadsheet shows it (header = row 1), or 1 for a one-form JSON file. */
  row: number;
  /** Source file inside a folder or zip, when there is more than one. */
  source?: string;
  /** TPS code as given (13 digits; KPU codes, see RegionTree.resolve for Kemendagri). */
  tps: string;
  /** Votes per selection, aligned with the contest's `selections` order; `null` = not entered. */
  votes: (number | null)[];
  admin: AdminFigures;
  /** Sirekap time stamp of the figures (`ts`), as given. */
  timestamp: string | null;
  /** Number of form photos (Sirekap `images`). */
  photos: number | null;
  /** Lines given more than once for this TPS inside one long file (the `duplicate_rows` check flags them). */
  duplicates?: DuplicateLine[];
}

export interface DuplicateLine {
  /** Selection key or admin column that repeats. */
  field: string;
  row: number;
  value: number | null;
  firstRow: number;
  firstValue: number | null;
}

export function emptyAdmin(): AdminFigures {
  return {
    valid: null, invalid: null, ballotsUsed: null, registered: null,
    voters: null, votersDpt: null, votersDptb: null, votersDpk: null,
  };
}
