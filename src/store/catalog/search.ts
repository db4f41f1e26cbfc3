/**
 * Dataset search on both databases without a search server (issue 2 §5): filters and facets from the
 * `dataset_facets` table, full text from SQLite FTS5 (bm25) or PostgreSQL tsvector (ts_rank).
 * The query is built from a parsed `FilterQuery`; every user value is a bound parameter.
 */
import { sql, type RawBuilder } from 'kysely';
import { KotakError } from '../../errors.js';
import type { Clause, FilterQuery } from '../../catalog/fq.js';
import type { Dialect, Executor } from '../db.js';
import { words } from '../../catalog/search-index.js';

export interface Visibility {
  /** Organisation ids whose private datasets the caller may see, or 'all' (sysadmin). */
  privateOrgs: string[] | 'all';
  /** Organisation ids whose drafts the caller may see, or 'all'. Empty = active only. */
  draftOrgs: string[] | 'all';
}

export interface SearchQuery {
  text: string[];
  filters: FilterQuery;
  visibility: Visibility;
  sort: Array<{ field: string; dir: 'asc' | 'desc' }>;
  rows: number;
  start: number;
  facetFields: string[];
  facetLimit: number;
}

export interface SearchOutcome {
  count: number;
  ids: string[];
  facets: Record<string, Array<{ value: string; count: number }>>;
}

/** Fields stored as columns of `datasets`; every other field is looked up in `dataset_facets`. */
const COLUMNS: Record<string, string> = {
  id: 'd.id',
  name: 'd.name',
  title: 'd.title',
  title_string: 'd.title',
  metadata_modified: 'd.modified',
  metadata_created: 'd.created',
  owner_org: 'd.organization_id',
};
export const FACET_FIELDS = ['organization', 'tags', 'groups', 'res_format', 'license_id', 'region', 'year', 'themes', 'state'];

/** Words of the text query, reduced to letters and digits so that they are safe inside FTS syntax. */
export function textTokens(input: string[]): string[] {
  return words(input.join(' ')).slice(0, 16);
}

/** Solr date maths for range bounds: `NOW`, `NOW-7DAYS`, or an ISO date, normalised to toISOString(). */
export function dateBound(v: string | null, now: Date): string | null {
  if (v === null) return null;
  const m = /^NOW(?:([+-])(\d+)(DAY|DAYS|HOUR|HOURS|MONTH|MONTHS|YEAR|YEARS))?(?:\/DAY)?$/.exec(v);
  if (m) {
    const d = new Date(now);
    const n = m[2] ? Number(m[2]) * (m[1] === '-' ? -1 : 1) : 0;
    const unit = m[3] ?? 'DAY';
    if (unit.startsWith('DAY')) d.setUTCDate(d.getUTCDate() + n);
    else if (unit.startsWith('HOUR')) d.setUTCHours(d.getUTCHours() + n);
    else if (unit.startsWith('MONTH')) d.setUTCMonth(d.getUTCMonth() + n);
    else d.setUTCFullYear(d.getUTCFullYear() + n);
    return d.toISOString();
  }
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new KotakError('search_query', `Cannot read "${v}" as a date`);
  return new Date(t).toISOString();
}

function clauseSql(c: Clause, now: Date): RawBuilder<unknown> {
  const col = COLUMNS[c.field];
  let cond: RawBuilder<unknown>;
  if (col) {
    const ref = sql.raw(col);
    if (c.kind === 'term') cond = sql`${ref} = ${c.value}`;
    else {
      const isDate = c.field.startsWith('metadata_');
      const from = isDate ? dateBound(c.from, now) : c.from;
      const to = isDate ? dateBound(c.to, now) : c.to;
      cond = sql`(${from === null ? sql`1=1` : sql`${ref} >= ${from}`} AND ${to === null ? sql`1=1` : sql`${ref} <= ${to}`})`;
    }
  } else {
    const field = c.field === 'organization_name' ? 'organization' : c.field;
    if (!FACET_FIELDS.includes(field)) throw new KotakError('search_query', `Unknown field "${c.field}" in the filter query`);
    const match =
      c.kind === 'term'
        ? sql`f.value = ${c.value}`
        : sql`${c.from === null ? sql`1=1` : sql`f.value >= ${c.from}`} AND ${c.to === null ? sql`1=1` : sql`f.value <= ${c.to}`}`;
    cond = sql`EXISTS (SELECT 1 FROM dataset_facets f WHERE f.dataset_id = d.id AND f.field = ${field} AND ${match})`;
  }
  return c.negate ? sql`NOT ${cond}` : cond;
}

