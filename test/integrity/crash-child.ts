/**
 * Child process of crash.test.ts: opens the app on the given database, publishes one dataset as the system actor,
 * and stops dead at the chosen point — inside the transaction right after the log entry was written
 * (`in-transaction`), or after the commit before the checkpoint is signed (`before-checkpoint`) — printing a marker
 * so the parent can SIGKILL it there.
 */
import { invoke } from '../../src/actions/invoke.js';
import { SYSTEM_ACTOR } from '../../src/actions/auth.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

const [dataDir, databaseUrl, mode, org, name] = process.argv.slice(2) as [string, string, string, string, string];
const silent = { info: () => {}, warn: () => {}, error: (o: unknown) => console.error(o) };
const app = await createApp(loadConfig({ KOTAK_DATA_DIR: dataDir, KOTAK_BASE_URL: 'http://kotak.test' }, { databaseUrl, seed: false, loadDemoResults: false }), { logger: silent });
const log = app.services.log;
const hang = (marker: string) => {
  process.stdout.write(`${marker}\n`);
  return new Promise<never>(() => {});
};
if (mode === 'in-transaction') {
  const append = log.append.bind(log);
  log.append = async (trx, entry) => {
    await append(trx, entry);
    return hang('IN_TRANSACTION');
  };
} else {
  log.afterCommit = () => hang('COMMITTED');
}
await invoke(app.context(SYSTEM_ACTOR, 'system'), 'dataset.create', { name, title: 'Crash test', owner_org: org, license_id: 'cc-by' });
process.stdout.write('FINISHED\n');
