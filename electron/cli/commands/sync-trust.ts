import { readFileSync, writeFileSync } from 'node:fs';
import { AmparoError } from '../../../shared/errors';
import type { Contact } from '../../../shared/channels/sync';
import { requireFlag } from '../args';
import type { Command, CommandContext } from '../command';
import { normalizeFingerprint } from '../../core/sync/fingerprint';
import { exportAgeKey, exportMinisignPub } from '../../core/sync/identity';
import { loadIdentity } from '../../core/sync/store';

// Offices and contacts: our card, adding/verifying/revoking other offices, and disaster-recovery exports
// of our own keys. The secret key never crosses IPC: `identity export-age-key` reads it in-process.

function fileArg(ctx: CommandContext): string {
  const file = ctx.args.positionals[0];
  if (!file) throw new AmparoError('INVALID_INPUT', 'Name the file.');
  return file;
}

/** Fingerprints may be typed grouped ("12345 67890 …"), quoted or as separate words. */
function fingerprintArg(ctx: CommandContext): string {
  const fingerprint = normalizeFingerprint(ctx.args.positionals.join(''));
  if (!fingerprint) throw new AmparoError('INVALID_INPUT', 'A fingerprint is 60 digits.');
  return fingerprint;
}

/** Never overwrites: a key or card file already there is left alone. */
function writeNew(file: string, text: string, mode: number): void {
  try {
    writeFileSync(file, text, { mode, flag: 'wx' });
  } catch {
    throw new AmparoError('INVALID_INPUT', 'The file cannot be written (it may already exist).');
  }
}

const summary = (c: Contact) => ({ office: c.officeName, fingerprint: c.fingerprint, state: c.state });

export const syncTrustCommands: Command[] = [
  {
    name: 'card export',
    usage: 'card export FILE',
    summary: "Write this office's contact card (public) to FILE, to give to another office.",
    needs: 'unlock',
    async run(ctx) {
      const file = fileArg(ctx);
      const { card } = await ctx.call('card:export');
      writeNew(file, card, 0o644);
      const { fingerprint } = await ctx.call('sync:identity');
      return { file, fingerprint };
    },
  },
  {
    name: 'contact add',
    usage: 'contact add FILE',
    summary:
      'Add another office from its contact card; it stays unverified until you compare fingerprints. A name that looks like another office is listed in resembles.',
    needs: 'unlock',
    async run(ctx) {
      let card: string;
      try {
        card = readFileSync(fileArg(ctx), 'utf8');
      } catch {
        throw new AmparoError('INVALID_INPUT', 'The card file cannot be read.');
      }
      const added = await ctx.call('contact:add', { card });
      // Lookalike names (an existing contact's, or this office's own with fingerprint null) are flagged.
      return { ...summary(added), resembles: added.resembles };
    },
  },
  {
    name: 'contact verify',
    usage: 'contact verify FINGERPRINT',
    summary: 'Mark a contact verified after comparing its 60-digit fingerprint by phone or in person.',
    needs: 'unlock',
    async run(ctx) {
      return summary(await ctx.call('contact:verify', { fingerprint: fingerprintArg(ctx) }));
    },
  },
  {
    name: 'contact revoke',
    usage: 'contact revoke FINGERPRINT --reason TEXT',
    summary: 'Revoke a contact: its bundles are refused and nothing more is sent to it.',
    needs: 'unlock',
    options: ['reason'],
    async run(ctx) {
      const reason = requireFlag(ctx.args, 'reason');
      const contact = await ctx.call('contact:revoke', { fingerprint: fingerprintArg(ctx), reason });
      return { ...summary(contact), revokedAt: contact.revokedAt };
    },
  },
  {
    name: 'contact list',
    usage: 'contact list',
    summary: 'List contacts as JSON lines.',
    needs: 'unlock',
    async run(ctx) {
      return ctx.call('contact:list');
    },
  },
  {
    name: 'relay-only',
    usage: 'relay-only [on|off]',
    summary:
      'Show or set whether this office only relays bundles (a hub): it then keeps no conflicts of its own.',
    needs: 'unlock',
    async run(ctx) {
      const word = ctx.args.positionals[0];
      if (word === undefined) return ctx.call('relay:get');
      if (word !== 'on' && word !== 'off')
        throw new AmparoError('INVALID_INPUT', 'Say on or off.', [
          { path: 'relayOnly', message: 'Expected on or off' },
        ]);
      return ctx.call('relay:set', { relayOnly: word === 'on' });
    },
  },
  {
    name: 'identity export-age-key',
    usage: 'identity export-age-key FILE',
    summary: "Write this office's SECRET age key (disaster recovery; `age -d -i FILE`).",
    needs: 'unlock',
    async run(ctx) {
      const file = fileArg(ctx);
      const identity = loadIdentity(ctx.service.context.session().db);
      writeNew(file, exportAgeKey(identity, ctx.service.context.clock.now()), 0o600);
      ctx.warn(
        'This file is the office SECRET key: anyone who has it can read bundles sent to this office. Keep it offline.',
      );
      return { file };
    },
  },
  {
    name: 'identity export-minisign-pub',
    usage: 'identity export-minisign-pub FILE',
    summary: "Write this office's minisign public key, for `minisign -V -p FILE`.",
    needs: 'unlock',
    async run(ctx) {
      const file = fileArg(ctx);
      writeNew(file, exportMinisignPub(loadIdentity(ctx.service.context.session().db)), 0o644);
      return { file };
    },
  },
];
