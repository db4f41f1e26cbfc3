/**
 * `npm run bench`: runs every benchmark, prints each figure beside its bar (measured in the same run), and writes
 * docs/benchmarks.md. `npm run bench -- catalog results` runs only the named ones.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { BenchSection } from './support/report.js';

type Bench = { name: string; run: () => Promise<BenchSection | BenchSection[]> };

const BENCHES: Bench[] = [
  { name: 'catalog', run: async () => (await import('./catalog.js')).run() },
  { name: 'results', run: async () => (await import('./results.js')).run() },
  { name: 'maturity', run: async () => (await import('./maturity.js')).run() },
  { name: 'pages', run: async () => (await import('./pages.js')).run() },
  { name: 'integrity', run: async () => (await import('./integrity.js')).run() },
];

function render(sections: BenchSection[], command: string): string {
  const out = [
    '# Benchmarks',
    '',
    `Latest figures, produced by \`${command}\` on ${new Date().toISOString().slice(0, 10)} (${os.cpus().length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB, Node ${process.version}).`,
    'Each figure stands beside its bar, and ratios are to a baseline measured in the same run.',
    '',
  ];
  for (const s of sections) {
    out.push(`## ${s.title}`, '', s.setup, '', '| measure | figure | bar | met |', '|---|---|---|---|');
    for (const r of s.rows) out.push(`| ${r.name} | ${r.value} | ${r.limit ?? ''} | ${r.pass === undefined ? '' : r.pass ? 'yes' : '**no**'} |`);
    if (s.notes?.length) out.push('', ...s.notes.map((n) => `- ${n}`));
    out.push('');
  }
  return out.join('\n');
}

const only = process.argv.slice(2);
const sections: BenchSection[] = [];
for (const b of BENCHES) {
  if (only.length && !only.includes(b.name)) continue;
  console.log(`\n== ${b.name} ==`);
  const r = await b.run();
  for (const s of Array.isArray(r) ? r : [r]) {
    sections.push(s);
    console.log(`${s.title}\n  ${s.setup}`);
    for (const row of s.rows) console.log(`  ${row.pass === false ? '✗' : row.pass ? '✓' : ' '} ${row.name}: ${row.value}${row.limit ? `  [bar: ${row.limit}]` : ''}`);
  }
}
const command = `npm run bench${only.length ? ` -- ${only.join(' ')}` : ''}`;
if (!only.length) writeFileSync('docs/benchmarks.md', render(sections, command));
else {
  // A partial run replaces only its own sections, each marked with the command and date that produced it.
  let doc = existsSync('docs/benchmarks.md') ? readFileSync('docs/benchmarks.md', 'utf8') : render([], command);
  for (const sec of sections) {
    const fresh = render([{ ...sec, notes: [...(sec.notes ?? []), `Section refreshed by \`${command}\` on ${new Date().toISOString().slice(0, 10)}.`] }], command)
      .split('\n## ')
      .slice(1)
      .map((x) => `## ${x}`)
      .join('');
    const start = doc.indexOf(`## ${sec.title}\n`);
    if (start < 0) doc = `${doc.trimEnd()}\n\n${fresh}`;
    else {
      const next = doc.indexOf('\n## ', start + 3);
      doc = doc.slice(0, start) + fresh + (next < 0 ? '' : doc.slice(next + 1));
    }
  }
  writeFileSync('docs/benchmarks.md', doc);
  console.log('\n(partial run: its sections of docs/benchmarks.md were replaced)');
}
