/** The maturity actions through the real HTTP layer, on both databases. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import canonicalize from 'canonicalize';
import { Parser } from 'n3';
import { invoke } from '../../src/actions/invoke.js';
import { usageCounter } from '../../src/actions/maturity-usage.js';
import { sha256Hex } from '../../src/catalog/secrets.js';
import { defaultRegistry } from '../../src/maturity/registry.js';
import { DIALECTS, type TestApp } from '../support/app.js';
import { makeDataset, makeOrg, makeUser, type TestUser } from '../support/factories.js';
import { maturityTestApp } from './app.js';

/** A small web server the link checker can reach: 200, 301, 404, and one that refuses HEAD. */
function linkServer(): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/ok.csv') res.writeHead(200, { 'content-type': 'text/csv' }).end('a,b\n1,2\n');
    else if (req.url === '/moved') res.writeHead(301, { location: '/ok.csv' }).end();
    else if (req.url === '/nohead') res.writeHead(req.method === 'HEAD' ? 405 : 200).end();
    else res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

const FULL = {
  notes: 'Perolehan suara per TPS.', license_id: 'cc-by', tags: ['pemilu'], themes: ['GOVE'], spatial: ['3673'],
  temporal_start: '2024-02-14', temporal_end: '2024-02-14', frequency: 'IRREG', contact_name: 'PPID', contact_email: 'ppid@kpu.go.id',
  access_rights: 'PUBLIC', extras: [{ key: 'rights', value: 'Bebas digunakan.' }],
};

