import { describe, expect, it } from 'vitest';
import { parseFq } from '../src/catalog/fq.js';

describe('catalog.fq', () => {
  it('parses a single field term', () => {
    expect(parseFq('organization:kpu-banten').filters).toEqual([[{ kind: 'term', field: 'organization', value: 'kpu-banten', negate: false }]]);
  });
  it('parses a negated term', () => {
    expect(parseFq('-organization:x').filters).toEqual([[{ kind: 'term', field: 'organization', value: 'x', negate: true }]]);
  });
  it('joins OR into one disjunction and spaces into a conjunction', () => {
    const f = parseFq('organization:a OR organization:b tags:x').filters;
    expect(f).toHaveLength(2);
    expect(f[0]!.map((c) => (c as { value: string }).value)).toEqual(['a', 'b']);
  });
  it('parses a grouped OR and quoted values', () => {
    const f = parseFq('res_format:(CSV OR "JSON LD")').filters;
    expect(f[0]!.map((c) => (c as { value: string }).value)).toEqual(['CSV', 'JSON LD']);
  });
  it('parses an open range', () => {
    expect(parseFq('metadata_modified:[2024-01-01T00:00:00Z TO *]').filters).toEqual([
      [{ kind: 'range', field: 'metadata_modified', from: '2024-01-01T00:00:00Z', to: null, negate: false }],
    ]);
  });
  it('treats *:* as match-all and keeps free words as text', () => {
    expect(parseFq('*:*')).toEqual({ filters: [], text: [] });
    expect(parseFq('pemilu tags:tps').text).toEqual(['pemilu']);
  });
  it('rejects an unclosed range with a Search Query Error', () => {
    expect(() => parseFq('metadata_modified:[2024 TO *')).toThrowError(/Unclosed range/);
  });
});
