import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KotakError } from '../../src/errors.js';
import { ppwp, readAll, tmpDir, writeTmp } from './support/fixtures.js';
import { makeZip } from './support/zip.js';

const contest = ppwp();

/** A Sirekap hhcw TPS document as KPU served it (zakiego/data-pemilu-2024-dump shape). */
function doc(a: number, b: number, c: number, adm = true) {
  return {
    chart: { null: null, '100025': a, '100026': b, '100027': c },
    images: ['https://sirekap-obj-formc.kpu.go.id/1.jpg', 'https://sirekap-obj-formc.kpu.go.id/2.jpg', null],
    administrasi: adm
      ? {
          suara_sah: a + b + c, suara_total: a + b + c + 2, pemilih_dpt_j: 300, pemilih_dpt_l: 150, pemilih_dpt_p: 150,
          pengguna_dpt_j: a + b + c, pengguna_dptb_j: 1, pengguna_non_dpt_j: 1, suara_tidak_sah: 2, pengguna_total_j: a + b + c + 2,
        }
      : null,
    psu: null,
    ts: '2024-02-16 09:30:28',
    status_suara: true,
    status_adm: adm,
  };
}

async function fails(p: string): Promise<KotakError> {
  const err = await readAll(p, contest).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(KotakError);
  return err as KotakError;
}

describe('results.import Sirekap JSON', () => {
  it('reads one TPS file, taking the TPS code from the file name and candidates from chart ids', async () => {
    const b = await readAll(writeTmp('3673011001001.json', JSON.stringify(doc(98, 118, 10))), contest);
    expect(b.form(0)).toMatchObject({
      tps: '3673011001001',
      votes: [98, 118, 10],
      timestamp: '2024-02-16 09:30:28',
      photos: 2,
      admin: { valid: 226, invalid: 2, ballotsUsed: 228, registered: 300, voters: 228, votersDpt: 226, votersDptb: 1, votersDpk: 1 },
    });
  });

  it('gives null figures for a chart and administrasi not entered yet', async () => {
    const b = await readAll(writeTmp('3673011001001.json', JSON.stringify({ chart: null, administrasi: null, images: [], ts: null })), contest);
    expect(b.form(0).votes).toEqual([null, null, null]);
    expect(b.form(0).admin.valid).toBeNull();
  });

  it('reads a JSON Lines dump of {url, data} records, TPS code from the url', async () => {
    const url = (t: string) => `https://sirekap-obj-data.kpu.go.id/pemilu/hhcw/ppwp/36/3673/367301/3673011001/${t}.json`;
    const text = [JSON.stringify({ url: url('3673011001001'), data: doc(1, 2, 3) }), JSON.stringify({ url: url('3673011001002'), data: doc(4, 5, 6) })].join('\n');
    const b = await readAll(writeTmp('dump.jsonl', text), contest);
    expect([b.tps(0), b.tps(1)]).toEqual(['3673011001001', '3673011001002']);
    expect(b.form(1)).toMatchObject({ row: 2, votes: [4, 5, 6] });
  });

  it('reads a folder of TPS files (nested as KPU serves them)', async () => {
    const dir = tmpDir();
    mkdirSync(join(dir, '3673011001'), { recursive: true });
    writeFileSync(join(dir, '3673011001', '3673011001001.json'), JSON.stringify(doc(1, 2, 3)));
    writeFileSync(join(dir, '3673011001', '3673011001002.json'), JSON.stringify(doc(4, 5, 6, false)));
    writeFileSync(join(dir, 'README.txt'), 'not a result');
    const b = await readAll(dir, contest);
    expect(b.length).toBe(2);
    expect(b.form(1)).toMatchObject({ tps: '3673011001002', source: '3673011001/3673011001002.json', votes: [4, 5, 6] });
  });

  it('reads a zip of TPS files', async () => {
    const zip = makeZip([
      { name: '36/3673/3673011001001.json', data: JSON.stringify(doc(1, 2, 3)) },
      { name: '36/3673/3673011001002.json', data: JSON.stringify(doc(4, 5, 6)) },
      { name: '36/', data: '' },
    ]);
    const b = await readAll(writeTmp('tps.zip', zip), contest);
    expect(b.length).toBe(2);
    expect(b.form(0)).toMatchObject({ tps: '3673011001001', source: '36/3673/3673011001001.json', votes: [1, 2, 3] });
  });

  it('rejects a zip with an entry whose path leaves the archive', async () => {
    const zip = makeZip([
      { name: '3673011001001.json', data: JSON.stringify(doc(1, 2, 3)) },
      { name: '../../etc/3673011001002.json', data: JSON.stringify(doc(4, 5, 6)) },
    ]);
    const e = await fails(writeTmp('evil.zip', zip));
    expect(e.message).toMatch(/zip entry "\.\.\/\.\.\/etc\/3673011001002\.json" points outside the archive/);
  });

  it('rejects a zip with an absolute entry path', async () => {
    const e = await fails(writeTmp('evil.zip', makeZip([{ name: '/tmp/3673011001001.json', data: '{}' }])));
    expect(e.message).toMatch(/points outside the archive/);
  });

  it('rejects a truncated zip', async () => {
    const zip = makeZip([{ name: '3673011001001.json', data: JSON.stringify(doc(1, 2, 3)) }]);
    const e = await fails(writeTmp('cut.zip', zip.subarray(0, zip.length - 30)));
    expect(e.message).toMatch(/zip file cannot be read \(damaged or truncated\?\)/);
  });

  it('rejects a truncated JSON file, naming the file', async () => {
    const text = JSON.stringify(doc(1, 2, 3));
    const e = await fails(writeTmp('3673011001001.json', text.slice(0, 40)));
    expect(e.message).toMatch(/^file 3673011001001\.json, row 1: not valid JSON \(truncated\?\)/);
  });

  it('rejects an unknown candidate id in the chart, naming the field', async () => {
    const d = doc(1, 2, 3) as Record<string, unknown>;
    (d.chart as Record<string, unknown>)['100099'] = 5;
    const e = await fails(writeTmp('3673011001001.json', JSON.stringify(d)));
    expect(e.message).toMatch(/column "chart\.100099": unknown candidate id "100099"/);
  });

  it('rejects text in a count and a file name without a TPS code', async () => {
    const d = doc(1, 2, 3) as { administrasi: Record<string, unknown> };
    d.administrasi.suara_sah = 'enam';
    expect((await fails(writeTmp('3673011001001.json', JSON.stringify(d)))).message).toMatch(/"administrasi\.suara_sah".*text in a count/);
    expect((await fails(writeTmp('hasil.json', JSON.stringify(doc(1, 2, 3))))).message).toMatch(/cannot tell which TPS/);
    expect((await fails(writeTmp('367301100100.json', JSON.stringify(doc(1, 2, 3))))).message).toMatch(/cannot tell which TPS/);
  });
});
