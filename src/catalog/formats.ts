/**
 * File formats: the label CKAN stores, its IANA media type, and how to guess it from a file name.
 * The label/media type pairs follow the EU file-type vocabulary and IANA (DCAT-AP dct:format, dcat:mediaType).
 */
const TABLE: Array<[label: string, ext: string[], mediaType: string]> = [
  ['CSV', ['csv'], 'text/csv'],
  ['TSV', ['tsv'], 'text/tab-separated-values'],
  ['JSON', ['json'], 'application/json'],
  ['GeoJSON', ['geojson'], 'application/geo+json'],
  ['JSON-LD', ['jsonld'], 'application/ld+json'],
  ['XML', ['xml'], 'application/xml'],
  ['XLSX', ['xlsx'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['XLS', ['xls'], 'application/vnd.ms-excel'],
  ['ODS', ['ods'], 'application/vnd.oasis.opendocument.spreadsheet'],
  ['PDF', ['pdf'], 'application/pdf'],
  ['DOCX', ['docx'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['DOC', ['doc'], 'application/msword'],
  ['TXT', ['txt'], 'text/plain'],
  ['HTML', ['html', 'htm'], 'text/html'],
  ['ZIP', ['zip'], 'application/zip'],
  ['PARQUET', ['parquet'], 'application/vnd.apache.parquet'],
  ['TTL', ['ttl'], 'text/turtle'],
  ['RDF', ['rdf'], 'application/rdf+xml'],
  ['KML', ['kml'], 'application/vnd.google-earth.kml+xml'],
  ['SHP', ['shp'], 'application/x-shapefile'],
  ['PNG', ['png'], 'image/png'],
  ['JPEG', ['jpg', 'jpeg'], 'image/jpeg'],
];

export function formatFromFilename(name: string): string | null {
  const ext = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(name)?.[1]?.toLowerCase();
  if (!ext) return null;
  return TABLE.find(([, exts]) => exts.includes(ext))?.[0] ?? null;
}

export function mediaTypeOf(format: string): string | null {
  const f = format.toUpperCase();
  return TABLE.find(([label]) => label.toUpperCase() === f)?.[2] ?? null;
}

/** Normalises a user-given format label (`csv`, `.CSV`, `text/csv`) to the catalogue's label. */
export function normaliseFormat(raw: string): string {
  const s = raw.trim().replace(/^\./, '');
  const byMedia = TABLE.find(([, , mt]) => mt === s.toLowerCase());
  if (byMedia) return byMedia[0];
  const byLabel = TABLE.find(([label, exts]) => label.toUpperCase() === s.toUpperCase() || exts.includes(s.toLowerCase()));
  return byLabel ? byLabel[0] : s.toUpperCase();
}
