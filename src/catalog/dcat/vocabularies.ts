/**
 * Namespaces and controlled vocabularies used by the DCAT-AP 3 mapping (STANDARDS.md, "DCAT-AP 3"): the EU
 * Publications Office authority tables (file type, licence, data theme, access right, frequency, planned availability)
 * and IANA media types. Labels are the English preferred labels of the authority tables; SHACL needs a `skos:prefLabel`
 * on every `skos:Concept` (DCAT-AP 3.0.1 `skos:ConceptShape`), so each concept the mapping points to carries one.
 */

export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  adms: 'http://www.w3.org/ns/adms#',
  spdx: 'http://spdx.org/rdf/terms#',
  dcatap: 'http://data.europa.eu/r5r/',
  locn: 'http://www.w3.org/ns/locn#',
} as const;

const AUTHORITY = 'http://publications.europa.eu/resource/authority/';
export const EU = {
  fileType: `${AUTHORITY}file-type/`,
  licence: `${AUTHORITY}licence/`,
  dataTheme: `${AUTHORITY}data-theme/`,
  accessRight: `${AUTHORITY}access-right/`,
  frequency: `${AUTHORITY}frequency/`,
  plannedAvailability: `${AUTHORITY}planned-availability/`,
} as const;

/** IANA media type registry; DCAT-AP 3 §Distribution.mediatype uses these URIs. */
export const IANA_MEDIA_TYPES = 'https://www.iana.org/assignments/media-types/';

/** EU data-theme authority table (13 themes). Elections belong to GOVE. */
export const DATA_THEMES: Readonly<Record<string, string>> = {
  AGRI: 'Agriculture, fisheries, forestry and food',
  ECON: 'Economy and finance',
  EDUC: 'Education, culture and sport',
  ENER: 'Energy',
  ENVI: 'Environment',
  GOVE: 'Government and public sector',
  HEAL: 'Health',
  INTR: 'International issues',
  JUST: 'Justice, legal system and public safety',
  OP_DATPRO: 'Provisional data',
  REGI: 'Regions and cities',
  SOCI: 'Population and society',
  TECH: 'Science and technology',
  TRAN: 'Transport',
};

/** EU access-right authority table. */
export const ACCESS_RIGHTS: Readonly<Record<string, string>> = {
  PUBLIC: 'public',
  RESTRICTED: 'restricted',
  NON_PUBLIC: 'non-public',
};

/**
 * EU frequency authority table (the codes a catalogue is likely to use) with the longest interval, in days, after which
 * a dataset declaring that frequency is overdue. `null` = no schedule (irregular, never, continuous, unknown).
 */
export const FREQUENCIES: Readonly<Record<string, { label: string; days: number | null }>> = {
  DECENNIAL: { label: 'decennial', days: 3653 },
  QUINQUENNIAL: { label: 'quinquennial', days: 1827 },
  TRIENNIAL: { label: 'triennial', days: 1096 },
  BIENNIAL: { label: 'biennial', days: 731 },
  ANNUAL: { label: 'annual', days: 366 },
  ANNUAL_2: { label: 'semiannual', days: 183 },
  ANNUAL_3: { label: 'three times a year', days: 122 },
  QUARTERLY: { label: 'quarterly', days: 92 },
  BIMONTHLY: { label: 'bimonthly', days: 62 },
  MONTHLY: { label: 'monthly', days: 31 },
  MONTHLY_2: { label: 'semimonthly', days: 16 },
  BIWEEKLY: { label: 'biweekly', days: 14 },
  WEEKLY: { label: 'weekly', days: 7 },
  DAILY: { label: 'daily', days: 1 },
  HOURLY: { label: 'hourly', days: 1 },
  CONT: { label: 'continuous', days: null },
  UPDATE_CONT: { label: 'continuously updated', days: null },
  IRREG: { label: 'irregular', days: null },
  NEVER: { label: 'never', days: null },
  UNKNOWN: { label: 'unknown', days: null },
};

