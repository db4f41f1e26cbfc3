/**
 * The DCAT-AP 3 description of a catalogue dataset, as plain data. This is the one mapping from the catalogue to
 * DCAT-AP: `rdf.ts` turns it into quads (Turtle/JSON-LD export, SHACL validation) and the MQA indicators read it, so
 * the score and the published metadata cannot disagree.
 *
 * Rule kept by this module (the SHACL cache in validate.ts relies on it): every choice that changes the *shape* of the
 * RDF (which triples exist, which classes a node has) is made here and recorded as presence/absence or a boolean;
 * `rdf.ts` never branches on the content of a string.
 */
import type { Dataset, License, Organization, Resource } from '../types.js';
import {
  ACCESS_RIGHTS,
  AVAILABILITY,
  DATA_THEMES,
  EU,
  FREQUENCIES,
  IANA_MEDIA_TYPES,
  REGISTERED_MEDIA_TYPES,
  fileTypeCode,
  normaliseMediaType,
} from './vocabularies.js';

/** What the mapping needs besides the dataset itself. */
export interface DcatContext {
  /** Public base URL of the portal, without a trailing slash, e.g. `https://data.kpu-banten.go.id`. */
  baseUrl: string;
  /** BCP 47 tag of the catalogue's texts (titles, descriptions, keywords), e.g. `id`. */
  language: string;
  licenses: ReadonlyMap<string, License>;
  /** Organisations by id (publisher details: e-mail, homepage, region). */
  organizations: ReadonlyMap<string, Organization>;
  /** URI of a region (dct:spatial); defaults to `{baseUrl}/region/{code}`. */
  regionUri?: (code: string) => string;
  /** Name of a region, when known (skos:prefLabel of the dct:Location). */
  regionName?: (code: string) => string | undefined;
}

/** A term of a controlled vocabulary: typed and labelled in the export. */
export interface ConceptRef {
  uri: string;
  code: string;
  label: string;
}

export type FormatRef = { vocabulary: true; uri: string; code: string; label: string } | { vocabulary: false; label: string };
export type RightsRef = { vocabulary: true; uri: string; code: string; label: string } | { vocabulary: false; label: string };

export interface DcatDistribution {
  resourceId: string;
  uri: string;
  title: string | null;
  description: string | null;
  accessURL: string | null;
  /** DCAT-AP Distribution.downloadURL: set for files the portal holds and for links to a file format (not HTML). */
  downloadURL: string | null;
  format: FormatRef | null;
  mediaType: { uri: string; value: string; registered: boolean } | null;
  license: { uri: string; title: string; vocabulary: boolean } | null;
  /** Free-text rights statement (dct:rights), from the dataset extra `rights`. */
  rights: string | null;
  byteSize: number | null;
  /** Hex SHA-256 (spdx:checksum). */
  checksum: string | null;
  issued: string | null;
  modified: string | null;
  availability: ConceptRef | null;
}

