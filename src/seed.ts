/**
 * First start: an empty database gets the Banten organisations, the thematic groups, the licence list and a first
 * dataset (the region list as CSV, in KPU Provinsi Banten), so the portal is never empty (issue 2 §9).
 * Every step goes through actions, like any other write.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LICENSES } from './catalog/licenses.js';
import { SEED_GROUPS, SEED_ORGANIZATIONS } from './catalog/seed-data.js';
import { upsertLicenses } from './store/catalog/organizations.js';
import { invoke } from './actions/invoke.js';
import type { ActionContext } from './actions/types.js';

export const REGIONS_CSV = fileURLToPath(new URL('../fixtures/regions/banten-regions.csv', import.meta.url));

/** Licences are reference data: refreshed on every start so new entries reach existing portals. */
export async function seedReferenceData(ctx: ActionContext): Promise<void> {
  await upsertLicenses(ctx.services.database.db, LICENSES);
}

export async function seedIfEmpty(ctx: ActionContext): Promise<boolean> {
  await seedReferenceData(ctx);
  const db = ctx.services.database.db;
  const any = await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  for (const o of SEED_ORGANIZATIONS) {
    await invoke(ctx, 'organization.create', { name: o.name, title: o.title, description: o.description, region_code: o.regionCode });
  }
  for (const g of SEED_GROUPS) {
    await invoke(ctx, 'group.create', { name: g.name, title: g.title, description: g.description, eu_theme: g.euTheme });
  }
  const dataset = await invoke<{ id: string }>(ctx, 'dataset.create', {
    name: 'wilayah-administrasi-banten',
    title: 'Kode dan Nama Wilayah Administrasi Provinsi Banten',
    notes:
      'Daftar provinsi, kabupaten/kota, kecamatan dan desa/kelurahan di Provinsi Banten dengan kode Kemendagri ' +
      '(Kepmendagri No 300.2.2-2138 Tahun 2025): 1 provinsi, 8 kabupaten/kota, 155 kecamatan, 1.552 desa/kelurahan. ' +
      'Kolom: code, parent_code, level, name. Sumber: cahyadsn/wilayah (MIT).',
    owner_org: 'kpu-provinsi-banten',
    license_id: 'odc-by',
    tags: ['wilayah', 'kode-wilayah', 'kemendagri', 'banten'],
    groups: ['wilayah'],
    themes: ['REGI', 'GOVE'],
    spatial: ['36'],
    temporal_start: '2025-01-01',
    frequency: 'IRREG',
    contact_name: 'KPU Provinsi Banten',
    contact_email: 'ppid@kpu-bantenprov.go.id',
    access_rights: 'PUBLIC',
  });
  const bytes = readFileSync(REGIONS_CSV);
  const put = await ctx.services.blobs.put(bytes);
  await invoke(
    ctx,
    'resource.create',
    { package_id: dataset.id, name: 'banten-regions.csv', description: 'Wilayah administrasi Banten (CSV, UTF-8).', format: 'CSV' },
    { extra: { upload: { sha256: put.sha256, size: put.size, filename: 'banten-regions.csv', mediaType: 'text/csv' } } },
  );
  return true;
}
