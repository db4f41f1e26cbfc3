import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPage, expectAccessible, expectSameOrigin, newPage, startHarness, type BrowserHarness } from './support.js';

let h: BrowserHarness;

beforeAll(async () => {
  h = await startHarness({ seed: true });
});
afterAll(() => h?.close());

describe('browser: search → dataset → download', () => {
  it('finds the seeded region dataset from the home page and downloads its CSV byte for byte', async () => {
    const { context, page, traffic } = await newPage(h);
    await page.goto(h.origin + '/');
    await page.getByLabel('Cari dataset').first().fill('wilayah');
    await page.getByLabel('Cari dataset').first().press('Enter');
    await page.waitForURL(/\/dataset\?q=wilayah/);
    await expect.poll(() => page.textContent('main')).toContain('1 dataset ditemukan');
    await page.getByRole('link', { name: /Kode dan Nama Wilayah Administrasi/ }).click();
    await page.waitForURL(/\/dataset\/wilayah-administrasi-banten$/);
    expect(await page.textContent('h1')).toBe('Kode dan Nama Wilayah Administrasi Provinsi Banten');
    expect(await page.locator('table thead th').first().textContent()).toBe('code');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Unduh CSV' }).click()]);
    const path = await download.path();
    const bytes = readFileSync(path!);
    const shown = await page.locator('code.hash').first().textContent();
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(shown);
    expect(bytes.toString('utf8').split('\n')[0]).toContain('code');
    await expectAccessible(page, 'dataset page after the flow');
    expectSameOrigin(h, traffic);
    await context.close();
  });

  it('keeps every catalogue page within 100 KB, on the origin and free of serious axe violations', async () => {
    await auditPage(h, '/', { screenshot: 'home' });
    await auditPage(h, '/dataset?q=wilayah', { screenshot: 'dataset-search' });
    await auditPage(h, '/dataset/wilayah-administrasi-banten', { screenshot: 'dataset' });
    await auditPage(h, '/organization/kpu-provinsi-banten', { screenshot: 'organization' });
    await auditPage(h, '/organization');
    await auditPage(h, '/integritas', { screenshot: 'integritas' });
    await auditPage(h, '/api');
    await auditPage(h, '/tentang');
    await auditPage(h, '/lisensi');
    await auditPage(h, '/kontak');
    await auditPage(h, '/masuk');
    await auditPage(h, '/kematangan', { screenshot: 'kematangan' });
    await auditPage(h, '/kematangan/kpu-provinsi-banten', { screenshot: 'kematangan-kantor' });
  });
});

describe('browser: language switch', () => {
  it('switches to English and back, keeping the address, and remembers the choice', async () => {
    const { context, page, traffic } = await newPage(h);
    await page.goto(h.origin + '/dataset');
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/\/dataset\?lang=en$/);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('nav.site-nav')).toContain('Datasets');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Integrity' }).click();
    await page.waitForURL(/\/integritas$/);
    expect(await page.textContent('h1')).toBe('Integrity and verification');
    await page.getByRole('link', { name: 'Bahasa Indonesia' }).click();
    expect(await page.textContent('h1')).toBe('Integritas dan verifikasi');
    expectSameOrigin(h, traffic);
    await context.close();
  });

  it('follows the browser language when nothing was chosen', async () => {
    await auditPage(h, '/', { locale: 'en-GB', screenshot: 'home-en' });
    const { context, page } = await newPage(h, { locale: 'en-US' });
    await page.goto(h.origin + '/');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await context.close();
  });
});