describe.each(DIALECTS)('maturity API on %s', (dialect) => {
  let t: TestApp;
  let links: { server: Server; base: string };
  let admin: TestUser;
  let officeAdmin: TestUser;
  let editor: TestUser;
  let assessor: TestUser;
  const ORG = 'kpu-kota-uji';
  const req = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, user?: TestUser, payload?: unknown) =>
    t.server.inject({ method, url, headers: user?.headers ?? {}, ...(payload ? { payload: payload as Record<string, unknown> } : {}) });

  beforeAll(async () => {
    links = await linkServer();
    t = await maturityTestApp(dialect);
    const org = await makeOrg(t, ORG, { region_code: '3673' });
    admin = await makeUser(t, { sysadmin: true });
    officeAdmin = await makeUser(t, { org: org.id, role: 'admin' });
    editor = await makeUser(t, { org: org.id, role: 'editor' });
    assessor = await makeUser(t);
    await invoke(t.system, 'maturity.assessorAdd', { user: assessor.name });
    const res = (path: string) => [{ url: `${links.base}${path}`, format: 'CSV', mimetype: 'text/csv', size: 100 }];
    await makeDataset(t, editor, ORG, { ...FULL, name: 'hasil-uji', title: 'Hasil uji', resources: res('/ok.csv') });
    await makeDataset(t, editor, ORG, { ...FULL, name: 'dpt-uji', title: 'DPT uji', resources: res('/moved') });
    await makeDataset(t, editor, ORG, { ...FULL, name: 'tps-uji', title: 'TPS uji', resources: res('/gone') });
    await makeDataset(t, editor, ORG, { ...FULL, name: 'rahasia-uji', title: 'Rahasia', private: true });
  });
  afterAll(async () => {
    await t?.close();
    links?.server.close();
  });

  describe('linkcheck.run', () => {
    it('is for system administrators only', async () => {
      expect((await req('POST', '/api/v1/linkcheck', officeAdmin, { organization: ORG })).statusCode).toBe(403);
    });

    it('records 2xx and 3xx answers as ok and a 404 as broken, on the resource', async () => {
      const r = await req('POST', '/api/v1/linkcheck', admin, { organization: ORG });
      expect(r.statusCode).toBe(200);
      expect(r.json().data).toMatchObject({ checked: 3, ok: 2, broken: 1, broken_resources: [{ dataset: 'tps-uji', httpStatus: 404 }] });
      const rows = await t.app.services.database.db.selectFrom('resources').select(['url', 'link_status']).execute();
      const byPath = Object.fromEntries(rows.map((x) => [new URL(x.url).pathname, JSON.parse(x.link_status!)]));
      expect(byPath['/moved']).toMatchObject({ ok: true, httpStatus: 301 });
      expect(byPath['/gone']).toMatchObject({ ok: false, httpStatus: 404 });
    });
  });

  describe('maturity.show before any assessment', () => {
    it('returns a live assessment marked as not published', async () => {
      const r = await req('GET', `/api/v1/maturity/${ORG}`);
      expect(r.statusCode).toBe(200);
      expect(r.json().data).toMatchObject({ stored: false, logIndex: null, trend: [] });
    });

    it('returns 404 for an unknown organisation', async () => {
      expect((await req('GET', '/api/v1/maturity/tidak-ada')).statusCode).toBe(404);
    });
  });

  describe('maturity.assess', () => {
    it('refuses office staff: assessments are made by assessors', async () => {
      expect((await req('POST', `/api/v1/maturity/${ORG}/assess`, officeAdmin, {})).statusCode).toBe(403);
    });

    it('stores the assessment and appends it to the publication log, committing to its canonical JSON', async () => {
      const r = await req('POST', `/api/v1/maturity/${ORG}/assess`, assessor, { round: '2024' });
      expect(r.statusCode).toBe(201);
      const [out] = r.json().data;
      const row = await t.app.services.database.db.selectFrom('maturity_assessments').selectAll().where('sha256', '=', out.sha256).executeTakeFirstOrThrow();
      expect(sha256Hex(canonicalize(JSON.parse(row.document)) ?? '')).toBe(out.sha256);
      expect(row.log_index).toBe(out.logIndex);
      const again = (await req('POST', `/api/v1/maturity/${ORG}/assess`, assessor, { round: '2025' })).json().data[0];
      expect(again.logIndex).toBeGreaterThan(out.logIndex);
    });

    it('stores nothing when the log append fails (same transaction)', async () => {
      const failing = { ...t.system, services: { ...t.app.services, log: { append: async () => { throw new Error('log down'); }, appendMany: async () => { throw new Error('log down'); }, afterCommit: async () => {} } } };
      const before = await t.app.services.database.db.selectFrom('maturity_assessments').select('id').execute();
      await expect(invoke(failing, 'maturity.assess', { organization: ORG, round: '2026' })).rejects.toThrow('log down');
      const after = await t.app.services.database.db.selectFrom('maturity_assessments').select('id').execute();
      expect(after.length).toBe(before.length);
    });
  });

  describe('maturity.show', () => {
    it('returns level, scores, every indicator with evidence, ranked recommendations and the trend', async () => {
      const a = (await req('GET', `/api/v1/maturity/${ORG}`)).json().data;
      expect(a.stored).toBe(true);
      expect(a.round).toBe('2025');
      expect(a.indicators.map((i: { id: string }) => i.id).sort()).toEqual(defaultRegistry().list().map((i) => i.id).sort());
      const gains = a.recommendations.map((r: { gain: number }) => r.gain);
      expect(gains).toEqual([...gains].sort((x: number, y: number) => y - x));
      expect(a.trend.map((p: { round: string }) => p.round)).toEqual(['2024', '2025']);
      // Three public datasets; the private one is not assessed. tps-uji's link is broken.
      const access = a.indicators.find((i: { id: string }) => i.id === 'mqa.access-url-status');
      expect(access.evidence).toMatchObject({ total: 3, met: 2 });
      expect(access.evidence.items[0]).toMatchObject({ ref: 'tps-uji', met: false });
    });

    it('serves the trend on its own', async () => {
      const r = (await req('GET', `/api/v1/maturity/${ORG}/trend`)).json().data;
      expect(r.trend).toHaveLength(2);
    });
  });

  describe('maturity.compare and exports', () => {
    it('compares all offices, best first', async () => {
      const c = (await req('GET', '/api/v1/maturity')).json().data;
      expect(c.offices.map((o: { organization: string }) => o.organization)).toContain(ORG);
      const scores = c.offices.map((o: { score: number }) => o.score);
      expect(scores).toEqual([...scores].sort((x: number, y: number) => y - x));
    });

    it('exports the comparison and one office as CSV and JSON files', async () => {
      const csv = await req('GET', '/api/v1/maturity/export.csv');
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.body.split('\r\n')[0]).toMatch(/^organization,title,round,assessed_at,score,level/);
      const one = await req('GET', `/api/v1/maturity/${ORG}/export.csv`);
      expect(one.body.trim().split('\r\n')).toHaveLength(defaultRegistry().list().length + 1);
      const json = await req('GET', `/api/v1/maturity/${ORG}/export.json`);
      expect(json.headers['content-disposition']).toContain(`kematangan-${ORG}-2025.json`);
      expect(JSON.parse(json.body).organization.name).toBe(ORG);
    });
  });

  describe('maturity.answer and maturity.confirm', () => {
    const Q = 'odm.policy.framework';

    it('lets the office administrator answer, not an editor', async () => {
      const body = { round: '2025', answers: [{ question: Q, value: 'yes', evidence: 'SK 1/2025' }] };
      expect((await req('PUT', `/api/v1/maturity/${ORG}/answers`, editor, body)).statusCode).toBe(403);
      const r = await req('PUT', `/api/v1/maturity/${ORG}/answers`, officeAdmin, body);
      expect(r.statusCode).toBe(200);
      expect(r.json().data).toMatchObject([{ questionId: Q, value: 'yes', confirmedBy: null }]);
    });

    it('rejects an unknown question naming the field', async () => {
      const r = await req('PUT', `/api/v1/maturity/${ORG}/answers`, officeAdmin, { answers: [{ question: 'odm.nope', value: 'yes' }] });
      expect(r.statusCode).toBe(409);
      expect(r.json().error.fields).toEqual({ 'answers.0.question': ['Unknown question "odm.nope"'] });
    });

    it('lets an assessor from outside the office confirm, but not one who belongs to it', async () => {
      await invoke(t.system, 'maturity.assessorAdd', { user: officeAdmin.name });
      expect((await req('POST', `/api/v1/maturity/${ORG}/answers/${Q}/confirm`, officeAdmin, { round: '2025' })).statusCode).toBe(403);
      const r = await req('POST', `/api/v1/maturity/${ORG}/answers/${Q}/confirm`, assessor, { round: '2025', note: 'Dokumen diperiksa' });
      expect(r.statusCode).toBe(200);
      expect(r.json().data).toMatchObject({ confirmedBy: assessor.name, assessorNote: 'Dokumen diperiksa' });
    });

    it('drops the confirmation when the office changes its answer', async () => {
      await req('PUT', `/api/v1/maturity/${ORG}/answers`, officeAdmin, { round: '2025', answers: [{ question: Q, value: 'partial', evidence: 'SK 1/2025' }] });
      const a = (await invoke<Array<{ confirmedBy: string | null }>>(t.system, 'maturity.answer', { organization: ORG, round: '2025', answers: [{ question: Q, value: 'partial', evidence: 'SK 1/2025' }] }))[0]!;
      expect(a.confirmedBy).toBeNull();
    });

    it('counts the answer in the next assessment, side by side with the automatic sub-score', async () => {
      const a = (await req('POST', `/api/v1/maturity/${ORG}/assess`, assessor, { round: '2025' })).json().data[0];
      const shown = (await req('GET', `/api/v1/maturity/${ORG}?round=2025`)).json().data;
      expect(shown.sha256).toBe(a.sha256);
      const policy = shown.dimensions.find((d: { dimension: string }) => d.dimension === 'policy');
      expect(policy.answered).not.toBeNull();
      expect(shown.questionnaire).toMatchObject({ answered: 1, confirmed: 0 });
    });
  });

  describe('dcat.show', () => {
    it('serves a dataset as Turtle and JSON-LD', async () => {
      const ttl = await req('GET', '/dataset/hasil-uji.ttl');
      expect(ttl.statusCode).toBe(200);
      expect(ttl.headers['content-type']).toMatch(/^text\/turtle/);
      expect(new Parser().parse(ttl.body).some((q) => q.object.value === 'http://www.w3.org/ns/dcat#Dataset')).toBe(true);
      const jsonld = await req('GET', '/dataset/hasil-uji.jsonld');
      expect(jsonld.headers['content-type']).toMatch(/^application\/ld\+json/);
      expect(JSON.parse(jsonld.body)['@graph'].some((n: Record<string, unknown>) => n['@type'] === 'dcat:Dataset')).toBe(true);
    });

    it('keeps a private dataset private', async () => {
      expect((await req('GET', '/dataset/rahasia-uji.ttl')).statusCode).toBe(403);
      expect((await req('GET', '/dataset/rahasia-uji.ttl', editor)).statusCode).toBe(200);
    });
  });

  describe('usage counting', () => {
    it('counts dataset API calls and downloads per dataset and day, and stores nothing else', async () => {
      const ds = await invoke<{ id: string; name: string }>(t.system, 'dataset.show', { id: 'hasil-uji' });
      for (let i = 0; i < 3; i++) await req('GET', `/api/3/action/package_show?id=${ds.name}`);
      await req('GET', `/api/v1/datasets/${ds.id}`);
      await req('GET', '/api/3/action/package_show?id=tidak-ada'); // 404: not counted
      const put = await t.app.services.blobs.put(Buffer.from('a,b\n'));
      const r = await invoke<{ id: string }>(t.system, 'resource.create', { package_id: ds.id, name: 'x.csv', format: 'CSV' }, { extra: { upload: { sha256: put.sha256, size: put.size, filename: 'x.csv', mediaType: 'text/csv' } } });
      expect((await req('GET', `/dataset/${ds.name}/resource/${r.id}/download/x.csv`)).statusCode).toBe(200);
      await usageCounter(t.app.services).flush();
      const rows = await t.app.services.database.db.selectFrom('maturity_usage').selectAll().execute();
      expect(rows.map((x) => ({ ...x, downloads: Number(x.downloads), api_calls: Number(x.api_calls) }))).toEqual([
        { dataset_id: ds.id, day: t.app.services.now().toISOString().slice(0, 10), downloads: 1, api_calls: 4 },
      ]);
    });
  });
});
