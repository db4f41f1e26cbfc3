/**
 * An in-memory inverted index over the catalogue: the fast path of dataset search (issue 2 §5 asks for search
 * "without a separate search server"; this runs inside the portal process and is rebuilt from the database).
 * Semantics match the SQL engine (src/store/catalog/search.ts): every query word must match a word of the title,
 * name, description, tags or resource names as a prefix; fq clauses are conjunctions of disjunctions; facets are
 * counted over the matching set. Scores are BM25 with field weights (title 10, tags 5, description 2, resources 1).
 */
import type { Clause, FilterQuery } from './fq.js';
import type { Dataset } from './types.js';
import { yearsOf } from './dataset-input.js';

export interface IndexVisibility {
  privateOrgs: string[] | 'all';
  draftOrgs: string[] | 'all';
}

export interface IndexQuery {
  tokens: string[];
  filters: FilterQuery;
  visibility: IndexVisibility;
  sort: Array<{ field: string; dir: 'asc' | 'desc' }>;
  rows: number;
  start: number;
  facetFields: string[];
  facetLimit: number;
}

export interface IndexOutcome {
  count: number;
  datasets: Dataset[];
  facets: Record<string, Array<{ value: string; count: number }>>;
}

const WEIGHTS = { title: 10, tags: 5, description: 2, resources: 1 } as const;
const K1 = 1.2;

/** Removes diacritics (é → e), as the SQL engines must too (PostgreSQL's `simple` configuration keeps them). */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '');
}

