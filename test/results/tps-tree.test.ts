/**
 * The TPS result document and the per-import TPS tree (issue 4 §5): the fast byte writer gives exactly the RFC 8785
 * form `canonicalize` gives of what results.tps answers; the tree's roots and paths are RFC 6962's (checked against
 * the log's own reference functions); the tree file round-trips and refuses a changed byte; the worker that hashes a
 * first import builds the very tree the lines give.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { leafHash, rootOfLeafHashes, verifyInclusion } from '../../src/integrity/rfc6962.js';
import { presentForm } from '../../src/actions/results-present.js';
import { formLayout, FormBatch } from '../../src/results/batch.js';
import { lineOf, pushLine } from '../../src/results/lines.js';
import { firstRows } from '../../src/results/merge.js';
import { bodyOf } from '../../src/results/body.js';
import { runPipeline } from '../../src/results/pipeline.js';
import { TpsDocWriter, tpsDocPlan } from '../../src/results/tps-doc.js';
import { ImportLeaves } from '../../src/results/tps-leaves.js';
import { buildTpsTree, KEPT_FROM_LEVEL, LeafColumns } from '../../src/results/tps-tree.js';
import { TpsTreeBuilder } from '../../src/results/tps-tree-builder.js';
import { decodeTreeFile, encodeTreeFile } from '../../src/results/tps-tree-file.js';
import { dprdSpec, ppwp, smallTree } from './support/fixtures.js';
import { compileContest } from '../../src/results/contest.js';

/** A small deterministic generator (tests must not depend on Math.random's sequence). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function randomBatch(selections: number, n: number, seed: number, firstCode = 3601012001001): FormBatch {
  const r = rng(seed);
  const layout = formLayout(selections);
  const b = new FormBatch(layout, n);
  const odd = [NaN, 0, -0, -3, 2.5, 1e21, 12345678, 9007199254740991];
  const stamps = [null, '2024-02-14 13:00:00', 'a "quoted", stamp', 'Selasa, 14 Februari — jam 13', 'tab\there', '\u{1F5F3} kotak'];
  let code = firstCode;
  for (let i = 0; i < n; i++) {
    const idx = b.reserve();
    for (let k = 0; k < layout.width; k++) b.values[idx * layout.width + k] = r() < 0.15 ? odd[Math.floor(r() * odd.length)]! : Math.floor(r() * 400);
    code += 1 + Math.floor(r() * 3);
    b.add(i + 2, code, stamps[Math.floor(r() * stamps.length)]!);
  }
  return b;
}

const sha = (bytes: string | Uint8Array) => leafHash(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);

describe('TPS result documents', () => {
  for (const [name, contest] of [['PPWP', ppwp()], ['DPRD with parties and candidates', compileContest(dprdSpec())]] as const) {
    it(`are written byte for byte as canonicalize writes the results.tps answer (${name})`, () => {
      const w = new TpsDocWriter(tpsDocPlan('pemilu-2024', contest));
      const b = randomBatch(contest.selections.length, 300, 7);
      for (let i = 0; i < b.length; i++) {
        // What results.tps answers: figures from the stored line, read back.
        const line = lineOf(b, i);
        const back = new FormBatch(b.layout, 1);
        pushLine(back, line, 1);
        const expected = canonicalize({ election: 'pemilu-2024', contest: contest.id, tps: b.tps(i), version: 3, figures: presentForm(back.form(0), contest) })!;
        expect(w.fromLine(line, 3)).toBe(expected);
        expect(w.json(b.codes[i]!, 3, b.values, i * b.layout.width, b.timestamps[i])).toBe(expected);
      }
    });
  }

  it('leave the leaf prefix 0x00 before the document, so its bytes hash as an RFC 6962 leaf', () => {
    const w = new TpsDocWriter(tpsDocPlan('pemilu-2024', ppwp()));
    const line = '3601012001001,3601012001,98,118,10,226,3,229,289,229,223,3,3,2024-02-24 22:31:28,3';
    const n = w.writeLine(line, 1);
    expect(w.out.buf[0]).toBe(0);
    const cols = new LeafColumns();
    cols.add(3601012001001, w, n);
    expect(Buffer.from(cols.leaves.subarray(0, 32))).toEqual(Buffer.from(sha(w.fromLine(line, 1))));
  });
});

describe('TPS trees', () => {
  const leavesOf = (n: number, seed: number) => {
    const r = rng(seed);
    const raw = Array.from({ length: n }, (_, i) => Buffer.from(`leaf ${i} ${r()}`));
    return { hashes: raw.map((x) => leafHash(x)), buf: Buffer.concat(raw.map((x) => leafHash(x))) };
  };

  it('have RFC 6962 roots and inclusion paths at every size around the kept levels', () => {
    const sizes = [1, 2, 3, 7, 8, 9, 127, 128, 255, 256, 257, 511, 512, 513, 1000, 1023, 1024, 1025, 2049];
    for (const n of sizes) {
      const { hashes, buf } = leavesOf(n, n);
      const codes = Float64Array.from({ length: n }, (_, i) => 3601012001001 + i * 2);
      const tree = buildTpsTree(codes, buf);
      const root = rootOfLeafHashes(hashes);
      expect(Buffer.from(tree.root())).toEqual(Buffer.from(root));
      expect(tree.kept.length).toBe(n >= 2 ** KEPT_FROM_LEVEL ? Math.floor(Math.log2(n)) - KEPT_FROM_LEVEL + 1 : 0);
      for (const i of new Set([0, 1, n >> 1, n - 2, n - 1, (n * 7) >> 3].filter((x) => x >= 0 && x < n))) {
        expect(tree.position(codes[i]!)).toBe(i);
        expect(verifyInclusion(hashes[i]!, i, n, tree.path(i), root)).toEqual({ ok: true });
      }
      expect(tree.position(3601012001002)).toBe(-1);
    }
  });

  it('are hashed as ordered leaves arrive into the same nodes as a tree built at once', () => {
    const w = new TpsDocWriter(tpsDocPlan('pemilu-2024', ppwp()));
    const values = Float64Array.from({ length: w.width }, (_, k) => k);
    for (const n of [1, 2, 3, 255, 256, 257, 511, 512, 1000, 2049, 5000]) {
      const cols = new LeafColumns();
      const hashes: Uint8Array[] = [];
      for (let i = 0; i < n; i++) {
        values[0] = i;
        const code = 3601012001001 + i;
        cols.add(code, w, w.write(code, 1, values, 0, null));
        hashes.push(sha(w.json(code, 1, values, 0, null)));
      }
      const tree = cols.tree();
      const whole = buildTpsTree(tree.codes, tree.leaves);
      expect(tree.kept.map((k) => k.toString('hex'))).toEqual(whole.kept.map((k) => k.toString('hex')));
      const root = rootOfLeafHashes(hashes);
      expect(Buffer.from(tree.root())).toEqual(Buffer.from(root));
      for (const i of new Set([0, n - 1, n >> 1, (n * 3) >> 2])) expect(verifyInclusion(hashes[i]!, i, n, tree.path(i), root)).toEqual({ ok: true });
    }
  });

  it('sort leaves gathered out of order and refuse a TPS twice', () => {
    const w = new TpsDocWriter(tpsDocPlan('pemilu-2024', ppwp()));
    const lines = ['3601012001003,3601012001,1,2,3,6,0,6,9,6,6,0,0,,1', '3601012001001,3601012001,4,5,6,15,0,15,20,15,15,0,0,,1'];
    const cols = new LeafColumns();
    for (const l of lines) cols.add(Number(l.slice(0, 13)), w, w.writeLine(l, 1));
    const tree = cols.tree();
    expect([...tree.codes]).toEqual([3601012001001, 3601012001003]);
    expect(Buffer.from(tree.root())).toEqual(Buffer.from(rootOfLeafHashes([sha(w.fromLine(lines[1]!, 1)), sha(w.fromLine(lines[0]!, 1))])));
    cols.add(3601012001001, w, w.writeLine(lines[1]!, 2));
    expect(() => cols.tree()).toThrow(/not ascending/);
  });

  it('round-trip through the tree file, which refuses a changed byte', () => {
    const n = 1500;
    const { buf } = leavesOf(n, 3);
    const tree = buildTpsTree(Float64Array.from({ length: n }, (_, i) => 3601012001001 + i), buf);
    const encoded = encodeTreeFile(tree, { election: 'pemilu-2024', contest: 'ppwp', import: 4 });
    const file = Buffer.concat(encoded.file.parts);
    expect(encoded.file.sha256).toBe(createHash('sha256').update(file).digest('hex'));
    expect(encoded.file.bytes).toBe(file.length);
    const { header, tree: back } = decodeTreeFile(file);
    expect(header).toMatchObject({ election: 'pemilu-2024', contest: 'ppwp', import: 4, size: n });
    expect(Buffer.from(back.root())).toEqual(Buffer.from(tree.root()));
    expect(back.path(777).map((h) => Buffer.from(h).toString('hex'))).toEqual(tree.path(777).map((h) => Buffer.from(h).toString('hex')));
    const bad = Buffer.from(file);
    bad[bad.length - 5] ^= 1; // a byte of the highest kept level
    expect(() => decodeTreeFile(bad)).toThrow(/do not give its root/);
    expect(() => decodeTreeFile(file.subarray(0, file.length - 1))).toThrow(/truncated/);
  });
});

describe('TPS trees of a first import', () => {
  it('come out the same from the worker thread (batch figures) as from the stored lines, to the byte of the tree file', async () => {
    const contest = ppwp();
    const plan = tpsDocPlan('pemilu-2024', contest);
    const builder = TpsTreeBuilder.start(plan);
    expect(builder).not.toBeNull();
    const batches = [randomBatch(3, 2500, 11, 3601012001000), randomBatch(3, 1800, 12, 3601022001000)];
    async function* source() {
      for (const b of batches) yield b;
    }
    const result = await runPipeline(source(), { contest, tree: smallTree(), onBatch: (pb) => builder!.add(pb) });
    const ref = { election: 'pemilu-2024', contest: 'ppwp', import: 1 };
    const fromWorker = await builder!.finish(ref);
    expect(fromWorker).not.toBeNull();
    const body = bodyOf(result.batches);
    const leaves = new ImportLeaves(new TpsDocWriter(plan), new Set([1]));
    for (const row of firstRows(body, 1, smallTree())) leaves.addRow(row);
    const fromLines = encodeTreeFile(leaves.tree(1), ref);
    expect(fromWorker!.size).toBe(4300);
    expect(fromLines.size).toBe(4300);
    expect(fromWorker!.root).toBe(fromLines.root);
    expect(fromWorker!.file.sha256).toBe(fromLines.file.sha256);
    const { tree } = decodeTreeFile(Buffer.concat(fromWorker!.file.parts));
    expect(tree.size).toBe(4300);
  });
});
