/**
 * Tables of the results part (migration 0003_results, issue 3). Conventions as in ./schema.ts: text ids, ISO text
 * times, JSON as text.
 *
 * TPS figures are stored one row per contest and desa (`results_forms`): a desa holds ~10 TPS, every page and API
 * read of TPS figures reads a desa or a whole region, and a national import then writes 84 thousand rows instead of
 * 823 thousand. Each row's `data` is the desa's lines of the normalised CSV, so the published CSV is these rows
 * concatenated.
 */

export interface ResultsElectionsTable {
  id: string;
  kind: string;
  title: string;
  date: string;
  created: string;
}

export interface ResultsContestsTable {
  election_id: string;
  id: string;
  kind: string;
  title: string;
  region_code: string | null;
  /** JSON: parties, candidates, districts (ContestSpec minus ids). */
  spec: string;
  /** Bumped by every import that changes the contest; caches key on it. */
  revision: number;
  created: string;
}

export interface ResultsRegionsTable {
  election_id: string;
  code: string;
  parent_code: string | null;
  level: string;
  name: string;
  /** JSON array of `{ scheme, code }`. */
  aliases: string;
}

export interface ResultsImportsTable {
  id: string;
  election_id: string;
  contest_id: string;
  /** 1, 2, … per contest: the import number stored beside each TPS's figures. */
  seq: number;
  created: string;
  actor_id: string | null;
  actor_name: string | null;
  reason: string | null;
  filename: string;
  format: string;
  raw_sha256: string;
  raw_size: number;
  normalised_sha256: string | null;
  normalised_size: number | null;
  region_code: string;
  forms: number;
  tps_new: number;
  tps_changed: number;
  tps_unchanged: number;
  organization_id: string | null;
  dataset_id: string | null;
  log_index: number | null;
  /** JSON summary (flag counts, duplicates). */
  summary: string;
}

export interface ResultsFormsTable {
  election_id: string;
  contest_id: string;
  /** First 10 digits of the TPS codes (KPU desa code). */
  desa_code: string;
  /** Kemendagri region that holds these TPS (the desa, or the deepest known ancestor). */
  region_code: string;
  tps_count: number;
  /** Normalised CSV lines, one per TPS, in TPS order. */
  data: string;
  /** Per TPS line: `version,importSeq`. */
  meta: string;
  /**
   * Earliest source timestamp (epoch ms) among the row's lines with votes, on or after voting day; −1 when none has
   * one; NULL for rows stored before migration 0005 (src/results/source-time.ts).
   */
  first_source_ms: number | null;
}

export interface ResultsFormHistoryTable {
  election_id: string;
  contest_id: string;
  tps_code: string;
  version: number;
  /** The superseded normalised CSV line. */
  line: string;
  /** Import that had set these figures. */
  import_id: string;
  /** Import that replaced them. */
  replaced_by: string;
  replaced_at: string;
}

export interface ResultsFlagsTable {
  election_id: string;
  contest_id: string;
  tps_code: string;
  rule: string;
  region_code: string;
  /** JSON: the numbers involved. */
  numbers: string;
}

/**
 * One row per contest and region. All figures sit in one JSON column (`recapRowJson` in src/results/recap.ts): a
 * national import writes 92 thousand of these rows, and 4 bound values per row insert ~3× faster than 12.
 */
export interface ResultsRecapTable {
  election_id: string;
  contest_id: string;
  region_code: string;
  /** JSON `{ n: name, l: level, p: parent, t: [expected, reported, complete], a: [admin sums], v: {key: votes}, f: {rule: count} }`. */
  data: string;
}

export interface ResultsOfficialTable {
  election_id: string;
  contest_id: string;
  region_code: string;
  /** JSON: `{ admin, votes }`. */
  figures: string;
  source_sha256: string;
  created: string;
}

/**
 * The election's TPS list (migration 0006): one row per TPS expected to report, with the voters on its DPT. Shared by
 * the election's contests (each counts the TPS within its own area). Replaced region by region by list imports.
 */
export interface ResultsTpsTable {
  election_id: string;
  /** Kemendagri desa that holds the TPS (KPU desa codes resolved through the tree's aliases). */
  region_code: string;
  tps_code: string;
  /** Registered voters (DPT) of the TPS; null when the list does not say. */
  registered: number | null;
  /** The list import that set this row (results_tps_lists.id). */
  list_id: string;
}

/** One TPS-list import: which file replaced the list of which region, when and by whom. */
export interface ResultsTpsListsTable {
  id: string;
  election_id: string;
  /** The region whose list the file replaced (the lowest region holding all its TPS). */
  region_code: string;
  created: string;
  actor_id: string | null;
  actor_name: string | null;
  filename: string;
  sha256: string;
  size: number;
  tps: number;
  /** Sum of the registered voters given (null when the file gives none). */
  registered: number | null;
  organization_id: string | null;
  log_index: number | null;
}

export interface ResultsTables {
  results_elections: ResultsElectionsTable;
  results_contests: ResultsContestsTable;
  results_regions: ResultsRegionsTable;
  results_imports: ResultsImportsTable;
  results_forms: ResultsFormsTable;
  results_form_history: ResultsFormHistoryTable;
  results_flags: ResultsFlagsTable;
  results_recap: ResultsRecapTable;
  results_official: ResultsOfficialTable;
  results_tps: ResultsTpsTable;
  results_tps_lists: ResultsTpsListsTable;
}
