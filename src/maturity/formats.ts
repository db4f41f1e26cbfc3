/**
 * Format tables the automatic indicators read.
 *
 * - Five-star openness by format, from ckanext-qa's `resource_format_openness_scores.json` (STANDARDS.md, "Five-star
 *   openness"): 0 not data, 1 document, 2 machine-readable but proprietary, 3 open format, 5 linked data.
 * - MQA's machine-readable and non-proprietary file types (data.europa.eu MQA methodology, Interoperability), keyed by
 *   EU file-type code.
 */
import { MEDIA_FILE_TYPE, fileTypeCode, normaliseMediaType } from '../catalog/dcat/vocabularies.js';

/** ckanext-qa openness score by upper-cased format label. Labels not listed score 1 (obtainable, not known as data). */
export const FORMAT_STARS: Readonly<Record<string, number>> = {
  // 5: linked data
  RDF: 5, TTL: 5, N3: 5, SPARQL: 5, 'JSON-LD': 5, JSON_LD: 5,
  // 3: open, machine-readable formats
  CSV: 3, TSV: 3, JSON: 3, GEOJSON: 3, XML: 3, KML: 3, KMZ: 3, GML: 3, ODS: 3, ODB: 3, ODF: 3, ODG: 3, NETCDF: 3,
  WMS: 3, WFS: 3, WCS: 3, WMTS: 3, RSS: 3, ATOM: 3, ICS: 3, SVG: 3, PNG: 3, JPEG: 3, QGIS: 3, IATI: 3, XYZ: 3,
  // 2: machine-readable, proprietary
  XLS: 2, XLSX: 2, MDB: 2, SHP: 2, DBF: 2, BMP: 2, TIFF: 2, GEOTIFF: 2, GIF: 2, E00: 2, MRSID: 2, MOP: 2,
  // 1: documents and archives
  PDF: 1, DOC: 1, DOCX: 1, ODT: 1, TXT: 1, PPT: 1, PPTX: 1, ODP: 1, ZIP: 1, GZ: 1, RAR: 1, TAR: 1, BIN: 1, DCR: 1,
  ODC: 1, MXD: 1,
  // 0: not data
  HTML: 0, EXE: 0, JS: 0, PERL: 0, OWL: 0, XSLT: 0, RDFA: 0,
};

/** Formats the portal stores that ckanext-qa does not list, with the score of their nearest listed kin. */
const EXTRA_STARS: Readonly<Record<string, number>> = { PARQUET: 3, GPKG: 3, JSONLD: 5, SQL: 2 };

/** The ckanext-qa score of a format label (before the licence and broken-link rules). */
export function formatStars(format: string | null | undefined, mediaType?: string | null): number {
  const label = format?.trim().toUpperCase();
  if (label) return FORMAT_STARS[label] ?? EXTRA_STARS[label] ?? 1;
  // No label: classify by media type when it maps to a known file type (ckanext-qa sniffs the content instead).
  const code = MEDIA_FILE_TYPE[normaliseMediaType(mediaType) ?? ''];
  return code ? (FORMAT_STARS[code] ?? 1) : 1;
}

/** MQA "machine-readable format" list (EU file-type codes). Documents, images and web pages are not on it. */
export const MACHINE_READABLE: ReadonlySet<string> = new Set([
  'CSV', 'TSV', 'JSON', 'JSON_LD', 'GEOJSON', 'XML', 'RDF_XML', 'RDF_TURTLE', 'N3', 'RDF_N_TRIPLES', 'RDF_N_QUADS',
  'XLS', 'XLSX', 'ODS', 'KML', 'KMZ', 'GML', 'SHP', 'DBF', 'GPKG', 'NETCDF', 'PARQUET', 'SQL', 'ATOM', 'RSS',
]);

/** MQA "non-proprietary format" list (EU file-type codes): formats with an open specification. */
export const NON_PROPRIETARY: ReadonlySet<string> = new Set([
  'CSV', 'TSV', 'JSON', 'JSON_LD', 'GEOJSON', 'XML', 'RDF_XML', 'RDF_TURTLE', 'N3', 'RDF_N_TRIPLES', 'RDF_N_QUADS',
  'ODS', 'ODT', 'KML', 'KMZ', 'GML', 'GPKG', 'NETCDF', 'PARQUET', 'TXT', 'HTML', 'RSS', 'ATOM', 'PNG', 'ZIP', 'GZIP',
  'TAR', 'DBF', 'RTF', 'ICS',
]);

/** EU file-type code of a resource from its format label, else from its media type (MQA accepts either). */
export function resourceFileType(format: string | null | undefined, mediaType: string | null | undefined): string | null {
  return fileTypeCode(format) ?? MEDIA_FILE_TYPE[normaliseMediaType(mediaType) ?? ''] ?? null;
}
