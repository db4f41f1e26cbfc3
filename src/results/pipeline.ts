/**
 * The domain part of an import: take batches of forms from any reader, drop repeated TPS (flagged), check the
 * ballot lines of legislative forms against their dapil, run the form rules, place each TPS in the region tree and
 * recapitulate. Storage and publication (src/store, src/actions) consume the result; nothing here touches a database.
 */
import { A_REGISTERED, desaNumber, type FormBatch } from './batch.js';
import { checkBatch, ruleBit, type Flag } from './checks/run.js';
import type { CheckContext } from './checks/registry.js';
import type { Contest } from './contest.js';
import { importError } from './import/import-error.js';
import { Recap } from './recap.js';
import { NATIONAL_CODE, type RegionTree } from './regions.js';
import type { TpsForm } from './types.js';

export interface PipelineOptions {
  contest: Contest;
  tree: RegionTree;
  /**
   * The election's TPS list within the contest's area (src/results/tps-list.ts): listed TPS the file does not mention
   * are expected too, flagged `missing_tps` and counted in coverage; forms are checked against it
   * (`tps_not_in_list`, `registered_eq_list`).
   */
  tpsList?: TpsListRef;
  /** Called after each batch is checked, e.g. to stream it into storage. */
  onBatch?: (batch: ProcessedBatch) => void | Promise<void>;
}

export interface TpsListRef {
  /** Listed TPS with their registered voters (null: the list does not say). */
  entries: ReadonlyArray<{ tps: string; registered: number | null }>;
  /** The regions the list was given for (each list import replaces its region's list): a form there must be on it. */
  regions: readonly string[];
}

export interface ProcessedBatch {
  batch: FormBatch;
  /** Flag mask per form (see checks/run.ts). */
  masks: Uint32Array;
  /** Recap node index of the region holding each form. */
  places: Int32Array;
  /** 1 = used, 0 = a repeat of an earlier TPS in the file (kept out of totals and storage). */
  kept: Uint8Array;
}

export interface PipelineResult {
  batches: ProcessedBatch[];
  recap: Recap;
  /** `duplicate_rows` flags, with the rows involved. */
  duplicates: Flag[];
  /** TPS on the list that the file does not mention (flagged `missing_tps`). */
  missingOnly: string[];
  /** Registered voters per listed TPS code (as a number), when a list was given: the numbers of `registered_eq_list`. */
  listed: Map<number, number | null> | null;
  /** Forms read (rows of the file that carry a TPS) and distinct TPS of the file used (`missingOnly` not counted). */
  forms: number;
  tps: number;
  ctx: CheckContext;
}

/** Where a TPS code was first seen: batch number and index inside it. */
interface Loc {
  b: number;
  i: number;
}

/**
 * The pipeline as a synchronous state machine (hot loops run faster outside an async function, whose locals live in
 * a heap context): `add` each batch, then `finish` once.
 */
export class ImportPipeline {
  readonly ctx: CheckContext;
  private readonly dupBit = ruleBit('duplicate_rows');
  private readonly missingBit = ruleBit('missing_tps');
  readonly batches: ProcessedBatch[] = [];
  readonly duplicates: Flag[] = [];
  private recap: Recap | null = null;
  private forms = 0;
  private used = 0;
  // While the file is in ascending TPS order (the usual case) a repeat can only be the previous code; a map of every
  // code is built only once the order breaks.
  private last = -1;
  private lastB = -1;
  private lastI = -1;
  private seen: Map<number, Loc> | null = null;
  // Region node and "desa in tree" per desa number, packed as node * 2 + inTree; consecutive TPS share their desa.
  private readonly placeCache = new Map<number, number>();
  private lastDesa = -1;
  private lastPacked = 0;

  constructor(private readonly opts: PipelineOptions) {
    this.ctx = { tree: opts.tree, selectionKeys: opts.contest.selections.map((s) => s.key) };
  }

