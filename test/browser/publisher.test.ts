import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createContest, createElection } from '../../src/actions/elections.js';
import { invoke } from '../../src/actions/invoke.js';
import { BANTEN_REGIONS_CSV, PEMILU_2024, ppwp2024 } from '../../src/results/known.js';
import { KPU_2024_ALIASES, parseRegionCsv } from '../../src/results/regions.js';
import { WIDE_HEADER, writeTmp } from '../results/support/fixtures.js';
import { auditPage, expectAccessible, expectSameOrigin, newPage, startHarness, type BrowserHarness } from './support.js';

let h: BrowserHarness;

beforeAll(async () => {
  h = await startHarness({ seed: true });
  await invoke(h.t.system, 'user.create', { name: 'rina', password: 'kata-sandi-panjang', fullname: 'Rina' });
  await invoke(h.t.system, 'organization.memberCreate', { id: 'kpu-kota-serang', username: 'rina', role: 'editor' });
  // An election with results for two TPS, for the TPS list page.
  await createElection(h.t.system, PEMILU_2024, parseRegionCsv(readFileSync(BANTEN_REGIONS_CSV, 'utf8')), KPU_2024_ALIASES);
  await createContest(h.t.system, ppwp2024());
  const results = `${WIDE_HEADER}\n3673011001001,3673011001,98,118,10,226,3,229,289,229,223,3,3,,3\n3673011001002,3673011001,90,120,12,222,4,226,290,226,220,3,3,,3\n`;
  await invoke(h.t.system, 'results.import', { election: 'pemilu-2024', contest: 'ppwp', path: writeTmp('hasil.csv', results) });
});
afterAll(() => h?.close());

/** Opens the workspace, is sent to sign in, signs in as the editor rina and lands back on the workspace. */
async function signIn(page: Page): Promise<void> {
    await page.goto(h.origin + '/ruang-kerja');
    await page.waitForURL(/\/masuk\?next=/);
    await page.getByLabel('Nama pengguna').fill('rina');
    await page.getByLabel('Kata sandi').fill('kata-sandi-panjang');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(/\/ruang-kerja$/);
}

