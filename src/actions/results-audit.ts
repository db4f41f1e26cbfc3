/**
 * The results part of the self-audit (issue 4 §7 and acceptance: "change one byte … of a result row in the database —
 * kotak audit detects it"). For every contest it recomputes, from the stored TPS figures, what the log committed to:
 *
 * - the TPS tree of each import — every line whose import number is the import's, and every superseded line it had
 *   set, in desa chunks (per-TPS documents for imports logged before those) — against the root and size in the
 *   import's log entry (`meta.tps_root`, `meta.tps_size`); when they differ, the import's tree file (a blob, itself
 *   checked against that root) and its normalised CSV name each TPS that changed, appeared or vanished
 *   (results-audit-chunks.ts);
 * - each correction entry's SHA-256 against the document of the stored version it names.
 *
 * Every difference is one `content-changed` finding naming the TPS (`tps:<code>`), the contest and the log entry.
 */
import { hash } from 'node:crypto';
import { registerAuditCheck, type ContentCheck, type Finding } from '../integrity/audit.js';
import { toHex } from '../integrity/encoding.js';
import { parseEntry, type PublicationEntry } from '../integrity/entry.js';
import { tpsString } from '../results/batch.js';
import { compileContest } from '../results/contest.js';
import { desaLines, desaMeta, type DesaState } from '../results/merge.js';
import { TpsDocWriter, tpsDocPlan } from '../results/tps-doc.js';
import { ImportLeaves } from '../results/tps-leaves.js';
import { TPS_LEAF_DESA } from '../integrity/tps-chunk.js';
import { changedInChunks, differingLeaves, type Change } from './results-audit-chunks.js';
import type { TpsTree } from '../results/tps-tree.js';
import { decodeTreeFile } from '../results/tps-tree-file.js';
import type { BlobStore } from '../store/blob/types.js';
import type { Database, Executor } from '../store/db.js';
import { electionIds, listContests } from '../store/results/elections.js';
import { historyOfContest, loadDesaRows } from '../store/results/forms.js';
import { listImports, type ImportRecord } from '../store/results/imports.js';
import { treeRefOf } from '../store/results/tps-trees.js';
import { tpsListCheck } from './results-tps-list-audit.js';

async function entriesAt(db: Executor, indexes: number[]): Promise<Map<number, PublicationEntry>> {
  const out = new Map<number, PublicationEntry>();
  for (let i = 0; i < indexes.length; i += 500) {
    for (const r of await db.selectFrom('log_entries').select(['idx', 'entry']).where('idx', 'in', indexes.slice(i, i + 500)).execute()) {
      const e = parseEntry(Buffer.from(r.entry, 'utf8'));
      if (!('error' in e)) out.set(Number(r.idx), e);
    }
  }
  return out;
}

/** Indexes of the correction entries of an import (they name `results-import:<id>` among their subjects). */
async function correctionIndexes(db: Executor, importId: string): Promise<number[]> {
  const rows = await db.selectFrom('log_subjects').select('idx').where('subject', '=', `results-import:${importId}`).execute();
  return rows.map((r) => Number(r.idx));
}

async function treeFile(blobs: BlobStore, rec: ImportRecord, root: string): Promise<TpsTree | null> {
  const ref = treeRefOf(rec);
  if (!ref || !(await blobs.has(ref.sha256))) return null;
  const parts: Buffer[] = [];
  for await (const c of await blobs.get(ref.sha256)) parts.push(c as Buffer);
  try {
    const { tree } = decodeTreeFile(Buffer.concat(parts));
    return toHex(tree.root()) === root ? tree : null;
  } catch {
    return null;
  }
}

/** Trees of per-TPS leaves (imports logged before desa chunks): the TPS whose leaves differ between `ref` and `now`. */
function changedTps(ref: TpsTree, now: TpsTree): { tps: string; change: Change }[] {
  return differingLeaves(ref, now).map((d) => ({ tps: tpsString(d.code), change: d.nowAt < 0 ? 'vanished' : d.refAt < 0 ? 'appeared' : 'changed' }));
}

function changeMessage(tps: string, where: string, change: Change, index: number, seq: number): string {
  const entry = `log entry ${index} (results-import #${seq})`;
  if (change === 'changed') return `TPS ${tps} of ${where}: its stored figures differ from what ${entry} published`;
  if (change === 'vanished') return `TPS ${tps} of ${where}: ${entry} published it, but no stored figures are the ones that import set`;
  return `TPS ${tps} of ${where}: stored as set by import #${seq}, but ${entry} did not publish it`;
}

