import { AmparoError } from '../../shared/errors';
import type { ParsedArgs } from './command';

// A deliberately small parser: `--flag value`, `--flag=value`, boolean `--flag`, repeated flags collect
// into arrays. Which flags are boolean is declared, so `--all FILE` never swallows a positional.

export const BOOLEAN_FLAGS = new Set(['help', 'all', 'since-last', 'dry-run', 'json-lines', 'yes']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags: ParsedArgs['flags'] = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    let value: string | boolean;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (BOOLEAN_FLAGS.has(name)) value = true;
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) {
        throw new AmparoError('INVALID_INPUT', `The option --${name} needs a value.`);
      }
      value = next;
      i++;
    }
    const previous = flags[name];
    if (previous === undefined) flags[name] = value;
    else if (Array.isArray(previous)) previous.push(String(value));
    else flags[name] = [String(previous), String(value)];
  }
  return { positionals, flags };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw new AmparoError('INVALID_INPUT', `The option --${name} needs one value.`);
  return value;
}

export function requireFlag(args: ParsedArgs, name: string): string {
  const value = stringFlag(args, name);
  if (value === undefined) throw new AmparoError('INVALID_INPUT', `The option --${name} is required.`);
  return value;
}
