/**
 * SHACL validation of DCAT-AP 3 descriptions against the official 3.0.1 shapes (fixtures/dcat-ap: dcat-ap-SHACL.ttl
 * and ranges.ttl, loaded as one shapes graph). The result is MQA's "DCAT-AP compliance" indicator (30 points).
 *
 * Speed: parsing the shapes and building the validator costs ~150 ms, so it is done once per process. Validating one
 * dataset graph costs a few milliseconds, too slow for 10,000 datasets on every assessment, so outcomes are memoised
 * by the *structure* of the description (see `structureKey`). That is sound for these shapes because they use only
 * sh:minCount, sh:maxCount, sh:nodeKind, sh:class and sh:datatype — none look at a value's content — and the mapping
 * (describe.ts) records every shape-changing choice as presence, count or boolean. A test checks memoised against
 * fresh results over varied datasets.
 */
import { readFileSync } from 'node:fs';
import type { Quad } from '@rdfjs/types';
import { Parser, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import type { Dataset } from '../types.js';
import { datasetQuads } from './catalog.js';
import { describeDataset, type DcatContext, type DcatDataset } from './describe.js';

const SHAPE_FILES = ['dcat-ap-SHACL.ttl', 'ranges.ttl'] as const;
/** Distinct structures kept; real catalogues have a few dozen, so the bound only guards against pathological input. */
const MEMO_LIMIT = 10_000;
const SHAPES_DIR = new URL('../../../fixtures/dcat-ap/', import.meta.url);

export interface ShaclViolation {
  /** Which node: `dataset`, `distribution:<index>`, `publisher`, or `node` (a blank node such as a contact point). */
  focus: string;
  /** The node's IRI (or blank-node label). */
  focusNode: string;
  /** The property path, e.g. `http://purl.org/dc/terms/description`. */
  path: string | null;
  /** SHACL constraint component, local name: `MinCountConstraintComponent`, `ClassConstraintComponent`, … */
  constraint: string;
  message: string;
  severity: string;
}

export interface ShaclOutcome {
  conforms: boolean;
  violations: ShaclViolation[];
}

let shared: SHACLValidator | null = null;

/** Parse the shapes once per process. */
export function dcatValidator(): SHACLValidator {
  if (shared) return shared;
  const shapes = new Store();
  for (const file of SHAPE_FILES) {
    shapes.addQuads(new Parser({ baseIRI: `https://semiceu.github.io/DCAT-AP/releases/3.0.1/${file}` }).parse(readFileSync(new URL(file, SHAPES_DIR), 'utf8')));
  }
  shared = new SHACLValidator(shapes);
  return shared;
}

function localName(iri: string | undefined): string {
  if (!iri) return '';
  return iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
}

/** Validate any DCAT-AP graph (e.g. a whole catalogue). `roles` names focus nodes in the result. */
export async function validateQuads(quads: readonly Quad[], roles: ReadonlyMap<string, string> = new Map()): Promise<ShaclOutcome> {
  const report = await dcatValidator().validate(new Store([...quads]));
  const violations = report.results.map((r): ShaclViolation => {
    const focusNode = r.focusNode?.value ?? '';
    return {
      focus: roles.get(focusNode) ?? 'node',
      focusNode,
      path: r.path && 'value' in r.path ? String(r.path.value) : null,
      constraint: localName(r.sourceConstraintComponent?.value),
      message: r.message.map((m) => m.value).join('; '),
      severity: localName(r.severity?.value),
    };
  });
  return { conforms: report.conforms, violations };
}

/**
 * The structure of a description: every string becomes `s`, every number `n`, booleans and nulls stay, arrays keep
 * their length. Two descriptions with the same key produce isomorphic graphs up to IRI and literal values.
 */
export function structureKey(description: DcatDataset, language: string): string {
  return (language ? 'L' : '') + shape(description);
}

/**
 * Field names are left out: describe.ts builds every object from a fixed literal, so a value's position names its
 * field, and the variants of a union differ in their boolean marker and field count.
 */
function shape(v: unknown): string {
  if (v === null) return '0';
  const t = typeof v;
  if (t === 'string') return 's';
  if (t === 'number') return 'n';
  if (t === 'boolean') return v ? 'T' : 'F';
  if (t === 'undefined') return 'u';
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += shape(v[i]);
    return out + ']';
  }
  let out = '{';
  const obj = v as Record<string, unknown>;
  for (const k in obj) out += shape(obj[k]);
  return out + '}';
}

/** Translate a memoised violation's role back to this description's node. */
function nodeFor(description: DcatDataset, focus: string): string {
  if (focus === 'dataset') return description.uri;
  if (focus === 'publisher') return description.publisher?.uri ?? '';
  if (focus.startsWith('distribution:')) return description.distributions[Number(focus.slice(13))]?.uri ?? '';
  return '';
}

/** Memoised validation of single datasets. One instance per process is enough; `size` is for the benchmark. */
export class DatasetValidator {
  private readonly memo = new Map<string, ShaclViolation[]>();
  fresh = 0;
  reused = 0;

  get size(): number {
    return this.memo.size;
  }

  async validate(dataset: Dataset, ctx: DcatContext): Promise<ShaclOutcome & { description: DcatDataset }> {
    const description = describeDataset(dataset, ctx);
    const key = structureKey(description, ctx.language);
    let violations = this.memo.get(key);
    if (violations) {
      this.reused++;
    } else {
      this.fresh++;
      // Quads are built only for a structure not seen before.
      const { quads, roles } = datasetQuads(dataset, ctx);
      const outcome = await validateQuads(quads, roles);
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      // Store roles only: the IRIs belong to the dataset that happened to be validated first.
      violations = outcome.violations.map((v) => ({ ...v, focusNode: '' }));
      this.memo.set(key, violations);
    }
    return {
      description,
      conforms: violations.length === 0,
      violations: violations.map((v) => ({ ...v, focusNode: v.focusNode || nodeFor(description, v.focus) })),
    };
  }
}
