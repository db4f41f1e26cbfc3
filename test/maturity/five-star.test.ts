import { describe, expect, it } from 'vitest';
import { datasetStars, resourceStars } from '../../src/maturity/five-star.js';
import { formatStars } from '../../src/maturity/formats.js';
import { fullDataset, licenses, resource } from './build.js';

const ccBy = licenses.get('cc-by')!;

describe('maturity five-star openness', () => {
  it('scores formats as ckanext-qa’s table does', () => {
    const table = ['HTML', 'EXE', 'PDF', 'DOCX', 'ZIP', 'XLS', 'XLSX', 'SHP', 'CSV', 'JSON', 'GeoJSON', 'ODS', 'RDF', 'TTL'].map((f) => [f, formatStars(f)]);
    expect(table).toEqual([
      ['HTML', 0], ['EXE', 0], ['PDF', 1], ['DOCX', 1], ['ZIP', 1], ['XLS', 2], ['XLSX', 2], ['SHP', 2],
      ['CSV', 3], ['JSON', 3], ['GeoJSON', 3], ['ODS', 3], ['RDF', 5], ['TTL', 5],
    ]);
  });

  it('gives an unknown format one star, and classifies an unlabelled file by its media type', () => {
    expect(formatStars('Foo')).toBe(1);
    expect(formatStars('', 'text/csv')).toBe(3);
  });

  it('scores 0 when the licence is not open, whatever the format', () => {
    expect(resourceStars(resource(), licenses.get('cc-nc'))).toEqual({ resourceId: 'res-1', stars: 0, reason: 'licence-not-open' });
    expect(resourceStars(resource(), null).stars).toBe(0);
  });

  it('scores 0 when the link check found the link broken', () => {
    const broken = resource({ linkStatus: { ok: false, httpStatus: 500, checkedAt: '2025-01-01T00:00:00Z' } });
    expect(resourceStars(broken, ccBy)).toEqual({ resourceId: 'res-1', stars: 0, reason: 'broken-link' });
  });

  it('scores a dataset by its best resource', () => {
    const ds = fullDataset({ resources: [resource({ id: 'a', format: 'PDF' }), resource({ id: 'b', format: 'XLSX' }), resource({ id: 'c', format: 'CSV', linkStatus: { ok: false, httpStatus: 404, checkedAt: 'x' } })] });
    expect(datasetStars(ds, licenses).stars).toBe(2);
  });
});
