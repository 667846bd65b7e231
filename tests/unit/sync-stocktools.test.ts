// The README audit path, with stock Debian tools only: age, tar, minisign, sha256sum.
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../electron/core/sync/bundle';
import { exportAgeKey, exportMinisignPub } from '../../electron/core/sync/identity';
import { encodePublicKey } from '../../electron/core/sync/minisign';
import { bundleInput, makeOffice, sampleChanges } from '../fixtures/sync/offices';

const TOOLS = ['/usr/bin/age', '/usr/bin/minisign', '/usr/bin/tar', '/usr/bin/sha256sum'];
const missing = TOOLS.filter((t) => !existsSync(t));
if (missing.length > 0) console.warn(`skipping stock-tool audit test: missing ${missing.join(', ')}`);
const dir = mkdtempSync(join(tmpdir(), 'amparo-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('stock-tool audit path', () => {
  it.skipIf(missing.length > 0)('age -d | tar -x, minisign -V, sha256sum match the manifest', async () => {
    const now = new Date();
    const [sj, oak] = [await makeOffice('San José'), await makeOffice('Oakland')];
    const changes = sampleChanges(sj.officeId, now.getTime(), 4);
    // A field written having seen another office's stamp carries its causal context as plain JSON too.
    changes[0]!.fields.language!.ctx = [
      `${(now.getTime() - 1).toString(16).padStart(12, '0')}:0000:${oak.officeId}`,
    ];
    writeFileSync(join(dir, 'b.amparo'), await buildBundle(bundleInput(sj, [oak], changes, now)));
    writeFileSync(join(dir, 'office.key'), exportAgeKey(oak.identity, now), { mode: 0o600 });
    writeFileSync(join(dir, 'sender.pub'), exportMinisignPub(sj.identity));
    const sh = (cmd: string): string => execSync(cmd, { cwd: dir, encoding: 'utf8', stdio: 'pipe' });

    sh('age -d -i office.key b.amparo | tar -x');
    const key = encodePublicKey(sj.identity.signing.keyId, sj.identity.signing.publicKey);
    const verified = execFileSync('minisign', ['-V', '-P', key, '-m', 'manifest.json'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(verified).toContain('Signature and comment signature verified');
    expect(sh('minisign -V -p sender.pub -m manifest.json')).toContain(
      'Signature and comment signature verified',
    );
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(verified).toContain(`amparo bundle ${manifest.bundleId}`);
    const [hash] = sh('sha256sum changes.jsonl.gz').split(/\s+/);
    expect(hash).toBe(manifest.payload.sha256);
    const lines = gunzipSync(readFileSync(join(dir, 'changes.jsonl.gz')))
      .toString()
      .trim()
      .split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(changes);

    // A different office's key cannot open it.
    const third = await makeOffice('Third');
    writeFileSync(join(dir, 'other.key'), exportAgeKey(third.identity, now));
    expect(() => sh('age -d -i other.key b.amparo > /dev/null')).toThrow();
  });
});
