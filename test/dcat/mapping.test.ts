import { describe, expect, it } from 'vitest';
import { Parser } from 'n3';
import { datasetQuads } from '../../src/catalog/dcat/catalog.js';
import { describeDataset } from '../../src/catalog/dcat/describe.js';
import { toJsonLd, toTurtle } from '../../src/catalog/dcat/serialize.js';
import { dcatContext, fullDataset, org, resource } from '../maturity/build.js';

const ctx = dcatContext();
const EU = 'http://publications.europa.eu/resource/authority/';

describe('dcat.describe', () => {
  it('maps vocabulary codes to EU authority and IANA URIs', () => {
    const d = describeDataset(fullDataset(), ctx);
    expect(d.themes.map((t) => t.uri)).toEqual([`${EU}data-theme/GOVE`]);
    expect(d.accessRights).toMatchObject({ vocabulary: true, uri: `${EU}access-right/PUBLIC` });
    expect(d.frequency?.uri).toBe(`${EU}frequency/IRREG`);
    expect(d.spatial).toEqual([{ uri: 'https://data.example.go.id/region/3673', code: '3673', label: 'Kota Serang' }]);
    const dist = d.distributions[0]!;
    expect(dist.format).toMatchObject({ vocabulary: true, uri: `${EU}file-type/CSV` });
    expect(dist.mediaType).toEqual({ uri: 'https://www.iana.org/assignments/media-types/text/csv', value: 'text/csv', registered: true });
    expect(dist.license).toEqual({ uri: `${EU}licence/CC_BY_4_0`, title: 'Creative Commons Attribution 4.0', vocabulary: true });
  });

  it('gives a download URL to uploads and file links, not to web pages', () => {
    const d = describeDataset(
      fullDataset({
        resources: [
          resource({ id: 'up' }),
          resource({ id: 'csv-link', urlType: null, url: 'https://kpu.go.id/a.csv', position: 1 }),
          resource({ id: 'page', urlType: null, url: 'https://kpu.go.id/hasil', format: 'HTML', mediaType: 'text/html', position: 2 }),
          resource({ id: 'unknown', urlType: null, url: 'https://kpu.go.id/x', format: '', mediaType: null, position: 3 }),
        ],
      }),
      ctx,
    );
    expect(d.distributions.map((x) => [x.resourceId, x.downloadURL !== null])).toEqual([
      ['up', true], ['csv-link', true], ['page', false], ['unknown', false],
    ]);
  });

  it('keeps a format label without an EU code as free text, outside the vocabulary', () => {
    const d = describeDataset(fullDataset({ resources: [resource({ format: 'Excel 97' })] }), ctx);
    expect(d.distributions[0]!.format).toEqual({ vocabulary: false, label: 'Excel 97' });
  });

  it('treats the "not specified" licence as no licence, and a licence without an EU URI as outside the vocabulary', () => {
    expect(describeDataset(fullDataset({ licenseId: 'notspecified' }), ctx).distributions[0]!.license).toBeNull();
    expect(describeDataset(fullDataset({ licenseId: 'other-open' }), ctx).distributions[0]!.license).toEqual({
      uri: 'https://data.example.go.id/license/other-open', title: 'Other (Open)', vocabulary: false,
    });
  });

  it('falls back to the office e-mail for the contact point and omits it when there is none', () => {
    const d = describeDataset(fullDataset({ contactName: null, contactEmail: null }), ctx);
    expect(d.contactPoint).toEqual({ name: 'KPU Kota Serang', email: 'ppid@kpu-serangkota.go.id' });
    const noMail = dcatContext([org({ email: null })]);
    expect(describeDataset(fullDataset({ contactName: null, contactEmail: null }), noMail).contactPoint).toBeNull();
  });

  it('drops dates that do not parse rather than exporting invalid literals', () => {
    const d = describeDataset(fullDataset({ temporalStart: '14/02/2024', temporalEnd: null }), ctx);
    expect(d.temporal).toBeNull();
  });
});

describe('dcat.serialize', () => {
  it('writes Turtle that parses back to the same quads', async () => {
    const { quads } = datasetQuads(fullDataset(), ctx);
    const ttl = await toTurtle(quads);
    expect(ttl).toContain('a dcat:Dataset');
    const back = new Parser().parse(ttl);
    expect(back).toHaveLength(quads.length);
    const key = (q: { subject: { termType: string; value: string }; predicate: { value: string }; object: { termType: string; value: string } }) =>
      `${q.subject.termType === 'BlankNode' ? '_' : q.subject.value} ${q.predicate.value} ${q.object.termType === 'BlankNode' ? '_' : q.object.value}`;
    expect(back.map(key).sort()).toEqual(quads.map(key).sort());
  });

  it('writes compact JSON-LD with an inline context and the dataset typed dcat:Dataset', async () => {
    const doc = await toJsonLd(datasetQuads(fullDataset(), ctx).quads);
    expect((doc['@context'] as Record<string, string>)['dcat']).toBe('http://www.w3.org/ns/dcat#');
    const graph = doc['@graph'] as Array<Record<string, unknown>>;
    const ds = graph.find((n) => n['@id'] === 'https://data.example.go.id/dataset/ds-1');
    expect(ds?.['@type']).toBe('dcat:Dataset');
    expect(ds?.['dct:title']).toEqual({ '@language': 'id', '@value': 'Hasil Pemilu Presiden 2024 Kota Serang per TPS' });
  });
});
