import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { PASSPHRASE } from '../../helpers/vault';

// The real Electron app, driven through Playwright. It needs the Electron binary, which `npm install`
// cannot download on machines without access to GitHub; there the test skips and says why.

// Looks for an installed binary without calling require('electron'): since Electron 45 that require
// downloads the binary when it is missing, and a test run must not reach the network.
function electronBinary(): string | null {
  try {
    const pkg = createRequire(import.meta.url).resolve('electron/package.json');
    const pathFile = join(dirname(pkg), 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(dirname(pkg), 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const SKIP_REASON =
  'Electron binary not installed (it downloads from GitHub, which this machine cannot reach). ' +
  'On a machine with internet, `npm start` downloads it on first use (or run `npx install-electron --no`); then `npm test` runs this project.';

test.describe('Electron app', () => {
  test.skip(!binary, SKIP_REASON);
  if (!binary) console.log(`[electron project] skipped: ${SKIP_REASON}`);

  test('creates, locks and unlocks a vault with hardened webPreferences', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amparo-electron-'));
    const app = await electron.launch({
      executablePath: binary ?? undefined,
      args: ['.'],
      env: { ...process.env, AMPARO_VAULT: join(dir, 'vault') },
    });
    try {
      const page = await app.firstWindow();
      // Sandboxed, context-isolated renderer: no Node globals, and only { invoke, on } on window.amparo.
      expect(
        await page.evaluate(() => [
          typeof (window as unknown as { require?: unknown }).require,
          typeof (window as unknown as { process?: unknown }).process,
        ]),
      ).toEqual(['undefined', 'undefined']);
      expect(await page.evaluate(() => Object.keys(window.amparo).sort())).toEqual(['invoke', 'on']);
      await page.getByLabel('Office name').fill('Electron Office');
      await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
      await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Create vault' }).click();
      await page.getByRole('button', { name: /Lock now/ }).click();
      await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock', exact: true }).click();
      await expect(page.getByRole('navigation', { name: 'Main sections' })).toBeVisible();
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle())).toBe(
        'Amparo',
      );
      // The renderer's session lives in memory: nothing it stores reaches the profile folder.
      expect(
        await app.evaluate(({ BrowserWindow }) =>
          BrowserWindow.getAllWindows()[0]?.webContents.session.isPersistent(),
        ),
      ).toBe(false);
      // window.open is denied by the main process: no second window appears.
      expect(await page.evaluate(() => window.open('https://example.org') === null)).toBe(true);
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
