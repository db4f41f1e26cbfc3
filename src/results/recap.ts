/**
 * Recapitulation up the region tree (rekapitulasi berjenjang, DOMAIN.md): totals at desa, kecamatan, kab/kota,
 * province and national level computed from the TPS figures, with coverage (TPS reported of TPS expected) and flag
 * counts per rule. Each TPS is added once at the region that holds it, then every region is added to its parent,
 * children before parents — so each level equals the sum of the level below by construction, which is exactly what
 * the official D.Hasil figures are compared against (official.ts).
 *
 * A TPS counts as *reported* once any vote line is entered, and *complete* when the admin block (valid, invalid,
 * ballots used, registered, voters) is entered too.
 */
import { A_INVALID, A_REGISTERED, A_USED, A_VALID, A_VOTERS, type FormBatch, type FormLayout } from './batch.js';
import { checkIds } from './checks/registry.js';
import type { Contest } from './contest.js';
import { NATIONAL_CODE, type RegionTree, type TreeLevel, type TreeNode } from './regions.js';
import { ADMIN_FIELDS, type AdminFigures } from './types.js';
import { ByteWriter } from './bytes.js';

const EXPECTED = 0;
const REPORTED = 1;
const COMPLETE = 2;
const FIXED = 3;

export interface RegionTotals {
  code: string;
  name: string;
  level: TreeLevel;
  parentCode: string | null;
  tps: { expected: number; reported: number; complete: number };
  /** reported / expected, or null when no TPS is expected. */
  coverage: number | null;
  /** Sums of the entered admin figures. */
  admin: Record<keyof AdminFigures, number>;
  /** Votes per selection key. */
  votes: Record<string, number>;
  /** Flagged TPS per rule id. */
  flags: Record<string, number>;
}

interface Shape {
  codes: string[];
  index: Map<string, number>;
  parent: Int32Array;
  order: Int32Array;
  isDesa: Uint8Array;
}

/** Computes a tree's recap shape and row prefixes ahead of the first import (a server does it when it loads the tree). */
export function prepareRecap(tree: RegionTree): void {
  prefixesOf(tree, shapeOf(tree).codes);
}

/** Node order (children before parents), index and parents of a tree, computed once per tree. */
const shapes = new WeakMap<RegionTree, Shape>();
function shapeOf(tree: RegionTree): Shape {
  let s = shapes.get(tree);
  if (s) return s;
  const codes = tree.bottomUp();
  const index = new Map<string, number>();
  codes.forEach((c, i) => index.set(c, i));
  const parent = new Int32Array(codes.length);
  const order = new Int32Array(codes.length);
  codes.forEach((c, i) => {
    const p = tree.get(c)!.parentCode;
    parent[i] = p === null ? -1 : index.get(p)!;
    order[i] = i;
  });
  const isDesa = Uint8Array.from(codes, (c) => (tree.get(c)!.level === 'desa_kelurahan' ? 1 : 0));
  s = { codes, index, parent, order, isDesa };
  shapes.set(tree, s);
  return s;
}

export class Recap {
  readonly index: Map<string, number>;
  readonly codes: string[];
  /** Parent node index per node (−1 for the root), in bottom-up order of `order`. */
  private readonly parent: Int32Array;
  private readonly order: Int32Array;
  private readonly isDesa: Uint8Array;
  readonly width: number;
  readonly data: Float64Array;
  private readonly adminOff = FIXED;
  private readonly votesOff: number;
  private readonly flagsOff: number;
  private rolled = false;

  constructor(
    readonly tree: RegionTree,
    readonly contest: Contest,
    readonly layout: FormLayout,
    readonly ruleIds: string[] = checkIds(),
  ) {
    const shape = shapeOf(tree);
    this.codes = shape.codes;
    this.index = shape.index;
    this.parent = shape.parent;
    this.order = shape.order;
    this.isDesa = shape.isDesa;
    this.votesOff = FIXED + ADMIN_FIELDS.length;
    this.flagsOff = this.votesOff + layout.selections;
    this.width = this.flagsOff + ruleIds.length;
    this.data = new Float64Array(this.codes.length * this.width);
  }

  /** Node index for a region code (as placed by `RegionTree.placeTps`). */
  node(code: string): number {
    const i = this.index.get(code);
    if (i === undefined) throw new Error(`region ${code} is not in the tree`);
    return i;
  }

