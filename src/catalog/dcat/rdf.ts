/**
 * DCAT-AP 3 descriptions (describe.ts) → RDF quads. Property choices follow DCAT-AP 3.0.1 (SEMICeu/DCAT-AP
 * releases/3.0.1); every node pointed to through a range-constrained property gets the `rdf:type` the range shapes
 * (ranges.ttl, `sh:class`) expect, and every `skos:Concept` gets its `skos:prefLabel` (skos:ConceptShape, minCount 1).
 */
import { DataFactory } from 'n3';
import type { BlankNode, NamedNode, Quad, Quad_Object, Quad_Subject } from '@rdfjs/types';
import type { ConceptRef, DcatDataset, DcatDistribution } from './describe.js';
import { EU, NS } from './vocabularies.js';

const { namedNode, blankNode, literal, quad } = DataFactory;

const n = (ns: keyof typeof NS, local: string): NamedNode => namedNode(`${NS[ns]}${local}`);
const RDF_TYPE = n('rdf', 'type');

/** Collects quads, writing each helper node's type/label once even when many datasets point to it. */
export class QuadSink {
  readonly quads: Quad[] = [];
  private readonly described = new Set<string>();

  add(s: Quad_Subject, p: NamedNode, o: Quad_Object): void {
    this.quads.push(quad(s, p, o));
  }

  type(s: Quad_Subject, ...classes: NamedNode[]): void {
    for (const c of classes) this.add(s, RDF_TYPE, c);
  }

  /** Describe a shared node (vocabulary term, publisher, licence) only the first time it is seen. */
  once(uri: string, write: (node: NamedNode) => void): NamedNode {
    const node = namedNode(uri);
    if (!this.described.has(uri)) {
      this.described.add(uri);
      write(node);
    }
    return node;
  }
}

function lit(value: string, lang?: string): ReturnType<typeof literal> {
  return lang ? literal(value, lang) : literal(value);
}

function dateTime(value: string): ReturnType<typeof literal> {
  return literal(value, n('xsd', 'dateTime'));
}

function concept(sink: QuadSink, ref: ConceptRef, ...classes: NamedNode[]): NamedNode {
  return sink.once(ref.uri, (node) => {
    sink.type(node, n('skos', 'Concept'), ...classes);
    sink.add(node, n('skos', 'prefLabel'), lit(ref.label, 'en'));
    sink.add(node, n('skos', 'notation'), lit(ref.code));
  });
}

function writeDistribution(sink: QuadSink, dist: DcatDistribution, lang: string): NamedNode {
  const d = namedNode(dist.uri);
  sink.type(d, n('dcat', 'Distribution'));
  if (dist.title) sink.add(d, n('dct', 'title'), lit(dist.title, lang));
  if (dist.description) sink.add(d, n('dct', 'description'), lit(dist.description, lang));
  if (dist.accessURL) sink.add(d, n('dcat', 'accessURL'), namedNode(dist.accessURL));
  if (dist.downloadURL) sink.add(d, n('dcat', 'downloadURL'), namedNode(dist.downloadURL));
  if (dist.format) {
    if (dist.format.vocabulary) {
      const f = dist.format;
      sink.add(d, n('dct', 'format'), concept(sink, { uri: f.uri, code: f.code, label: f.label }, n('dct', 'MediaTypeOrExtent')));
    } else {
      const b = blankNode();
      sink.type(b, n('dct', 'MediaTypeOrExtent'));
      sink.add(b, n('rdfs', 'label'), lit(dist.format.label));
      sink.add(d, n('dct', 'format'), b);
    }
  }
  if (dist.mediaType) {
    const mt = dist.mediaType;
    sink.add(d, n('dcat', 'mediaType'), sink.once(mt.uri, (node) => {
      sink.type(node, n('dct', 'MediaType'), n('dct', 'MediaTypeOrExtent'));
      sink.add(node, n('rdfs', 'label'), lit(mt.value));
    }));
  }
  if (dist.license) {
    const lic = dist.license;
    sink.add(d, n('dct', 'license'), sink.once(lic.uri, (node) => {
      sink.type(node, n('dct', 'LicenseDocument'));
      sink.add(node, n('dct', 'title'), lit(lic.title));
    }));
  }
  if (dist.rights) {
    const b = blankNode();
    sink.type(b, n('dct', 'RightsStatement'));
    sink.add(b, n('rdfs', 'label'), lit(dist.rights, lang));
    sink.add(d, n('dct', 'rights'), b);
  }
  if (dist.byteSize !== null) sink.add(d, n('dcat', 'byteSize'), literal(String(dist.byteSize), n('xsd', 'nonNegativeInteger')));
  if (dist.checksum) {
    const b = blankNode();
    sink.type(b, n('spdx', 'Checksum'));
    sink.add(b, n('spdx', 'algorithm'), sink.once(`${NS.spdx}checksumAlgorithm_sha256`, (node) => {
      sink.type(node, n('spdx', 'ChecksumAlgorithm'));
    }));
    sink.add(b, n('spdx', 'checksumValue'), literal(dist.checksum, n('xsd', 'hexBinary')));
    sink.add(d, n('spdx', 'checksum'), b);
  }
  if (dist.issued) sink.add(d, n('dct', 'issued'), dateTime(dist.issued));
  if (dist.modified) sink.add(d, n('dct', 'modified'), dateTime(dist.modified));
  if (dist.availability) sink.add(d, n('dcatap', 'availability'), concept(sink, dist.availability));
  return d;
}

