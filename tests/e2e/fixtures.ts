import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { FAST_KDF } from '../helpers/vault';
import { launchHarness, type Harness, type HarnessOptions } from './harness';

// Playwright fixtures: `open(options)` launches a harness on a fresh temp vault and closes it afterwards.
export const ARTIFACTS = join(import.meta.dirname, 'artifacts');

export const test = base.extend<{ open: (options?: Partial<HarnessOptions>) => Promise<Harness> }>({
  // eslint-disable-next-line no-empty-pattern
  open: async ({}, use) => {
    const opened: Harness[] = [];
    const dirs: string[] = [];
    await use(async (options = {}) => {
      const dir = mkdtempSync(join(tmpdir(), 'amparo-e2e-'));
      dirs.push(dir);
      const harness = await launchHarness({ vaultDir: join(dir, 'vault'), kdf: FAST_KDF, ...options });
      opened.push(harness);
      return harness;
    });
    for (const harness of opened) {
      expect(harness.blockedRequests, 'the renderer must not request remote content').toEqual([]);
      await harness.close();
    }
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };

/** Saves a screenshot under tests/e2e/artifacts and attaches it to the report. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}
