/**
 * A contest's published state as a whole — checks and recapitulation over every stored TPS, plus the TPS of the
 * election's TPS list that no file mentioned — recomputed and rewritten inside the caller's transaction. Used by
 * `results.import` (a later import changes a part of the state) and `results.tpsListImport` (a new list changes which
 * TPS are expected).
 */
import { flagsOf } from '../results/checks/run.js';
import type { Contest } from '../results/contest.js';
import { pushLine } from '../results/lines.js';
import { desaLines, type DesaState } from '../results/merge.js';
import { runPipeline, type PipelineResult, type TpsListRef } from '../results/pipeline.js';
import { formLayout, FormBatch } from '../results/batch.js';
import type { RegionTree } from '../results/regions.js';
import type { Database, Executor, Tx } from '../store/db.js';
import { deleteFlagsOf, insertFlags, LIST_ONLY_NUMBERS, type FlagRow } from '../store/results/flags.js';
import { loadDesaRows } from '../store/results/forms.js';
import { replaceRecap } from '../store/results/recap.js';
import { tpsListIn, tpsListRegions } from '../store/results/tps-list.js';

/** The election's TPS list within a contest's area, and the regions lists were given for (undefined: no list there). */
export async function tpsListOfContest(db: Executor, electionId: string, contest: Contest): Promise<TpsListRef | undefined> {
  const [rows, regions] = await Promise.all([tpsListIn(db, electionId, contest.regionCode ?? null), tpsListRegions(db, electionId)]);
  return rows.length ? { entries: rows, regions } : undefined;
}

/** Flags of every kept form and of every listed TPS the forms lack, with the numbers involved and the region that holds the TPS. */
export function flagRows(result: PipelineResult): FlagRow[] {
  const out = formFlagRows(result);
  for (const f of listOnlyFlagRows(result)) out.push(f);
  return out;
}

/** `missing_tps` of the listed TPS that no form mentions. */
export function listOnlyFlagRows(result: PipelineResult): FlagRow[] {
  const tree = result.recap.tree;
  return result.missingOnly.map((tps) => ({ tps, rule: 'missing_tps', regionCode: tree.placeTps(tps), numbers: { ...LIST_ONLY_NUMBERS } }));
}

/** Flags of every kept form, with the numbers involved and the region that holds the TPS. */
export function formFlagRows(result: PipelineResult): FlagRow[] {
  const dups = new Map<string, { row: number; first: number }[]>();
  for (const d of result.duplicates) {
    let l = dups.get(d.tps);
    if (!l) dups.set(d.tps, (l = []));
    l.push({ row: Number(d.numbers.baris), first: Number(d.numbers.baris_pertama) });
  }
  const out: FlagRow[] = [];
  const codes = result.recap.codes;
  for (const pb of result.batches) {
    for (let i = 0; i < pb.batch.length; i++) {
      const mask = pb.masks[i]!;
      if (!pb.kept[i] || mask === 0) continue;
      const regionCode = codes[pb.places[i]!]!;
      for (const f of flagsOf(pb.batch, i, mask, result.ctx)) {
        let numbers: Record<string, unknown> = f.numbers;
        if (f.rule === 'duplicate_rows') {
          const l = dups.get(f.tps) ?? [];
          numbers = { baris_pertama: l[0]?.first ?? pb.batch.rows[i]!, baris_ulang: l.map((x) => x.row).join(', '), jumlah_ulang: l.length };
        } else if (f.rule === 'missing_tps') {
          numbers = { baris: pb.batch.rows[i]!, suara_terisi: 0 };
        } else if (f.rule === 'tps_not_in_list') {
          numbers = { baris: pb.batch.rows[i]!, di_daftar_tps: 0 };
        } else if (f.rule === 'registered_eq_list') {
          numbers = { baris: pb.batch.rows[i]!, dpt_formulir: pb.batch.form(i).admin.registered, dpt_daftar_tps: result.listed?.get(pb.batch.codes[i]!) ?? null };
        }
        out.push({ tps: f.tps, rule: f.rule, regionCode, numbers });
      }
    }
  }
  return out;
}

/** Re-runs checks and recapitulation over the whole published state, given every desa row in desa order. */
export async function fullState(rows: DesaState[], contest: Contest, tree: RegionTree, tpsList?: TpsListRef): Promise<PipelineResult> {
  const layout = formLayout(contest.selections.length);
  async function* batches(): AsyncGenerator<FormBatch> {
    let b = new FormBatch(layout, 8192);
    let row = 1;
    for (const r of rows) {
      for (const line of desaLines(r)) pushLine(b, line, ++row);
      if (b.length >= 8192) {
        yield b;
        b = new FormBatch(layout, 8192);
      }
    }
    if (b.length) yield b;
  }
  return runPipeline(batches(), { contest, tree, tpsList });
}

/** Every stored desa row of a contest, in desa order. */
export async function allDesaRows(db: Executor, electionId: string, contestId: string): Promise<DesaState[]> {
  return [...(await loadDesaRows(db, electionId, contestId)).values()].sort((a, b) => (a.desaCode < b.desaCode ? -1 : 1));
}

/** Writes a state's flags and recapitulation over the contest's old ones. */
export async function writeState(trx: Tx, database: Database, electionId: string, contestId: string, full: PipelineResult, flags: FlagRow[] = flagRows(full)): Promise<void> {
  await deleteFlagsOf(trx, electionId, contestId, 'all');
  await insertFlags(trx, database, electionId, contestId, flags);
  await replaceRecap(trx, database, electionId, contestId, full.recap.rows());
}