  /** Adds form i of a batch, held by region node `at`, with its flag mask. */
  addForm(b: FormBatch, i: number, mask: number, at: number): void {
    const W = this.width;
    const d = this.data;
    const o = at * W;
    const v = b.values;
    const L = b.layout;
    const fo = i * L.width;
    d[o + EXPECTED]! += 1;
    let reported = false;
    for (let k = 0; k < L.selections; k++) {
      const x = v[fo + k]!;
      if (x === x) {
        d[o + this.votesOff + k]! += x;
        reported = true;
      }
    }
    for (let k = 0; k < ADMIN_FIELDS.length; k++) {
      const x = v[fo + L.admin + k]!;
      if (x === x) d[o + this.adminOff + k]! += x;
    }
    if (reported) {
      d[o + REPORTED]! += 1;
      const a = fo + L.admin;
      if (v[a + A_VALID] === v[a + A_VALID] && v[a + A_INVALID] === v[a + A_INVALID] && v[a + A_USED] === v[a + A_USED] &&
        v[a + A_REGISTERED] === v[a + A_REGISTERED] && v[a + A_VOTERS] === v[a + A_VOTERS]) {
        d[o + COMPLETE]! += 1;
      }
    }
    for (let m = mask, k = 0; m !== 0; m >>>= 1, k++) if (m & 1) d[o + this.flagsOff + k]! += 1;
  }

  /** A TPS on the list that has no form in this import: expected, not reported, flagged by `missingBit`. */
  addExpectedOnly(at: number, mask: number): void {
    const o = at * this.width;
    this.data[o + EXPECTED]! += 1;
    for (let m = mask, k = 0; m !== 0; m >>>= 1, k++) if (m & 1) this.data[o + this.flagsOff + k]! += 1;
  }

  /** Adds every region into its parent, children first. Call once, after the last form. */
  rollUp(): void {
    if (this.rolled) throw new Error('rollUp called twice');
    this.rolled = true;
    const W = this.width;
    const d = this.data;
    for (let n = 0; n < this.order.length; n++) {
      const p = this.parent[n]!;
      if (p < 0) continue;
      const o = n * W;
      const po = p * W;
      for (let k = 0; k < W; k++) d[po + k]! += d[o + k]!;
    }
  }

  totals(code: string): RegionTotals {
    const n = this.node(code);
    const node = this.tree.get(code)!;
    const o = n * this.width;
    const d = this.data;
    const admin = {} as Record<keyof AdminFigures, number>;
    ADMIN_FIELDS.forEach((f, k) => (admin[f] = d[o + this.adminOff + k]!));
    const votes: Record<string, number> = {};
    this.contest.selections.forEach((s, k) => (votes[s.key] = d[o + this.votesOff + k]!));
    const flags: Record<string, number> = {};
    this.ruleIds.forEach((r, k) => (flags[r] = d[o + this.flagsOff + k]!));
    const expected = d[o + EXPECTED]!;
    return {
      code,
      name: node.name,
      level: node.level,
      parentCode: node.parentCode,
      tps: { expected, reported: d[o + REPORTED]!, complete: d[o + COMPLETE]! },
      coverage: expected > 0 ? d[o + REPORTED]! / expected : null,
      admin,
      votes,
      flags,
    };
  }

  /**
   * The lowest region holding every TPS counted (after `rollUp`): from the root, go down while a single child holds
   * all of them — the region an import is about.
   */
  commonRegion(): string {
    const W = this.width;
    const d = this.data;
    let code = NATIONAL_CODE;
    for (;;) {
      const node = this.tree.get(code)!;
      const total = d[this.index.get(code)! * W + EXPECTED]!;
      const holding = node.children.filter((c) => d[this.index.get(c)! * W + EXPECTED]! > 0);
      if (holding.length !== 1 || d[this.index.get(holding[0]!)! * W + EXPECTED] !== total) return code;
      code = holding[0]!;
    }
  }

  /** Totals of every region (national first, then by code). */
  all(): RegionTotals[] {
    return [...this.codes].sort((a, b) => (a === NATIONAL_CODE ? -1 : b === NATIONAL_CODE ? 1 : a < b ? -1 : 1)).map((c) => this.totals(c));
  }

  /**
   * Every region as a storage row (`results_recap.data`), built straight from the sums without intermediate objects;
   * `parseRecapRow` reads one back into RegionTotals.
   */
  rows(): RecapRow[] {
    const W = this.width;
    const d = this.data;
    const S = this.layout.selections;
    const enc = (t: string) => Buffer.from(t, 'utf8');
    const vKeys = this.contest.selections.map((s, k) => enc((k ? ',' : '') + JSON.stringify(s.key) + ':'));
    const fKeys = this.ruleIds.map((r, k) => enc((k ? ',' : '') + JSON.stringify(r) + ':'));
    const T = enc(',"t":[');
    const A = enc('],"a":[');
    const V = enc('],"v":{');
    const F = enc('},"f":{');
    const END = enc('}}');
    const out: RecapRow[] = new Array(this.codes.length);
    // Written as bytes, each row a view of one buffer: glued with `+`, each row was a rope of ~40 pieces (190 MB for
    // a national recap); one string per row still cost more than the figures. SQLite stores the bytes as they are.
    const prefixes = prefixesOf(this.tree, this.codes);
    let above = 0;
    for (let n = 0; n < this.codes.length; n++) if (!this.isDesa[n]) above++;
    const w = new ByteWriter(above * (200 + 24 * (S + fKeys.length)));
    let count = 0;
    for (let n = 0; n < this.codes.length; n++) {
      // A desa's totals are the sum of its ~10 stored TPS lines, computed when read (desaTotals): storing them would
      // be 84 thousand more rows per national import for figures that cost nothing to recompute.
      if (this.isDesa[n]) continue;
      const code = this.codes[n]!;
      const o = n * W;
      const start = w.pos;
      const prefix = prefixes[n]!;
      w.ensure(prefix.length + 64 * (S + fKeys.length + 16));
      w.bytes(prefix);
      w.bytes(T);
      w.value(d[o]!);
      w.comma();
      w.value(d[o + 1]!);
      w.comma();
      w.value(d[o + 2]!);
      w.bytes(A);
      for (let k = 0; k < ADMIN_FIELDS.length; k++) {
        if (k) w.comma();
        w.value(d[o + this.adminOff + k]!);
      }
      w.bytes(V);
      for (let k = 0; k < S; k++) {
        w.bytes(vKeys[k]!);
        w.value(d[o + this.votesOff + k]!);
      }
      w.bytes(F);
      for (let k = 0; k < fKeys.length; k++) {
        w.bytes(fKeys[k]!);
        w.value(d[o + this.flagsOff + k]!);
      }
      w.bytes(END);
      out[count++] = { code, json: w.buf.subarray(start, w.pos) };
    }
    out.length = count;
    return out;
  }
}