  add(batch: FormBatch): ProcessedBatch {
    const { contest, tree } = this.opts;
    const recap = (this.recap ??= new Recap(tree, contest, batch.layout));
    const bNo = this.batches.length;
    const n = batch.length;
    const codes = batch.codes;
    const places = new Int32Array(n);
    const inTree = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const desa = desaNumber(codes[i]!);
      if (desa !== this.lastDesa) {
        this.lastDesa = desa;
        let packed = this.placeCache.get(desa);
        if (packed === undefined) {
          const known = tree.desaOfNumber(desa);
          if (known !== null) packed = recap.node(known) * 2 + 1;
          else {
            const tps = batch.tps(i);
            packed = recap.node(tree.placeTps(tps)) * 2 + (tree.desaOfTps(tps) !== null ? 1 : 0);
          }
          this.placeCache.set(desa, packed);
        }
        this.lastPacked = packed;
      }
      places[i] = this.lastPacked >> 1;
      inTree[i] = this.lastPacked & 1;
    }
    const masks = checkBatch(batch, this.ctx, inTree);
    const kept = new Uint8Array(n).fill(1);
    const pb: ProcessedBatch = { batch, masks, places, kept };
    this.batches.push(pb);
    const L = batch.layout;
    const W = L.width;
    const v = batch.values;
    const dupBit = this.dupBit;
    for (let i = 0; i < n; i++) {
      const code = codes[i]!;
      let first: Loc | undefined;
      if (this.seen === null) {
        if (code > this.last) {
          this.last = code;
          this.lastB = bNo;
          this.lastI = i;
        } else if (code === this.last) {
          first = { b: this.lastB, i: this.lastI };
        } else {
          this.buildSeen(bNo, i);
        }
      }
      if (this.seen !== null) {
        first = this.seen.get(code);
        if (!first) this.seen.set(code, { b: bNo, i });
      }
      if (first) {
        kept[i] = 0;
        this.repeat(batch, i, first);
        continue;
      }
      const inner = batch.duplicates?.get(i);
      if (inner) {
        masks[i]! |= dupBit;
        for (const d of inner) {
          this.duplicates.push({
            rule: 'duplicate_rows',
            tps: batch.tps(i),
            row: d.row,
            numbers: { baris: d.row, baris_pertama: d.firstRow, kolom: d.field, nilai: d.value, nilai_pertama: d.firstValue },
          });
        }
      }
      this.used++;
      let reported = false;
      const o = i * W;
      for (let k = 0; k < L.selections; k++) {
        const x = v[o + k]!;
        if (x === x) {
          reported = true;
          break;
        }
      }
      if (!reported) masks[i]! |= this.missingBit;
      else if (contest.legislative) checkBallot(batch, i, contest, tree);
    }
    this.forms += n;
    // Flags of a repeat attach to its first form, which may be in this batch: add to the recap only now.
    for (let i = 0; i < n; i++) if (kept[i]) recap.addForm(batch, i, masks[i]!, places[i]!);
    return pb;
  }

  /**
   * Each kept form against the TPS list: a TPS the list of its region does not name is flagged `tps_not_in_list`; a
   * listed TPS whose form gives other registered voters (DPT) than the list, `registered_eq_list`. The bits are set
   * after the forms were recapitulated, so each is counted into its region's rule column here.
   */
  private checkAgainstList(recap: Recap, listed: Map<number, number | null>, regions: readonly string[]): void {
    const notBit = ruleBit('tps_not_in_list');
    const regBit = ruleBit('registered_eq_list');
    const notCol = flagColumn(recap, notBit);
    const regCol = flagColumn(recap, regBit);
    const covered = new Map<number, boolean>();
    const W = recap.width;
    for (const pb of this.batches) {
      const b = pb.batch;
      const L = b.layout;
      for (let i = 0; i < b.length; i++) {
        if (!pb.kept[i]) continue;
        const place = pb.places[i]!;
        const reg = listed.get(b.codes[i]!);
        if (reg === undefined) {
          let inside = covered.get(place);
          if (inside === undefined) {
            const code = recap.codes[place]!;
            inside = regions.some((r) => r === NATIONAL_CODE || code.startsWith(r));
            covered.set(place, inside);
          }
          if (!inside) continue;
          pb.masks[i]! |= notBit;
          recap.data[place * W + notCol]! += 1;
        } else if (reg !== null) {
          const x = b.values[i * L.width + L.admin + A_REGISTERED]!;
          if (x !== x || x === reg) continue;
          pb.masks[i]! |= regBit;
          recap.data[place * W + regCol]! += 1;
        }
      }
    }
  }

  private buildSeen(bNo: number, i: number): void {
    const seen = new Map<number, Loc>();
    for (let bb = 0; bb < this.batches.length; bb++) {
      const x = this.batches[bb]!;
      const upto = bb === bNo ? i : x.batch.length;
      for (let k = 0; k < upto; k++) if (x.kept[k]) seen.set(x.batch.codes[k]!, { b: bb, i: k });
    }
    this.seen = seen;
  }

  /** Form i repeats an earlier TPS: flag the first one, record both rows and whether the figures agree. */
  private repeat(batch: FormBatch, i: number, first: Loc): void {
    const W = batch.layout.width;
    const fb = this.batches[first.b]!;
    fb.masks[first.i]! |= this.dupBit;
    let identical = 1;
    const fo = first.i * W;
    const o = i * W;
    for (let k = 0; k < W; k++) {
      const a = fb.batch.values[fo + k]!;
      const c = batch.values[o + k]!;
      if (a !== c && (a === a || c === c)) identical = 0;
    }
    this.duplicates.push({
      rule: 'duplicate_rows',
      tps: batch.tps(i),
      row: batch.rows[i]!,
      numbers: { baris: batch.rows[i]!, baris_pertama: fb.batch.rows[first.i]!, sama: identical },
    });
  }

  finish(): PipelineResult {
    const recap = this.recap;
    if (!recap) throw importError('the file has a header but no TPS rows');
    if (this.duplicates.length) recountDuplicates(recap, this.batches, this.dupBit);
    const missingOnly: string[] = [];
    let listed: Map<number, number | null> | null = null;
    const list = this.opts.tpsList;
    if (list) {
      listed = new Map();
      for (const e of list.entries) listed.set(Number(e.tps), e.registered);
      this.checkAgainstList(recap, listed, list.regions);
      const inFile = new Set<number>();
      for (const x of this.batches) for (let i = 0; i < x.batch.length; i++) inFile.add(x.batch.codes[i]!);
      for (const e of list.entries) {
        if (inFile.has(Number(e.tps))) continue;
        missingOnly.push(e.tps);
        recap.addExpectedOnly(recap.node(this.opts.tree.placeTps(e.tps)), this.missingBit);
      }
    }
    recap.rollUp();
    return {
      batches: this.batches,
      recap,
      duplicates: this.duplicates,
      missingOnly,
      listed,
      forms: this.forms,
      tps: this.used,
      ctx: this.ctx,
    };
  }
}

