import { Type } from '@sinclair/typebox';
import { parse } from 'csv-parse/sync';
import { invoke } from './invoke.js';
import { anyone } from './policies.js';
import { defineAction } from './types.js';
import type { Resource } from '../catalog/types.js';

/**
 * `resource.preview`: the first rows of an uploaded tabular file (CSV/TSV) for the dataset page (issue 6 §2).
 * Visibility is the resource's own: the action reads the resource through `resource.show`, whose policy applies.
 * Only the first 64 KB are read, so a 1 GB file costs the same as a small one; the last, possibly cut, line is dropped.
 */
const HEAD_BYTES = 64 * 1024;
const TABULAR = new Set(['CSV', 'TSV', 'TXT']);

export interface Preview {
  columns: string[];
  rows: string[][];
  /** True when the file holds more rows than shown. */
  truncated: boolean;
}

async function head(stream: NodeJS.ReadableStream & { destroy(): void }, max: number): Promise<{ bytes: Buffer; whole: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > max) break;
  }
  stream.destroy();
  return { bytes: Buffer.concat(chunks).subarray(0, max), whole: size <= max };
}

/** `;` is common in Indonesian spreadsheets (decimal comma); pick the separator the header line uses most. */
export function guessDelimiter(firstLine: string, format: string): string {
  if (format === 'TSV') return '\t';
  const counts = [',', ';', '\t', '|'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

/** `whole` = the text is the entire file (else its last line may be cut and is dropped). */
export function previewText(text: string, format: string, maxRows: number, whole: boolean): Preview | null {
  const clean = text.replace(/^\uFEFF/, '');
  const lines = clean.split(/\r?\n/);
  const complete = whole || lines.length === 1 ? clean : lines.slice(0, -1).join('\n');
  const delimiter = guessDelimiter(lines[0] ?? '', format);
  let records: string[][];
  try {
    records = parse(complete, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, to_line: maxRows + 2 });
  } catch {
    return null;
  }
  if (records.length === 0) return null;
  const [columns, ...rows] = records;
  return { columns: columns!, rows: rows.slice(0, maxRows), truncated: rows.length > maxRows || !whole };
}

export const resourcePreview = defineAction({
  name: 'resource.preview',
  summary: 'Return the first rows of an uploaded CSV/TSV resource (header and up to `rows` rows).',
  input: Type.Object({ id: Type.String({ minLength: 1 }), rows: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })) }),
  readOnly: true,
  policy: anyone,
  async run(ctx, input): Promise<Preview | null> {
    const r = await invoke<Resource>(ctx, 'resource.show', { id: input.id });
    if (r.urlType !== 'upload' || !r.sha256 || !TABULAR.has(r.format.toUpperCase())) return null;
    const { bytes, whole } = await head(await ctx.services.blobs.get(r.sha256), HEAD_BYTES);
    return previewText(bytes.toString('utf8'), r.format.toUpperCase(), input.rows ?? 10, whole);
  },
});
