/**
 * The two search engines — SQL (SQLite FTS5 / PostgreSQL tsvector) and the in-memory index — answer the same queries
 * with the same datasets, counts and facets, on both databases (a differential test).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../support/app.js';
import { makeDataset, makeGroup, makeOrg, makeUser } from '../support/factories.js';
import { invoke } from '../../src/actions/invoke.js';
import type { SearchResult } from '../../src/actions/dataset.js';
import type { ActionContext } from '../../src/actions/types.js';

const WORDS = ['pemilu', 'hasil', 'suara', 'rekapitulasi', 'pemilih', 'logistik', 'calon', 'partai', 'Kecamatan', 'désa'];

describe.each(DIALECTS)('dataset.search engines on %s', (dialect) => {
  let t: TestApp;
  let sqlCtx: ActionContext;
  let memCtx: ActionContext;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const orgs = [await makeOrg(t, 'kpu-satu'), await makeOrg(t, 'kpu-dua'), await makeOrg(t, 'kpu-tiga')];
    for (const g of ['hasil-pemilu', 'logistik']) await makeGroup(t, g);
    const users = await Promise.all(orgs.map((o) => makeUser(t, { org: o.id })));
    for (let i = 0; i < 45; i++) {
      const k = i % 3;
      await makeDataset(t, users[k]!, orgs[k]!.name, {
        name: `data-${String(i).padStart(2, '0')}`,
        title: `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} nomor ${i}`,
        notes: `Keterangan ${WORDS[(i * 3) % WORDS.length]} tahun ${2019 + (i % 5)}`,
        tags: [WORDS[(i * 5) % WORDS.length]!.toLowerCase(), `t${i % 4}`],
        groups: i % 4 === 0 ? ['hasil-pemilu'] : i % 4 === 1 ? ['logistik'] : [],
        license_id: ['cc-by', 'cc-zero', 'other-closed'][i % 3],
        spatial: [`36${String(1 + (i % 4)).padStart(2, '0')}`],
        temporal_start: `${2019 + (i % 5)}-01-01`,
        private: i % 11 === 0,
        resources: [{ url: `https://example.org/${i}.${['csv', 'json', 'pdf', 'xlsx'][i % 4]}`, name: `berkas ${WORDS[(i * 2) % WORDS.length]}` }],
      });
    }
    sqlCtx = { ...t.system, actor: null, services: { ...t.app.services, config: { ...t.config, searchEngine: 'sql' } } };
    memCtx = { ...t.system, actor: null, services: { ...t.app.services, config: { ...t.config, searchEngine: 'memory' } } };
  });
  afterAll(async () => t?.close());

  const FACETS = ['organization', 'tags', 'groups', 'res_format', 'license_id', 'region', 'year'];
  const cases: Array<Record<string, unknown>> = [
    {},
    { q: 'pemilu' },
    { q: 'pem' },
    { q: 'desa' },
    { q: 'hasil suara' },
    { q: 'berkas logistik' },
    { q: 'tidakada' },
    { fq: 'organization:kpu-satu' },
    { fq: '-organization:kpu-satu res_format:CSV' },
    { fq: 'organization:kpu-dua OR organization:kpu-tiga', q: 'calon' },
    { fq: 'groups:hasil-pemilu' },
    { fq: 'tags:t1 OR tags:t2', sort: 'name desc' },
    { fq: 'region:3602' },
    { fq: 'year:[2020 TO 2021]' },
    { fq: 'license_id:cc-zero', sort: 'title_string asc' },
    { fq: 'metadata_modified:[2000-01-01T00:00:00Z TO *]', sort: 'id asc', rows: 7, start: 14 },
    { q: 'name:data-03' },
    { q: 'tags:pemilu', sort: 'metadata_created desc' },
    { sort: 'id asc', rows: 100 },
  ];

  it.each(cases.map((c) => [JSON.stringify(c), c] as const))('gives the same answer for %s', async (_label, c) => {
    const input = { ...c, 'facet.field': FACETS, rows: (c.rows as number | undefined) ?? 50 };
    const a = await invoke<SearchResult>(sqlCtx, 'dataset.search', input);
    const b = await invoke<SearchResult>(memCtx, 'dataset.search', input);
    expect(b.count).toBe(a.count);
    expect(b.facets).toEqual(a.facets);
    const names = (r: SearchResult) => r.results.map((d) => d.name);
    if (c.q && !c.sort && !String(c.q).includes(':')) expect(new Set(names(b))).toEqual(new Set(names(a)));
    else expect(names(b)).toEqual(names(a));
  });

  it('sees a write made after the index was built', async () => {
    const before = await invoke<SearchResult>(memCtx, 'dataset.search', { q: 'istimewa' });
    expect(before.count).toBe(0);
    await invoke(t.system, 'dataset.patch', { id: 'data-05', title: 'Data istimewa' });
    const after = await invoke<SearchResult>(memCtx, 'dataset.search', { q: 'istimewa' });
    expect(after.results.map((d) => d.name)).toEqual(['data-05']);
    await invoke(t.system, 'dataset.delete', { id: 'data-05' });
    expect((await invoke<SearchResult>(memCtx, 'dataset.search', { q: 'istimewa' })).count).toBe(0);
  });
});
