import { defineConfig } from '@playwright/test';

// Two projects: the harness (Debian Chromium + the real core, always runs) and Electron (runs only where
// an Electron binary is installed; it prints why it skips otherwise).
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { outputFolder: 'playwright-report', open: 'never' }]],
  projects: [
    { name: 'harness', testIgnore: 'electron/**' },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' },
  ],
});
