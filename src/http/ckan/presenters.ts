/**
 * CKAN dict shapes (ckan/lib/dictization/model_dictize.py): what existing CKAN clients and harvesters read.
 * Kotak's own metadata (temporal and spatial coverage, frequency, themes, access rights) appears as top-level keys,
 * as ckanext-scheming would put them.
 */
import type { Dataset, Group, License, Organization, Resource } from '../../catalog/types.js';
import { licenseById } from '../../catalog/licenses.js';
import type { Activity } from '../../store/catalog/activities.js';
import { RawJson } from '../raw-json.js';
import type { SearchResult } from '../../actions/dataset.js';
import type { OrganizationSummary } from '../../actions/organization.js';

/** CKAN prints naive UTC timestamps with microseconds: `2024-02-14T10:00:00.000000`. */
export function ckanTime(iso: string | null): string | null {
  if (!iso) return null;
  return iso.replace(/Z$/, '').padEnd(26, '0');
}

export function ckanResource(r: Resource): Record<string, unknown> {
  return {
    id: r.id,
    package_id: r.datasetId,
    name: r.name,
    description: r.description,
    format: r.format,
    mimetype: r.mediaType,
    size: r.size,
    hash: r.sha256 ?? '',
    url: r.url,
    url_type: r.urlType,
    position: r.position,
    created: ckanTime(r.created),
    last_modified: ckanTime(r.lastModified),
    metadata_modified: ckanTime(r.lastModified),
    state: 'active',
    resource_type: null,
    cache_url: null,
    datastore_active: false,
    link_status: r.linkStatus,
  };
}

export function ckanOrganization(o: Organization | OrganizationSummary | Dataset['organization'], full = true): Record<string, unknown> {
  const x = o as Partial<OrganizationSummary> & Dataset['organization'];
  return {
    id: x.id,
    name: x.name,
    title: x.title,
    display_name: x.title,
    type: 'organization',
    is_organization: true,
    approval_status: 'approved',
    state: x.state ?? 'active',
    description: x.description ?? '',
    image_url: x.imageUrl ?? '',
    created: ckanTime(x.created ?? null),
    region_code: x.regionCode,
    ...(full && x.packageCount !== undefined ? { package_count: x.packageCount } : {}),
    ...(full && x.email !== undefined ? { email: x.email, homepage: x.homepage } : {}),
  };
}

export function ckanGroup(g: Group | { name: string; title?: string; id?: string }): Record<string, unknown> {
  const x = g as Partial<Group> & { name: string };
  return { id: x.id ?? x.name, name: x.name, title: x.title ?? x.name, display_name: x.title ?? x.name, description: x.description ?? '', type: 'group', is_organization: false, state: 'active', eu_theme: x.euTheme ?? null };
}

/**
 * Datasets from the catalogue mirror are immutable (a change replaces the object), so their CKAN dicts can be kept
 * per object and reused by every show and search that returns them.
 */
const presented = new WeakMap<Dataset, Record<string, unknown>>();
const serialised = new WeakMap<Dataset, RawJson>();

/** The CKAN dict of a dataset, serialised once per (immutable) dataset object. */
export function ckanPackageJson(d: Dataset): RawJson {
  let j = serialised.get(d);
  if (!j) {
    j = new RawJson(JSON.stringify(ckanPackage(d)));
    serialised.set(d, j);
  }
  return j;
}

export function ckanPackage(d: Dataset, groupTitles?: Map<string, Group>): Record<string, unknown> {
  if (!groupTitles) {
    let p = presented.get(d);
    if (!p) {
      p = presentPackage(d);
      presented.set(d, p);
    }
    return p;
  }
  return presentPackage(d, groupTitles);
}

function presentPackage(d: Dataset, groupTitles?: Map<string, Group>): Record<string, unknown> {
  const lic = licenseById(d.licenseId);
  return {
    id: d.id,
    name: d.name,
    title: d.title,
    notes: d.description,
    type: 'dataset',
    owner_org: d.organizationId,
    organization: ckanOrganization(d.organization, false),
    private: d.private,
    state: d.state,
    license_id: d.licenseId ?? '',
    license_title: lic?.title ?? d.licenseId ?? '',
    license_url: lic?.url ?? '',
    isopen: lic?.isOpen ?? false,
    author: null,
    author_email: null,
    maintainer: d.contactName,
    maintainer_email: d.contactEmail,
    url: null,
    version: d.version,
    metadata_created: ckanTime(d.created),
    metadata_modified: ckanTime(d.modified),
    tags: d.tags.map((t) => ({ name: t, display_name: t, state: 'active', vocabulary_id: null })),
    num_tags: d.tags.length,
    groups: d.groups.map((g) => ckanGroup(groupTitles?.get(g) ?? { name: g })),
    extras: Object.entries(d.extras).map(([key, value]) => ({ key, value })),
    resources: d.resources.map(ckanResource),
    num_resources: d.resources.length,
    relationships_as_object: [],
    relationships_as_subject: [],
    // Kotak / DCAT-AP fields (ckanext-scheming style top-level keys).
    temporal_start: d.temporalStart,
    temporal_end: d.temporalEnd,
    spatial: d.spatial,
    frequency: d.frequency,
    themes: d.themes,
    access_rights: d.accessRights,
    contact_name: d.contactName,
    contact_email: d.contactEmail,
  };
}

export function ckanSearch(r: SearchResult): Record<string, unknown> {
  const search_facets: Record<string, unknown> = {};
  const facets: Record<string, Record<string, number>> = {};
  for (const [field, items] of Object.entries(r.facets)) {
    search_facets[field] = { title: field, items };
    facets[field] = Object.fromEntries(items.map((i) => [i.name, i.count]));
  }
  return { count: r.count, sort: r.sort, results: r.results.map(ckanPackageJson), facets, search_facets };
}

export function ckanLicense(l: License): Record<string, unknown> {
  return { id: l.id, title: l.title, url: l.url, od_conformance: l.isOpen ? 'approved' : 'not reviewed', osd_conformance: 'not reviewed', status: 'active', is_okd_compliant: l.isOpen, is_generic: !l.url, eu_uri: l.euUri };
}

export function ckanActivity(a: Activity): Record<string, unknown> {
  const data = a.objectType === 'package' ? { package: ckanPackage(a.data as Dataset) } : { [a.objectType]: a.data };
  return { id: a.id, timestamp: ckanTime(a.timestamp), user_id: a.userId, object_id: a.objectId, activity_type: a.activityType, data, diff: a.diff };
}