/**
 * Write one dataset (and its distributions and helper nodes) into the sink.
 * Returns the dataset node and the role of every node SHACL may report on (to name a violation's focus node).
 */
export function writeDataset(sink: QuadSink, ds: DcatDataset, lang: string): { node: NamedNode; roles: Map<string, string> } {
  const d = namedNode(ds.uri);
  const roles = new Map<string, string>([[ds.uri, 'dataset']]);
  sink.type(d, n('dcat', 'Dataset'));
  sink.add(d, n('dct', 'identifier'), lit(ds.identifier));
  if (ds.title) sink.add(d, n('dct', 'title'), lit(ds.title, lang));
  if (ds.description) sink.add(d, n('dct', 'description'), lit(ds.description, lang));
  sink.add(d, n('dcat', 'landingPage'), sink.once(ds.landingPage, (node) => sink.type(node, n('foaf', 'Document'))));
  for (const k of ds.keywords) sink.add(d, n('dcat', 'keyword'), lit(k, lang));
  for (const t of ds.themes) sink.add(d, n('dcat', 'theme'), concept(sink, t));
  for (const s of ds.spatial) {
    sink.add(d, n('dct', 'spatial'), sink.once(s.uri, (node) => {
      sink.type(node, n('dct', 'Location'));
      sink.add(node, n('skos', 'notation'), lit(s.code));
      if (s.label) sink.add(node, n('skos', 'prefLabel'), lit(s.label, lang));
    }));
  }
  if (ds.temporal) {
    const b = blankNode();
    sink.type(b, n('dct', 'PeriodOfTime'));
    if (ds.temporal.start) sink.add(b, n('dcat', 'startDate'), literal(ds.temporal.start, n('xsd', 'date')));
    if (ds.temporal.end) sink.add(b, n('dcat', 'endDate'), literal(ds.temporal.end, n('xsd', 'date')));
    sink.add(d, n('dct', 'temporal'), b);
  }
  if (ds.publisher) {
    const p = ds.publisher;
    sink.add(d, n('dct', 'publisher'), sink.once(p.uri, (node) => {
      sink.type(node, n('foaf', 'Agent'), n('foaf', 'Organization'));
      sink.add(node, n('foaf', 'name'), lit(p.name, lang));
      if (p.homepage) sink.add(node, n('foaf', 'homepage'), sink.once(p.homepage, (h) => sink.type(h, n('foaf', 'Document'))));
      if (p.email) sink.add(node, n('foaf', 'mbox'), namedNode(`mailto:${p.email}`));
    }));
  }
  if (ds.contactPoint) {
    const b: BlankNode = blankNode();
    sink.type(b, n('vcard', 'Kind'), n('vcard', 'Organization'));
    if (ds.contactPoint.name) sink.add(b, n('vcard', 'fn'), lit(ds.contactPoint.name));
    if (ds.contactPoint.email) sink.add(b, n('vcard', 'hasEmail'), namedNode(`mailto:${ds.contactPoint.email}`));
    sink.add(d, n('dcat', 'contactPoint'), b);
  }
  if (ds.accessRights) {
    if (ds.accessRights.vocabulary) {
      const ar = ds.accessRights;
      sink.add(d, n('dct', 'accessRights'), concept(sink, { uri: ar.uri, code: ar.code, label: ar.label }, n('dct', 'RightsStatement')));
    } else {
      const b = blankNode();
      sink.type(b, n('dct', 'RightsStatement'));
      sink.add(b, n('rdfs', 'label'), lit(ds.accessRights.label, lang));
      sink.add(d, n('dct', 'accessRights'), b);
    }
  }
  if (ds.frequency) sink.add(d, n('dct', 'accrualPeriodicity'), concept(sink, ds.frequency, n('dct', 'Frequency')));
  if (ds.issued) sink.add(d, n('dct', 'issued'), dateTime(ds.issued));
  if (ds.modified) sink.add(d, n('dct', 'modified'), dateTime(ds.modified));
  if (ds.version) sink.add(d, n('dcat', 'version'), lit(ds.version));
  ds.distributions.forEach((dist, i) => {
    sink.add(d, n('dcat', 'distribution'), writeDistribution(sink, dist, lang));
    roles.set(dist.uri, `distribution:${i}`);
  });
  if (ds.publisher) roles.set(ds.publisher.uri, 'publisher');
  return { node: d, roles };
}

/** The EU data-theme scheme, for the catalogue's dcat:themeTaxonomy (skos:ConceptScheme needs a dct:title). */
export function writeThemeTaxonomy(sink: QuadSink): NamedNode {
  return sink.once(EU.dataTheme.replace(/\/$/, ''), (node) => {
    sink.type(node, n('skos', 'ConceptScheme'));
    sink.add(node, n('dct', 'title'), lit('Data theme', 'en'));
  });
}

export { n as term };
