/**
 * The region tree of one election: Kemendagri codes as keys (DOMAIN.md, "Region codes"), other systems' codes as
 * aliases. KPU's 2024 result feeds use KPU codes that differ from Kemendagri's for one Banten desa
 * (KPU 3602162018 = Kemendagri 3602282009, Cikaratuan — regions/SOURCES.md), so every TPS code is resolved through the
 * aliases before it is placed in the tree.
 *
 * The national root has code `ID` (ISO 3166-1) and level `nasional`; it is the parent of every province.
 */
import { readFile } from 'node:fs/promises';
import { CODE_LENGTH, REGION_LEVELS, type Region, type RegionAlias, type RegionLevel } from './types.js';

export const NATIONAL_CODE = 'ID';
export type TreeLevel = 'nasional' | RegionLevel;

export interface TreeNode {
  code: string;
  parentCode: string | null;
  level: TreeLevel;
  name: string;
  aliases: RegionAlias[];
  children: string[];
}

/** Aliases known for 2024 (regions/SOURCES.md). */
export const KPU_2024_ALIASES: { kpu: string; kemendagri: string }[] = [{ kpu: '3602162018', kemendagri: '3602282009' }];

export class RegionTree {
  readonly nodes = new Map<string, TreeNode>();
  /** `scheme:code` → Kemendagri code. */
  private readonly aliasIndex = new Map<string, string>();

  constructor(regions: Region[], rootName = 'Indonesia') {
    this.nodes.set(NATIONAL_CODE, { code: NATIONAL_CODE, parentCode: null, level: 'nasional', name: rootName, aliases: [], children: [] });
    for (const r of regions) {
      if (this.nodes.has(r.code)) throw new Error(`region ${r.code} appears twice`);
      if (r.code.length !== CODE_LENGTH[r.level]) throw new Error(`region ${r.code}: a ${r.level} code has ${CODE_LENGTH[r.level]} digits`);
      this.nodes.set(r.code, { ...r, aliases: [...r.aliases], children: [] });
    }
    for (const n of this.nodes.values()) {
      if (n.code === NATIONAL_CODE) continue;
      const parent = n.parentCode ?? NATIONAL_CODE;
      n.parentCode = parent;
      const p = this.nodes.get(parent);
      if (!p) throw new Error(`region ${n.code}: parent ${parent} is not in the tree`);
      p.children.push(n.code);
      for (const a of n.aliases) this.aliasIndex.set(`${a.scheme}:${a.code}`, n.code);
    }
    for (const n of this.nodes.values()) n.children.sort();
  }

  get(code: string): TreeNode | undefined {
    return this.nodes.get(code);
  }

  /** Adds an alias (`kpu` 3602162018 → 3602282009). */
  addAlias(kemendagri: string, alias: RegionAlias): void {
    const n = this.nodes.get(kemendagri);
    if (!n) throw new Error(`alias target ${kemendagri} is not in the tree`);
    n.aliases.push(alias);
    this.aliasIndex.set(`${alias.scheme}:${alias.code}`, kemendagri);
    this.desaMemo.clear();
    this.desaNumbers = null;
    this.lastDesaKey = '';
  }

  /** Kemendagri code for a code of any scheme: itself when in the tree, else its `kpu` alias, else null. */
  resolve(code: string, scheme = 'kpu'): string | null {
    return this.aliasIndex.get(`${scheme}:${code}`) ?? (this.nodes.has(code) ? code : null);
  }

  private lastDesaKey = '';
  private lastDesa: string | null = null;
  private readonly desaMemo = new Map<string, string | null>();

  /** The desa a TPS belongs to (the TPS code's first 10 digits, through aliases), or null when not in the tree. */
  desaOfTps(tps: string): string | null {
    // Consecutive TPS of a file share their desa; the memo saves a lookup per form on national files.
    if (tps.startsWith(this.lastDesaKey) && this.lastDesaKey !== '') return this.lastDesa;
    const key = tps.slice(0, 10);
    let d = this.desaMemo.get(key);
    if (d === undefined) {
      const r = this.resolve(key);
      d = r !== null && this.nodes.get(r)!.level === 'desa_kelurahan' ? r : null;
      this.desaMemo.set(key, d);
    }
    this.lastDesaKey = key;
    this.lastDesa = d;
    return d;
  }

  /**
   * The deepest region of the tree that holds a TPS: its desa, or — when the desa is unknown (the
   * `tps_in_region_tree` check flags that) — the deepest existing region its code prefix names, so the TPS still
   * counts in the totals above.
   */
  placeTps(tps: string): string {
    const desa = this.desaOfTps(tps);
    if (desa) return desa;
    for (const len of [6, 4, 2]) {
      const c = this.resolve(tps.slice(0, len));
      if (c) return c;
    }
    return NATIONAL_CODE;
  }