function visibilitySql(v: Visibility): RawBuilder<unknown> {
  const inList = (ids: string[]) => (ids.length ? sql`d.organization_id IN (${sql.join(ids)})` : sql`1=0`);
  const priv = v.privateOrgs === 'all' ? sql`1=1` : sql`(d.private = 0 OR ${inList(v.privateOrgs)})`;
  const state = v.draftOrgs === 'all' ? sql`d.state IN ('active', 'draft')` : sql`(d.state = 'active' OR (d.state = 'draft' AND ${inList(v.draftOrgs)}))`;
  return sql`${priv} AND ${state}`;
}

function ftsSource(dialect: Dialect, tokens: string[]): RawBuilder<unknown> {
  if (dialect === 'sqlite') {
    const match = tokens.map((t) => `"${t}"*`).join(' ');
    // bm25 weights per column: dataset_id, title, description, tags, resources. Lower bm25 is better.
    return sql`(SELECT dataset_id, -bm25(dataset_fts, 0, 10, 2, 5, 1) AS score FROM dataset_fts WHERE dataset_fts MATCH ${match})`;
  }
  const q = tokens.map((t) => `${t}:*`).join(' & ');
  return sql`(SELECT dataset_id, ts_rank(document, to_tsquery('simple', ${q})) AS score FROM dataset_fts WHERE document @@ to_tsquery('simple', ${q}))`;
}

export async function searchDatasets(db: Executor, dialect: Dialect, q: SearchQuery, now: Date): Promise<SearchOutcome> {
  const tokens = textTokens(q.text);
  const from = tokens.length
    ? sql`datasets d JOIN ${ftsSource(dialect, tokens)} s ON s.dataset_id = d.id`
    : sql`datasets d`;
  const conds: RawBuilder<unknown>[] = [visibilitySql(q.visibility)];
  for (const group of q.filters) {
    if (group.length === 0) continue;
    const parts = group.map((c) => clauseSql(c, now));
    conds.push(parts.length === 1 ? parts[0]! : sql`(${sql.join(parts, sql` OR `)})`);
  }
  const where = sql.join(conds, sql` AND `);
  const score = tokens.length ? sql`s.score` : sql`0`;

  const order: RawBuilder<unknown>[] = [];
  for (const s of q.sort) {
    const dir = sql.raw(s.dir === 'asc' ? 'ASC' : 'DESC');
    if (s.field === 'score' || s.field === 'rank') {
      if (tokens.length) order.push(sql`s.score ${dir}`);
    } else if (COLUMNS[s.field]) order.push(sql`${sql.raw(COLUMNS[s.field]!)} ${dir}`);
    else throw new KotakError('search_query', `Cannot sort by "${s.field}"`);
  }
  order.push(sql`d.id ASC`);

  const pageRows = await sql<{ id: string }>`SELECT d.id AS id, ${score} AS score FROM ${from} WHERE ${where} ORDER BY ${sql.join(order)} LIMIT ${q.rows} OFFSET ${q.start}`.execute(db);
  let count: number;
  if (q.start === 0 && pageRows.rows.length < q.rows) count = pageRows.rows.length;
  else {
    const c = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${from} WHERE ${where}`.execute(db);
    count = Number(c.rows[0]?.n ?? 0);
  }

  const facets: SearchOutcome['facets'] = {};
  for (const field of q.facetFields) {
    const f = field === 'organization_name' ? 'organization' : field;
    if (!FACET_FIELDS.includes(f)) throw new KotakError('search_query', `Cannot facet on "${field}"`);
    if (count === 0) {
      facets[field] = [];
      continue;
    }
    const rows = await sql<{ value: string; n: number }>`SELECT f.value AS value, COUNT(*) AS n FROM dataset_facets f WHERE f.field = ${f} AND f.dataset_id IN (SELECT d.id FROM ${from} WHERE ${where}) GROUP BY f.value ORDER BY n DESC, f.value ASC LIMIT ${q.facetLimit}`.execute(db);
    facets[field] = rows.rows.map((r) => ({ value: r.value, count: Number(r.n) }));
  }
  return { count, ids: pageRows.rows.map((r) => r.id), facets };
}
