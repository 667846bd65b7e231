import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { AmparoError } from '../../shared/errors';
import type { Command, ParsedArgs } from './command';

// Command lines are parsed by node:util parseArgs in strict mode. Every option the CLI knows is declared
// once here with its type, and each command names the ones it takes besides the global ones, so a typo or
// an option meant for another command is refused (INVALID_INPUT, exit 1, naming the option) instead of
// being ignored while the command runs without it. `--flag value`, `--flag=value`, switches and repeatable
// options (collected into arrays) are as before.

export const OPTIONS = {
  vault: { type: 'string' },
  'anchor-file': { type: 'string' },
  'passphrase-file': { type: 'string' },
  help: { type: 'boolean' },
  office: { type: 'string' },
  'new-passphrase-file': { type: 'string' },
  'backup-passphrase-file': { type: 'string' },
  json: { type: 'string' },
  search: { type: 'string' },
  filter: { type: 'string', multiple: true },
  sort: { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  view: { type: 'string' },
  map: { type: 'string', multiple: true },
  'dry-run': { type: 'boolean' },
  'date-order': { type: 'string' },
  duplicates: { type: 'string' },
  take: { type: 'string', multiple: true },
  people: { type: 'string' },
  volunteers: { type: 'string' },
  attorneys: { type: 'string' },
  'events-per-person': { type: 'string' },
  seed: { type: 'string' },
  to: { type: 'string', multiple: true },
  out: { type: 'string' },
  all: { type: 'boolean' },
  'since-last': { type: 'boolean' },
  person: { type: 'string', multiple: true },
  redact: { type: 'string' },
  yes: { type: 'boolean' },
  keep: { type: 'string' },
  reason: { type: 'string' },
  days: { type: 'string' },
  'contact-days': { type: 'string' },
  'false-alarm-hours': { type: 'string' },
  'report-days': { type: 'string' },
  'volunteer-months': { type: 'string' },
  'erase-now': { type: 'boolean' },
  'include-done': { type: 'boolean' },
  role: { type: 'string' },
  from: { type: 'string' },
  status: { type: 'string' },
} as const satisfies ParseArgsOptionsConfig;

export type OptionName = keyof typeof OPTIONS;

/** Taken by every command. */
export const GLOBAL_OPTIONS: readonly OptionName[] = ['vault', 'anchor-file', 'passphrase-file', 'help'];

export interface CommandLine {
  /** undefined when the words match no command (the caller decides: help, or an error). */
  command: Command | undefined;
  /** Positionals after the command words, and the options given. */
  args: ParsedArgs;
}

export function parseCommandLine(argv: readonly string[], commands: readonly Command[]): CommandLine {
  // A lenient first pass, only to find the command words: options are typed the same for every command,
  // so values are told apart from words the same way the strict pass below will.
  const { positionals } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
  });
  const command = findCommand(positionals, commands);
  // Without a command, any known option passes, so a mistyped command is reported as such.
  const allowed = command ? [...GLOBAL_OPTIONS, ...(command.options ?? [])] : Object.keys(OPTIONS);
  const args = strictParse(argv, allowed as OptionName[], command);
  if (command) args.positionals.splice(0, command.name.split(' ').length);
  return { command, args };
}

function findCommand(positionals: readonly string[], commands: readonly Command[]): Command | undefined {
  // Longest match first, so `contact add` wins over a hypothetical `contact`.
  const byLength = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  return byLength.find((command) => command.name.split(' ').every((word, i) => positionals[i] === word));
}

function strictParse(argv: readonly string[], allowed: readonly OptionName[], command?: Command): ParsedArgs {
  const options: ParseArgsOptionsConfig = Object.fromEntries(allowed.map((name) => [name, OPTIONS[name]]));
  const parsed = (() => {
    try {
      return parseArgs({ args: [...argv], options, strict: true, allowPositionals: true, tokens: true });
    } catch (error) {
      throw usageError(argv, options, command) ?? new AmparoError('INVALID_INPUT', messageOf(error));
    }
  })();
  // parseArgs silently keeps the last of a repeated single-value option; which one was meant is a guess.
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name) && !options[token.name]?.multiple)
      throw new AmparoError('INVALID_INPUT', `The option --${token.name} is given more than once.`);
    seen.add(token.name);
  }
  const flags: ParsedArgs['flags'] = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value !== undefined) flags[name] = Array.isArray(value) ? value.map(String) : value;
  }
  return { positionals: parsed.positionals, flags };
}

/** Names the option parseArgs refused and what is wrong with it, in the words of the CLI's other errors. */
function usageError(
  argv: readonly string[],
  options: ParseArgsOptionsConfig,
  command: Command | undefined,
): AmparoError | undefined {
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    const flag = token.rawName;
    if (!spec) {
      const elsewhere = command && Object.hasOwn(OPTIONS, token.name);
      return new AmparoError(
        'INVALID_INPUT',
        elsewhere
          ? `The command "${command.name}" does not take the option ${flag}. Run amparo --help.`
          : flag.startsWith('--')
            ? `Unknown option ${flag}. Run amparo --help.`
            : `Unknown option ${flag}. Run amparo --help (put -- before a word that starts with "-").`,
      );
    }
    if (spec.type === 'boolean' && token.value !== undefined)
      return new AmparoError('INVALID_INPUT', `The option ${flag} takes no value.`);
    if (spec.type === 'string' && token.value === undefined)
      return new AmparoError('INVALID_INPUT', `The option ${flag} needs a value.`);
    if (spec.type === 'string' && !token.inlineValue && /^-./.test(token.value ?? ''))
      return new AmparoError(
        'INVALID_INPUT',
        `The option ${flag} needs a value (write ${flag}=VALUE for one that starts with "-").`,
      );
  }
  return undefined;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function stringFlag(args: ParsedArgs, name: OptionName): string | undefined {
  const value = args.flags[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw new AmparoError('INVALID_INPUT', `The option --${name} needs one value.`);
  return value;
}

export function requireFlag(args: ParsedArgs, name: OptionName): string {
  const value = stringFlag(args, name);
  if (value === undefined) throw new AmparoError('INVALID_INPUT', `The option --${name} is required.`);
  return value;
}
