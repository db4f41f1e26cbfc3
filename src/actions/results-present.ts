/** Presenters of results: what leaves the server (STYLE.md §5). Field names follow the Sirekap/C.Hasil names. */
import type { Contest } from '../results/contest.js';
import { ADMIN_COLUMN } from '../results/import/columns.js';
import type { RegionTotals } from '../results/recap.js';
import type { RegionTree } from '../results/regions.js';
import { ADMIN_FIELDS, type TpsForm } from '../results/types.js';
import type { ImportRecord } from '../store/results/imports.js';

export function presentTotals(t: RegionTotals | null, contest: Contest) {
  const admin: Record<string, number> = {};
  for (const f of ADMIN_FIELDS) admin[ADMIN_COLUMN[f]] = t?.admin[f] ?? 0;
  const votes: Record<string, number> = {};
  for (const s of contest.selections) votes[s.key] = t?.votes[s.key] ?? 0;
  const expected = t?.tps.expected ?? 0;
  const reported = t?.tps.reported ?? 0;
  return {
    totals: { ...admin, votes },
    coverage: { tps_expected: expected, tps_reported: reported, tps_complete: t?.tps.complete ?? 0, ratio: expected ? reported / expected : null },
    flags: t?.flags ?? {},
  };
}

export function presentRegion(code: string, tree: RegionTree) {
  const n = tree.get(code)!;
  const p = n.parentCode ? tree.get(n.parentCode) : undefined;
  return { code: n.code, name: n.name, level: n.level, parent: p ? { code: p.code, name: p.name, level: p.level } : null, aliases: n.aliases };
}

export function presentSelections(contest: Contest) {
  return contest.selections.map((s) => ({ key: s.key, kind: s.kind, name: s.name, column: s.column, party: s.partyNumber ?? null, number: s.candidateNumber ?? null }));
}

export function presentForm(f: TpsForm, contest: Contest) {
  const votes: Record<string, number | null> = {};
  contest.selections.forEach((s, k) => (votes[s.key] = f.votes[k] ?? null));
  const admin: Record<string, number | null> = {};
  for (const k of ADMIN_FIELDS) admin[ADMIN_COLUMN[k]] = f.admin[k];
  return { votes, ...admin, sirekap_ts: f.timestamp, n_photos: f.photos };
}

export function presentImport(r: ImportRecord | undefined) {
  if (!r) return null;
  return {
    id: r.id,
    seq: r.seq,
    created: r.created,
    by: r.actor_name,
    reason: r.reason,
    filename: r.filename,
    format: r.format,
    raw_sha256: r.raw_sha256,
    normalised_sha256: r.normalised_sha256,
    region: r.region_code,
    forms: r.forms,
    tps: { new: r.tps_new, changed: r.tps_changed, unchanged: r.tps_unchanged },
    dataset_id: r.dataset_id,
    log_index: r.log_index,
    /** What the `results-import` log entry's SHA-256 covers, in RFC 8785 form. */
    manifest: (JSON.parse(r.summary) as { manifest?: unknown }).manifest ?? null,
  };
}
