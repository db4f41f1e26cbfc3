/**
 * TPS receipts (issue 4 §5–6) on both databases, with the real Banten PPWP 2024 file: the import's log entry commits
 * to the root of a tree over every TPS result, which anyone can recompute from the published normalised CSV; every
 * TPS result offers a receipt (a download) that verifies offline with the API's JSON and the log key, and fails
 * naming the figure when one is changed; a corrected TPS's receipt points to its correction entry, earlier versions
 * keep theirs; the TPS page links the receipt; `kotak verify --portal` and the browser verifier do the same.
 */
import canonicalize from 'canonicalize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { invoke } from '../../src/actions/invoke.js';
import { createContest, createElection } from '../../src/actions/elections.js';
import { importResultsFile } from '../../src/actions/results-import.js';
import { presentForm } from '../../src/actions/results-present.js';
import { LogClient, verifyWithPortal } from '../../src/integrity/client.js';
import { leafHash, rootOfLeafHashes } from '../../src/integrity/rfc6962.js';
import type { LogService } from '../../src/integrity/service.js';
import { formatTpsReceipt, parseTpsReceipt } from '../../src/integrity/tps-receipt.js';
import { verifyContent } from '../../src/integrity/verify.js';
import { compileContest } from '../../src/results/contest.js';
import { formLayout, FormBatch } from '../../src/results/batch.js';
import { BANTEN_REGIONS_CSV, BANTEN_RESULTS_CSV, PEMILU_2024, ppwp2024 } from '../../src/results/known.js';
import { pushLine } from '../../src/results/lines.js';
import { KPU_2024_ALIASES, parseRegionCsv } from '../../src/results/regions.js';
import { verifyInBrowser } from '../../src/web/verify/verify.js';
import { forgetTreeCache } from '../../src/store/results/tps-trees.js';
import { DIALECTS, type TestApp } from '../support/app.js';
import { createResultsApp } from './support/app.js';
import { WIDE_HEADER, writeTmp } from './support/fixtures.js';
import { injectFetch } from '../integrity/app-helpers.js';

const E = 'pemilu-2024';
const C = 'ppwp';
const TPS = '3601012001001';
const api = (path: string) => `/api/v1/elections/${E}/contests/${C}${path}`;

