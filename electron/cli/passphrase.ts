import { readFileSync } from 'node:fs';
import { AmparoError } from '../../shared/errors';

// Where a passphrase comes from, in order: a file named by a flag, an environment variable, the terminal.
// A file holds what the owner sees in an editor: a byte-order mark (Windows editors add one) and trailing
// line breaks (editors add one, some add more) are not part of the passphrase. Other whitespace is kept,
// since a passphrase may end in a space, but it is reported: an unseen trailing space locks owners out.

export interface PassphraseSources {
  file?: string | undefined;
  envName: string;
  env: NodeJS.ProcessEnv;
  prompt(question: string): Promise<string>;
  isTTY: boolean;
  /** Where a warning about the file goes; stderr when not given. */
  warn?: ((message: string) => void) | undefined;
}

export async function readPassphrase(sources: PassphraseSources, question: string): Promise<string> {
  if (sources.file) return readPassphraseFile(sources.file, sources.warn);
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

export function readPassphraseFile(path: string, warn: (message: string) => void = warnOnStderr): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new AmparoError('INVALID_INPUT', 'The passphrase file cannot be read.');
  }
  const passphrase = text.replace(/^\uFEFF/, '').replace(/[\r\n]+$/, '');
  // The warning names the file's flaw, never its content.
  if (/\s$/u.test(passphrase)) {
    warn(
      'The passphrase file ends in a space or other whitespace after its last visible character; ' +
        'that whitespace is part of the passphrase.',
    );
  }
  return passphrase;
}

/** The CLI's warning format (one JSON line on stderr), for callers that have no output of their own. */
function warnOnStderr(message: string): void {
  process.stderr.write(`${JSON.stringify({ warning: message })}\n`);
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