/** EU planned-availability authority table (DCAT-AP `dcatap:availability`). */
export const AVAILABILITY = { STABLE: 'stable', AVAILABLE: 'available', TEMPORARY: 'temporary', EXPERIMENTAL: 'experimental' } as const;

/**
 * Catalogue format label (CKAN's upper-case `format`) → EU file-type code. Labels not listed have no EU code and are
 * exported as a free-text `dct:MediaTypeOrExtent` (MQA then withholds "format from vocabulary").
 */
export const FILE_TYPES: Readonly<Record<string, string>> = {
  CSV: 'CSV',
  TSV: 'TSV',
  JSON: 'JSON',
  'JSON-LD': 'JSON_LD',
  JSONLD: 'JSON_LD',
  GEOJSON: 'GEOJSON',
  XML: 'XML',
  RDF: 'RDF_XML',
  'RDF/XML': 'RDF_XML',
  TTL: 'RDF_TURTLE',
  TURTLE: 'RDF_TURTLE',
  N3: 'N3',
  NT: 'RDF_N_TRIPLES',
  XLS: 'XLS',
  XLSX: 'XLSX',
  ODS: 'ODS',
  PDF: 'PDF',
  DOC: 'DOC',
  DOCX: 'DOCX',
  ODT: 'ODT',
  TXT: 'TXT',
  HTML: 'HTML',
  ZIP: 'ZIP',
  GZ: 'GZIP',
  KML: 'KML',
  KMZ: 'KMZ',
  GML: 'GML',
  SHP: 'SHP',
  GPKG: 'GPKG',
  PNG: 'PNG',
  JPEG: 'JPEG',
  JPG: 'JPEG',
  PPT: 'PPT',
  PPTX: 'PPTX',
  PARQUET: 'PARQUET',
  SQL: 'SQL',
};

/** Media types registered with IANA that the catalogue meets (MQA "media type from vocabulary"). */
export const REGISTERED_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'text/csv',
  'text/tab-separated-values',
  'application/json',
  'application/ld+json',
  'application/geo+json',
  'application/xml',
  'text/xml',
  'application/rdf+xml',
  'text/turtle',
  'text/n3',
  'application/n-triples',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.text',
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'text/plain',
  'text/html',
  'application/zip',
  'application/gzip',
  'application/vnd.google-earth.kml+xml',
  'application/vnd.google-earth.kmz',
  'application/gml+xml',
  'application/geopackage+sqlite3',
  'image/png',
  'image/jpeg',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.apache.parquet',
  'application/sql',
]);

/**
 * EU file-type code → IANA media type, used when a resource has a format but no media type of its own is needed
 * elsewhere (e.g. checking a media type against its format). Not used to invent a missing `dcat:mediaType`.
 */
export const FILE_TYPE_MEDIA: Readonly<Record<string, string>> = {
  CSV: 'text/csv',
  TSV: 'text/tab-separated-values',
  JSON: 'application/json',
  JSON_LD: 'application/ld+json',
  GEOJSON: 'application/geo+json',
  XML: 'application/xml',
  RDF_XML: 'application/rdf+xml',
  RDF_TURTLE: 'text/turtle',
  XLS: 'application/vnd.ms-excel',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ODS: 'application/vnd.oasis.opendocument.spreadsheet',
  PDF: 'application/pdf',
  TXT: 'text/plain',
  HTML: 'text/html',
  ZIP: 'application/zip',
};

/** Media type → EU file-type code, to classify a resource that declares only a media type (MQA accepts either). */
export const MEDIA_FILE_TYPE: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(FILE_TYPE_MEDIA).map(([code, media]) => [media, code]),
);

/** The EU file-type code of a catalogue format label, or null when the label has none. */
export function fileTypeCode(format: string | null | undefined): string | null {
  if (!format) return null;
  return FILE_TYPES[format.trim().toUpperCase()] ?? null;
}

/** Lower-cased media type without parameters (`text/csv; charset=utf-8` → `text/csv`). */
export function normaliseMediaType(mediaType: string | null | undefined): string | null {
  if (!mediaType) return null;
  const bare = mediaType.split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(bare) ? bare : null;
}
