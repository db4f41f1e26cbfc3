/**
 * Hand-built catalogue objects for the DCAT-AP and maturity tests: a fully described dataset and small variations.
 * Plain objects (no store), so each expected score can be worked out by hand from what is written here.
 */
import type { Dataset, License, Organization, Resource } from '../../src/catalog/types.js';
import { LICENSES } from '../../src/catalog/licenses.js';
import type { DcatContext } from '../../src/catalog/dcat/describe.js';

export const BASE = 'https://data.example.go.id';

export function org(over: Partial<Organization> = {}): Organization {
  return {
    id: 'org-serang',
    name: 'kpu-kota-serang',
    title: 'KPU Kota Serang',
    description: 'Komisi Pemilihan Umum Kota Serang',
    regionCode: '3673',
    imageUrl: null,
    email: 'ppid@kpu-serangkota.go.id',
    homepage: 'https://kpu-serangkota.go.id',
    created: '2024-01-01T00:00:00.000Z',
    state: 'active',
    ...over,
  };
}

export function resource(over: Partial<Resource> = {}): Resource {
  const id = over.id ?? 'res-1';
  return {
    id,
    datasetId: 'ds-1',
    name: 'Hasil PPWP per TPS',
    description: 'Perolehan suara per TPS',
    format: 'CSV',
    mediaType: 'text/csv',
    size: 123456,
    sha256: 'a'.repeat(64),
    url: `${BASE}/dataset/hasil-ppwp-2024-kota-serang/resource/${id}/download/hasil.csv`,
    urlType: 'upload',
    linkStatus: { ok: true, httpStatus: 200, checkedAt: '2024-03-20T00:00:00.000Z' },
    position: 0,
    created: '2024-02-20T00:00:00.000Z',
    lastModified: '2024-02-21T00:00:00.000Z',
    ...over,
  };
}

/** A dataset with every property MQA looks at: it scores 405. */
export function fullDataset(over: Partial<Dataset> = {}): Dataset {
  const o = org();
  const id = over.id ?? 'ds-1';
  return {
    id,
    name: 'hasil-ppwp-2024-kota-serang',
    title: 'Hasil Pemilu Presiden 2024 Kota Serang per TPS',
    description: 'Perolehan suara pasangan calon presiden dan wakil presiden di setiap TPS Kota Serang.',
    organizationId: o.id,
    organization: { id: o.id, name: o.name, title: o.title, regionCode: o.regionCode },
    private: false,
    state: 'active',
    licenseId: 'cc-by',
    tags: ['pemilu', 'ppwp', 'tps'],
    groups: ['hasil-pemilu'],
    themes: ['GOVE'],
    temporalStart: '2024-02-14',
    temporalEnd: '2024-02-14',
    spatial: ['3673'],
    frequency: 'IRREG',
    contactName: 'PPID KPU Kota Serang',
    contactEmail: 'ppid@kpu-serangkota.go.id',
    accessRights: 'PUBLIC',
    version: '1.0',
    extras: { rights: 'Bebas digunakan dengan menyebut sumber.' },
    created: '2024-02-20T00:00:00.000Z',
    modified: '2024-02-21T00:00:00.000Z',
    resources: [resource({ datasetId: id })],
    ...over,
  };
}

export const licenses: ReadonlyMap<string, License> = new Map(LICENSES.map((l) => [l.id, l]));

export function dcatContext(orgs: Organization[] = [org()]): DcatContext {
  return {
    baseUrl: BASE,
    language: 'id',
    licenses,
    organizations: new Map(orgs.map((o) => [o.id, o])),
    regionName: (code) => ({ '3673': 'Kota Serang', '36': 'Banten' })[code],
  };
}