/** Lower-case words of letters and digits, diacritics removed (as FTS5's unicode61 remove_diacritics). */
export function words(s: string): string[] {
  return fold(s)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

interface Doc {
  d: Dataset;
  facets: Map<string, string[]>;
  len: number;
  /** metadata_modified / metadata_created as numbers, for sorting. */
  modifiedMs: number;
  createdMs: number;
  alive: boolean;
}

/** Postings of one term: ordinals of the documents that have it and the weighted term frequency in each. */
interface Postings {
  ords: number[];
  tfs: number[];
}

export function facetValues(d: Dataset): Map<string, string[]> {
  const m = new Map<string, string[]>();
  const add = (f: string, v: string) => {
    const xs = m.get(f) ?? [];
    if (!xs.includes(v)) xs.push(v);
    m.set(f, xs);
  };
  add('organization', d.organization.name);
  add('state', d.state);
  for (const t of d.tags) add('tags', t);
  for (const g of d.groups) add('groups', g);
  for (const t of d.themes) add('themes', t);
  for (const r of d.resources) if (r.format) add('res_format', r.format);
  if (d.licenseId) add('license_id', d.licenseId);
  for (const c of d.spatial) for (const len of [2, 4, 6, 10, 13]) if (c.length >= len) add('region', c.slice(0, len));
  for (const y of yearsOf(d.temporalStart, d.temporalEnd)) add('year', y);
  return m;
}

const COLUMN: Record<string, (d: Dataset) => string> = {
  id: (d) => d.id,
  name: (d) => d.name,
  title: (d) => d.title,
  title_string: (d) => d.title,
  metadata_modified: (d) => d.modified,
  metadata_created: (d) => d.created,
  owner_org: (d) => d.organizationId,
};

export class SearchIndex {
  private docs: Doc[] = [];
  private byId = new Map<string, number>();
  private byName = new Map<string, number>();
  /** term → postings (append-only; entries of removed documents are skipped by `alive`) */
  private postings = new Map<string, Postings>();
  /** field → value → id, and the values by id */
  private dict = new Map<string, { ids: Map<string, number>; values: string[] }>();
  /** Column arrays indexed by ordinal, for the hot loops (packed small-integer arrays are much faster than objects). */
  private aliveCol: number[] = [];
  private lenCol: number[] = [];
  private privateCol: number[] = [];
  /** 0 active, 1 draft, 2 deleted */
  private stateCol: number[] = [];
  private orgCol: string[] = [];
  /** field → (ordinal → facet value ids) */
  private facetCols = new Map<string, Array<number[] | undefined>>();
  private vocab: string[] | null = null;
  private totalLen = 0;
  private alive = 0;
  /**
   * Recent answers, dropped on any change to the index (the role of Solr's queryResultCache). Queries with
   * relative dates (`NOW`) are not cached.
   */
  private cache = new Map<string, IndexOutcome>();
  private static readonly CACHE_SIZE = 1024;

  get size(): number {
    return this.alive;
  }

  get(idOrName: string): Dataset | undefined {
    const i = this.byId.get(idOrName) ?? this.byName.get(idOrName);
    return i === undefined ? undefined : this.docs[i]!.alive ? this.docs[i]!.d : undefined;
  }

  upsert(d: Dataset): void {
    this.remove(d.id);
    this.cache.clear();
    const ord = this.docs.length;
    const tf = new Map<string, number>();
    let len = 0;
    const feed = (text: string, w: number) => {
      for (const t of words(text)) {
        tf.set(t, (tf.get(t) ?? 0) + w);
        len++;
      }
    };
    feed(`${d.title} ${d.name}`, WEIGHTS.title);
    feed(d.tags.join(' '), WEIGHTS.tags);
    feed(d.description, WEIGHTS.description);
    feed(d.resources.map((r) => `${r.name} ${r.description}`).join(' '), WEIGHTS.resources);
    for (const [t, f] of tf) {
      let p = this.postings.get(t);
      if (!p) {
        p = { ords: [], tfs: [] };
        this.postings.set(t, p);
        this.vocab = null;
      }
      p.ords.push(ord);
      p.tfs.push(f);
    }
    const facets = facetValues(d);
    for (const [field, values] of facets) {
      // The same values as ids in the field's dictionary: facets are counted without string hashing.
      const ids = values.map((v) => this.intern(field, v));
      let col = this.facetCols.get(field);
      if (!col) {
        col = [];
        this.facetCols.set(field, col);
      }
      while (col.length < ord) col.push(undefined);
      col[ord] = ids;
    }
    this.aliveCol[ord] = 1;
    this.lenCol[ord] = len;
    this.privateCol[ord] = d.private ? 1 : 0;
    this.stateCol[ord] = d.state === 'active' ? 0 : d.state === 'draft' ? 1 : 2;
    this.orgCol[ord] = d.organizationId;
    this.docs.push({ d, facets, len, alive: true, modifiedMs: Date.parse(d.modified), createdMs: Date.parse(d.created) });
    this.byId.set(d.id, ord);
    this.byName.set(d.name, ord);
    this.totalLen += len;
    this.alive++;
  }

  private intern(field: string, value: string): number {
    let t = this.dict.get(field);
    if (!t) {
      t = { ids: new Map(), values: [] };
      this.dict.set(field, t);
    }
    let id = t.ids.get(value);
    if (id === undefined) {
      id = t.values.length;
      t.ids.set(value, id);
      t.values.push(value);
    }
    return id;
  }

  remove(id: string): void {
    const ord = this.byId.get(id);
    if (ord === undefined) return;
    const doc = this.docs[ord]!;
    if (!doc.alive) return;
    this.cache.clear();
    doc.alive = false;
    this.aliveCol[ord] = 0;
    this.byId.delete(id);
    if (this.byName.get(doc.d.name) === ord) this.byName.delete(doc.d.name);
    this.totalLen -= doc.len;
    this.alive--;
    // Postings keep the dead ordinal; matches are filtered by `alive`. Compact when half the docs are dead.
    if (this.docs.length > 64 && this.alive < this.docs.length / 2) this.compact();
  }

  private compact(): void {
    const live = this.docs.filter((x) => x.alive).map((x) => x.d);
    this.docs = [];
    this.byId.clear();
    this.byName.clear();
    this.postings.clear();
    this.dict.clear();
    this.facetCols.clear();
    this.aliveCol = [];
    this.lenCol = [];
    this.privateCol = [];
    this.stateCol = [];
    this.orgCol = [];
    this.vocab = null;
    this.totalLen = 0;
    this.alive = 0;
    for (const d of live) this.upsert(d);
  }

  /** Terms starting with `prefix` (FTS5 `"prefix"*`), by binary search over the sorted vocabulary. */
  private expand(prefix: string): string[] {
    if (!this.vocab) this.vocab = [...this.postings.keys()].sort();
    const v = this.vocab;
    let lo = 0;
    let hi = v.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < v.length && v[i]!.startsWith(prefix); i++) out.push(v[i]!);
    return out;
  }

  /**
   * Documents having every token as a word prefix, with their BM25 scores: `matched` lists the ordinals, `scores`
   * is indexed by ordinal. A document counts once per token even when the prefix matches several of its words.
   */
  private textMatches(tokens: string[]): { matched: number[]; scores: Float64Array } | null {
    if (tokens.length === 0) return null;
    const n = Math.max(1, this.alive);
    const avg = this.totalLen / n || 1;
    const size = this.docs.length;
    const scores = new Float64Array(size);
    const hits = new Uint8Array(size);
    let matched: number[] = [];
    for (let ti = 1; ti <= tokens.length; ti++) {
      const next: number[] = [];
      for (const term of this.expand(tokens[ti - 1]!)) {
        const p = this.postings.get(term)!;
        const df = p.ords.length;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        const { ords, tfs } = p;
        for (let j = 0; j < ords.length; j++) {
          const ord = ords[j]!;
          const h = hits[ord]!;
          if (h !== ti - 1 && h !== ti) continue; // missed an earlier token
          if (this.aliveCol[ord] === 0) continue;
          const f = tfs[j]!;
          scores[ord] = scores[ord]! + (idf * (f * (K1 + 1))) / (f + K1 * (0.25 + (0.75 * this.lenCol[ord]!) / avg));
          if (h !== ti) {
            hits[ord] = ti;
            next.push(ord);
          }
        }
      }
      matched = next;
      if (matched.length === 0) break;
    }
    return { matched, scores };
  }

  private clauseMatches(doc: Doc, c: Clause, now: Date, dateBound: (v: string | null, now: Date) => string | null): boolean {
    const col = COLUMN[c.field];
    let hit: boolean;
    if (col) {
      const v = col(doc.d);
      if (c.kind === 'term') hit = v === c.value;
      else {
        const isDate = c.field.startsWith('metadata_');
        const from = isDate ? dateBound(c.from, now) : c.from;
        const to = isDate ? dateBound(c.to, now) : c.to;
        hit = (from === null || v >= from) && (to === null || v <= to);
      }
    } else {
      const field = c.field === 'organization_name' ? 'organization' : c.field;
      const vals = doc.facets.get(field) ?? [];
      hit = c.kind === 'term' ? vals.includes(c.value) : vals.some((v) => (c.from === null || v >= c.from) && (c.to === null || v <= c.to));
    }
    return c.negate ? !hit : hit;
  }

  search(q: IndexQuery, now: Date, dateBound: (v: string | null, now: Date) => string | null): IndexOutcome {
    const key = JSON.stringify(q);
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key); // re-insert: Map order is the LRU order
      this.cache.set(key, hit);
      return hit;
    }
    const out = this.compute(q, now, dateBound);
    if (!key.includes('NOW')) {
      this.cache.set(key, out);
      if (this.cache.size > SearchIndex.CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    }
    return out;
  }

  private compute(q: IndexQuery, now: Date, dateBound: (v: string | null, now: Date) => string | null): IndexOutcome {
    const text = this.textMatches(q.tokens);
    const candidates: number[] = text ? text.matched : this.docs.map((_, i) => i);
    const matched: number[] = [];
    const v = q.visibility;
    const privAll = v.privateOrgs === 'all';
    const privOrgs = new Set(privAll ? [] : (v.privateOrgs as string[]));
    const draftAll = v.draftOrgs === 'all';
    const draftOrgs = new Set(draftAll ? [] : (v.draftOrgs as string[]));
    const groups = q.filters.filter((g) => g.length > 0);
    for (let i = 0; i < candidates.length; i++) {
      const ord = candidates[i]!;
      if (this.aliveCol[ord] === 0) continue;
      // Visibility as src/actions/visibility.ts: private only to member orgs, drafts only to editor orgs.
      if (this.privateCol[ord] === 1 && !privAll && !privOrgs.has(this.orgCol[ord]!)) continue;
      const st = this.stateCol[ord]!;
      if (st === 2 || (st === 1 && !draftAll && !draftOrgs.has(this.orgCol[ord]!))) continue;
      if (groups.length) {
        const doc = this.docs[ord]!;
        let ok = true;
        for (const group of groups) {
          if (!group.some((c) => this.clauseMatches(doc, c, now, dateBound))) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
      }
      matched.push(ord);
    }
    const facets: IndexOutcome['facets'] = {};
    for (const field of q.facetFields) {
      const f = field === 'organization_name' ? 'organization' : field;
      const dict = this.dict.get(f);
      if (!dict) {
        facets[field] = [];
        continue;
      }
      const counts = new Int32Array(dict.values.length);
      const col = this.facetCols.get(f)!;
      for (let i = 0; i < matched.length; i++) {
        const ids = col[matched[i]!];
        if (ids !== undefined) for (let j = 0; j < ids.length; j++) counts[ids[j]!]!++;
      }
      const items: Array<{ value: string; count: number }> = [];
      for (let id = 0; id < counts.length; id++) if (counts[id]! > 0) items.push({ value: dict.values[id]!, count: counts[id]! });
      facets[field] = items
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
        .slice(0, q.facetLimit);
    }
    const keys = q.sort
      .filter((s) => (s.field === 'score' || s.field === 'rank' ? text !== null : true))
      .map((s) => {
        const sign = s.dir === 'asc' ? 1 : -1;
        if (s.field === 'score' || s.field === 'rank') return { get: (o: number) => text!.scores[o]!, sign };
        if (s.field === 'metadata_modified') return { get: (o: number) => this.docs[o]!.modifiedMs, sign };
        if (s.field === 'metadata_created') return { get: (o: number) => this.docs[o]!.createdMs, sign };
        const col = COLUMN[s.field]!;
        return { get: (o: number) => col(this.docs[o]!.d), sign };
      });
    const cmp = (a: number, b: number): number => {
      for (const k of keys) {
        const x = k.get(a);
        const y = k.get(b);
        if (x < y) return -k.sign;
        if (x > y) return k.sign;
      }
      const ia = this.docs[a]!.d.id;
      const ib = this.docs[b]!.d.id;
      return ia < ib ? -1 : ia > ib ? 1 : 0;
    };
    const page = topK(matched, q.start + q.rows, cmp).slice(q.start, q.start + q.rows);
    return { count: matched.length, datasets: page.map((o) => this.docs[o]!.d), facets };
  }
}

/** The first k of xs in cmp order: a bounded selection when k is small, a full sort otherwise. */
function topK(xs: number[], k: number, cmp: (a: number, b: number) => number): number[] {
  if (k <= 0) return [];
  if (k * 8 >= xs.length) return xs.sort(cmp).slice(0, k);
  const out: number[] = [];
  for (const x of xs) {
    if (out.length < k) {
      out.push(x);
      if (out.length === k) out.sort(cmp);
      continue;
    }
    if (cmp(x, out[k - 1]!) >= 0) continue;
    let lo = 0;
    let hi = k - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(out[mid]!, x) <= 0) lo = mid + 1;
      else hi = mid;
    }
    out.splice(lo, 0, x);
    out.pop();
  }
  if (out.length < k) out.sort(cmp);
  return out;
}
