/**
 * The TPS result document and the per-import TPS tree (issue 4 §5): the fast byte writer gives exactly the RFC 8785
 * form `canonicalize` gives of what results.tps answers; the tree's roots and paths are RFC 6962's (checked against
 * the log's own reference functions); the tree file round-trips and refuses a changed byte; a desa chunk holds each
 * TPS's document exactly as the verifier rebuilds it; a first import's fast path builds the very tree the lines give.
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
import { firstImportTree, ImportLeaves } from '../../src/results/tps-leaves.js';
import { buildTpsTree, KEPT_FROM_LEVEL, LeafColumns } from '../../src/results/tps-tree.js';
import { TpsChunkWriter } from '../../src/results/tps-chunk-writer.js';
import { ImportWorker } from '../../src/results/import-worker.js';
import { earliestSourceMs, votingDayFloor } from '../../src/results/source-time.js';
import { parseTpsChunk } from '../../src/integrity/tps-chunk.js';
import { chunkHolds } from '../../src/integrity/tps-receipt.js';
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
    cols.add(3601012001001, w.out.buf, 1 + n);
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
        const n = w.write(code, 1, values, 0, null);
        cols.add(code, w.out.buf, 1 + n);
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
    for (const l of lines) {
      const n = w.writeLine(l, 1);
      cols.add(Number(l.slice(0, 13)), w.out.buf, 1 + n);
    }
    const tree = cols.tree();
    expect([...tree.codes]).toEqual([3601012001001, 3601012001003]);
    expect(Buffer.from(tree.root())).toEqual(Buffer.from(rootOfLeafHashes([sha(w.fromLine(lines[1]!, 1)), sha(w.fromLine(lines[0]!, 1))])));
    const n = w.writeLine(lines[1]!, 2);
    cols.add(3601012001001, w.out.buf, 1 + n);
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

describe('Desa chunks (the leaves of an import tree)', () => {
  for (const [name, contest] of [['PPWP', ppwp()], ['DPRD with parties and candidates', compileContest(dprdSpec())]] as const) {
    it(`hold each TPS's result document exactly, as the verifier rebuilds it (${name})`, () => {
      const plan = tpsDocPlan('pemilu-2024', contest);
      const w = new TpsDocWriter(plan);
      const chunks = new TpsChunkWriter(plan);
      const b = randomBatch(contest.selections.length, 400, 5, 3601012001700);
      const byDesa = new Map<string, { version: number; line: string }[]>();
      for (let i = 0; i < b.length; i++) {
        const line = lineOf(b, i);
        const desa = line.slice(0, 10);
        if (!byDesa.has(desa)) byDesa.set(desa, []);
        byDesa.get(desa)!.push({ version: 1 + (i % 3), line });
      }
      expect(byDesa.size).toBeGreaterThan(1);
      for (const [desa, lines] of byDesa) {
        const end = chunks.write(desa, lines);
        expect(chunks.buf[0]).toBe(0);
        const chunk = Buffer.from(chunks.buf.subarray(1, end));
        const parsed = parseTpsChunk(chunk);
        if ('error' in parsed) throw new Error(parsed.error);
        expect(parsed.rows).toHaveLength(lines.length);
        for (const l of lines) {
          const doc = Buffer.from(w.fromLine(l.line, l.version));
          const tps = l.line.slice(0, 13);
          const given = { election: 'pemilu-2024', contest: contest.id, tps, version: l.version, figures: JSON.parse(doc.toString()).figures };
          expect(chunkHolds(chunk, given, doc)).toBeNull();
          const other = Buffer.from(w.fromLine(l.line, l.version + 1));
          expect(chunkHolds(chunk, { ...given, version: l.version + 1 }, other)).toMatch(/other figures/);
        }
        expect(chunkHolds(chunk, { election: 'pemilu-2024', contest: contest.id, tps: '3601012999001', version: 1, figures: {} }, Buffer.from('{}'))).toMatch(/desa/);
      }
    });
  }

  it('of a first import come out the same from the stored rows as from the lines gathered, to the byte of the tree file', async () => {
    const contest = ppwp();
    const plan = tpsDocPlan('pemilu-2024', contest);
    const batches = [randomBatch(3, 2500, 11, 3601012001000), randomBatch(3, 1800, 12, 3601022001000)];
    async function* source() {
      for (const b of batches) yield b;
    }
    const result = await runPipeline(source(), { contest, tree: smallTree() });
    const ref = { election: 'pemilu-2024', contest: 'ppwp', import: 1 };
    const rows = firstRows(bodyOf(result.batches), 1, smallTree());
    const fast = encodeTreeFile(firstImportTree(new TpsChunkWriter(plan), rows), ref);
    const leaves = new ImportLeaves(new TpsDocWriter(plan), new Set([1]));
    for (const row of rows) leaves.addRow(row);
    const gathered = encodeTreeFile(leaves.tree(1), ref);
    expect(fast.size).toBe(rows.length);
    expect(fast.root).toBe(gathered.root);
    expect(fast.file.sha256).toBe(gathered.file.sha256);
    const { header, tree } = decodeTreeFile(Buffer.concat(fast.file.parts));
    expect(header.members).toBe(4300);
    expect(tree.members!.codes.length).toBe(4300);
    expect([...tree.members!.versions].every((v) => v === 1)).toBe(true);
    // Each leaf is the hash of its desa's chunk, which holds every TPS of the desa.
    const desa = rows[1]!.desaCode;
    const at = tree.position(Number(desa));
    const chunk = leaves.chunk(1, desa)!;
    expect(Buffer.from(tree.leaf(at))).toEqual(Buffer.from(leafHash(chunk)));
    expect(verifyInclusion(leafHash(chunk), at, tree.size, tree.path(at), tree.root())).toEqual({ ok: true });
    const parsed = parseTpsChunk(chunk);
    expect('error' in parsed ? parsed.error : parsed.rows.length).toBe(rows[1]!.count);
  });

  it('of a first import come out the same from the worker thread, reading the shared body, to the byte of the tree file', async () => {
    const contest = ppwp();
    const plan = tpsDocPlan('pemilu-2024', contest);
    const batches = [randomBatch(3, 2500, 21, 3601012001000), randomBatch(3, 1800, 22, 3601022001000)];
    async function* source() {
      for (const b of batches) yield b;
    }
    const result = await runPipeline(source(), { contest, tree: smallTree() });
    const body = bodyOf(result.batches);
    // The importer reads a large CSV into a SharedArrayBuffer (read-shared.ts); a body written in memory is copied here.
    const shared = Buffer.from(new SharedArrayBuffer(body.length));
    body.buf.copy(shared, 0, 0, body.length);
    const rows = firstRows({ ...body, buf: shared }, 1, smallTree());
    const ref = { election: 'pemilu-2024', contest: 'ppwp', import: 1 };
    const worker = ImportWorker.start(plan);
    expect(worker).not.toBeNull();
    const work = worker!.rows(rows, ref, { votes: 3, floorMs: votingDayFloor('2024-02-14') })!;
    const sourceMs = await work.firstSourceMs;
    const fromWorker = await work.tree;
    worker!.stop();
    expect([...sourceMs!]).toEqual(rows.map((r) => earliestSourceMs(r.data, 3, votingDayFloor('2024-02-14'))));
    expect(fromWorker).not.toBeNull();
    const here = encodeTreeFile(firstImportTree(new TpsChunkWriter(plan), rows), ref);
    expect(fromWorker!.root).toBe(here.root);
    expect(fromWorker!.file.sha256).toBe(here.file.sha256);
    // Rows whose bytes are not shared are left to the importing thread.
    const other = ImportWorker.start(plan)!;
    expect(other.rows(firstRows(body, 1, smallTree()), ref, { votes: 3, floorMs: 0 })).toBeNull();
    other.stop();
  });

  it('rebuild the per-TPS tree of an import logged before desa chunks (v1 receipts)', () => {
    const w = new TpsDocWriter(tpsDocPlan('pemilu-2024', ppwp()));
    const lines = ['3601012002001,3601012002,7,8,9,24,0,24,30,24,24,0,0,,1', '3601012001003,3601012001,1,2,3,6,0,6,9,6,6,0,0,,1', '3601012001001,3601012001,4,5,6,15,0,15,20,15,15,0,0,,1'];
    const leaves = new ImportLeaves(w, new Set([1, 2]), new Set([1]));
    for (const l of lines) leaves.addSuperseded(1, 1, l);
    leaves.addSuperseded(2, 1, lines[0]!);
    const v1 = leaves.tree(1);
    expect([...v1.codes]).toEqual([3601012001001, 3601012001003, 3601012002001]);
    expect(v1.members).toBeNull();
    const docs = [lines[2]!, lines[1]!, lines[0]!].map((l) => sha(w.fromLine(l, 1)));
    expect(Buffer.from(v1.root())).toEqual(Buffer.from(rootOfLeafHashes(docs)));
    // Import 2 is not in `perTps`: desa chunks.
    expect([...leaves.tree(2).codes]).toEqual([3601012002]);
  });
});

