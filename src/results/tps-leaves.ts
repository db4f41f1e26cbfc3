/**
 * The leaves of imports' TPS trees recomputed from stored figures: every normalised line whose `importSeq` is the
 * import's, and every superseded line (history) that import had set, as TPS result documents at their versions. The
 * importer uses it when no worker built the tree, the receipt server when a tree file is missing, and the self-audit
 * to check the stored figures against the roots the log committed to.
 *
 * @example
 *   const leaves = new ImportLeaves(writer, new Set([1, 2]));
 *   for (const row of desaRows) leaves.addRow(row);
 *   leaves.tree(1).root();
 */
import { desaLines, desaMeta, type DesaState } from './merge.js';
import type { ProcessedBatch } from './pipeline.js';
import type { TpsDocWriter } from './tps-doc.js';
import { LeafColumns, type TpsTree } from './tps-tree.js';

export class ImportLeaves {
  private readonly bySeq = new Map<number, LeafColumns>();

  /** `wanted`: the import numbers to gather (all when omitted). */
  constructor(
    private readonly writer: TpsDocWriter,
    private readonly wanted?: ReadonlySet<number>,
  ) {}

  private columns(seq: number): LeafColumns | null {
    if (this.wanted && !this.wanted.has(seq)) return null;
    let c = this.bySeq.get(seq);
    if (!c) this.bySeq.set(seq, (c = new LeafColumns()));
    return c;
  }

  /** The current lines of a stored desa row. */
  addRow(row: DesaState): void {
    const meta = desaMeta(row);
    desaLines(row).forEach((line, i) => {
      const m = meta[i]!;
      const c = this.columns(m.importSeq);
      if (c) c.add(Number(line.slice(0, line.indexOf(','))), this.writer, this.writer.writeLine(line, m.version));
    });
  }

  /** A superseded line: version `version` of `tps`, set by import `seq`. */
  addSuperseded(seq: number, version: number, line: string): void {
    const c = this.columns(seq);
    if (c) c.add(Number(line.slice(0, line.indexOf(','))), this.writer, this.writer.writeLine(line, version));
  }

  /** Import numbers that have at least one leaf. */
  imports(): number[] {
    return [...this.bySeq.keys()].sort((a, b) => a - b);
  }

  /** The tree of import `seq` (empty when none of its lines were seen). */
  tree(seq: number): TpsTree {
    return (this.bySeq.get(seq) ?? new LeafColumns()).tree();
  }
}

/**
 * The TPS tree of a contest's first import from its checked batches: every kept form at version 1 (merge.ts
 * `firstRows`), written from the batch figures without re-reading the lines — what the worker does (tps-tree-worker.ts).
 */
export function firstImportTree(writer: TpsDocWriter, batches: readonly ProcessedBatch[]): TpsTree {
  const columns = new LeafColumns();
  for (const pb of batches) {
    const b = pb.batch;
    const w = b.layout.width;
    for (let i = 0; i < b.length; i++) if (pb.kept[i]) columns.add(b.codes[i]!, writer, writer.write(b.codes[i]!, 1, b.values, i * w, b.timestamps[i]));
  }
  return columns.tree();
}