  /** Kemendagri desa code by the number of a TPS code's first 10 digits (batch.ts desaNumber), aliases included. */
  private desaNumbers: Map<number, string> | null = null;

  /**
   * The desa of a TPS by the number of its code's first 10 digits (as `desaOfTps` does for the string), or null when
   * not in the tree. A national import asks once per desa, 84 thousand times: a number key spares making the string.
   */
  desaOfNumber(desa: number): string | null {
    if (!this.desaNumbers) this.warm();
    return this.desaNumbers!.get(desa) ?? null;
  }

  /** Fills the desa lookups for every desa and KPU alias at once (a server does it when it loads the tree). */
  warm(): void {
    const numbers = new Map<number, string>();
    for (const n of this.nodes.values()) {
      if (n.level !== 'desa_kelurahan') continue;
      this.desaMemo.set(n.code, n.code);
      numbers.set(Number(n.code), n.code);
    }
    for (const [k, v] of this.aliasIndex) {
      const code = k.slice(k.indexOf(':') + 1);
      if (code.length === 10 && this.nodes.get(v)?.level === 'desa_kelurahan') this.desaMemo.set(code, v);
      // As `resolve` does: a KPU alias wins over a node of the same code, and one to a non-desa is no desa.
      if (k.startsWith('kpu:') && /^[0-9]{10}$/.test(code)) {
        if (this.nodes.get(v)?.level === 'desa_kelurahan') numbers.set(Number(code), v);
        else numbers.delete(Number(code));
      }
    }
    this.desaNumbers = numbers;
  }

  /** The region and its ancestors up to `ID`, nearest first. */
  lineage(code: string): string[] {
    const out: string[] = [];
    let n = this.nodes.get(code);
    while (n) {
      out.push(n.code);
      n = n.parentCode ? this.nodes.get(n.parentCode) : undefined;
    }
    return out;
  }

  /** Whether `code` is `ancestor` or lies below it. */
  within(code: string, ancestor: string): boolean {
    return this.lineage(code).includes(ancestor);
  }

  /** Codes of one level, sorted. */
  codesAt(level: TreeLevel): string[] {
    const out: string[] = [];
    for (const n of this.nodes.values()) if (n.level === level) out.push(n.code);
    return out.sort();
  }

  /** Every code in post-order (children before parents), the order a bottom-up recapitulation needs. */
  bottomUp(): string[] {
    const out: string[] = [];
    const walk = (c: string) => {
      for (const k of this.nodes.get(c)!.children) walk(k);
      out.push(c);
    };
    walk(NATIONAL_CODE);
    return out;
  }

  get size(): number {
    return this.nodes.size;
  }
}

/**
 * Parses the `code,parent_code,level,name` CSV of `../shared/data/regions/` (plain, unquoted; names are verbatim).
 * Names with a comma may be quoted.
 */
export function parseRegionCsv(text: string): Region[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.split(',').map((h) => h.trim());
  if (!header || header.join(',') !== 'code,parent_code,level,name') {
    throw new Error('region file header must be code,parent_code,level,name');
  }
  const out: Region[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const m = /^([^,]*),([^,]*),([^,]*),(.*)$/.exec(line);
    if (!m) throw new Error(`region file line ${i + 1}: expected 4 fields`);
    const level = m[3]!.trim() as RegionLevel;
    if (!REGION_LEVELS.includes(level)) throw new Error(`region file line ${i + 1}: unknown level "${m[3]}"`);
    let name = m[4]!.trim();
    if (name.startsWith('"') && name.endsWith('"')) name = name.slice(1, -1).replaceAll('""', '"');
    out.push({ code: m[1]!.trim(), parentCode: m[2]!.trim() || null, level, name, aliases: [] });
  }
  return out;
}

/**
 * Loads a region CSV and applies KPU aliases.
 *
 * @example
 *   const tree = await loadRegionTree('fixtures/results/banten-regions.csv');
 *   tree.desaOfTps('3602162018001'); // '3602282009'
 */
export async function loadRegionTree(path: string, aliases = KPU_2024_ALIASES): Promise<RegionTree> {
  const tree = new RegionTree(parseRegionCsv(await readFile(path, 'utf8')));
  for (const a of aliases) if (tree.get(a.kemendagri)) tree.addAlias(a.kemendagri, { scheme: 'kpu', code: a.kpu });
  return tree;
}
