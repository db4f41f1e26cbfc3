import { describe, expect, it } from 'vitest';
import { DataFactory } from 'n3';
import { catalogQuads, datasetQuads } from '../../src/catalog/dcat/catalog.js';
import { DatasetValidator, validateQuads } from '../../src/catalog/dcat/validate.js';
import type { Dataset } from '../../src/catalog/types.js';
import { dcatContext, fullDataset, resource } from '../maturity/build.js';

const ctx = dcatContext();
const DCT = 'http://purl.org/dc/terms/';
const DCAT = 'http://www.w3.org/ns/dcat#';

async function violationsOf(ds: Dataset) {
  const { quads, roles } = datasetQuads(ds, ctx);
  return (await validateQuads(quads, roles)).violations.map((v) => ({ focus: v.focus, path: v.path, constraint: v.constraint }));
}

describe('dcat.validate', () => {
  it('finds zero violations in a fully described dataset', async () => {
    expect(await violationsOf(fullDataset())).toEqual([]);
  });

  it('reports exactly the missing description when a dataset has none', async () => {
    expect(await violationsOf(fullDataset({ description: '   ' }))).toEqual([
      { focus: 'dataset', path: `${DCT}description`, constraint: 'MinCountConstraintComponent' },
    ]);
  });

  it('reports exactly the missing title when a dataset has none', async () => {
    expect(await violationsOf(fullDataset({ title: '' }))).toEqual([
      { focus: 'dataset', path: `${DCT}title`, constraint: 'MinCountConstraintComponent' },
    ]);
  });

  it('reports the missing access URL on the distribution that lacks it', async () => {
    const ds = fullDataset({ resources: [resource(), resource({ id: 'res-2', url: '', position: 1 })] });
    expect(await violationsOf(ds)).toEqual([
      { focus: 'distribution:1', path: `${DCAT}accessURL`, constraint: 'MinCountConstraintComponent' },
    ]);
  });

  it('finds no violations in a dataset with only a title and a description (the rest is recommended, not mandatory)', async () => {
    const bare = fullDataset({
      tags: [], themes: [], spatial: [], temporalStart: null, temporalEnd: null, frequency: null, contactName: null,
      contactEmail: null, accessRights: null, version: null, licenseId: null, extras: {}, resources: [],
    });
    expect(await violationsOf(bare)).toEqual([]);
  });

  it('applies the range shapes of ranges.ttl: a theme that is not a skos:Concept is a class violation', async () => {
    const { quads, roles } = datasetQuads(fullDataset(), ctx);
    const theme = 'http://publications.europa.eu/resource/authority/data-theme/GOVE';
    const withoutType = quads.filter((q) => !(q.subject.value === theme && q.predicate.value.endsWith('#type')));
    const out = await validateQuads(withoutType, roles);
    expect(out.violations.map((v) => [v.focus, v.path, v.constraint])).toEqual([
      ['dataset', `${DCAT}theme`, 'ClassConstraintComponent'],
    ]);
  });

  it('reports a skos:Concept without a preferred label (skos:ConceptShape)', async () => {
    const { quads, roles } = datasetQuads(fullDataset(), ctx);
    const noLabel = quads.filter((q) => !q.predicate.value.endsWith('core#prefLabel') || !q.subject.value.includes('frequency'));
    const out = await validateQuads(noLabel, roles);
    expect(out.violations).toHaveLength(1);
    expect(out.violations[0]!.constraint).toBe('MinCountConstraintComponent');
    expect(out.violations[0]!.focusNode).toBe('http://publications.europa.eu/resource/authority/frequency/IRREG');
  });

  it('validates a whole catalogue with zero violations and leaves private datasets out', async () => {
    const datasets = [
      fullDataset(),
      fullDataset({ id: 'ds-2', name: 'dpt-2024', resources: [resource({ id: 'r2', datasetId: 'ds-2', format: 'PDF', mediaType: 'application/pdf' })] }),
      fullDataset({ id: 'ds-3', name: 'rahasia', private: true }),
    ];
    const quads = catalogQuads(
      { title: 'Portal Data Pemilu Banten', description: 'Data pemilu KPU se-Banten', publisher: { name: 'KPU Provinsi Banten' } },
      datasets,
      ctx,
    );
    const out = await validateQuads(quads);
    expect(out.violations).toEqual([]);
    const listed = quads.filter((q) => q.predicate.value === `${DCAT}dataset`).map((q) => q.object.value);
    expect(listed).toEqual(['https://data.example.go.id/dataset/ds-1', 'https://data.example.go.id/dataset/ds-2']);
  });

  it('a catalogue without a description is a catalogue violation', async () => {
    const quads = catalogQuads({ title: 'T', description: 'D', publisher: { name: 'P' } }, [], ctx).filter(
      (q) => !(q.predicate.value === `${DCT}description`),
    );
    const out = await validateQuads(quads);
    expect(out.violations.map((v) => v.path)).toEqual([`${DCT}description`]);
  });
});

describe('dcat.validate memoised by structure', () => {
  const variants: Dataset[] = [
    fullDataset(),
    fullDataset({ id: 'x1', name: 'other-name', title: 'Another title', description: 'Other', tags: ['a', 'b', 'c'] }),
    fullDataset({ id: 'x2', description: '' }),
    fullDataset({ id: 'x3', title: '', description: '' }),
    fullDataset({ id: 'x4', resources: [resource({ url: '' })] }),
    fullDataset({ id: 'x5', resources: [resource({ format: 'Excel 97', mediaType: null, size: null, sha256: null })] }),
    fullDataset({ id: 'x6', accessRights: 'terbuka', licenseId: 'other-open', themes: ['ELEC'] }),
    fullDataset({ id: 'x7', resources: [resource({ id: 'a' }), resource({ id: 'b', url: '', position: 1 })] }),
    fullDataset({ id: 'x8', resources: [resource({ id: 'a', url: '' }), resource({ id: 'b', position: 1 })] }),
  ];

  it('returns for every variant what a fresh validation returns, naming this dataset’s nodes', async () => {
    const memo = new DatasetValidator();
    for (const ds of [...variants, ...variants]) {
      const got = await memo.validate(ds, ctx);
      const { quads, roles } = datasetQuads(ds, ctx);
      const fresh = await validateQuads(quads, roles);
      expect(got.conforms).toBe(fresh.conforms);
      expect(got.violations.map((v) => [v.focus, v.focusNode, v.path, v.constraint])).toEqual(
        fresh.violations.map((v) => [v.focus, v.focus === 'node' ? '' : v.focusNode, v.path, v.constraint]),
      );
    }
    expect(memo.fresh).toBe(memo.size);
    expect(memo.reused).toBeGreaterThanOrEqual(variants.length);
  });

  it('reuses one result for datasets that differ only in their values', async () => {
    const memo = new DatasetValidator();
    await memo.validate(fullDataset(), ctx);
    await memo.validate(fullDataset({ id: 'other', name: 'lain', title: 'Judul lain', tags: ['x', 'y', 'z'] }), ctx);
    expect([memo.fresh, memo.reused]).toEqual([1, 1]);
  });
});

describe('dcat.validate helpers', () => {
  it('keeps the literal datatype used for byte size', () => {
    const { quads } = datasetQuads(fullDataset(), ctx);
    const size = quads.find((q) => q.predicate.value === `${DCAT}byteSize`);
    expect(size?.object).toEqual(DataFactory.literal('123456', DataFactory.namedNode('http://www.w3.org/2001/XMLSchema#nonNegativeInteger')));
  });
});