/**
 * Runs the whole pipeline over a reader.
 *
 * @example
 *   const result = await runPipeline(readForms(path, contest), { contest, tree });
 *   result.recap.totals('36').votes['02'];
 */
export async function runPipeline(source: AsyncIterable<FormBatch>, opts: PipelineOptions): Promise<PipelineResult> {
  const p = new ImportPipeline(opts);
  for await (const batch of source) {
    const pb = p.add(batch);
    if (opts.onBatch) await opts.onBatch(pb);
  }
  return p.finish();
}

/**
 * A repeat found in a later batch sets the duplicate bit on a form whose batch was already recapitulated, so the
 * rule's column is recounted from the masks once all batches are in.
 */
function recountDuplicates(recap: Recap, batches: ProcessedBatch[], dupBit: number): void {
  const col = flagColumn(recap, dupBit);
  for (let n = 0; n < recap.codes.length; n++) recap.data[n * recap.width + col] = 0;
  for (const pb of batches) {
    for (let i = 0; i < pb.batch.length; i++) {
      if (pb.kept[i] && pb.masks[i]! & dupBit) recap.data[pb.places[i]! * recap.width + col]! += 1;
    }
  }
}

/** The column of a rule's flag count in the recap's rows (the rule columns come last, in `ruleIds` order). */
function flagColumn(recap: Recap, bit: number): number {
  return recap.width - recap.ruleIds.length + Math.log2(bit);
}

/** A legislative vote for a line not on the ballot of the TPS's dapil is an unknown candidate there. */
function checkBallot(b: FormBatch, i: number, contest: Contest, tree: RegionTree): void {
  const lineage = tree.lineage(tree.placeTps(b.tps(i)));
  let district: string | undefined;
  for (const c of lineage) {
    district = contest.districtByRegion.get(c);
    if (district) break;
  }
  const o = i * b.layout.width;
  contest.selections.forEach((s, k) => {
    const x = b.values[o + k]!;
    if (x !== x) return;
    if (contest.districts.length && !district) {
      throw importError(`TPS ${b.tps(i)} is in no dapil of contest ${contest.id}`, { row: b.rows[i], source: b.sources?.[i] });
    }
    if (s.districts && district && !s.districts.includes(district)) {
      throw importError(`unknown candidate: ${s.name} (${s.column}) does not stand in dapil ${district} of TPS ${b.tps(i)}`, {
        row: b.rows[i],
        columnName: s.column,
        source: b.sources?.[i],
      });
    }
  });
}

/** The forms an import keeps (repeats left out), in file order. */
export function* keptForms(result: Pick<PipelineResult, 'batches'>): Generator<TpsForm> {
  for (const pb of result.batches) for (let i = 0; i < pb.batch.length; i++) if (pb.kept[i]) yield pb.batch.form(i);
}