async function auditContest(database: Database, blobs: BlobStore, electionId: string, contestId: string, report: (f: Finding) => void): Promise<number> {
  const db = database.db;
  const spec = (await listContests(db, electionId)).find((c) => c.id === contestId)!;
  const writer = new TpsDocWriter(tpsDocPlan(electionId, compileContest(spec)));
  const imports = (await listImports(db, electionId, contestId)).filter((r) => r.log_index !== null);
  const entries = await entriesAt(db, imports.map((r) => r.log_index!));
  const logged = imports.flatMap((rec) => {
    const e = entries.get(rec.log_index!);
    const root = e?.meta?.tps_root;
    // Imports logged before TPS trees existed carry no root; the catalogue entries of their files still cover them.
    return e && e.kind === 'results-import' && typeof root === 'string' ? [{ rec, root, size: Number(e.meta?.tps_size), perTps: e.meta?.tps_leaf !== TPS_LEAF_DESA }] : [];
  });
  if (logged.length === 0) return 0;
  const seqOf = new Map(imports.map((r) => [r.id, r.seq]));
  const leaves = new ImportLeaves(writer, new Set(logged.map((l) => l.rec.seq)), new Set(logged.filter((l) => l.perTps).map((l) => l.rec.seq)));
  const rows = await loadDesaRows(db, electionId, contestId);
  for (const row of rows.values()) leaves.addRow(row);
  const history = await historyOfContest(db, electionId, contestId);
  for (const h of history) {
    const seq = seqOf.get(h.importId);
    if (seq !== undefined) leaves.addSuperseded(seq, h.version, h.line);
  }
  const where = `${electionId}/${contestId}`;
  let checked = 0;
  for (const { rec, root, size } of logged) {
    const index = rec.log_index!;
    let now: TpsTree;
    try {
      now = leaves.tree(rec.seq);
    } catch (e) {
      report({ code: 'content-changed', severity: 'error', index, subject: `results-import:${rec.id}`, message: `${where} import #${rec.seq}: the stored TPS figures are malformed (${(e as Error).message})` });
      continue;
    }
    checked += now.members ? now.members.codes.length : now.size;
    if (toHex(now.root()) === root && now.size === size) continue;
    const ref = await treeFile(blobs, rec, root);
    if (!ref) {
      report({
        code: 'content-changed', severity: 'error', index, subject: `results-import:${rec.id}`,
        message: `${where} import #${rec.seq}: the stored TPS figures no longer give the TPS tree root log entry ${index} committed to, and its tree file cannot name the TPS`,
      });
      continue;
    }
    const changes = ref.members ? await changedInChunks(blobs, rec, ref, now, leaves) : changedTps(ref, now).map((c) => ({ ...c, subject: `tps:${c.tps}` }));
    for (const c of changes) {
      const message = c.tps ? changeMessage(c.tps, where, c.change, index, rec.seq) : `${c.subject} of ${where}: its stored figures differ from what log entry ${index} (results-import #${rec.seq}) published`;
      report({ code: 'content-changed', severity: 'error', index, subject: c.subject, message });
    }
  }
  checked += await auditCorrections(db, writer, where, logged.map((l) => l.rec), rows, history, report);
  return checked;
}

/** Each correction entry against the stored version it names (current line or superseded line). */
async function auditCorrections(
  db: Executor,
  writer: TpsDocWriter,
  where: string,
  imports: ImportRecord[],
  rows: Map<string, DesaState>,
  history: { tps: string; version: number; line: string }[],
  report: (f: Finding) => void,
): Promise<number> {
  let checked = 0;
  for (const rec of imports) {
    const entries = await entriesAt(db, await correctionIndexes(db, rec.id));
    for (const [index, e] of entries) {
      if (e.kind !== 'results-correction') continue;
      const tps = e.subjects[0]!.slice('tps:'.length);
      const version = Number(e.meta?.version);
      let line = history.find((h) => h.tps === tps && h.version === version)?.line;
      const row = rows.get(tps.slice(0, 10));
      if (!line && row) {
        const k = desaLines(row).findIndex((l) => l.startsWith(`${tps},`));
        if (k >= 0 && desaMeta(row)[k]!.version === version) line = desaLines(row)[k];
      }
      checked++;
      const now = line ? hash('sha256', writer.fromLine(line, version), 'hex') : null;
      if (now !== e.sha256) {
        report({
          code: 'content-changed', severity: 'error', index, subject: `tps:${tps}`,
          message: `TPS ${tps} of ${where}, version ${version}: ${now ? 'its stored figures differ from' : 'is no longer stored as'} what log entry ${index} (results-correction) published`,
        });
      }
    }
  }
  return checked;
}

/** Registered in AUDIT_CHECKS (src/integrity/audit.ts) when the results actions are. */
export const resultsTreeCheck: ContentCheck = {
  id: 'results-tps',
  description: 'Every TPS result as stored hashes to what the log committed to: the TPS tree root of its import, and the SHA-256 of its correction entry.',
  kind: 'results-import',
  subjectPrefix: 'results-import:',
  async audit({ database, blobs, report }) {
    let checked = 0;
    for (const id of await electionIds(database.db)) {
      for (const c of await listContests(database.db, id)) checked += await auditContest(database, blobs, id, c.id, report);
    }
    return checked;
  },
};

export function registerResultsAudit(): void {
  registerAuditCheck(resultsTreeCheck);
  registerAuditCheck(tpsListCheck);
}