export interface RecapRow {
  code: string;
  /** UTF-8 JSON (see ResultsRecapTable.data); a view of a larger buffer — copy it to keep it. */
  json: Buffer;
}

/**
 * Totals of one desa from its TPS forms and its stored flag counts (the recap rows stop at kecamatan level, see
 * `Recap.rows`). Sums as `Recap.addForm` makes them; `listOnly` TPS of the TPS list without a form are expected too
 * (`Recap.addExpectedOnly`).
 */
export function desaTotals(node: TreeNode, b: FormBatch, contest: Contest, flags: Record<string, number>, listOnly = 0, ruleIds: string[] = checkIds()): RegionTotals {
  const L = b.layout;
  const v = b.values;
  const admin = {} as Record<keyof AdminFigures, number>;
  ADMIN_FIELDS.forEach((f) => (admin[f] = 0));
  const votes: Record<string, number> = {};
  contest.selections.forEach((s) => (votes[s.key] = 0));
  let reported = 0;
  let complete = 0;
  for (let i = 0; i < b.length; i++) {
    const o = i * L.width;
    let any = false;
    contest.selections.forEach((s, k) => {
      const x = v[o + k]!;
      if (x === x) {
        votes[s.key]! += x;
        any = true;
      }
    });
    ADMIN_FIELDS.forEach((f, k) => {
      const x = v[o + L.admin + k]!;
      if (x === x) admin[f] += x;
    });
    if (any) {
      reported++;
      const a = o + L.admin;
      if ([A_VALID, A_INVALID, A_USED, A_REGISTERED, A_VOTERS].every((k) => v[a + k] === v[a + k])) complete++;
    }
  }
  const f: Record<string, number> = {};
  for (const r of ruleIds) f[r] = flags[r] ?? 0;
  return {
    code: node.code,
    name: node.name,
    level: node.level,
    parentCode: node.parentCode,
    tps: { expected: b.length + listOnly, reported, complete },
    coverage: b.length + listOnly ? reported / (b.length + listOnly) : null,
    admin,
    votes,
    flags: f,
  };
}

/** The `{"n":…,"l":…,"p":…` start of each region's row, per tree (a tree never changes; imports reuse them). */
const prefixCache = new WeakMap<RegionTree, { codes: string[]; bytes: Buffer[] }>();
function prefixesOf(tree: RegionTree, codes: string[]): Buffer[] {
  const hit = prefixCache.get(tree);
  if (hit && hit.codes === codes) return hit.bytes;
  const bytes = codes.map((c) => {
    const node = tree.get(c)!;
    return Buffer.from(`{"n":${JSON.stringify(node.name)},"l":"${node.level}","p":${node.parentCode === null ? 'null' : JSON.stringify(node.parentCode)}`);
  });
  prefixCache.set(tree, { codes, bytes });
  return bytes;
}

/** A stored recap row back into RegionTotals. */
export function parseRecapRow(code: string, stored: string | Uint8Array): RegionTotals {
  const json = typeof stored === 'string' ? stored : Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength).toString('utf8');
  const r = JSON.parse(json) as { n: string; l: TreeLevel; p: string | null; t: [number, number, number]; a: number[]; v: Record<string, number>; f: Record<string, number> };
  const admin = {} as Record<keyof AdminFigures, number>;
  ADMIN_FIELDS.forEach((f, k) => (admin[f] = r.a[k] ?? 0));
  const [expected, reported, complete] = r.t;
  return { code, name: r.n, level: r.l, parentCode: r.p, tps: { expected, reported, complete }, coverage: expected > 0 ? reported / expected : null, admin, votes: r.v, flags: r.f };
}
