/**
 * Serialisations harvesters expect of a DCAT-AP catalogue (STANDARDS.md, "DCAT-AP 3"): Turtle (text/turtle) and
 * JSON-LD (application/ld+json), both from the same quads.
 */
import type { Quad } from '@rdfjs/types';
import jsonld from 'jsonld';
import { Writer } from 'n3';
import { NS } from './vocabularies.js';

/** Prefixes written in Turtle and used as the JSON-LD context. */
export const PREFIXES: Readonly<Record<string, string>> = { ...NS };

/** Keep each subject's quads together so Turtle groups them with `;` (order otherwise as written). */
function groupBySubject(quads: readonly Quad[]): Quad[] {
  const groups = new Map<string, Quad[]>();
  for (const q of quads) {
    const key = `${q.subject.termType}:${q.subject.value}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(q);
  }
  return [...groups.values()].flat();
}

function write(quads: readonly Quad[], format: 'Turtle' | 'N-Quads'): Promise<string> {
  const writer = new Writer({ format, prefixes: format === 'Turtle' ? PREFIXES : undefined });
  writer.addQuads(format === 'Turtle' ? groupBySubject(quads) : [...quads]);
  return new Promise((resolve, reject) => writer.end((err, out: string) => (err ? reject(err) : resolve(out))));
}

/**
 * @example
 *   const body = await toTurtle(datasetQuads(dataset, ctx).quads); // '@prefix dcat: <…> .\n\n<…/dataset/…> a dcat:Dataset; …'
 */
export function toTurtle(quads: readonly Quad[]): Promise<string> {
  return write(quads, 'Turtle');
}

export function toNQuads(quads: readonly Quad[]): Promise<string> {
  return write(quads, 'N-Quads');
}

/** Compacted JSON-LD with an inline context (no remote context: harvesters need not fetch anything). */
export async function toJsonLd(quads: readonly Quad[]): Promise<Record<string, unknown>> {
  const nquads = await toNQuads(quads);
  const expanded = await jsonld.fromRDF(nquads, { format: 'application/n-quads' });
  const compacted = await jsonld.compact(expanded, { ...PREFIXES });
  return compacted as Record<string, unknown>;
}
