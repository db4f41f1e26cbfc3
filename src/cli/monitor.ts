/**
 * `kotak monitor URL`: follow a portal's publication log — verify each new checkpoint's signature, prove it
 * consistent with the last one seen (from the portal's tiles), re-hash the entries into the signed root — and keep the
 * checkpoints in a state directory. A fork, rewrite, rollback or altered entry is reported with its evidence file
 * and a non-zero exit status.
 */
import type { Command } from 'commander';
import { LogClient } from '../integrity/client.js';
import { readKeyArg } from '../integrity/keys.js';
import { monitorOnce, type MonitorReport } from '../integrity/monitor.js';

export function printMonitorReport(r: MonitorReport): void {
  console.log(`${r.ok ? 'OK' : 'MASALAH / PROBLEM'} (${r.code}): ${r.message}`);
  for (const p of r.problems) console.log(`  - ${p}`);
  if (r.entriesChecked) console.log(`  ${r.entriesChecked} entri diperiksa / entries checked`);
  if (r.evidence) console.log(`  bukti / evidence: ${r.evidence}`);
  if (r.keySource === 'portal') console.log('  PERINGATAN / WARNING: trusting the key the portal served on first use; pass --key to pin it.');
}

export function registerMonitor(program: Command): void {
  program
    .command('monitor <url>')
    .description("Follow a portal's publication log: check each checkpoint is signed, consistent with the last one seen, and matches the entries served; report forks and rewrites with proof.")
    .option('--state <dir>', 'where checkpoints and evidence are kept', '.kotak-monitor')
    .option('--key <vkey>', "the log's verifier key or a file holding it (default: the one remembered, else the portal's on first use)")
    .option('--incremental', 'check only new entries (from the frontier kept in the state) instead of all')
    .option('--interval <seconds>', 'keep running, checking every so many seconds, until a problem is found')
    .option('--json', 'print reports as JSON')
    .action(async (url: string, o: { state: string; key?: string; incremental?: boolean; interval?: string; json?: boolean }) => {
      const client = new LogClient(url);
      for (;;) {
        const r = await monitorOnce({ client, stateDir: o.state, key: o.key ? readKeyArg(o.key) : undefined, incremental: o.incremental });
        if (o.json) console.log(JSON.stringify(r));
        else printMonitorReport(r);
        if (!r.ok) {
          process.exitCode = r.code === 'unavailable' ? 3 : 1;
          return;
        }
        if (!o.interval) return;
        await new Promise((res) => setTimeout(res, Number(o.interval) * 1000));
      }
    });
}
