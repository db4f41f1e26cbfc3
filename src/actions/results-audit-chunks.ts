/**
 * Naming the TPS behind a changed desa chunk (results-audit.ts). The root of an import's TPS tree commits to its desa
 * chunks (src/integrity/tps-chunk.ts); when the chunks rebuilt from the stored figures give another root, the import's
 * tree file (itself checked against the root) says which desa chunks differ and which TPS, at which versions, each
 * held. A TPS one side has and the other lacks appeared or vanished; one both have is changed when its version
 * differs, or when its stored line is not the line the import published in its normalised CSV (a blob the log's
 * catalogue entries cover).
 */
import { tpsString } from '../results/batch.js';
import type { ImportLeaves } from '../results/tps-leaves.js';
import type { TpsTree } from '../results/tps-tree.js';
import { bytesEqual } from '../integrity/encoding.js';
import type { BlobStore } from '../store/blob/types.js';
import type { ImportRecord } from '../store/results/imports.js';

export type Change = 'changed' | 'vanished' | 'appeared';

/**
 * The leaves of two trees matched by key (codes ascending): each key whose leaf differs, or that one side lacks
 * (`refAt` or `nowAt` −1), in key order.
 */
export function differingLeaves(ref: TpsTree, now: TpsTree): { code: number; refAt: number; nowAt: number }[] {
  const out: { code: number; refAt: number; nowAt: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < ref.size || j < now.size) {
    const a = i < ref.size ? ref.codes[i]! : Infinity;
    const b = j < now.size ? now.codes[j]! : Infinity;
    if (a === b) {
      if (!bytesEqual(ref.leaf(i), now.leaf(j))) out.push({ code: a, refAt: i, nowAt: j });
      i++;
      j++;
    } else if (a < b) out.push({ code: a, refAt: i++, nowAt: -1 });
    else out.push({ code: b, refAt: -1, nowAt: j++ });
  }
  return out;
}

/** TPS code → version of each desa chunk (leaf i) of a tree with members. */
function membersOf(tree: TpsTree, i: number, starts: number[]): Map<number, number> {
  const m = tree.members!;
  const out = new Map<number, number>();
  for (let k = starts[i]!; k < starts[i]! + m.counts[i]!; k++) out.set(m.codes[k]!, m.versions[k]!);
  return out;
}

function memberStarts(tree: TpsTree): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const c of tree.members!.counts) {
    starts.push(at);
    at += c;
  }
  return starts;
}

/** The lines of the given desa in an import's normalised CSV, by TPS code. */
async function publishedLines(blobs: BlobStore, rec: ImportRecord, desas: Set<string>): Promise<Map<string, string> | null> {
  const sha = rec.normalised_sha256;
  if (!sha || !(await blobs.has(sha))) return null;
  const parts: Buffer[] = [];
  for await (const c of await blobs.get(sha)) parts.push(c as Buffer);
  const out = new Map<string, string>();
  for (const line of Buffer.concat(parts).toString('utf8').split('\n')) {
    if (desas.has(line.slice(0, 10))) out.set(line.slice(0, 13), line.replace(/\r$/, ''));
  }
  return out;
}

/**
 * The TPS whose results differ between the tree the log committed to (`ref`, from the tree file) and the tree of the
 * stored figures (`now`), both of desa chunks; a desa chunk that differs with no TPS to blame is named by its desa.
 */
export async function changedInChunks(
  blobs: BlobStore,
  rec: ImportRecord,
  ref: TpsTree,
  now: TpsTree,
  leaves: ImportLeaves,
): Promise<{ subject: string; tps: string | null; change: Change }[]> {
  const refStarts = memberStarts(ref);
  const nowStarts = now.members ? memberStarts(now) : [];
  const differing = differingLeaves(ref, now);
  if (!differing.length) return [];
  const published = await publishedLines(blobs, rec, new Set(differing.map((d) => String(d.code))));
  const out: { subject: string; tps: string | null; change: Change }[] = [];
  for (const d of differing) {
    const before = d.refAt < 0 ? new Map<number, number>() : membersOf(ref, d.refAt, refStarts);
    const after = d.nowAt < 0 ? new Map<number, number>() : membersOf(now, d.nowAt, nowStarts);
    const found: { subject: string; tps: string; change: Change }[] = [];
    for (const code of [...new Set([...before.keys(), ...after.keys()])].sort((x, y) => x - y)) {
      const tps = tpsString(code);
      const v0 = before.get(code);
      const v1 = after.get(code);
      let change: Change | null = null;
      if (v1 === undefined) change = 'vanished';
      else if (v0 === undefined) change = 'appeared';
      else if (v0 !== v1) change = 'changed';
      else if (published && published.get(tps) !== leaves.line(rec.seq, tps)) change = 'changed';
      if (change) found.push({ subject: `tps:${tps}`, tps, change });
    }
    out.push(...(found.length ? found : [{ subject: `desa:${String(d.code)}`, tps: null, change: 'changed' as const }]));
  }
  return out;
}
