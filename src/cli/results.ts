/**
 * `kotak results import FILE --election E --contest C [--format F] [--layout L] [--reason TEXT]`: imports a results
 * file through the `results.import` path, with a progress bar while the file is read.
 * `kotak results tps-list FILE --election E`: imports the election's TPS list (`results.tpsListImport`);
 * `kotak results tps-list-remove REGION --election E` removes a region's list (`results.tpsListRemove`).
 */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { importResultsFile } from '../actions/results-import.js';
import { IMPORT_FORMATS, type ImportFormat, type Layout } from '../results/import/index.js';
import { invoke } from '../actions/invoke.js';
import type { resultsTpsListImport } from '../actions/results-tps-list.js';
import { withCliApp } from './app.js';

type ListSummary = Awaited<ReturnType<typeof resultsTpsListImport.run>>;

export function registerResults(program: Command): void {
  const results = program.command('results').description('Election results per TPS: import files, see what was imported.');
  results
    .command('import')
    .description('Import TPS results (wide/long CSV, XLSX, Sirekap JSON, JSON Lines, a zip or a folder, NIST ERR JSON) into a contest as one publication.')
    .argument('<file>', 'results file or folder')
    .requiredOption('--election <id>', 'election id, e.g. pemilu-2024')
    .requiredOption('--contest <id>', 'contest id, e.g. ppwp')
    .option('--format <format>', `file format (${IMPORT_FORMATS.join(', ')}); guessed from the name when left out`)
    .option('--layout <layout>', 'table layout: auto, wide or long', 'auto')
    .option('--reason <text>', 'why (recorded with corrections)')
    .action(async (file: string, opts: { election: string; contest: string; format?: string; layout: string; reason?: string }) => {
      if (opts.format && !IMPORT_FORMATS.includes(opts.format as ImportFormat)) throw new Error(`--format must be one of ${IMPORT_FORMATS.join(', ')}`);
      await withCliApp(async (ctx) => {
        const bar = new cliProgress.SingleBar({ format: 'Reading {bar} {percentage}% | {value}/{total}', hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
        let started = false;
        const s = await importResultsFile(ctx, {
          election: opts.election,
          contest: opts.contest,
          path: file,
          format: opts.format as ImportFormat | undefined,
          layout: opts.layout as Layout,
          reason: opts.reason,
          onProgress: (done, total) => {
            if (!started) {
              bar.start(total || 1, 0);
              started = true;
            }
            if (total) bar.setTotal(total);
            bar.update(done);
          },
        }).finally(() => bar.stop());
        if (!s.changed) {
          console.log(`Nothing changed: all ${s.tps.unchanged} TPS already have these figures.`);
          return;
        }
        console.log(`Import #${s.import!.seq} into ${s.election}/${s.contest}, region ${s.region.code} ${s.region.name}, published by ${s.organization} as dataset ${s.dataset}`);
        console.log(`  ${s.forms} forms: ${s.tps.new} new TPS, ${s.tps.changed} corrected, ${s.tps.unchanged} unchanged; ${s.duplicates} repeated rows`);
        console.log(`  coverage ${s.coverage.reported}/${s.coverage.expected} TPS; flags: ${Object.entries(s.flags).map(([r, n]) => `${r} ${n}`).join(', ') || 'none'}`);
        console.log(`  log entry #${s.logIndex}; ${s.timings.total} ms`);
      });
    });
  results
    .command('tps-list')
    .description("Import the election's TPS list for a region (CSV or XLSX: tps_code and registered voters): coverage of every contest is measured against it.")
    .argument('<file>', 'TPS list file')
    .requiredOption('--election <id>', 'election id, e.g. pemilu-2024')
    .action(async (file: string, opts: { election: string }) => {
      await withCliApp(async (ctx) => {
        const s = await invoke<ListSummary>(ctx, 'results.tpsListImport', { election: opts.election, path: file });
        if (!s.changed) {
          console.log(`Nothing changed: the TPS list of ${s.region.code} ${s.region.name} already has these ${s.tps} TPS.`);
          return;
        }
        console.log(`TPS list of ${s.region.code} ${s.region.name} (${s.election}), published by ${s.organization}: ${s.tps} TPS, ${s.registered ?? 'no'} registered voters`);
        console.log(`  ${s.added} TPS added, ${s.removed} removed, ${s.registeredChanged} with other registered voters; log entry #${s.logIndex}; dataset ${s.dataset}`);
        printListCoverage(s);
      });
    });
  results
    .command('tps-list-remove')
    .description("Remove the TPS list of a region that has a list of its own: its listed TPS are no longer expected in any contest.")
    .argument('<region>', 'region code whose list is removed, e.g. 367301')
    .requiredOption('--election <id>', 'election id, e.g. pemilu-2024')
    .action(async (region: string, opts: { election: string }) => {
      await withCliApp(async (ctx) => {
        const s = await invoke<ListSummary>(ctx, 'results.tpsListRemove', { election: opts.election, region });
        if (!s.changed) {
          console.log(`Nothing changed: ${s.region.code} ${s.region.name} has no listed TPS.`);
          return;
        }
        console.log(`TPS list of ${s.region.code} ${s.region.name} (${s.election}) removed by ${s.organization}: ${s.removed} TPS; log entry #${s.logIndex}; dataset ${s.dataset}`);
        printListCoverage(s);
      });
    });
}

function printListCoverage(s: ListSummary): void {
  for (const c of s.contests) console.log(`  ${c.contest}: coverage ${c.reported}/${c.expected} TPS, ${c.missing} without results`);
}
