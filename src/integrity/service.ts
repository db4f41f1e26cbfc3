/**
 * PLACEHOLDER written by the lead so the app can start before the log is wired: appends nothing.
 * The integrity engineer replaces this file wholesale with the real log (tables from migration 0002, signed
 * checkpoints); keep the exported signature `createPublicationLog({ config, database, logger })`.
 */
import type { Config } from '../config.js';
import type { Database } from '../store/db.js';
import type { Logger, PublicationLog } from '../actions/types.js';

export async function createPublicationLog(_deps: { config: Config; database: Database; logger: Logger }): Promise<PublicationLog> {
  return {
    async append() {
      return { index: -1 };
    },
    async afterCommit() {},
  };
}