for (const dialect of DIALECTS) {
  describe(`results.receipt on ${dialect}`, () => {
    let t: TestApp;
    let vkey: string;
    let firstReceipt: string;
    let firstJson: string;
    let desaCount = 0;
    const get = (url: string) => t.server.inject({ method: 'GET', url });
    const keys = () => ({ log: vkey });

    beforeAll(async () => {
      t = await createResultsApp(dialect);
      vkey = (t.app.services.log as LogService).signer.verifierKey;
      await createElection(t.system, PEMILU_2024, parseRegionCsv(await readFile(BANTEN_REGIONS_CSV, 'utf8')), KPU_2024_ALIASES);
      await createContest(t.system, ppwp2024());
      const s = await importResultsFile(t.system, { election: E, contest: C, path: BANTEN_RESULTS_CSV });
      expect(s.tps.new).toBe(33324);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('commits every TPS of the import to one log entry, whose root anyone can recompute from the published CSV', async () => {
      const [imp] = await invoke<any[]>(t.system, 'results.imports', { election: E, contest: C });
      const entry = JSON.parse((await t.app.services.database.db.selectFrom('log_entries').select('entry').where('idx', '=', imp.log_index).executeTakeFirstOrThrow()).entry);
      expect(entry).toMatchObject({ kind: 'results-import', meta: { election: E, contest: C } });
      expect(imp.manifest).toMatchObject({ tps_root: entry.meta.tps_root, tps_size: entry.meta.tps_size });
      expect(entry.meta.tps_leaf).toBe('desa-chunk@v1');
      // Independently: the lines of the normalised CSV grouped by desa, each desa's chunk written out as
      // docs/integrity.md describes it (every TPS at version 1), hashed as RFC 6962 leaves in desa order.
      const lines = (await new Response((await t.app.services.blobs.get(imp.normalised_sha256)) as unknown as ReadableStream).text()).trim().split('\n').slice(1);
      expect(lines.length).toBe(33324);
      const columns = 'tps_code,desa_code,votes.01,votes.02,votes.03,suara_sah,suara_tidak_sah,suara_total,pemilih_dpt_total,pengguna_total,pengguna_dpt,pengguna_dptb,pengguna_dpk,sirekap_ts,n_photos';
      const byDesa = new Map<string, string[]>();
      for (const line of lines) byDesa.set(line.slice(0, 10), [...(byDesa.get(line.slice(0, 10)) ?? []), line]);
      const desas = [...byDesa.keys()].sort();
      desaCount = desas.length;
      expect(entry.meta.tps_size).toBe(desaCount);
      const leaves = desas.map((d) => {
        const rows = byDesa.get(d)!;
        return leafHash(Buffer.from(`kotak/tps-chunk@v1 ${E} ${C} ${d}\n${columns}\n${rows.map(() => '1').join(',')}\n${rows.map((l) => `${l}\n`).join('')}`));
      });
      expect(Buffer.from(rootOfLeafHashes(leaves)).toString('hex')).toBe(entry.meta.tps_root);
    });

    it('mentions the receipt in the TPS answer and serves it as a file that verifies offline with the API JSON', async () => {
      const res = await get(api(`/tps/${TPS}`));
      expect(res.statusCode).toBe(200);
      firstJson = res.body;
      const answer = JSON.parse(res.body).data;
      expect(answer.receipt).toEqual({ url: `http://kotak.test${api(`/tps/${TPS}/receipt`)}`, entry_kind: 'results-import', covers: ['election', 'contest', 'tps', 'version', 'figures'] });
      const r = await get(api(`/tps/${TPS}/receipt`));
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-disposition']).toBe(`attachment; filename="tps-${TPS}-v1.tps-receipt"`);
      firstReceipt = r.body;
      const parsed = parseTpsReceipt(firstReceipt);
      expect(parsed).toMatchObject({ tree: { size: desaCount, index: 0 } });
      const v = verifyContent(Buffer.from(firstJson), firstReceipt, keys());
      expect(v).toMatchObject({ ok: true, entry: { kind: 'results-import' }, tps: { result: { tps: TPS, version: 1 }, tree: { index: 0, size: desaCount } } });
      // The bare answer and a re-indented copy verify too: what counts is the RFC 8785 form of the five members.
      expect(verifyContent(Buffer.from(JSON.stringify(answer, null, 2)), firstReceipt, keys()).ok).toBe(true);
      // The TPS page offers it as a download.
      const page = await get(`/hasil/${E}/${C}/tps/${TPS}`);
      expect(page.body).toContain(`<a href="${api(`/tps/${TPS}/receipt`)}" download>Unduh tanda terima</a>`);
      // A TPS deep inside the tree.
      const other = '3673061004010';
      const json = (await get(api(`/tps/${other}`))).body;
      expect(verifyContent(Buffer.from(json), (await get(api(`/tps/${other}/receipt`))).body, keys())).toMatchObject({ ok: true, tps: { result: { tps: other } } });
    });

    it('rejects the TPS JSON when one figure is changed, naming the figure', () => {
      const doc = JSON.parse(firstJson);
      doc.data.figures.votes['02'] += 1;
      const v = verifyContent(Buffer.from(JSON.stringify(doc)), firstReceipt, keys());
      expect(v).toMatchObject({ ok: false, code: 'content-mismatch' });
      expect(!v.ok && v.differences).toEqual([`figures.votes.02: 118 published, 119 here`]);
      const other = JSON.parse(firstJson);
      other.data.tps = '3601012001002';
      expect(verifyContent(Buffer.from(JSON.stringify(other)), firstReceipt, keys())).toMatchObject({ ok: false, code: 'content-mismatch' });
      // A receipt whose TPS path was tampered with no longer reaches the committed root.
      const lines = firstReceipt.split('\n');
      lines[4] = Buffer.alloc(32, 7).toString('base64');
      expect(verifyContent(Buffer.from(firstJson), lines.join('\n'), keys())).toMatchObject({ ok: false, code: 'not-included' });
    });

    it('refuses receipts that were tampered with: another result, another tree size, no tree, a non-canonical result, another format', () => {
      const parsed = parseTpsReceipt(firstReceipt);
      if ('error' in parsed) throw new Error(parsed.error);
      const json = Buffer.from(firstJson);
      const doc = JSON.parse(Buffer.from(parsed.result).toString('utf8'));
      const forged = { ...doc, figures: { ...doc.figures, votes: { ...doc.figures.votes, '02': 200 } } };
      // The forged result with the JSON saying the same: the desa chunk gives other figures…
      const withForged = formatTpsReceipt({ ...parsed, result: Buffer.from(canonicalize(forged)!) });
      expect(verifyContent(Buffer.from(JSON.stringify(forged)), withForged, keys())).toMatchObject({ ok: false, code: 'bad-receipt' });
      // …and with the chunk forged to match, the chunk's leaf no longer reaches the committed root.
      const chunk = Buffer.from(parsed.tree!.chunk!).toString('utf8');
      const row = chunk.split('\n').find((l) => l.startsWith(`${TPS},`))!;
      const cells = row.split(',');
      cells[3] = '200';
      const forgedChunk = Buffer.from(chunk.replace(row, cells.join(',')));
      const both = formatTpsReceipt({ ...parsed, result: Buffer.from(canonicalize(forged)!), tree: { ...parsed.tree!, chunk: forgedChunk } });
      expect(verifyContent(Buffer.from(JSON.stringify(forged)), both, keys())).toMatchObject({ ok: false, code: 'not-included' });
      expect(verifyContent(json, formatTpsReceipt({ ...parsed, tree: { ...parsed.tree!, size: desaCount + 1 } }), keys())).toMatchObject({ ok: false, code: 'not-included' });
      // A receipt without the chunk (the v1 form) does not match an entry whose leaves are desa chunks.
      const { chunk: _dropped, ...v1Tree } = parsed.tree!;
      expect(verifyContent(json, formatTpsReceipt({ ...parsed, tree: v1Tree }), keys())).toMatchObject({ ok: false, code: 'not-included' });
      const noTree = verifyContent(json, formatTpsReceipt({ ...parsed, tree: null }), keys());
      expect(noTree).toMatchObject({ ok: false, code: 'not-included' });
      expect(!noTree.ok && noTree.reason).toMatch(/needs a results-correction entry/);
      const pretty = verifyContent(json, formatTpsReceipt({ ...parsed, result: Buffer.from(JSON.stringify(doc, null, 1)) }), keys());
      expect(pretty).toMatchObject({ ok: false, code: 'bad-receipt' });
      expect(verifyContent(json, firstReceipt.replace('kotak/tps-receipt@v2', 'kotak/tps-receipt@v3'), keys())).toMatchObject({ ok: false });
      expect(verifyContent(json, firstReceipt, { log: 'kotak.test/lain+00000000+AAAA' })).toMatchObject({ ok: false, code: 'bad-key' });
    });

    it('points a corrected TPS to its correction entry, keeps earlier versions provable, and proves TPS new in a later import', async () => {
      const file = writeTmp(
        'koreksi.csv',
        `${WIDE_HEADER}\n${TPS},3601012001,98,120,10,228,3,231,289,231,225,3,3,2024-03-01 10:00:00,3\n3601012001099,3601012001,10,20,30,60,0,60,100,60,60,0,0,,2\n`,
      );
      const s = await importResultsFile(t.system, { election: E, contest: C, path: file, reason: 'Salah baca OCR' });
      expect(s.tps).toEqual({ new: 1, changed: 1, unchanged: 0 });
      const json = (await get(api(`/tps/${TPS}`))).body;
      expect(JSON.parse(json).data.receipt.entry_kind).toBe('results-correction');
      const receipt = (await get(api(`/tps/${TPS}/receipt`))).body;
      expect(parseTpsReceipt(receipt)).toMatchObject({ tree: null });
      expect(verifyContent(Buffer.from(json), receipt, keys())).toMatchObject({ ok: true, entry: { kind: 'results-correction', subjects: [`tps:${TPS}`, expect.stringMatching(/^results-import:/)] }, tps: { tree: null } });
      // The receipt kept from before still proves version 1, and only version 1.
      expect(verifyContent(Buffer.from(firstJson), firstReceipt, keys()).ok).toBe(true);
      expect(verifyContent(Buffer.from(json), firstReceipt, keys())).toMatchObject({ ok: false, code: 'content-mismatch' });
      expect(verifyContent(Buffer.from(firstJson), receipt, keys())).toMatchObject({ ok: false, code: 'content-mismatch' });
      // …and the portal still serves version 1's receipt, named in the history.
      const history = JSON.parse(json).data.history;
      expect(history[0].receipt_url).toBe(`http://kotak.test${api(`/tps/${TPS}/receipt`)}?version=1`);
      expect(verifyContent(Buffer.from(firstJson), (await get(api(`/tps/${TPS}/receipt?version=1`))).body, keys()).ok).toBe(true);
      // The new TPS is in the second import's tree (the corrected one and it, in one desa chunk).
      const fresh = (await get(api('/tps/3601012001099'))).body;
      expect(verifyContent(Buffer.from(fresh), (await get(api('/tps/3601012001099/receipt'))).body, keys())).toMatchObject({ ok: true, tps: { tree: { size: 1, index: 0 } } });
      expect((await get(api('/tps/3601012001098/receipt'))).statusCode).toBe(404);
      expect((await get(api(`/tps/${TPS}/receipt?version=7`))).statusCode).toBe(404);
    });

    it('rebuilds a lost TPS tree file from the stored figures, serves the same receipt, and stores the file again', async () => {
      const [imp] = await invoke<any[]>(t.system, 'results.imports', { election: E, contest: C });
      const row = await t.app.services.database.db.selectFrom('results_imports').select('summary').where('id', '=', imp.id).executeTakeFirstOrThrow();
      const sha = JSON.parse(row.summary).tps_tree.sha256 as string;
      const before = (await get(api('/tps/3673061004010/receipt'))).body;
      await t.app.services.blobs.delete(sha);
      forgetTreeCache();
      const after = await get(api('/tps/3673061004010/receipt'));
      expect(after.statusCode).toBe(200);
      // Same proof of the TPS (the checkpoint part may have grown since).
      expect(after.body.split('\n\n')[0]).toBe(before.split('\n\n')[0]);
      for (let i = 0; i < 50 && !(await t.app.services.blobs.has(sha)); i++) await new Promise((r) => setTimeout(r, 20));
      expect(await t.app.services.blobs.has(sha)).toBe(true);
    });

    it('verifies with --portal and in the browser, by the TPS result alone', async () => {
      const client = new LogClient('http://kotak.test', injectFetch(t.server));
      expect(await verifyWithPortal(Buffer.from(firstJson), client, { log: vkey })).toMatchObject({ ok: true, tps: { result: { version: 1 } } });
      const current = (await get(api(`/tps/${TPS}`))).body;
      expect(await verifyWithPortal(Buffer.from(current), client, { log: vkey })).toMatchObject({ ok: true, entry: { kind: 'results-correction' } });
      const opts = { portal: 'http://kotak.test', fetch: injectFetch(t.server) as typeof fetch, vkey };
      expect(await verifyInBrowser(Buffer.from(firstJson), opts)).toMatchObject({ status: 'verified', signature: 'valid', tps: { tps: TPS, version: 1, tree: { size: desaCount } } });
      const changed = JSON.parse(firstJson);
      changed.data.figures.suara_sah = 1;
      const r = await verifyInBrowser(Buffer.from(JSON.stringify(changed)), { ...opts, receipt: firstReceipt });
      expect(r).toMatchObject({ status: 'content-mismatch' });
      expect(r.detail).toContain('figures.suara_sah: 226 published, 1 here');
    });

    it('finds nothing to report in the self-audit when nothing was touched', async () => {
      const r = await invoke<any>(t.system, 'log.audit', {});
      expect(r.findings.filter((f: any) => f.severity === 'error')).toEqual([]);
      expect(r.contentChecked).toBeGreaterThanOrEqual(33324 + 2 + 1);
    });
  });
}
