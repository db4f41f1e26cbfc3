/**
 * src/store/results/coverage.ts on both databases, over the hand-made portal of test/maturity/results-fixture.ts
 * (its header lists every region, TPS and timestamp the expected counts below are worked out from).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  coverageContests,
  datasetRefs,
  earliestSourceTimestamp,
  expectedUnits,
  importsTouching,
  officialFigures,
  publishedUnits,
  regionOf,
} from '../../src/store/results/coverage.js';
import { earliestSourceMs, hasVotes, parseSourceTime, sourceTimestampOf, votingDayFloor } from '../../src/results/source-time.js';
import { DIALECTS } from '../support/app.js';
import { ELECTION, NOW, resultsFixture, type ResultsFixture } from '../maturity/results-fixture.js';

const E = ELECTION.id;

describe('source timestamps of normalised lines', () => {
  it('reads the second-to-last field, and nothing from a line without one', () => {
    expect(sourceTimestampOf('3673011001001,3673011001,100,50,30,180,5,185,250,185,180,3,2,2024-02-20 07:00:00,2')).toBe('2024-02-20 07:00:00');
    expect(sourceTimestampOf('3673021001002,3673021001,,,,,,,,,,,,,0')).toBeNull();
  });

  it('takes a time without a zone as WIB (UTC+7), a time with one as written, and refuses anything else', () => {
    expect(new Date(parseSourceTime('2024-02-14 21:46:01')!).toISOString()).toBe('2024-02-14T14:46:01.000Z');
    expect(new Date(parseSourceTime('2024-02-21T00:00:00Z')!).toISOString()).toBe('2024-02-21T00:00:00.000Z');
    expect(new Date(parseSourceTime('2024-02-21T08:00:00+0800')!).toISOString()).toBe('2024-02-21T00:00:00.000Z');
    expect(parseSourceTime('21/02/2024')).toBeNull();
  });
});

describe('earliest source time of a desa row, read from its bytes', () => {
  const floor = votingDayFloor('2024-02-14');
  const line = (tps: string, votes: string, ts: string) => `${tps},${tps.slice(0, 10)},${votes},,,,,,,,,${ts},1`;
  /** The rules line by line, on strings: what the byte reader must agree with. */
  const byLines = (data: string, votes: number) => {
    let best = Infinity;
    for (const l of data.split('\n')) {
      const ts = sourceTimestampOf(l);
      const ms = ts && hasVotes(l, votes) ? parseSourceTime(ts) : null;
      if (ms !== null && ms >= floor && ms < best) best = ms;
    }
    return best === Infinity ? -1 : best;
  };
  const cases: [string, string[]][] = [
    ['plain WIB stamps, the earliest wins', [line('3673011001001', '1,2,3', '2024-02-20 07:00:00'), line('3673011001002', '4,5,6', '2024-02-19 23:59:59')]],
    ['a line without votes does not count', [line('3673011001001', ',,', '2024-02-15 07:00:00'), line('3673011001002', ',,7', '2024-02-16 07:00:00')]],
    ['before voting day is left out', [line('3673011001001', '1,2,3', '2024-02-13 23:00:00'), line('3673011001002', '1,2,3', '2024-02-14 00:00:00')]],
    ['zones, T, fractions, the 29th of February and repeats', [
      line('3673011001001', '1,,', '2024-02-21T00:00:00Z'), line('3673011001002', '1,,', '2024-02-21T08:00:00+0800'),
      line('3673011001003', '1,,', '2024-02-29 01:00:00'), line('3673011001004', '1,,', '2024-02-29 01:00:00'), line('3673011001005', '1,,', '2024-02-18 10:00:00.5'),
    ]],
    ['impossible dates and other shapes are no time', [line('3673011001001', '1,,', '2024-13-01 00:00:00'), line('3673011001002', '1,,', '2024-02-31 00:00:00'), line('3673011001003', '1,,', '21/02/2024'), line('3673011001004', '1,,', '')]],
    ['no lines', ['']],
  ];
  for (const [name, lines] of cases) {
    it(name, () => {
      const data = lines.join('\n');
      expect(earliestSourceMs(data, 3, floor)).toBe(byLines(data, 3));
      expect(earliestSourceMs(Buffer.from(data), 3, floor)).toBe(byLines(data, 3));
    });
  }
  it('finds the right stamp in the ordinary case', () => {
    const data = cases[0]![1].join('\n');
    expect(new Date(earliestSourceMs(data, 3, floor)).toISOString()).toBe('2024-02-19T16:59:59.000Z');
  });
});

