/**
 * Totals of any region: read from the stored recap for kecamatan and above, summed from the desa's stored TPS lines
 * (with its stored flag counts) for a desa — see `Recap.rows` for why desa rows are not stored.
 */
import { formLayout } from '../results/batch.js';
import type { Contest } from '../results/contest.js';
import { batchOfLines } from '../results/lines.js';
import { desaLines } from '../results/merge.js';
import { desaTotals, type RegionTotals } from '../results/recap.js';
import type { RegionTree } from '../results/regions.js';
import type { Executor } from '../store/db.js';
import { flagCountsByRegion, listOnlyCounts } from '../store/results/flags.js';
import { desaRowsOfRegions } from '../store/results/forms.js';
import { allRecap, recapOfCodes } from '../store/results/recap.js';

/** Totals of the given regions (absent when the contest has nothing there yet). */
export async function totalsOf(db: Executor, election: string, contest: Contest, tree: RegionTree, codes: string[]): Promise<Map<string, RegionTotals>> {
  const desa = codes.filter((c) => tree.get(c)?.level === 'desa_kelurahan');
  const other = codes.filter((c) => tree.get(c)?.level !== 'desa_kelurahan');
  const out = other.length ? await recapOfCodes(db, election, contest.id, other) : new Map<string, RegionTotals>();
  if (desa.length) {
    const [rows, flags, listOnly] = await Promise.all([
      desaRowsOfRegions(db, election, contest.id, desa),
      flagCountsByRegion(db, election, contest.id, desa),
      listOnlyCounts(db, election, contest.id, { regions: desa }),
    ]);
    const layout = formLayout(contest.selections.length);
    for (const code of desa) {
      const r = rows.get(code);
      // A desa whose listed TPS have no form yet still expects them (the TPS list, src/results/tps-list.ts).
      const extra = listOnly.get(code) ?? 0;
      if (!r && !extra) continue;
      out.set(code, desaTotals(tree.get(code)!, batchOfLines(layout, (r ?? []).flatMap(desaLines)), contest, flags.get(code) ?? {}, extra));
    }
  }
  return out;
}

/** Totals of every region of the contest (for exports and comparisons). */
export async function allTotals(db: Executor, election: string, contest: Contest, tree: RegionTree): Promise<Map<string, RegionTotals>> {
  const out = await allRecap(db, election, contest.id);
  const desa = tree.codesAt('desa_kelurahan');
  for (const [k, v] of await totalsOf(db, election, contest, tree, desa)) out.set(k, v);
  return out;
}
