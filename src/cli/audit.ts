/**
 * `kotak audit`: the portal checks itself — every log entry, every tree hash and checkpoint root, every stored file,
 * and the current content of every logged dataset/TPS result against its log entry. Exit status 1 on any error.
 */
import type { Command } from 'commander';
import { invoke } from '../actions/invoke.js';
import { registerActions } from '../actions/registry.js';
import { LOG_ACTIONS } from '../integrity/actions.js';
import type { AuditReport } from '../integrity/audit.js';
import { withCliApp } from './app.js';

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('Recompute every stored file hash, log entry, tree hash and checkpoint, and the logged content; report every difference.')
    .option('--json', 'print the report as JSON')
    .action(async (o: { json?: boolean }) => {
      registerActions(LOG_ACTIONS);
      const r = await withCliApp((ctx) => invoke<AuditReport>(ctx, 'log.audit', {}));
      if (o.json) console.log(JSON.stringify(r, null, 2));
      else {
        console.log(r.ok ? 'OK: tidak ada perbedaan / no differences found' : 'MASALAH / PROBLEMS FOUND');
        console.log(`  ${r.entries} entri / entries, ${r.checkpoints} checkpoint, ${r.blobs} berkas / files, ${r.contentChecked} isi / contents checked`);
        for (const f of r.findings) console.log(`  [${f.severity}] ${f.code}: ${f.message}`);
      }
      if (!r.ok) process.exitCode = 1;
    });
}
