/**
 * The whole catalogue as one DCAT-AP 3 graph: a dcat:Catalog (mandatory dct:title, dct:description, dct:publisher —
 * DCAT-AP 3.0.1 §Catalogue) listing every public dataset. Used by the catalogue's DCAT export and by `/dataset/{name}.ttl`.
 */
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { Dataset } from '../types.js';
import { describeDataset, type DcatContext, type DcatDataset } from './describe.js';
import { QuadSink, term as n, writeDataset, writeThemeTaxonomy } from './rdf.js';

const { namedNode, literal } = DataFactory;

/** What DCAT-AP needs to know about the catalogue itself (site settings, not per-dataset metadata). */
export interface CatalogDescription {
  title: string;
  description: string;
  publisher: { name: string; uri?: string; homepage?: string | null };
  /** Defaults to `{baseUrl}/catalog`. */
  uri?: string;
  homepage?: string | null;
  issued?: string | null;
  modified?: string | null;
}

/** Quads for one dataset on its own (what `/dataset/{name}.ttl` serves and what SHACL validates). */
export function datasetQuads(dataset: Dataset, ctx: DcatContext): { description: DcatDataset; quads: Quad[]; roles: Map<string, string> } {
  const description = describeDataset(dataset, ctx);
  const sink = new QuadSink();
  const { roles } = writeDataset(sink, description, ctx.language);
  return { description, quads: sink.quads, roles };
}

/**
 * Quads for a catalogue and its datasets. Private, draft and deleted datasets are left out: the export is public.
 *
 * @example
 *   const quads = catalogQuads({ title: 'Portal Data KPU Banten', description: '…', publisher: { name: 'KPU Provinsi Banten' } }, datasets, ctx);
 *   const ttl = await toTurtle(quads);
 */
export function catalogQuads(catalog: CatalogDescription, datasets: readonly Dataset[], ctx: DcatContext): Quad[] {
  const sink = new QuadSink();
  const c = namedNode(catalog.uri ?? `${ctx.baseUrl}/catalog`);
  sink.type(c, n('dcat', 'Catalog'));
  sink.add(c, n('dct', 'title'), literal(catalog.title, ctx.language));
  sink.add(c, n('dct', 'description'), literal(catalog.description, ctx.language));
  const pub = catalog.publisher;
  sink.add(c, n('dct', 'publisher'), sink.once(pub.uri ?? `${ctx.baseUrl}/publisher`, (node) => {
    sink.type(node, n('foaf', 'Agent'), n('foaf', 'Organization'));
    sink.add(node, n('foaf', 'name'), literal(pub.name, ctx.language));
  }));
  const home = catalog.homepage ?? ctx.baseUrl;
  sink.add(c, n('foaf', 'homepage'), sink.once(home, (node) => sink.type(node, n('foaf', 'Document'))));
  sink.add(c, n('dcat', 'themeTaxonomy'), writeThemeTaxonomy(sink));
  if (catalog.issued) sink.add(c, n('dct', 'issued'), literal(catalog.issued, n('xsd', 'dateTime')));
  if (catalog.modified) sink.add(c, n('dct', 'modified'), literal(catalog.modified, n('xsd', 'dateTime')));
  for (const ds of datasets) {
    if (ds.private || ds.state !== 'active') continue;
    const { node } = writeDataset(sink, describeDataset(ds, ctx), ctx.language);
    sink.add(c, n('dcat', 'dataset'), node);
  }
  return sink.quads;
}
