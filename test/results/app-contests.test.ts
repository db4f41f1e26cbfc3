/**
 * Elections and contests through the API, a legislative contest (parties, candidates, dapil) imported as a long CSV
 * upload and as a Sirekap zip, official recap figures with every difference listed, and region answers that follow
 * imports at once — on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../src/actions/invoke.js';
import { DIALECTS, type TestApp } from '../support/app.js';
import { makeUser, type TestUser } from '../support/factories.js';
import { createResultsApp, multipart } from './support/app.js';
import { makeZip } from './support/zip.js';

const E = '/api/v1/elections';

for (const dialect of DIALECTS) {
  describe(`election.create, contest.create and legislative results on ${dialect}`, () => {
    let t: TestApp;
    let admin: TestUser;
    let editor: TestUser;
    beforeAll(async () => {
      t = await createResultsApp(dialect);
      admin = await makeUser(t, { sysadmin: true });
      editor = await makeUser(t, { org: 'kpu-kota-serang', role: 'editor' });
    });
    afterAll(async () => {
      await t?.close();
    });
    const post = (url: string, body: unknown, user: TestUser | null = admin) =>
      t.server.inject({ method: 'POST', url, payload: body as object, headers: user ? user.headers : {} });

    it('creates an election with the built-in Banten tree, only for a system administrator', async () => {
      const body = { id: 'pemilu-2024', kind: 'pemilu', title: 'Pemilihan Umum 2024', date: '2024-02-14', regions: 'banten' };
      expect((await post(E, body, editor)).statusCode).toBe(403);
      const r = await post(E, body);
      expect(r.statusCode).toBe(201);
      expect((await post(E, body)).statusCode).toBe(400);
      const bad = await post(E, { ...body, id: 'x', regions: 'atlantis' });
      expect(bad.statusCode).toBe(409);
    });

    it('creates a legislative contest with parties, candidates and dapil; rejects a candidate without a party', async () => {
      const spec = {
        id: 'dprd-kota-serang',
        kind: 'dprd-kabkota',
        title: 'DPRD Kota Serang 2024',
        region_code: '3673',
        districts: [
          { code: 'SRG-1', name: 'Kota Serang 1', regionCodes: ['367301', '367302', '367303'] },
          { code: 'SRG-2', name: 'Kota Serang 2', regionCodes: ['367304', '367305', '367306'] },
        ],
        parties: [
          { number: 1, code: 'PKB', name: 'Partai Kebangkitan Bangsa' },
          { number: 2, code: 'GERINDRA', name: 'Partai Gerakan Indonesia Raya' },
        ],
        candidates: [
          { number: 1, name: 'Ahmad', partyNumber: 1 },
          { number: 2, name: 'Budi', partyNumber: 1, districts: ['SRG-2'] },
          { number: 1, name: 'Citra', partyNumber: 2 },
        ],
      };
      const r = await post(`${E}/pemilu-2024/contests`, spec);
      expect(r.statusCode).toBe(201);
      const orphan = await post(`${E}/pemilu-2024/contests`, { ...spec, id: 'x-y', candidates: [{ number: 1, name: 'Z', partyNumber: 9 }] });
      expect(orphan.statusCode).toBe(409);
      const list = (await t.server.inject({ method: 'GET', url: `${E}/pemilu-2024/contests` })).json().data;
      expect(list[0].selections.map((s: any) => s.key)).toEqual(['P01', 'P01-001', 'P01-002', 'P02', 'P02-001']);
    });

    it('imports party and candidate votes from a long CSV upload and recapitulates them per region', async () => {
      const csv = [
        'tps_code,party,candidate,votes',
        '3673011001001,PKB,,10',
        '3673011001001,PKB,1,20',
        '3673011001001,GERINDRA,,30',
        '3673011001001,GERINDRA,Citra,5',
        '3673011001001,,suara_sah,65',
        '3673011001001,,pemilih_dpt_total,200',
        '3673041001001,1,2,7',
        '3673041001001,2,,3',
      ].join('\n');
      const m = multipart({}, { name: 'dprd.csv', content: csv });
      const r = await t.server.inject({ method: 'POST', url: `${E}/pemilu-2024/contests/dprd-kota-serang/imports`, payload: m.payload, headers: { ...m.headers, ...editor.headers } });
      expect(r.statusCode).toBe(201);
      expect(r.json().data).toMatchObject({ changed: true, tps: { new: 2 }, organization: 'kpu-kota-serang' });
      const region = (await t.server.inject({ method: 'GET', url: `${E}/pemilu-2024/contests/dprd-kota-serang/regions/3673` })).json().data;
      expect(region.totals.votes).toEqual({ P01: 10, 'P01-001': 20, 'P01-002': 7, P02: 33, 'P02-001': 5 });
      expect(region.flags.sum_votes_eq_valid).toBe(0);
      const nist = await t.server.inject({ method: 'GET', url: `${E}/pemilu-2024/contests/dprd-kota-serang/export/nist-err.json?region=3673` });
      expect(nist.json().Election[0].Contest[0].ContestSelection[0]['@type']).toBe('ElectionResults.PartySelection');
    });

    it('rejects a candidate who does not stand in the dapil of the TPS, naming the row', async () => {
      const csv = 'tps_code,party,candidate,votes\n3673011001002,PKB,2,4\n';
      const m = multipart({}, { name: 'dprd.csv', content: csv });
      const r = await t.server.inject({ method: 'POST', url: `${E}/pemilu-2024/contests/dprd-kota-serang/imports`, payload: m.payload, headers: { ...m.headers, ...editor.headers } });
      expect(r.statusCode).toBe(409);
      expect(r.json().error.message).toMatch(/^row 2, column "cand_01_002": unknown candidate: Budi .* does not stand in dapil SRG-1/);
    });

    it('imports a presidential zip of Sirekap JSON files, and region answers follow each import at once', async () => {
      await invoke(t.system, 'contest.create', {
        election: 'pemilu-2024', id: 'ppwp', kind: 'ppwp', title: 'PPWP 2024',
        candidates: [1, 2, 3].map((n) => ({ number: n, name: `Pasangan ${n}`, externalIds: { sirekap: String(100024 + n) } })),
      });
      const doc = (a: number, b: number, c: number) => JSON.stringify({ chart: { '100025': a, '100026': b, '100027': c }, administrasi: null, images: [], ts: '2024-02-15 10:00:00' });
      const zip = makeZip([
        { name: '36/3673/367301/3673011001/3673011001001.json', data: doc(1, 2, 3) },
        { name: '36/3673/367301/3673011001/3673011001002.json', data: doc(4, 5, 6) },
      ]);
      const url = `${E}/pemilu-2024/contests/ppwp`;
      const m = multipart({}, { name: 'sirekap.zip', content: zip, type: 'application/zip' });
      const r = await t.server.inject({ method: 'POST', url: `${url}/imports`, payload: m.payload, headers: { ...m.headers, ...editor.headers } });
      expect(r.statusCode).toBe(201);
      const v1 = (await t.server.inject({ method: 'GET', url: `${url}/regions/3673011001` })).json().data.totals.votes;
      expect(v1).toEqual({ '01': 5, '02': 7, '03': 9 });
      const m2 = multipart({ reason: 'foto formulir dibaca ulang' }, { name: 'fix.zip', content: makeZip([{ name: '3673011001002.json', data: doc(40, 5, 6) }]), type: 'application/zip' });
      expect((await t.server.inject({ method: 'POST', url: `${url}/imports`, payload: m2.payload, headers: { ...m2.headers, ...editor.headers } })).statusCode).toBe(201);
      const v2 = (await t.server.inject({ method: 'GET', url: `${url}/regions/3673011001` })).json().data.totals.votes;
      expect(v2).toEqual({ '01': 41, '02': 7, '03': 9 });
      const imports = (await t.server.inject({ method: 'GET', url: `${url}/imports` })).json().data;
      expect(imports.map((i: any) => [i.seq, i.tps.new, i.tps.changed, i.reason])).toEqual([[1, 2, 0, null], [2, 0, 1, 'foto formulir dibaca ulang']]);
    });

    it('compares official recap figures with the computed totals and lists every difference', async () => {
      const url = `${E}/pemilu-2024/contests/ppwp`;
      const csv = 'region_code,votes_01,votes_02,votes_03,suara_sah\n3673011001,41,7,9,57\n367301,41,8,9,\n';
      const m = multipart({}, { name: 'd-hasil.csv', content: csv });
      const r = await t.server.inject({ method: 'POST', url: `${url}/official`, payload: m.payload, headers: { ...m.headers, ...editor.headers } });
      expect(r.statusCode).toBe(201);
      // computed suara_sah is 0 (the Sirekap files had no administrasi); kecamatan 367301 has 7 for candidate 02
      expect(r.json().data.differences).toEqual([
        { region: '3673011001', field: 'suara_sah', official: 57, computed: 0, difference: 57 },
        { region: '367301', field: '02', official: 8, computed: 7, difference: 1 },
      ]);
      const cmp = (await t.server.inject({ method: 'GET', url: `${url}/official/compare` })).json().data;
      expect(cmp).toMatchObject({ official: 2, compared: 2 });
      expect(cmp.differences).toHaveLength(2);
      const logged = await t.app.services.database.db.selectFrom('log_entries').select('kind').where('kind', '=', 'official-recap').execute();
      expect(logged).toHaveLength(1);
    });
  });
}
