/**
 * `kotak witness`: an independent body vouches for the log. `keygen` makes a witness key (C2SP tlog-cosignature
 * Ed25519, type 0x04); `cosign URL` checks the portal's log like `kotak monitor` and, only if everything verifies,
 * adds its cosignature to the checkpoint (and `--submit`s it); `trust VKEY`, run on the portal, registers a
 * witness whose cosignatures the portal keeps and serves.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { invoke } from '../actions/invoke.js';
import { registerActions } from '../actions/registry.js';
import { LOG_ACTIONS } from '../integrity/actions.js';
import { LogClient } from '../integrity/client.js';
import { readKeyArg } from '../integrity/keys.js';
import { witnessOnce } from '../integrity/monitor.js';
import { generateSignerKey, SIG_COSIGNATURE_V1, signerFromKey } from '../integrity/signed-note.js';
import { withCliApp } from './app.js';
import { printMonitorReport } from './monitor.js';

export function registerWitness(program: Command): void {
  const witness = program.command('witness').description('Co-sign the checkpoints of a portal log after verifying them (an independent witness).');
  witness
    .command('keygen <name>')
    .description('Create a witness signing key named NAME (e.g. bawaslu.go.id/witness); prints its verifier key.')
    .requiredOption('--out <file>', 'file to write the secret key to (mode 0600)')
    .action((name: string, o: { out: string }) => {
      if (existsSync(o.out)) throw new Error(`${o.out} exists; refusing to overwrite a key`);
      const skey = generateSignerKey(name, SIG_COSIGNATURE_V1);
      writeFileSync(o.out, `${skey}\n`, { mode: 0o600, flag: 'wx' });
      console.log(signerFromKey(skey).verifierKey);
    });
  witness
    .command('cosign <url>')
    .description("Verify the portal's latest checkpoint (signature, consistency, entries) and co-sign it.")
    .requiredOption('--key <file>', 'the witness secret key file')
    .option('--log-key <vkey>', "the log's verifier key or a file holding it (default: remembered, else trust on first use)")
    .option('--state <dir>', 'where the witness keeps what it verified', '.kotak-witness')
    .option('--submit', 'send the cosignature to the portal')
    .action(async (url: string, o: { key: string; logKey?: string; state: string; submit?: boolean }) => {
      const signer = signerFromKey(readFileSync(o.key, 'utf8'));
      const r = await witnessOnce({ client: new LogClient(url), stateDir: o.state, key: o.logKey ? readKeyArg(o.logKey) : undefined, signer, submit: o.submit });
      printMonitorReport(r);
      if (!r.ok) {
        console.log('  TIDAK ditandatangani / NOT co-signed.');
        process.exitCode = 1;
        return;
      }
      console.log(`  ditandatangani / co-signed by ${signer.name}${r.accepted ? `; the portal accepted it` : ` (saved in ${o.state}/cosigned-checkpoint)`}`);
    });
  witness
    .command('trust <vkey>')
    .description('On the portal: accept cosignatures from the witness with this verifier key.')
    .action(async (vkey: string) => {
      registerActions(LOG_ACTIONS);
      await withCliApp(async (ctx) => {
        const r = await invoke<{ name: string }>(ctx, 'log.witnessTrust', { vkey: readKeyArg(vkey) });
        console.log(`Witness ${r.name} registered.`);
      });
    });
}
