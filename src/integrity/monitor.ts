/**
 * Following a portal's log from outside (`kotak monitor`, `kotak witness`). Each run:
 *
 * 1. fetches `/log/checkpoint` and checks the log's signature (key given, or remembered, or fetched once — TOFU);
 * 2. proves the new checkpoint consistent with the last one it verified (RFC 9162 §2.1.4), computing the proof itself
 *    from the portal's tiles — a smaller tree is a rollback, a failing proof a rewrite or fork;
 * 3. re-hashes the entries the portal serves (entry bundles) into the tree and requires the signed root: a changed,
 *    missing or extra entry cannot go unnoticed. By default every entry is re-checked; `incremental` checks only the
 *    new ones, from the frontier kept in the state directory.
 *
 * On failure the evidence (both signed checkpoints and the proof) is written to the state directory and the last good
 * checkpoint is kept. State: `key`, `checkpoint`, `frontier.json`, `checkpoints/<size>`, `evidence-<time>.txt`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogClient } from './client.js';
import { bytesEqual, fromBase64, toBase64 } from './encoding.js';
import { parseEntry } from './entry.js';
import type { HashStore } from './hash-store.js';
import { leafHash, rangeNodes, type NodeId } from './rfc6962.js';
import { addSignatures, type NoteSigner } from './signed-note.js';
import { TileHashStore } from './tile-store.js';
import { decodeEntryBundle, entriesPath, TILE_WIDTH, tileWidth } from './tiles.js';
import { MerkleTree, proveConsistency } from './tree.js';
import { openCheckpoint, verifyCheckpointConsistency, type VerifyCode } from './verify.js';

export type MonitorCode = 'first' | 'unchanged' | 'grew' | Exclude<VerifyCode, 'ok'> | 'entries-mismatch' | 'unavailable';

export interface MonitorReport {
  ok: boolean;
  code: MonitorCode;
  message: string;
  size?: number;
  previousSize?: number;
  /** entries re-hashed in this run */
  entriesChecked: number;
  /** the verified checkpoint note (ok runs) */
  checkpoint?: string;
  /** path of the evidence file (failed runs) */
  evidence?: string;
  keySource: 'given' | 'state' | 'portal';
  problems: string[];
}

export interface MonitorOptions {
  client: LogClient;
  stateDir: string;
  /** the log's verifier key; else the one remembered in the state, else the portal's (trust on first use) */
  key?: string;
  incremental?: boolean;
  now?: () => Date;
}

/** A store holding only a saved frontier: enough to reopen a tree and append to it, nothing else. */
class FrontierStore implements HashStore {
  constructor(private readonly peaks: Map<string, Uint8Array>) {}
  async get(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    return ids.map((id) => {
      const h = this.peaks.get(`${id.level}/${id.index}`);
      if (!h) throw new Error(`frontier has no node ${id.level}/${id.index}`);
      return h;
    });
  }
  async put(): Promise<void> {}
}

const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : null);