describe('browser: a publisher creates, uploads, publishes', () => {
  it('signs in, fills the form watching the quality points, uploads a CSV, publishes, and finds it in search and the log', async () => {
    const { context, page, traffic } = await newPage(h);
    await signIn(page);
    await auditPage(h, '/ruang-kerja', { from: context, screenshot: 'workspace' });

    await page.getByRole('link', { name: 'Buat dataset' }).click();
    await page.waitForURL(/\/ruang-kerja\/dataset\/baru$/);
    // The island replaces the static note with a live panel.
    const panel = page.locator('[data-island="form-hints"]');
    await expect.poll(() => panel.textContent()).toMatch(/dari \d+ poin/);
    const before = Number(/(\d+) dari/.exec((await panel.textContent()) ?? '')![1]);
    await page.getByLabel('Judul').fill('Rekap DPT Kota Serang 2024');
    await page.getByLabel('Alamat (URL)').fill('rekap-dpt-kota-serang-2024');
    await page.getByLabel('Deskripsi').fill('Jumlah pemilih terdaftar per kecamatan di Kota Serang.');
    const keywords = page.locator('.field', { has: page.getByLabel('Kata kunci') });
    await expect.poll(() => keywords.locator('.points').textContent()).toBe('+30 poin');
    await page.getByLabel('Kata kunci').fill('dpt, pemilih, kota serang');
    await expect.poll(() => keywords.locator('.points').textContent()).toBe('✓ 30 poin');
    await page.getByLabel('Pemerintahan dan sektor publik').check();
    await page.getByLabel('Cakupan wilayah (kode Kemendagri)').fill('3673');
    await expect.poll(async () => Number(/(\d+) dari/.exec((await panel.textContent()) ?? '')![1])).toBe(before + 30 + 30 + 20);
    await auditPage(h, '/ruang-kerja/dataset/baru', { from: context, screenshot: 'dataset-form' });
    await page.getByRole('button', { name: 'Simpan sebagai draf' }).click();
    await page.waitForURL(/\/ruang-kerja\/dataset\/rekap-dpt-kota-serang-2024\?dibuat=1$/);

    await page.getByRole('link', { name: 'Tambah berkas' }).first().click();
    await page.waitForURL(/\/berkas$/);
    await page.getByLabel('Berkas', { exact: true }).setInputFiles({
      name: 'dpt-kota-serang.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('kecamatan,dpt\nSerang,120345\nKasemen,70210\n'),
    });
    await auditPage(h, '/ruang-kerja/dataset/rekap-dpt-kota-serang-2024/berkas', { from: context, screenshot: 'upload' });
    await page.getByRole('button', { name: 'Unggah' }).click();
    await page.waitForURL(/\/berkas\?ditambah=dpt-kota-serang\.csv$/);
    expect(await page.textContent('main')).toContain('Berkas dpt-kota-serang.csv ditambahkan.');

    await page.goto(h.origin + '/ruang-kerja/dataset/rekap-dpt-kota-serang-2024');
    await page.getByRole('button', { name: 'Terbitkan' }).click();
    await page.waitForURL(/\?terbit=1$/);
    expect(await page.textContent('main')).toContain('Dataset diterbitkan.');
    await expectAccessible(page, 'edit page after publishing');

    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Dataset' }).click();
    await page.getByLabel('Cari dataset').first().fill('DPT Serang');
    await page.getByLabel('Cari dataset').first().press('Enter');
    await page.getByRole('link', { name: 'Rekap DPT Kota Serang 2024' }).click();
    await page.waitForURL(/\/dataset\/rekap-dpt-kota-serang-2024$/);
    await page.getByText('Pratinjau: 2 baris pertama').click();
    const preview = page.getByRole('table', { name: 'Pratinjau dpt-kota-serang.csv' });
    expect(await preview.locator('tbody tr').count()).toBe(2);
    expect(await preview.locator('tbody tr').first().textContent()).toBe('Serang120345');

    await page.goto(h.origin + '/integritas');
    expect(await page.locator('main table').textContent()).toContain('rekap-dpt-kota-serang-2024');
    expectSameOrigin(h, traffic);
    await context.close();
  });
});

describe('browser: an editor uploads the TPS list', () => {
  it('goes from the workspace to the TPS list form, uploads a list and reads the report, each page accessible and on the origin', async () => {
    const { context, page, traffic } = await newPage(h);
    await signIn(page);
    await page.getByRole('link', { name: 'Unggah daftar TPS' }).click();
    await page.waitForURL(/\/ruang-kerja\/daftar-tps$/);
    await auditPage(h, '/ruang-kerja/daftar-tps', { from: context });
    await page.getByLabel('Berkas', { exact: true }).setInputFiles({
      name: 'dpt-3673011001.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('tps_code,dpt\n3673011001001,289\n3673011001002,290\n3673011001003,250\n'),
    });
    await page.getByRole('button', { name: 'Unggah daftar' }).click();
    // The enhance island sends the file and writes the answer (the report) in place.
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Laporan daftar TPS');
    expect(await page.getByRole('table', { name: 'Data masuk setiap pemilihan' }).locator('tbody tr').textContent()).toMatch(/2 dari 3 TPS\s*1$/);
    await expectAccessible(page, 'TPS list report');
    // Back to the form: the second one removes the list of the desa again.
    await page.goto(h.origin + '/ruang-kerja/daftar-tps');
    await auditPage(h, '/ruang-kerja/daftar-tps', { from: context, screenshot: 'tps-list' });
    await page.getByLabel('Kode wilayah').fill('3673011001');
    await page.getByRole('button', { name: 'Hapus daftar' }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Laporan daftar TPS');
    expect(await page.getByRole('status').first().textContent()).toMatch(/^Daftar TPS wilayah ini dihapus dan dicatat sebagai entri log #\d+\.$/);
    await expectAccessible(page, 'TPS list removal report');
    expectSameOrigin(h, traffic);
    await context.close();
  });
});
