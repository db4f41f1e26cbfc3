/**
 * Merging an import into the published figures. An import changes only the TPS it carries: a TPS not yet published is
 * new; one whose normalised line is the same as published is unchanged (so re-importing a file changes nothing); one
 * whose line differs is a correction — its old figures go to the history with the import that had set them, and its
 * version goes up by one.
 */
import type { PipelineResult } from './pipeline.js';
import { lineOf } from './lines.js';
import type { RegionTree } from './regions.js';

export interface DesaState {
  desaCode: string;
  regionCode: string;
  lines: string[];
  meta: { version: number; importSeq: number }[];
}

export interface Superseded {
  tps: string;
  version: number;
  line: string;
  importSeq: number;
}

export interface MergeResult {
  /** Desa rows to write (only those with a new or changed TPS), in desa order. */
  rows: DesaState[];
  superseded: Superseded[];
  newTps: string[];
  changedTps: { tps: string; version: number }[];
  unchanged: number;
}

/** Groups the import's kept forms by desa: TPS code → line, in TPS order. */
export function linesByDesa(result: Pick<PipelineResult, 'batches'>): Map<string, { tps: string[]; lines: string[] }> {
  const out = new Map<string, { tps: string[]; lines: string[] }>();
  let lastKey = '';
  let last: { tps: string[]; lines: string[] } | undefined;
  let sorted = true;
  for (const pb of result.batches) {
    const b = pb.batch;
    for (let i = 0; i < b.length; i++) {
      if (!pb.kept[i]) continue;
      const tps = b.tps(i);
      const key = tps.slice(0, 10);
      if (key !== lastKey) {
        lastKey = key;
        last = out.get(key);
        if (!last) out.set(key, (last = { tps: [], lines: [] }));
      }
      const g = last!;
      if (g.tps.length && g.tps[g.tps.length - 1]! > tps) sorted = false;
      g.tps.push(tps);
      g.lines.push(lineOf(b, i));
    }
  }
  if (!sorted) {
    for (const g of out.values()) {
      const order = g.tps.map((_, i) => i).sort((a, b) => (g.tps[a]! < g.tps[b]! ? -1 : 1));
      g.tps = order.map((i) => g.tps[i]!);
      g.lines = order.map((i) => g.lines[i]!);
    }
  }
  return out;
}

/**
 * @example
 *   const m = mergeImport(linesByDesa(result), storedRows, 2, tree);
 *   m.changedTps; // corrections, each with its new version
 */
export function mergeImport(
  incoming: Map<string, { tps: string[]; lines: string[] }>,
  stored: Map<string, DesaState>,
  importSeq: number,
  tree: RegionTree,
): MergeResult {
  const rows: DesaState[] = [];
  const superseded: Superseded[] = [];
  const newTps: string[] = [];
  const changedTps: { tps: string; version: number }[] = [];
  let unchanged = 0;
  for (const desa of [...incoming.keys()].sort()) {
    const inc = incoming.get(desa)!;
    const old = stored.get(desa);
    if (!old) {
      rows.push({
        desaCode: desa,
        regionCode: tree.placeTps(inc.tps[0]!),
        lines: inc.lines,
        meta: inc.lines.map(() => ({ version: 1, importSeq })),
      });
      newTps.push(...inc.tps);
      continue;
    }
    const byTps = new Map<string, { line: string; meta: { version: number; importSeq: number } }>();
    old.lines.forEach((l, i) => byTps.set(l.slice(0, l.indexOf(',')), { line: l, meta: old.meta[i]! }));
    let touched = false;
    inc.tps.forEach((tps, i) => {
      const line = inc.lines[i]!;
      const prev = byTps.get(tps);
      if (!prev) {
        byTps.set(tps, { line, meta: { version: 1, importSeq } });
        newTps.push(tps);
        touched = true;
      } else if (prev.line === line) {
        unchanged++;
      } else {
        superseded.push({ tps, version: prev.meta.version, line: prev.line, importSeq: prev.meta.importSeq });
        const version = prev.meta.version + 1;
        byTps.set(tps, { line, meta: { version, importSeq } });
        changedTps.push({ tps, version });
        touched = true;
      }
    });
    if (!touched) continue;
    const codes = [...byTps.keys()].sort();
    rows.push({ desaCode: desa, regionCode: old.regionCode, lines: codes.map((c) => byTps.get(c)!.line), meta: codes.map((c) => byTps.get(c)!.meta) });
  }
  return { rows, superseded, newTps, changedTps, unchanged };
}

/** The lowest region of the tree that holds every given region (their common ancestor). */
export function commonRegion(tree: RegionTree, codes: Iterable<string>): string {
  let common: string[] | null = null;
  for (const c of codes) {
    const line = tree.lineage(c).reverse(); // root first
    if (common === null) {
      common = line;
      continue;
    }
    let k = 0;
    while (k < common.length && k < line.length && common[k] === line[k]) k++;
    common = common.slice(0, k);
    if (common.length === 1) break;
  }
  return common && common.length ? common[common.length - 1]! : 'ID';
}