describe.each(DIALECTS)('results coverage queries on %s', (dialect) => {
  let f: ResultsFixture;
  const db = () => f.t.app.services.database.db;
  beforeAll(async () => {
    f = await resultsFixture(dialect);
  });
  afterAll(async () => f?.t.close());

  it('lists every contest with its election date and region', async () => {
    expect((await coverageContests(db())).map((c) => [c.electionId, c.electionDate, c.contestId, c.kind, c.regionCode])).toEqual([
      [E, '2024-02-14', 'ppwp', 'ppwp', null],
      [E, '2024-02-14', 'walikota-cilegon', 'walikota', '3672'],
    ]);
  });

  it('finds regions of the election tree and not others', async () => {
    expect(await regionOf(db(), E, '3673')).toEqual({ code: '3673', name: 'Kota Serang', level: 'kabupaten_kota' });
    expect(await regionOf(db(), E, '3601')).toBeNull();
  });

  it('counts kecamatan and desa of the region tree within a region', async () => {
    expect(await expectedUnits(db(), E, '36')).toEqual({ kecamatan: 3, desa: 5 });
    expect(await expectedUnits(db(), E, '3673')).toEqual({ kecamatan: 2, desa: 3 });
    expect(await expectedUnits(db(), E, '367201')).toEqual({ kecamatan: 1, desa: 2 });
    expect(await expectedUnits(db(), E, 'ID')).toEqual({ kecamatan: 3, desa: 5 });
  });

  it('counts published TPS (not flagged missing_tps) and the desa and kecamatan holding them', async () => {
    const serang = await publishedUnits(db(), E, 'ppwp', '3673');
    expect(serang.tps).toEqual({ listed: 5, published: 3 });
    expect([...serang.desa].sort()).toEqual(['3673011001', '3673021001']);
    expect([...serang.kecamatan].sort()).toEqual(['367301', '367302']);
    const cilegon = await publishedUnits(db(), E, 'ppwp', '3672');
    expect([cilegon.tps, cilegon.desa.size, cilegon.kecamatan.size]).toEqual([{ listed: 0, published: 0 }, 0, 0]);
    expect((await publishedUnits(db(), E, 'ppwp', 'ID')).tps).toEqual({ listed: 5, published: 3 });
  });

  it('finds the imports that overlap a region, either way round', async () => {
    const inProvince = await importsTouching(db(), E, 'ppwp', '36');
    expect(inProvince.map((i) => [i.seq, i.regionCode, i.organizationId, i.tpsNew, i.created])).toEqual([[1, '3673', f.orgs.serang, 5, NOW]]);
    expect((await importsTouching(db(), E, 'ppwp', '367301')).length).toBe(1);
    expect(await importsTouching(db(), E, 'ppwp', '3672')).toEqual([]);
  });

  it('lists official figures with their level and parent, and when they were stored', async () => {
    expect(await officialFigures(db(), E, 'walikota-cilegon', '3672')).toEqual({
      regions: [{ code: '367201', level: 'kecamatan', parentCode: '3672' }],
      firstAt: NOW,
      lastAt: NOW,
    });
    expect((await officialFigures(db(), E, 'walikota-cilegon', '3673')).regions).toEqual([]);
  });

  it('takes the earliest timestamp of a TPS with figures, from voting day on', async () => {
    // A2-001 (2024-02-15, no figures) and B1-001 (2024-02-13, before voting day) do not count.
    expect(await earliestSourceTimestamp(db(), E, 'ppwp', '3673', 3, ELECTION.date)).toBe('2024-02-20T00:00:00.000Z');
    expect(await earliestSourceTimestamp(db(), E, 'ppwp', '367302', 3, ELECTION.date)).toBeNull();
    expect(await earliestSourceTimestamp(db(), E, 'ppwp', '3672', 3, ELECTION.date)).toBeNull();
  });

  it('keeps the earliest stamp of each desa row, and still scans rows stored before that column existed', async () => {
    const rows = await db().selectFrom('results_forms').select(['desa_code', 'first_source_ms']).where('election_id', '=', E).where('contest_id', '=', 'ppwp').orderBy('desa_code').execute();
    expect(rows.some((r) => Number(r.first_source_ms) > 0)).toBe(true);
    expect(rows.every((r) => r.first_source_ms !== null)).toBe(true);
    await db().updateTable('results_forms').set({ first_source_ms: null }).where('election_id', '=', E).execute();
    try {
      expect(await earliestSourceTimestamp(db(), E, 'ppwp', '3673', 3, ELECTION.date)).toBe('2024-02-20T00:00:00.000Z');
      expect(await earliestSourceTimestamp(db(), E, 'ppwp', '367302', 3, ELECTION.date)).toBeNull();
    } finally {
      for (const r of rows) {
        await db().updateTable('results_forms').set({ first_source_ms: r.first_source_ms }).where('election_id', '=', E).where('contest_id', '=', 'ppwp').where('desa_code', '=', r.desa_code).execute();
      }
    }
  });

  it('names a dataset, its office, licence and whether it is public', async () => {
    const [imp] = await importsTouching(db(), E, 'ppwp', '3673');
    const refs = await datasetRefs(db(), [imp!.datasetId!]);
    expect(refs.get(imp!.datasetId!)).toEqual({ id: imp!.datasetId, name: 'hasil-uji-2024-ppwp-kota-serang', organization: 'kpu-kota-serang', licenseId: 'other-open', public: true });
  });
});
