import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/catalog/types.js';
import { MQA_METRICS, mqaBand, officeMqaPoints } from '../../src/maturity/mqa.js';
import { fullDataset, org, resource } from './build.js';
import { config, officeEvidence } from './evidence.js';

async function mqaOf(ds: Dataset) {
  const ev = await officeEvidence([ds]);
  return ev.mqa.get(ds.id)!;
}

describe('maturity.mqa', () => {
  it('has 23 metrics worth 405 points together', () => {
    expect(MQA_METRICS).toHaveLength(23);
    expect(MQA_METRICS.reduce((s, m) => s + config.indicators[m.id]!, 0)).toBe(405);
  });

  it('scores a fully described dataset 405', async () => {
    const m = await mqaOf(fullDataset());
    expect(Object.entries(m.met).filter(([, ok]) => !ok)).toEqual([]);
    expect(m.points).toBe(405);
  });

  // Each row: what is removed, what it costs (the points of every metric reading that property), and why.
  const cases: Array<[string, Partial<Dataset>, number]> = [
    ['keywords (dcat:keyword 30)', { tags: [] }, 30],
    ['themes (dcat:theme 30)', { themes: [] }, 30],
    ['spatial coverage (dct:spatial 20)', { spatial: [] }, 20],
    ['temporal coverage (dct:temporal 20)', { temporalStart: null, temporalEnd: null }, 20],
    ['description (mandatory: DCAT-AP compliance 30)', { description: '' }, 30],
    ['title (mandatory: DCAT-AP compliance 30)', { title: '' }, 30],
    ['licence (licence 20 + licence vocabulary 10)', { licenseId: null }, 30],
    ['licence from the EU vocabulary (10)', { licenseId: 'other-open' }, 10],
    ['access rights (10 + vocabulary 5)', { accessRights: null }, 15],
    ['access rights from the vocabulary (5)', { accessRights: 'terbuka untuk umum' }, 5],
    ['contact point (20)', { contactName: null, contactEmail: null, organization: { id: 'no-mail', name: 'x', title: 'X', regionCode: null }, organizationId: 'no-mail' }, 20],
    ['rights statement (dct:rights 5)', { extras: {} }, 5],
    ['issue date (dct:issued 5)', { created: '' }, 5],
    ['modification date (dct:modified 5)', { modified: '' }, 5],
  ];

  it.each(cases)('costs exactly its points when the dataset lacks %s', async (_what, change, cost) => {
    const m = await mqaOf(fullDataset(change));
    expect(405 - m.points).toBe(cost);
  });

  const resourceCases: Array<[string, Parameters<typeof resource>[0], number]> = [
    ['format (dct:format 20; media type still classifies the file)', { format: '' }, 20],
    ['media type (dcat:mediaType 10)', { mediaType: null }, 10],
    ['byte size (dcat:byteSize 5)', { size: null }, 5],
    ['a working link (access URL 50 + download URL answers 30)', { linkStatus: { ok: false, httpStatus: 404, checkedAt: '2025-01-01T00:00:00Z' } }, 80],
    ['a download URL (a web page: download URL 20 + its answer 30, machine-readable 20)', { urlType: null, url: 'https://kpu.go.id/hasil', format: 'HTML', mediaType: 'text/html' }, 20 + 30 + 20],
    ['an access URL (mandatory: access 50, download 20 + 30, DCAT-AP 30)', { url: '' }, 130],
    ['a machine-readable, open format (PDF: non-proprietary 20 + machine-readable 20)', { format: 'PDF', mediaType: 'application/pdf' }, 40],
    ['an open format (XLSX: non-proprietary 20)', { format: 'XLSX', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, 20],
  ];

  it.each(resourceCases)('costs exactly its points when the only distribution lacks %s', async (_what, change, cost) => {
    const m = await mqaOf(fullDataset({ resources: [resource(change)] }));
    expect(405 - m.points).toBe(cost);
  });

  it('counts a distribution-level metric when the best distribution meets it', async () => {
    const ds = fullDataset({ resources: [resource({ id: 'pdf', format: 'PDF', mediaType: 'application/pdf' }), resource({ id: 'csv', position: 1 })] });
    const m = await mqaOf(ds);
    expect(m.points).toBe(405);
    expect(m.by['mqa.machine-readable']).toEqual(['csv']);
    expect(m.by['mqa.format']).toEqual(['pdf', 'csv']);
  });

  it('scores an office as the share of datasets meeting each metric times its points', async () => {
    // Hand-worked: 2 datasets; one full (405), one without keywords and themes (345).
    // Office = 405 − ½·30 − ½·30 = 375, the mean of the two.
    const ev = await officeEvidence([fullDataset(), fullDataset({ id: 'ds-2', name: 'b', tags: [], themes: [] })]);
    expect(officeMqaPoints([...ev.mqa.values()], config.indicators)).toBe(375);
  });

  it('scores an office without datasets 0', () => {
    expect(officeMqaPoints([], config.indicators)).toBe(0);
  });

  it('puts a score in the MQA band it reaches', () => {
    expect([405, 351, 350, 221, 220, 121, 120, 0].map((p) => mqaBand(p, config.mqaBands).name.en)).toEqual([
      'Excellent', 'Excellent', 'Good', 'Good', 'Sufficient', 'Sufficient', 'Bad', 'Bad',
    ]);
  });

  it('keeps the organisation e-mail as the contact point when the dataset names none', async () => {
    const m = await mqaOf(fullDataset({ contactName: null, contactEmail: null }));
    expect(m.met['mqa.contact-point']).toBe(true);
    expect(org().email).not.toBeNull();
  });
});
