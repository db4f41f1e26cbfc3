/**
 * A large wide CSV parsed by two threads (src/results/import/wide-csv-parallel.ts, src/results/import-worker.ts) gives
 * exactly what one thread gives: the same forms in the same order, with the same row numbers, line offsets (verbatim
 * bodies) and timestamps, and the same error for a bad cell in either part.
 */
import { describe, expect, it } from 'vitest';
import { formLayout, type FormBatch } from '../../src/results/batch.js';
import { ImportWorker } from '../../src/results/import-worker.js';
import { planWide } from '../../src/results/import/wide.js';
import { readWideCsvBuffer } from '../../src/results/import/wide-csv.js';
import { cutPoint, readWideCsvParallel } from '../../src/results/import/wide-csv-parallel.js';
import { tpsDocPlan } from '../../src/results/tps-doc.js';
import { ppwp, WIDE_HEADER } from './support/fixtures.js';

const contest = ppwp();
const layout = formLayout(contest.selections.length);
const plan = planWide(WIDE_HEADER.split(','), contest);

/** A wide CSV of `n` TPS over many desa, in a SharedArrayBuffer as the importer holds it; `edit` may change a line. */
function file(n: number, edit?: (i: number, line: string) => string): Buffer {
  const lines = [WIDE_HEADER];
  for (let i = 0; i < n; i++) {
    const desa = 3601012001 + Math.floor(i / 7);
    const tps = `${desa}${String((i % 7) + 1).padStart(3, '0')}`;
    const v = [i % 97, (i * 7) % 89, (i * 13) % 71];
    const blank = i % 11 === 0 ? '' : String(v[0]! + v[1]! + v[2]!);
    const ts = i % 5 === 0 ? '' : `2024-02-${String(14 + (i % 10)).padStart(2, '0')} 1${i % 10}:00:00`;
    const line = `${tps},${desa},${v.join(',')},${blank},0,${blank},300,${blank},${blank},0,0,${ts},${i % 4}`;
    lines.push(edit ? edit(i, line) : line);
  }
  const text = Buffer.from(lines.join('\n') + '\n');
  const shared = Buffer.from(new SharedArrayBuffer(text.length));
  text.copy(shared);
  return shared;
}

const first = (buf: Buffer) => ({ pos: buf.indexOf(10) + 1, row: 1 });

/** Everything a batch says, flattened over batches. */
function flatten(batches: FormBatch[]) {
  const out = { codes: [] as number[], rows: [] as number[], values: [] as string[], timestamps: [] as (string | null)[], starts: [] as number[], verbatim: true };
  for (const b of batches) {
    for (let i = 0; i < b.length; i++) {
      out.codes.push(b.codes[i]!);
      out.rows.push(b.rows[i]!);
      out.timestamps.push(b.timestamps[i] ?? null);
      out.values.push([...b.values.subarray(i * layout.width, (i + 1) * layout.width)].map(String).join(','));
      if (b.verbatim) out.starts.push(b.verbatim.starts[i]!);
    }
    if (!b.verbatim) out.verbatim = false;
  }
  return out;
}

async function collect(gen: AsyncIterable<FormBatch> | Iterable<FormBatch>): Promise<FormBatch[]> {
  const out: FormBatch[] = [];
  for await (const b of gen) out.push(b);
  return out;
}

async function parallel(buf: Buffer): Promise<{ batches: FormBatch[]; usedWorker: boolean }> {
  const worker = ImportWorker.start(tpsDocPlan('pemilu-2024', contest))!;
  expect(worker).not.toBeNull();
  let usedWorker = false;
  const batches: FormBatch[] = [];
  try {
    for await (const b of readWideCsvParallel(buf, plan, contest, layout, first(buf), 44, true, worker, undefined, 0)) {
      if (!worker.idle) usedWorker = true;
      batches.push(b);
    }
  } finally {
    worker.stop();
  }
  return { batches, usedWorker };
}

describe('A wide CSV parsed by two threads', () => {
  it('gives the forms, rows, offsets and timestamps one thread gives, in file order', async () => {
    const buf = file(30000);
    const one = flatten(await collect(readWideCsvBuffer(buf, plan, contest, layout, first(buf), 44, true)));
    const { batches, usedWorker } = await parallel(buf);
    expect(usedWorker).toBe(true);
    const two = flatten(batches);
    expect(two.codes.length).toBe(30000);
    expect(two).toEqual(one);
    expect(two.verbatim).toBe(true);
    expect(two.rows[0]).toBe(2);
    expect(two.rows.at(-1)).toBe(30001);
  });

  it('raises the error one thread raises for a bad cell in the worker’s part, and in its own', async () => {
    for (const bad of [29000, 10]) {
      const buf = file(30000, (i, line) => (i === bad ? line.replace(/^(\d+,\d+,)\d+/, '$112x') : line));
      const one = await collect(readWideCsvBuffer(buf, plan, contest, layout, first(buf), 44, true)).catch((e: Error) => e);
      expect(one).toBeInstanceOf(Error);
      expect((one as Error).message).toContain(`row ${bad + 2}`);
      const two = await parallel(buf).catch((e: Error) => e);
      expect(two).toBeInstanceOf(Error);
      expect((two as Error).message).toBe((one as Error).message);
      expect((two as { detail?: unknown }).detail).toEqual((one as { detail?: unknown }).detail);
    }
  });

  it('is read by one thread when a quote could hide a line break', () => {
    const buf = file(100);
    expect(cutPoint(buf, first(buf).pos)).toBeGreaterThan(first(buf).pos);
    const quoted = file(100, (i, line) => (i === 3 ? line.replace(/,(\d+)$/, ',"$1"') : line));
    expect(cutPoint(quoted, first(quoted).pos)).toBe(-1);
  });
});
