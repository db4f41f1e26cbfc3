/** `kotak token create NAME [--label L] [--expires-in-days N]`: prints a new API token (shown once). */
import type { Command } from 'commander';
import { invoke } from '../actions/invoke.js';
import { withCliApp } from './app.js';

export function registerToken(program: Command): void {
  const token = program.command('token').description('Manage API tokens.');
  token
    .command('create <user>')
    .description('Create an API token for USER and print it. Only its hash is stored: copy it now.')
    .option('--label <label>', 'a name to recognise the token by', 'cli')
    .option('--expires-in-days <days>', 'expire the token after this many days')
    .action(async (user: string, o: { label: string; expiresInDays?: string }) => {
      await withCliApp(async (ctx) => {
        const r = await invoke<{ token: string }>(ctx, 'token.create', {
          user,
          name: o.label,
          ...(o.expiresInDays ? { expires_in_days: Number(o.expiresInDays) } : {}),
        });
        console.log(r.token);
      });
    });
  token
    .command('revoke <jti>')
    .description('Revoke an API token by its id.')
    .action(async (jti: string) => {
      await withCliApp(async (ctx) => {
        await invoke(ctx, 'token.revoke', { jti });
        console.log(`Revoked ${jti}`);
      });
    });
}
