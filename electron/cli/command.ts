import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc';
import type { AmparoService } from '../core/kernel/context';
import type { OptionName } from './args';

// Every CLI command implements this. Commands live in electron/cli/commands/<area>.ts and export a
// `Command[]`; electron/cli/commands/index.ts concatenates them. Output is JSON: run() returns the document
// to print (an array is printed as JSON lines), and errors are thrown as AmparoError.

export interface ParsedArgs {
  /** Positionals after the command words, e.g. `contact add FILE` -> ['FILE']. */
  positionals: string[];
  /** --flag value / --flag=value / switch --flag (true). Repeatable options collect into arrays. */
  flags: Record<string, string | boolean | string[]>;
}

export interface CommandContext {
  service: AmparoService;
  args: ParsedArgs;
  /** Reads the passphrase from AMPARO_PASSPHRASE, --passphrase-file or a TTY prompt. */
  readPassphrase(prompt?: string): Promise<string>;
  /** A new passphrase: from `--<flag>` file, then `envName`, then asked twice on the terminal. */
  readNewPassphrase(flag: OptionName, envName: string): Promise<string>;
  /** Warnings go to stderr as one JSON line: {"warning": "..."} (never record data). */
  warn(message: string): void;
  /** Calls a contract channel through the same dispatcher as the app; throws AmparoError on failure. */
  call<C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /**
   * The same call for a channel chosen at run time (`<kind>:create`) with input built from the command
   * line: the dispatcher checks the input against the channel's schema, the caller gets `unknown` back.
   */
  callDynamic(channel: Channel, input: unknown): Promise<unknown>;
}

export interface Command {
  /** The command words, e.g. 'init', 'status', 'contact add', 'bundle import'. */
  name: string;
  /** One-line usage shown by `amparo --help`, e.g. 'contact add FILE'. */
  usage: string;
  summary: string;
  /** 'none': vault need not exist/unlock (init); 'unlock': the CLI unlocks before run(). */
  needs: 'none' | 'unlock';
  /** The options it takes besides the global ones (args.ts); any other option is refused. */
  options?: readonly OptionName[];
  run(ctx: CommandContext): Promise<unknown>;
}