export async function monitorOnce(opts: MonitorOptions): Promise<MonitorReport> {
  const { client, stateDir } = opts;
  const now = opts.now ?? (() => new Date());
  mkdirSync(join(stateDir, 'checkpoints'), { recursive: true });
  const stateKey = read(join(stateDir, 'key'))?.trim() ?? null;
  const keySource: MonitorReport['keySource'] = opts.key ? 'given' : stateKey ? 'state' : 'portal';
  const base = { entriesChecked: 0, keySource, problems: [] as string[] };
  let key: string;
  let newNote: string;
  try {
    key = opts.key ?? stateKey ?? (await client.key());
    newNote = await client.checkpoint();
  } catch (e) {
    return { ...base, ok: false, code: 'unavailable', message: (e as Error).message };
  }
  const keys = { log: key };
  const oldNote = read(join(stateDir, 'checkpoint'));

  const fail = (code: MonitorCode, message: string, proof: Uint8Array[] = [], problems: string[] = []): MonitorReport => {
    const evidence = join(stateDir, `evidence-${now().toISOString().replace(/[:.]/g, '-')}.txt`);
    writeFileSync(
      evidence,
      [
        `Kotak log monitor evidence, ${now().toISOString()}`,
        `Portal: ${client.base}`,
        `Log key: ${key}`,
        `Problem (${code}): ${message}`,
        ...problems.map((p) => `  - ${p}`),
        '',
        '--- last verified checkpoint ---',
        oldNote ?? '(none)',
        '--- checkpoint served now ---',
        newNote,
        `--- consistency proof computed from the portal's tiles (${proof.length} hashes) ---`,
        ...proof.map(toBase64),
        '',
      ].join('\n'),
    );
    return { ...base, ok: false, code, message, evidence, problems };
  };

  const opened = openCheckpoint(newNote, keys);
  if (!opened.ok) return fail(opened.code, opened.reason);
  const cp = opened.checkpoint;
  const old = oldNote ? openCheckpoint(oldNote, keys) : null;
  if (old && !old.ok) return fail(old.code, `the remembered checkpoint no longer verifies: ${old.reason}`);
  const oldSize = old?.ok ? old.checkpoint.size : 0;
  if (cp.size < oldSize) return fail('rollback', `the log shrank from ${oldSize} to ${cp.size} entries`);

  // 2. Consistency with what we saw last, from the portal's tiles.
  let proof: Uint8Array[] = [];
  if (oldNote && oldSize > 0) {
    try {
      proof = await proveConsistency(new TileHashStore((p) => client.tile(p), cp.size), oldSize, cp.size);
    } catch (e) {
      return fail('unavailable', `cannot read the tiles for a consistency proof: ${(e as Error).message}`);
    }
    const c = verifyCheckpointConsistency(oldNote, newNote, proof, keys);
    if (!c.ok) return fail(c.code, c.reason, proof);
  }

  // 3. The entries served must hash to the signed root.
  const frontier = JSON.parse(read(join(stateDir, 'frontier.json')) ?? 'null') as { size: number; peaks: string[] } | null;
  const fromFrontier = opts.incremental && frontier && frontier.size === oldSize;
  const start = fromFrontier ? oldSize : 0;
  const peaks = new Map<string, Uint8Array>();
  if (fromFrontier) rangeNodes(0, start).forEach((id, i) => peaks.set(`${id.level}/${id.index}`, fromBase64(frontier.peaks[i]!)!));
  const tree = await MerkleTree.open(new FrontierStore(peaks), start);
  const problems: string[] = [];
  for (let n = Math.floor(start / TILE_WIDTH); n * TILE_WIDTH < cp.size; n++) {
    const width = tileWidth(cp.size, 0, n);
    let bundle: Uint8Array[] | null;
    try {
      bundle = decodeEntryBundle(await client.tile(entriesPath(n, width)));
    } catch (e) {
      return fail('unavailable', `cannot read entry bundle ${n}: ${(e as Error).message}`, proof);
    }
    if (!bundle) problems.push(`entry bundle ${n} is malformed`);
    else if (bundle.length !== width) problems.push(`entry bundle ${n} has ${bundle.length} entries, the checkpoint requires ${width}`);
    if (problems.length) continue;
    const skip = Math.max(0, start - n * TILE_WIDTH);
    bundle!.slice(skip).forEach((e, i) => {
      const parsed = parseEntry(e);
      if ('error' in parsed) problems.push(`entry ${n * TILE_WIDTH + skip + i}: ${parsed.error}`);
    });
    await tree.append(bundle!.slice(skip).map((e) => leafHash(e)));
  }
  const checked = tree.size - start;
  if (problems.length) return { ...fail('entries-mismatch', `${problems.length} problem(s) in the entries served`, proof, problems.slice(0, 100)), entriesChecked: checked };
  if (!bytesEqual(tree.root(), cp.root)) {
    return { ...fail('entries-mismatch', 'the entries served do not hash to the signed root: an entry was changed, removed or added', proof), entriesChecked: checked };
  }

  writeFileSync(join(stateDir, 'key'), `${key}\n`);
  writeFileSync(join(stateDir, 'checkpoint'), newNote);
  writeFileSync(join(stateDir, 'checkpoints', String(cp.size)), newNote);
  writeFileSync(join(stateDir, 'frontier.json'), JSON.stringify({ size: cp.size, peaks: tree.frontierHashes().map(toBase64) }));
  const code: MonitorCode = !oldNote ? 'first' : cp.size === oldSize ? 'unchanged' : 'grew';
  const message =
    code === 'first' ? `first checkpoint: ${cp.size} entries, all verified` : code === 'unchanged' ? `unchanged at ${cp.size} entries` : `grew from ${oldSize} to ${cp.size} entries, consistent`;
  return { ...base, ok: true, code, message, size: cp.size, previousSize: oldNote ? oldSize : undefined, entriesChecked: checked, checkpoint: newNote };
}

/**
 * `kotak witness`: monitor the log, and only if everything verified, add this witness's cosignature
 * (C2SP tlog-cosignature) to the checkpoint; optionally submit it to the portal.
 */
export async function witnessOnce(
  opts: MonitorOptions & { signer: NoteSigner; submit?: boolean },
): Promise<MonitorReport & { cosigned?: string; accepted?: string[] }> {
  const r = await monitorOnce(opts);
  if (!r.ok || !r.checkpoint) return r;
  const cosigned = addSignatures(r.checkpoint, [opts.signer]);
  writeFileSync(join(opts.stateDir, 'cosigned-checkpoint'), cosigned);
  if (!opts.submit) return { ...r, cosigned };
  const { accepted } = await opts.client.submitCosignature(cosigned);
  return { ...r, cosigned, accepted };
}
