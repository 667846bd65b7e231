// The README audit path, with stock Debian tools only: age, tar, minisign, sha256sum; and the stanza order
// and this office's age identity against the stock age tool.
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Decrypter } from 'age-encryption';
import { afterAll, describe, expect, it } from 'vitest';
import { officeAgeIdentity } from '../../electron/core/sync/age-identity';
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

  it.skipIf(missing.length > 0)(
    "a bundle for many offices opens with each one's key, both ways",
    async () => {
      const now = new Date();
      const [sender, ...offices] = await Promise.all(
        ['Sender', 'A', 'B', 'C', 'D', 'E', 'F'].map((name) => makeOffice(name)),
      );
      const bundle = await buildBundle(
        bundleInput(sender!, offices, sampleChanges(sender!.officeId, now.getTime(), 2), now),
      );
      writeFileSync(join(dir, 'many.amparo'), bundle);
      const plain = 'for the offices of a coalition\n';
      writeFileSync(join(dir, 'plain.txt'), plain);
      const to = offices.flatMap((o) => ['-r', o.identity.age.recipient]);
      execFileSync('age', [...to, '-o', 'by-stock-age.age', 'plain.txt'], { cwd: dir });
      for (const [i, o] of offices.entries()) {
        writeFileSync(join(dir, `office-${i}.key`), exportAgeKey(o.identity, now), { mode: 0o600 });
        // Amparo's stanza order is plain age to the stock tool…
        execFileSync('age', ['-d', '-i', `office-${i}.key`, '-o', `many-${i}.tar`, 'many.amparo'], {
          cwd: dir,
        });
        expect(
          readFileSync(join(dir, `many-${i}.tar`))
            .subarray(0, 13)
            .toString(),
        ).toBe('manifest.json');
        // …and the stock tool's file, in its own order, opens with Amparo's identity.
        const d = new Decrypter();
        d.addIdentity(await officeAgeIdentity(o.identity));
        expect(await d.decrypt(readFileSync(join(dir, 'by-stock-age.age')), 'text')).toBe(plain);
      }
    },
  );
});
