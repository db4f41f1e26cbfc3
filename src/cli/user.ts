/** `kotak user create NAME [--sysadmin] [--password P] [--org ORG --role ROLE]`. */
import type { Command } from 'commander';
import { invoke } from '../actions/invoke.js';
import { withCliApp } from './app.js';

export function registerUser(program: Command): void {
  const user = program.command('user').description('Manage user accounts.');
  user
    .command('create <name>')
    .description('Create a user account; prints its id. The password is read from --password or KOTAK_PASSWORD.')
    .option('--sysadmin', 'make the user a system administrator')
    .option('--password <password>', 'password for signing in to the web interface (min. 8 characters)')
    .option('--email <email>', 'e-mail address')
    .option('--fullname <fullname>', 'display name')
    .option('--org <organization>', 'add the user to this organisation')
    .option('--role <role>', 'role in --org: admin, editor or member', 'editor')
    .action(async (name: string, o: { sysadmin?: boolean; password?: string; email?: string; fullname?: string; org?: string; role: string }) => {
      await withCliApp(async (ctx) => {
        const u = await invoke<{ id: string; name: string }>(ctx, 'user.create', {
          name,
          sysadmin: o.sysadmin ?? false,
          password: o.password ?? process.env.KOTAK_PASSWORD,
          email: o.email,
          fullname: o.fullname,
        });
        if (o.org) await invoke(ctx, 'organization.memberCreate', { id: o.org, username: name, role: o.role });
        console.log(`Created user ${u.name} (${u.id})${o.sysadmin ? ' as sysadmin' : ''}${o.org ? `, ${o.role} of ${o.org}` : ''}`);
      });
    });
}
