/** The store-side evidence helpers: the link checker's answers and permanence read from activity snapshots. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUrl } from '../../src/actions/maturity-linkcheck.js';
import { historyFromSnapshots } from '../../src/actions/maturity-evidence.js';

const now = () => new Date('2025-03-01T00:00:00.000Z');

describe('linkcheck.run checkUrl', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/nohead') res.writeHead(req.method === 'HEAD' ? 405 : 200).end('x');
      else if (req.url === '/found') res.writeHead(302, { location: '/elsewhere' }).end();
      else if (req.url === '/slow') setTimeout(() => res.writeHead(200).end(), 2000);
      else res.writeHead(500).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('asks with GET when the server refuses HEAD', async () => {
    expect(await checkUrl(`${base}/nohead`, 5000, now)).toEqual({ ok: true, httpStatus: 200, checkedAt: '2025-03-01T00:00:00.000Z' });
  });

  it('counts a redirect as an answer without following it', async () => {
    expect((await checkUrl(`${base}/found`, 5000, now)).httpStatus).toBe(302);
  });

  it('records a server error, a timeout, a refused connection and a non-web address as not ok', async () => {
    expect(await checkUrl(`${base}/error`, 5000, now)).toMatchObject({ ok: false, httpStatus: 500 });
    expect(await checkUrl(`${base}/slow`, 200, now)).toMatchObject({ ok: false, httpStatus: null });
    expect(await checkUrl('http://127.0.0.1:1/x', 2000, now)).toMatchObject({ ok: false, httpStatus: null });
    expect(await checkUrl('ftp://example.org/x.csv', 2000, now)).toMatchObject({ ok: false, httpStatus: null });
  });
});

describe('maturity evidence from activity snapshots', () => {
  const up = (id: string, sha: string) => ({ id, urlType: 'upload', sha256: sha, url: `https://p/${id}` });
  const link = (id: string, url: string) => ({ id, urlType: null, sha256: null, url });

  it('finds nothing to report for a dataset that never changed', () => {
    expect(historyFromSnapshots([{ name: 'a', resources: [up('r1', 'aa')] }], () => true)).toEqual({ versionsReplaced: 0, versionsKept: 0, renamed: false, movedUrls: 0 });
  });

  it('counts replaced files and which of them the blob store still holds', () => {
    const snaps = [
      { name: 'a', resources: [up('r1', 'aa')] },
      { name: 'a', resources: [up('r1', 'aa')] }, // a metadata edit: same file
      { name: 'a', resources: [up('r1', 'bb')] },
      { name: 'a', resources: [up('r1', 'cc')] },
    ];
    expect(historyFromSnapshots(snaps, (sha) => sha === 'aa')).toMatchObject({ versionsReplaced: 2, versionsKept: 1 });
  });

  it('notices a renamed dataset and moved links', () => {
    const snaps = [
      { name: 'a', resources: [link('r1', 'https://x/1'), link('r2', 'https://x/2')] },
      { name: 'b', resources: [link('r1', 'https://y/1'), link('r2', 'https://x/2')] },
      { name: 'b', resources: [link('r1', 'https://z/1'), link('r2', 'https://x/2')] },
    ];
    expect(historyFromSnapshots(snaps, () => true)).toEqual({ versionsReplaced: 0, versionsKept: 0, renamed: true, movedUrls: 2 });
  });
});
