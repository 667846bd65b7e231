import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../electron/cli/commands';
import { AmparoError } from '../../shared/errors';
import { CHANNELS, type Channel } from '../../shared/ipc';
import { runCliInProcess } from '../helpers/cli';
import { removeTempDirs, unlockedService } from '../helpers/vault';

// Lock behaviour. After a lock every channel answers LOCKED except the few the unlock
// screen needs; every CLI command that unlocks fails with exit code 2 on a wrong passphrase; and nothing
// reachable from the service object holds the database, a 32-byte key or an age secret key.
// The idle-timeout -> unlock-screen path is covered end to end in tests/e2e/vault.spec.ts.

afterEach(removeTempDirs);

/** The channels that work while locked. Anything added here must be safe to answer without the vault. */
const WORK_WHILE_LOCKED: readonly Channel[] = [
  'prefs:get',
  'prefs:set',
  'vault:status',
  'vault:create',
  'vault:unlock',
  'vault:lock',
  // The first-run screen's "Restore from a backup": it only ever writes into an absent vault folder.
  'vault:restore',
];

async function outcome(run: () => unknown): Promise<string> {
  try {
    await run();
    return 'OK';
  } catch (error) {
    return error instanceof AmparoError ? error.code : `THROWN ${(error as Error).name}`;
  }
}

/**
 * Walks every object reachable through properties (own, non-enumerable and symbol keys, Map and Set
 * entries, array items) without calling getters, and reports database handles, 32-byte buffers and age
 * secret keys. Closure variables are invisible to JavaScript, so this proves what the service exposes;
 * session() throwing proves the closure dropped its session.
 */
function findKeyMaterial(root: unknown): { found: string[]; visited: number } {
  const found: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, path: string) => {
    if (typeof value === 'string') {
      if (/AGE-SECRET-KEY-/i.test(value)) found.push(`${path}: age secret key`);
      return;
    }
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value))
      return;
    seen.add(value);
    if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
      if (value.byteLength === 32) found.push(`${path}: 32-byte buffer`);
      return;
    }
    if ((value as { constructor?: { name?: string } }).constructor?.name === 'Database')
      found.push(`${path}: database handle`);
    if (value instanceof Map) {
      for (const [k, v] of value) {
        visit(k, `${path}<key>`);
        visit(v, `${path}<value>`);
      }
    }
    if (value instanceof Set) for (const v of value) visit(v, `${path}<item>`);
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor && 'value' in descriptor) visit(descriptor.value, `${path}.${String(key)}`);
    }
  };
  visit(root, 'root');
  return { found, visited: seen.size };
}

describe('after a lock', () => {
  it('every channel except the locked-screen ones answers LOCKED', async () => {
    const { service } = await unlockedService();
    service.lock('manual');
    const answers: Record<string, string> = {};
    for (const channel of CHANNELS.filter((c) => !WORK_WHILE_LOCKED.includes(c))) {
      // Handlers are called directly (past input validation, which would answer INVALID_INPUT first for a
      // made-up payload): the lock must hold whatever the input.
      const handler = service.handlers[channel] as (input: unknown) => unknown;
      answers[channel] = await outcome(() => handler({}));
    }
    const notLocked = Object.entries(answers).filter(([, code]) => code !== 'LOCKED');
    expect(notLocked).toEqual([]);
    expect(Object.keys(answers).length).toBe(CHANNELS.length - WORK_WHILE_LOCKED.length);
    // And the locked-screen channels really are the ones the unlock screen uses.
    expect(await outcome(() => service.handlers['vault:status'](undefined))).toBe('OK');
    expect(await outcome(() => service.handlers['prefs:get'](undefined))).toBe('OK');
    service.close();
  });

  it('leaves no database handle and no key material reachable from the service object', async () => {
    const { service } = await unlockedService();
    const db = service.context.session().db;
    service.lock('manual');
    expect(() => service.context.session()).toThrow(AmparoError);
    expect(service.isUnlocked()).toBe(false);
    // Closing the handle frees SQLite3MultipleCiphers' codec, which is where the database key lives.
    expect(db.open).toBe(false);

    const walk = findKeyMaterial(service);
    expect(walk.visited).toBeGreaterThan(CHANNELS.length); // the walk did reach every handler
    expect(walk.found).toEqual([]);
    // The walk can fail: the same search finds a handle and a key planted a few levels deep.
    const planted = findKeyMaterial({ a: new Map([['k', { db }]]), b: [Buffer.alloc(32, 1)] });
    expect(planted.found).toEqual(
      expect.arrayContaining(['root.a<value>.db: database handle', 'root.b.0: 32-byte buffer']),
    );
    service.close();
  });
});

describe('after locking the training vault', () => {
  it('answers LOCKED on the same channels and keeps no handle or key of either vault', async () => {
    const { service } = await unlockedService();
    const officeDb = service.context.session().db;
    await service.handlers['vault:createTraining']({
      officeName: 'Training',
      passphrase: 'training day passphrase',
    });
    const trainingDb = service.context.session().db;
    expect(officeDb.open).toBe(false);
    service.lock('idle');
    expect(trainingDb.open).toBe(false);
    expect(() => service.context.session()).toThrow(AmparoError);
    for (const channel of CHANNELS.filter((c) => !WORK_WHILE_LOCKED.includes(c))) {
      const handler = service.handlers[channel] as (input: unknown) => unknown;
      expect({ channel, code: await outcome(() => handler({})) }).toEqual({ channel, code: 'LOCKED' });
    }
    expect(findKeyMaterial(service).found).toEqual([]);
    service.close();
  });
});

describe('CLI with a wrong passphrase', () => {
  it('every command that unlocks exits 2 (WRONG_PASSPHRASE) and prints nothing on stdout', async () => {
    const { service, vaultDir } = await unlockedService();
    service.close();
    const env = { AMPARO_PASSPHRASE: 'not the right passphrase' };
    const unlocking = COMMANDS.filter((c) => c.needs === 'unlock').map((c) => c.name);
    // These read the passphrase themselves; their first step is the same unlock.
    const selfUnlocking = [
      ['passwd', '--new-passphrase-file', '/dev/null'],
      ['backup', `${vaultDir}-never-written.age`],
    ];
    expect(unlocking.length).toBeGreaterThan(5);
    for (const args of [...unlocking.map((name) => name.split(' ')), ...selfUnlocking]) {
      const result = await runCliInProcess([...args, '--vault', vaultDir], env);
      expect({ args, code: result.code, stdout: result.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(result.stderr).toContain('WRONG_PASSPHRASE');
    }
  });
});