export interface DcatDataset {
  datasetId: string;
  name: string;
  uri: string;
  landingPage: string;
  identifier: string;
  title: string | null;
  description: string | null;
  keywords: string[];
  themes: ConceptRef[];
  spatial: Array<{ uri: string; code: string; label: string | null }>;
  temporal: { start: string | null; end: string | null } | null;
  publisher: { uri: string; name: string; homepage: string | null; email: string | null } | null;
  contactPoint: { name: string | null; email: string | null } | null;
  accessRights: RightsRef | null;
  frequency: ConceptRef | null;
  issued: string | null;
  modified: string | null;
  version: string | null;
  distributions: DcatDistribution[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Normalise a timestamp to ISO 8601 (xsd:dateTime lexical form) or null when it does not parse. */
function isoDateTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function isoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const day = value.slice(0, 10);
  return ISO_DATE.test(day) && !Number.isNaN(Date.parse(day)) ? day : null;
}

function text(value: string | null | undefined): string | null {
  const t = value?.trim();
  return t ? t : null;
}

export function datasetUri(ctx: DcatContext, datasetId: string): string {
  return `${ctx.baseUrl}/dataset/${datasetId}`;
}

export function publisherUri(ctx: DcatContext, orgName: string): string {
  return `${ctx.baseUrl}/organization/${orgName}`;
}

/** An open-licence entry whose id says "not specified" is no licence (CKAN's `notspecified`). */
function licenseRef(ctx: DcatContext, licenseId: string | null): DcatDistribution['license'] {
  if (!licenseId || licenseId === 'notspecified') return null;
  const lic = ctx.licenses.get(licenseId);
  if (!lic) return null;
  if (lic.euUri) return { uri: lic.euUri, title: lic.title, vocabulary: true };
  return { uri: lic.url || `${ctx.baseUrl}/license/${lic.id}`, title: lic.title, vocabulary: false };
}

function formatRef(format: string): FormatRef | null {
  const label = text(format);
  if (!label) return null;
  const code = fileTypeCode(label);
  return code ? { vocabulary: true, uri: `${EU.fileType}${code}`, code, label: code } : { vocabulary: false, label };
}

function downloadUrl(resource: Resource, format: FormatRef | null): string | null {
  if (!text(resource.url)) return null;
  if (resource.urlType === 'upload') return resource.url;
  // An external link is a download when its format is a file type; an HTML page or an unlabelled link is an access
  // point only (DCAT 3 §dcat:downloadURL: "a URL of the downloadable file in a given format").
  return format?.vocabulary && format.code !== 'HTML' ? resource.url : null;
}

function describeDistribution(ctx: DcatContext, dataset: Dataset, resource: Resource, datasetUriValue: string): DcatDistribution {
  const format = formatRef(resource.format);
  const media = normaliseMediaType(resource.mediaType);
  const sha = resource.sha256 && /^[0-9a-f]{64}$/i.test(resource.sha256) ? resource.sha256.toLowerCase() : null;
  const size = resource.size !== null && Number.isSafeInteger(resource.size) && resource.size >= 0 ? resource.size : null;
  return {
    resourceId: resource.id,
    uri: `${datasetUriValue}/resource/${resource.id}`,
    title: text(resource.name),
    description: text(resource.description),
    accessURL: text(resource.url),
    downloadURL: downloadUrl(resource, format),
    format,
    mediaType: media ? { uri: `${IANA_MEDIA_TYPES}${media}`, value: media, registered: REGISTERED_MEDIA_TYPES.has(media) } : null,
    license: licenseRef(ctx, dataset.licenseId),
    rights: text(dataset.extras['rights']),
    byteSize: size,
    checksum: sha,
    issued: isoDateTime(resource.created),
    modified: isoDateTime(resource.lastModified),
    availability:
      resource.urlType === 'upload'
        ? { uri: `${EU.plannedAvailability}STABLE`, code: 'STABLE', label: AVAILABILITY.STABLE }
        : null,
  };
}

function accessRightsRef(value: string | null): RightsRef | null {
  const v = text(value);
  if (!v) return null;
  const code = v.toUpperCase();
  const label = ACCESS_RIGHTS[code];
  return label ? { vocabulary: true, uri: `${EU.accessRight}${code}`, code, label } : { vocabulary: false, label: v };
}

function conceptRef(base: string, code: string, label: string | undefined): ConceptRef {
  return { uri: `${base}${code}`, code, label: label ?? code };
}

/**
 * Describe one dataset in DCAT-AP 3 terms.
 *
 * @example
 *   const d = describeDataset(dataset, ctx);
 *   d.distributions[0].format; // { vocabulary: true, uri: '…/file-type/CSV', code: 'CSV', label: 'CSV' }
 */
export function describeDataset(dataset: Dataset, ctx: DcatContext): DcatDataset {
  const uri = datasetUri(ctx, dataset.id);
  const org = ctx.organizations.get(dataset.organizationId);
  const orgName = org?.name ?? dataset.organization?.name;
  const orgTitle = text(org?.title ?? dataset.organization?.title);
  const contactName = text(dataset.contactName);
  const contactEmail = text(dataset.contactEmail) ?? text(org?.email);
  const regionUri = ctx.regionUri ?? ((code: string) => `${ctx.baseUrl}/region/${code}`);
  const frequencyCode = text(dataset.frequency)?.toUpperCase() ?? null;
  const start = isoDate(dataset.temporalStart);
  const end = isoDate(dataset.temporalEnd);
  return {
    datasetId: dataset.id,
    name: dataset.name,
    uri,
    landingPage: `${ctx.baseUrl}/dataset/${dataset.name}`,
    identifier: dataset.id,
    title: text(dataset.title),
    description: text(dataset.description),
    keywords: [...new Set(dataset.tags.map((t) => t.trim()).filter(Boolean))],
    themes: [...new Set(dataset.themes.map((t) => t.trim().toUpperCase()).filter(Boolean))].map((code) =>
      conceptRef(EU.dataTheme, code, DATA_THEMES[code]),
    ),
    spatial: [...new Set(dataset.spatial.filter(Boolean))].map((code) => ({
      uri: regionUri(code),
      code,
      label: ctx.regionName?.(code) ?? null,
    })),
    temporal: start || end ? { start, end } : null,
    publisher: orgName && orgTitle
      ? { uri: publisherUri(ctx, orgName), name: orgTitle, homepage: text(org?.homepage), email: text(org?.email) }
      : null,
    contactPoint: contactName || contactEmail ? { name: contactName ?? orgTitle, email: contactEmail } : null,
    accessRights: accessRightsRef(dataset.accessRights),
    frequency: frequencyCode ? conceptRef(EU.frequency, frequencyCode, FREQUENCIES[frequencyCode]?.label) : null,
    issued: isoDateTime(dataset.created),
    modified: isoDateTime(dataset.modified),
    version: text(dataset.version),
    distributions: [...dataset.resources]
      .sort((a, b) => a.position - b.position)
      .map((r) => describeDistribution(ctx, dataset, r, uri)),
  };
}
