import { AmparoError, EXIT_CODES, type ErrorPayload } from '../../shared/errors';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc';
import { PASSPHRASE_MIN_LENGTH } from '../../shared/vault';
import type { AmparoService } from '../core/kernel/context';
import { dispatch, toErrorPayload } from '../core/dispatch';
import { createService, type ServiceOptions } from '../core/service';
import { defaultAnchorFile } from '../core/vault/anchor';
import { parseCommandLine, stringFlag } from './args';
import type { CommandContext, ParsedArgs } from './command';
import { COMMANDS } from './commands';
import { promptHidden, readPassphrase, readPassphraseFile } from './passphrase';

// `amparo --vault DIR <command> [args]`. stdout carries exactly one JSON document (or JSON lines for lists);
// every failure is one JSON line on stderr plus a stable exit code. Nothing here prints record data to
// stderr, and no stack trace ever reaches the terminal.

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  prompt(question: string): Promise<string>;
  /** Tests pass cheaper KDF parameters; the shipped CLI never does. */
  serviceOptions?: Partial<ServiceOptions>;
}

export const processIo = (): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  isTTY: Boolean(process.stdin.isTTY),
  prompt: (question) => promptHidden(question),
});

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let service: AmparoService | undefined;
  try {
    // An unknown option or a missing value fails here, before any vault is touched.
    const { command, args } = parseCommandLine(argv, COMMANDS);
    if (args.flags.help) {
      io.stdout(`${JSON.stringify(helpDocument())}\n`);
      return 0;
    }
    // A failed run prints nothing on stdout, so a script never mistakes the help text for a result.
    if (!command) throw new AmparoError('INVALID_INPUT', 'Unknown command. Run amparo --help.');
    const vaultDir = stringFlag(args, 'vault') ?? io.env.AMPARO_VAULT;
    if (!vaultDir)
      throw new AmparoError('INVALID_INPUT', 'Say which vault to use with --vault DIR (or AMPARO_VAULT).');
    // No background work (inbox watcher) in a one-shot command.
    const anchorFile = stringFlag(args, 'anchor-file') ?? defaultAnchorFile(vaultDir);
    service = createService({ vaultDir, background: false, anchorFile, ...io.serviceOptions });
    const ctx = commandContext(service, args, io);
    if (command.needs === 'unlock') {
      await ctx.call('vault:unlock', { passphrase: await ctx.readPassphrase('Passphrase: ') });
    }
    const result = await command.run(ctx);
    if (Array.isArray(result)) for (const item of result) io.stdout(`${JSON.stringify(item)}\n`);
    else io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    return fail(io, error);
  } finally {
    service?.close();
  }
}

function commandContext(service: AmparoService, args: ParsedArgs, io: CliIo): CommandContext {
  const passphraseFile = stringFlag(args, 'passphrase-file');
  const callDynamic = async (channel: Channel, input: unknown) => {
    const result = await dispatch(service.handlers, channel, input);
    if (!result.ok) throw new AmparoError(result.error.code, result.error.message, result.error.issues);
    return result.value;
  };
  return {
    service,
    args,
    readPassphrase: (question = 'Passphrase: ') =>
      readPassphrase(
        {
          file: passphraseFile,
          envName: 'AMPARO_PASSPHRASE',
          env: io.env,
          prompt: io.prompt,
          isTTY: io.isTTY,
        },
        question,
      ),
    async readNewPassphrase(flag, envName) {
      const file = stringFlag(args, flag);
      if (file) return readPassphraseFile(file);
      const fromEnv = io.env[envName];
      if (fromEnv) return fromEnv;
      if (!io.isTTY)
        throw new AmparoError('INVALID_INPUT', `No new passphrase given. Use --${flag} or ${envName}.`);
      const first = await io.prompt(`New passphrase (at least ${PASSPHRASE_MIN_LENGTH} characters): `);
      const second = await io.prompt('Repeat the new passphrase: ');
      if (first !== second) throw new AmparoError('INVALID_INPUT', 'The two passphrases do not match.');
      return first;
    },
    warn: (message) => io.stderr(`${JSON.stringify({ warning: message })}\n`),
    async call<C extends Channel>(channel: C, input?: ChannelInput<C>) {
      return (await callDynamic(channel, input)) as ChannelOutput<C>;
    },
    callDynamic,
  };
}

function fail(io: CliIo, error: unknown): number {
  const payload: ErrorPayload = toErrorPayload(error);
  io.stderr(`${JSON.stringify({ error: payload })}\n`);
  return EXIT_CODES[payload.code];
}

function helpDocument() {
  return {
    usage: 'amparo --vault DIR <command> [options]',
    passphrase: 'AMPARO_PASSPHRASE, --passphrase-file FILE, or a terminal prompt',
    anchor: '--anchor-file FILE (default: vault-anchors.json in the folder that holds the vault folder)',
    commands: COMMANDS.map((c) => ({ usage: c.usage, summary: c.summary })),
    exitCodes: {
      0: 'ok',
      1: 'usage or invalid input',
      2: 'vault, passphrase or locked',
      3: 'bundle refused',
      4: 'not found',
      10: 'internal error',
    },
  };
}
