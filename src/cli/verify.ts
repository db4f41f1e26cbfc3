/**
 * `kotak verify FILE --receipt R --key K`: check offline that FILE is exactly what the portal published, with
 * nothing but its receipt (C2SP tlog-proof) and the log's verifier key. `--portal URL` fetches the receipt by the
 * file's SHA-256 instead (and the key, if none is given). Exit status 0 = verified, 1 = not.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { LogClient, verifyWithPortal } from '../integrity/client.js';
import { readKeyArg } from '../integrity/keys.js';
import { verifyContent, VERIFY_MESSAGES, type VerifyReport } from '../integrity/verify.js';

interface VerifyOpts {
  receipt?: string;
  key?: string;
  portal?: string;
  witness: string[];
  minWitnesses: string;
  json?: boolean;
}

export function printVerifyReport(file: string, r: VerifyReport & { keySource?: string }): void {
  const m = VERIFY_MESSAGES[r.code];
  console.log(`${r.ok ? 'OK' : 'GAGAL / FAILED'}: ${file}`);
  console.log(`  ${m.id}`);
  console.log(`  ${m.en}`);
  if (!r.ok) {
    if (r.differences?.length) for (const d of r.differences) console.log(`  ≠ ${d}`);
    else console.log(`  ${r.reason}`);
    return;
  }
  const e = r.entry;
  console.log(`  entri / entry #${r.index}: ${e.kind} ${e.subjects.join(' ')}${e.org ? ` (${e.org})` : ''}`);
  if (r.tps) {
    const { result: d, tree } = r.tps;
    console.log(`  hasil TPS / TPS result: ${d.election}/${d.contest} TPS ${d.tps} versi / version ${d.version}`);
    console.log(tree ? `  pohon TPS impor / import's TPS tree: ${tree.index + 1} dari / of ${tree.size}` : '  entri koreksi TPS ini / this TPS\'s correction entry');
  }
  console.log(`  diterbitkan / published: ${e.time}`);
  console.log(`  log: ${r.checkpoint.origin}, ukuran / size ${r.checkpoint.size}`);
  console.log(`  tanda tangan / signatures: ${r.signatures.map((s) => s.name).join(', ')}`);
  if (r.keySource === 'portal') console.log('  PERINGATAN / WARNING: the log key was taken from the portal itself; pass --key to check it independently.');
}

export function registerVerify(program: Command): void {
  program
    .command('verify <file>')
    .description('Verify that FILE (a downloaded resource, or a TPS result JSON saved from the API) is exactly what the portal published: offline with --receipt and --key, or online with --portal.')
    .option('--receipt <file>', 'the receipt of the file (.tlog-proof, or .tps-receipt for a TPS result)')
    .option('--key <vkey>', "the log's verifier key (name+id+base64) or a file holding it")
    .option('--portal <url>', 'fetch the receipt from this portal by the SHA-256 of the file')
    .option('--witness <vkey>', 'a witness verifier key whose cosignature counts (repeatable)', (v: string, acc: string[]) => [...acc, v], [])
    .option('--min-witnesses <n>', 'how many witnesses must have co-signed', '0')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, o: VerifyOpts) => {
      const content = readFileSync(file);
      const keys = { witnesses: o.witness.map(readKeyArg), minWitnesses: Number(o.minWitnesses) };
      let report: VerifyReport & { keySource?: string };
      if (o.receipt) {
        if (!o.key) throw new Error('--receipt needs --key: the log verifier key (from /log/key of the portal, kept independently)');
        report = verifyContent(content, readFileSync(o.receipt, 'utf8'), { ...keys, log: readKeyArg(o.key) });
      } else if (o.portal) {
        report = await verifyWithPortal(content, new LogClient(o.portal), { ...keys, ...(o.key ? { log: readKeyArg(o.key) } : {}) });
      } else {
        throw new Error('give --receipt R --key K (offline) or --portal URL');
      }
      if (o.json) console.log(JSON.stringify(report, null, 2));
      else printVerifyReport(file, report);
      if (!report.ok) process.exitCode = 1;
    });
}
