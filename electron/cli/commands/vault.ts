import { requireFlag } from '../args';
import type { Command } from '../command';

// Vault commands. `status` unlocks because the office name and fingerprint live inside the encrypted db.

export const vaultCommands: Command[] = [
  {
    name: 'init',
    usage: 'init --office NAME',
    summary: 'Create an encrypted vault for this office (asks for a new passphrase).',
    needs: 'none',
    options: ['office'],
    async run(ctx) {
      const officeName = requireFlag(ctx.args, 'office');
      const passphrase = await ctx.readNewPassphrase('passphrase-file', 'AMPARO_PASSPHRASE');
      return summary(await ctx.call('vault:create', { officeName, passphrase }));
    },
  },
  {
    name: 'status',
    usage: 'status',
    summary: 'Unlock and print the office, its fingerprint and the schema version.',
    needs: 'unlock',
    async run(ctx) {
      return summary(await ctx.call('vault:status'));
    },
  },
  {
    name: 'passwd',
    usage: 'passwd --new-passphrase-file F',
    summary: 'Change the vault passphrase (rewraps the key; the database is not rewritten).',
    needs: 'none',
    options: ['new-passphrase-file'],
    async run(ctx) {
      const current = await ctx.readPassphrase('Current passphrase: ');
      const next = await ctx.readNewPassphrase('new-passphrase-file', 'AMPARO_NEW_PASSPHRASE');
      await ctx.call('vault:unlock', { passphrase: current });
      return summary(await ctx.call('vault:changePassphrase', { current, next }));
    },
  },
];

function summary(status: {
  office: string | null;
  fingerprint: string | null;
  schemaVersion: number | null;
  state: string;
}) {
  return {
    office: status.office,
    fingerprint: status.fingerprint,
    schemaVersion: status.schemaVersion,
    state: status.state,
  };
}
