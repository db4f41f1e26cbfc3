import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../src/actions/invoke.js';
import type { Dataset } from '../../src/catalog/types.js';
import { auditPage, expectAccessible, expectSameOrigin, newPage, startHarness, type BrowserHarness } from './support.js';

let h: BrowserHarness;
let published: Buffer;

beforeAll(async () => {
  h = await startHarness({ seed: true });
  const d = await invoke<Dataset>(h.t.system, 'dataset.show', { id: 'wilayah-administrasi-banten' });
  const chunks: Buffer[] = [];
  for await (const c of await h.t.app.services.blobs.get(d.resources[0]!.sha256!)) chunks.push(c as Buffer);
  published = Buffer.concat(chunks);
});
afterAll(() => h?.close());

describe('browser: verify a file on the integrity page', () => {
  it('accepts the published file and rejects the same file with one byte changed, uploading nothing', async () => {
    const { context, page, traffic } = await newPage(h);
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() !== 'GET') posts.push(r.url());
    });
    await page.goto(h.origin + '/integritas');
    const input = page.locator('#kotak-verify-file');
    await input.setInputFiles({ name: 'banten-regions.csv', mimeType: 'text/csv', buffer: published });
    const result = page.locator('.verify-result');
    await expect.poll(() => result.getAttribute('data-status'), { timeout: 15_000 }).toBe('verified');
    expect(await result.textContent()).toContain(createHash('sha256').update(published).digest('hex'));
    await expectAccessible(page, 'integrity page after a verification');

    const changed = Buffer.from(published);
    changed[changed.length - 2] = changed[changed.length - 2]! ^ 0x01;
    await input.setInputFiles({ name: 'banten-regions.csv', mimeType: 'text/csv', buffer: changed });
    await expect.poll(() => result.getAttribute('data-status'), { timeout: 15_000 }).toBe('not-logged');
    expect(await result.textContent()).toContain('tidak tercatat');

    expect(posts, 'the file must not be sent anywhere').toEqual([]);
    expectSameOrigin(h, traffic);
    await context.close();
    await auditPage(h, '/integritas', { screenshot: 'integritas' });
  });
});
