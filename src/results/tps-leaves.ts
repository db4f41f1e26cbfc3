/**
 * The leaves of imports' TPS trees recomputed from stored figures: every normalised line whose `importSeq` is the
 * import's, and every superseded line (history) that import had set, at their versions, grouped into desa chunks
 * (src/integrity/tps-chunk.ts). The importer uses it for imports that correct earlier ones, the receipt server when a
 * tree file is missing, and the self-audit to check the stored figures against the roots the log committed to.
 * Imports logged before desa chunks (`perTps`) get their old tree back: one leaf per TPS result document.
 *
 * @example
 *   const leaves = new ImportLeaves(writer, new Set([1, 2]));
 *   for (const row of desaRows) leaves.addRow(row);
 *   leaves.tree(1).root();
 */
import { desaLines, desaMeta, type DesaState } from './merge.js';
import { TpsChunkWriter, type ChunkLine } from './tps-chunk-writer.js';
import type { TpsDocWriter } from './tps-doc.js';
import { LeafColumns, type TpsTree } from './tps-tree.js';

interface SetLine extends ChunkLine {
  line: string;
  tps: string;
}

const byTps = (a: SetLine, b: SetLine) => (a.tps < b.tps ? -1 : 1);

export class ImportLeaves {
  /** import → desa code → the lines it set there */
  private readonly bySeq = new Map<number, Map<string, SetLine[]>>();
  private readonly chunks: TpsChunkWriter;

  /** `wanted`: the import numbers to gather (all when omitted); `perTps`: those whose trees have a leaf per TPS (v1). */
  constructor(
    private readonly writer: TpsDocWriter,
    private readonly wanted?: ReadonlySet<number>,
    private readonly perTps: ReadonlySet<number> = new Set(),
  ) {
    this.chunks = new TpsChunkWriter(writer.plan);
  }

  private add(seq: number, version: number, line: string): void {
    if (this.wanted && !this.wanted.has(seq)) return;
    let desas = this.bySeq.get(seq);
    if (!desas) this.bySeq.set(seq, (desas = new Map()));
    const tps = line.slice(0, line.indexOf(','));
    const desa = tps.slice(0, 10);
    let lines = desas.get(desa);
    if (!lines) desas.set(desa, (lines = []));
    lines.push({ tps, version, line });
  }

  /** The current lines of a stored desa row. */
  addRow(row: DesaState): void {
    const meta = desaMeta(row);
    desaLines(row).forEach((line, i) => this.add(meta[i]!.importSeq, meta[i]!.version, line));
  }

  /** A superseded line: version `version` of its TPS, set by import `seq`. */
  addSuperseded(seq: number, version: number, line: string): void {
    this.add(seq, version, line);
  }

  /** Import numbers that have at least one leaf. */
  imports(): number[] {
    return [...this.bySeq.keys()].sort((a, b) => a - b);
  }

  /** The tree of import `seq` (empty when none of its lines were seen). */
  tree(seq: number): TpsTree {
    const columns = new LeafColumns();
    const desas = [...(this.bySeq.get(seq) ?? new Map<string, SetLine[]>()).entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    if (this.perTps.has(seq)) {
      const w = this.writer;
      for (const l of desas.flatMap(([, lines]) => lines).sort(byTps)) {
        const end = 1 + w.writeLine(l.line, l.version);
        columns.add(Number(l.tps), w.out.buf, end);
      }
      return columns.tree();
    }
    for (const [desa, lines] of desas) {
      // `write` first: it may grow the buffer.
      const end = this.chunks.write(desa, lines.sort(byTps));
      columns.add(Number(desa), this.chunks.buf, end);
      columns.addMembers(lines.map((l) => Number(l.tps)), lines.map((l) => l.version));
    }
    return columns.tree();
  }

  /** The line import `seq` set for `tps`, as stored now (undefined when there is none). */
  line(seq: number, tps: string): string | undefined {
    return this.bySeq.get(seq)?.get(tps.slice(0, 10))?.find((l) => l.tps === tps)?.line;
  }

  /** The chunk of import `seq` for `desa` (what its leaf hashes), or null when the import set nothing there. */
  chunk(seq: number, desa: string): Buffer | null {
    const lines = this.bySeq.get(seq)?.get(desa);
    if (!lines) return null;
    const end = this.chunks.write(desa, lines.sort(byTps));
    return Buffer.from(this.chunks.buf.subarray(1, end));
  }
}

/**
 * The TPS tree of a contest's first import from its desa rows (merge.ts `firstRows`: every kept form at version 1,
 * in desa order), hashing each row's stored bytes as they are.
 */
export function firstImportTree(chunks: TpsChunkWriter, rows: readonly DesaState[]): TpsTree {
  const columns = new LeafColumns();
  let ones: number[] = [];
  for (const r of rows) {
    const data = typeof r.data === 'string' ? Buffer.from(r.data) : r.data;
    // `writeFirst` first: it may grow the buffer.
    const end = chunks.writeFirst(r.desaCode, data, r.count);
    columns.add(Number(r.desaCode), chunks.buf, end);
    if (ones.length < r.count) ones = new Array<number>(r.count).fill(1);
    columns.addMembers(chunks.codes, ones); // addMembers reads as many versions as codes
  }
  return columns.tree();
}
