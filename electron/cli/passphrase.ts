import { readFileSync } from 'node:fs';
import { AmparoError } from '../../shared/errors';

// Where a passphrase comes from, in order: a file named by a flag, an environment variable, the terminal.
// A file's trailing newline is not part of the passphrase (editors add one).

export interface PassphraseSources {
  file?: string | undefined;
  envName: string;
  env: NodeJS.ProcessEnv;
  prompt(question: string): Promise<string>;
  isTTY: boolean;
}

export async function readPassphrase(sources: PassphraseSources, question: string): Promise<string> {
  if (sources.file) return readPassphraseFile(sources.file);
  const fromEnv = sources.env[sources.envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!sources.isTTY) {
    throw new AmparoError(
      'INVALID_INPUT',
      `No passphrase given. Set ${sources.envName}, use a passphrase file, or run in a terminal.`,
    );
  }
  return sources.prompt(question);
}

export function readPassphraseFile(path: string): string {
  try {
    return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
  } catch {
    throw new AmparoError('INVALID_INPUT', 'The passphrase file cannot be read.');
  }
}

/** Reads a line from the terminal without echoing it. */
export function promptHidden(
  question: string,
  input = process.stdin,
  output = process.stderr,
): Promise<string> {
  return new Promise((resolve, reject) => {
    output.write(question);
    const raw = input.isTTY ? input.setRawMode(true) : null;
    let value = '';
    const done = (error?: Error) => {
      input.off('data', onData);
      if (raw) input.setRawMode(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new AmparoError('INVALID_INPUT', 'Cancelled.'));
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else value += char;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}
