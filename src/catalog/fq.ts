/**
 * A parser for the subset of Solr query syntax that CKAN clients and harvesters send in `fq`, `fq_list` and
 * fielded `q` (STANDARDS.md, package_search): `field:value`, `field:"quoted"`, `-field:value`, `+field:value`,
 * `a OR b`, `field:(a OR b)`, `field:[from TO to]` with `*`, `*:*`, and `AND` between clauses.
 * The result is a conjunction of disjunctions; the store turns it into SQL.
 *
 * @example
 *   parseFq('organization:kpu-banten -tags:draft res_format:CSV OR res_format:JSON')
 */
import { KotakError } from '../errors.js';

export type Clause =
  | { kind: 'term'; field: string; value: string; negate: boolean }
  | { kind: 'range'; field: string; from: string | null; to: string | null; negate: boolean };

/** AND of ORs. An empty list matches everything. */
export type FilterQuery = Clause[][];

type Token = { t: 'word'; v: string; quoted: boolean } | { t: 'op'; v: 'OR' | 'AND' } | { t: '(' } | { t: ')' } | { t: 'range'; v: string };

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      out.push({ t: c });
      i++;
      continue;
    }
    if (c === '[' || c === '{') {
      const end = s.indexOf(c === '[' ? ']' : '}', i);
      if (end < 0) throw new KotakError('search_query', `Unclosed range in "${s}"`);
      out.push({ t: 'range', v: s.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let v = '';
      while (j < s.length && s[j] !== '"') {
        if (s[j] === '\\' && j + 1 < s.length) j++;
        v += s[j];
        j++;
      }
      if (j >= s.length) throw new KotakError('search_query', `Unclosed quote in "${s}"`);
      out.push({ t: 'word', v, quoted: true });
      i = j + 1;
      continue;
    }
    let j = i;
    let v = '';
    while (j < s.length && !/[\s()"[{]/.test(s[j]!)) {
      if (s[j] === '\\' && j + 1 < s.length) j++;
      v += s[j];
      j++;
      if (v.endsWith(':')) break; // a field name ends here; its value is the next token
    }
    if (v === 'OR' || v === '||') out.push({ t: 'op', v: 'OR' });
    else if (v === 'AND' || v === '&&') out.push({ t: 'op', v: 'AND' });
    else out.push({ t: 'word', v, quoted: false });
    i = j;
  }
  return out;
}

function parseRange(field: string, body: string, negate: boolean): Clause {
  const m = /^\s*(\S+)\s+TO\s+(\S+)\s*$/.exec(body);
  if (!m) throw new KotakError('search_query', `Range must be [from TO to], got [${body}]`);
  const norm = (x: string) => (x === '*' ? null : x.replace(/^"|"$/g, ''));
  return { kind: 'range', field, from: norm(m[1]!), to: norm(m[2]!), negate };
}

/**
 * Parses one fq string. Free words without a field are returned in `text` (they belong to the full-text query).
 */
export function parseFq(input: string): { filters: FilterQuery; text: string[] } {
  const tokens = tokenize(input);
  const filters: FilterQuery = [];
  const text: string[] = [];
  let pendingOr = false;
  let i = 0;
  const pushClauses = (cs: Clause[]) => {
    if (pendingOr && filters.length > 0) filters[filters.length - 1]!.push(...cs);
    else filters.push(cs);
    pendingOr = false;
  };
  while (i < tokens.length) {
    const tok = tokens[i]!;
    if (tok.t === 'op') {
      if (tok.v === 'OR') pendingOr = true;
      i++;
      continue;
    }
    if (tok.t !== 'word') throw new KotakError('search_query', `Unexpected "${tok.t === 'range' ? '[' : tok.t}" in "${input}"`);
    let word = tok.v;
    let negate = false;
    if (!tok.quoted && (word.startsWith('-') || word.startsWith('+') || word.startsWith('!'))) {
      negate = word[0] !== '+';
      word = word.slice(1);
    }
    if (!tok.quoted && word.endsWith(':')) {
      const field = word.slice(0, -1);
      const next = tokens[i + 1];
      if (!next) throw new KotakError('search_query', `Missing value after "${field}:" in "${input}"`);
      if (next.t === 'range') {
        pushClauses([parseRange(field, next.v, negate)]);
        i += 2;
        continue;
      }
      if (next.t === '(') {
        const group: Clause[] = [];
        let j = i + 2;
        for (; j < tokens.length && tokens[j]!.t !== ')'; j++) {
          const g = tokens[j]!;
          if (g.t === 'word') group.push({ kind: 'term', field, value: g.v, negate });
          else if (g.t !== 'op') throw new KotakError('search_query', `Unexpected token inside ( ) in "${input}"`);
        }
        if (j >= tokens.length) throw new KotakError('search_query', `Unclosed "(" in "${input}"`);
        if (negate) for (const c of group) pushClauses([c]);
        else pushClauses(group);
        i = j + 1;
        continue;
      }
      if (next.t !== 'word') throw new KotakError('search_query', `Missing value after "${field}:" in "${input}"`);
      if (field === '*' && next.v === '*') {
        i += 2;
        continue;
      }
      pushClauses([{ kind: 'term', field, value: next.v, negate }]);
      i += 2;
      continue;
    }
    if (word === '*' || word === '*:*') {
      i++;
      continue;
    }
    text.push(word);
    pendingOr = false;
    i++;
  }
  return { filters, text };
}
