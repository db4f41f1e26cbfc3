/**
 * Merging an import into the published figures. An import changes only the TPS it carries: a TPS not yet published is
 * new; one whose normalised line is the same as published is unchanged (so re-importing a file changes nothing); one
 * whose line differs is a correction — its old figures go to the history with the import that had set them, and its
 * version goes up by one.
 */
import { spanText, type Body } from './body.js';
import type { RegionTree } from './regions.js';

/** One stored desa row (schema-results.ts `results_forms`). */
export interface DesaState {
  desaCode: string;
  regionCode: string;
  count: number;
  /**
   * Normalised CSV lines joined by `\n`, in TPS order. A first import passes a view of its body buffer instead of a
   * string (no 66 MB copy into JS strings); readers always get a string.
   */
  data: string | Buffer;
  /** Per line `version,importSeq`, joined by `\n`. */
  meta: string;
}

export interface LineMeta {
  version: number;
  importSeq: number;
}

export function desaText(d: DesaState): string {
  return typeof d.data === 'string' ? d.data : d.data.toString('utf8');
}

export function desaLines(d: DesaState): string[] {
  const t = desaText(d);
  return t === '' ? [] : t.split('\n');
}

export function desaMeta(d: DesaState): LineMeta[] {
  return d.meta === '' ? [] : d.meta.split('\n').map((m) => {
    const c = m.indexOf(',');
    return { version: Number(m.slice(0, c)), importSeq: Number(m.slice(c + 1)) };
  });
}

export function makeDesa(desaCode: string, regionCode: string, lines: string[], meta: LineMeta[]): DesaState {
  return { desaCode, regionCode, count: lines.length, data: lines.join('\n'), meta: meta.map((m) => `${m.version},${m.importSeq}`).join('\n') };
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
  newTps: number;
  /** Corrections with their new version and line. */
  changed: { tps: string; version: number; line: string }[];
  unchanged: number;
}

/** Desa rows of a first import: every TPS new, version 1. */
export function firstRows(body: Body, importSeq: number, tree: RegionTree): DesaState[] {
  const one = `1,${importSeq}`;
  return body.desa.map((s) => ({
    desaCode: s.code,
    regionCode: tree.desaOfNumber(Number(s.code)) ?? tree.placeTps(s.firstTps),
    count: s.count,
    data: body.buf.subarray(s.start, s.end - 1),
    meta: s.count === 1 ? one : (one + '\n').repeat(s.count - 1) + one,
  }));
}

/**
 * @example
 *   const m = mergeImport(body, storedRows, 2, tree);
 *   m.changed; // corrections, each with its new version
 */
export function mergeImport(body: Body, stored: Map<string, DesaState>, importSeq: number, tree: RegionTree): MergeResult {
  const rows: DesaState[] = [];
  const superseded: Superseded[] = [];
  const changed: MergeResult['changed'] = [];
  let newTps = 0;
  let unchanged = 0;
  for (const span of body.desa) {
    const incoming = spanText(body, span).split('\n');
    const old = stored.get(span.code);
    if (!old) {
      rows.push(makeDesa(span.code, tree.placeTps(span.firstTps), incoming, incoming.map(() => ({ version: 1, importSeq }))));
      newTps += incoming.length;
      continue;
    }
    const byTps = new Map<string, { line: string; meta: LineMeta }>();
    const oldMeta = desaMeta(old);
    desaLines(old).forEach((l, i) => byTps.set(l.slice(0, l.indexOf(',')), { line: l, meta: oldMeta[i]! }));
    let touched = false;
    for (const line of incoming) {
      const tps = line.slice(0, line.indexOf(','));
      const prev = byTps.get(tps);
      if (!prev) {
        byTps.set(tps, { line, meta: { version: 1, importSeq } });
        newTps++;
        touched = true;
      } else if (prev.line === line) {
        unchanged++;
      } else {
        superseded.push({ tps, version: prev.meta.version, line: prev.line, importSeq: prev.meta.importSeq });
        const version = prev.meta.version + 1;
        byTps.set(tps, { line, meta: { version, importSeq } });
        changed.push({ tps, version, line });
        touched = true;
      }
    }
    if (!touched) continue;
    const codes = [...byTps.keys()].sort();
    rows.push(makeDesa(span.code, old.regionCode, codes.map((c) => byTps.get(c)!.line), codes.map((c) => byTps.get(c)!.meta)));
  }
  return { rows, superseded, newTps, changed, unchanged };
}

/** The lowest region of the tree that holds every given region (their common ancestor). */
export function commonRegion(tree: RegionTree, codes: Iterable<string>): string {
  let common: string[] | null = null;
  const seen = new Set<string>();
  for (const c of codes) {
    if (seen.has(c)) continue;
    seen.add(c);
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
