// Runs @doyensec/electronegativity on the compiled Electron main process, the preload and the renderer's
// index.html (for its CSP meta tag), and fails on any finding that is not in ALLOWED below with a reason.
// Run `node scripts/build-node.mjs` first (`npm run check:electron` does both).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const runnerPath = require.resolve('@doyensec/electronegativity/dist/runner.js');

// The tool fetches translations and Electron's release list over HTTP. CI must give the same answer with
// or without a network, so its HTTP client is replaced by one that fails at once (it then falls back to
// its bundled English strings).
const gotPath = createRequire(runnerPath).resolve('got');
require.cache[gotPath] = {
  id: gotPath,
  filename: gotPath,
  loaded: true,
  exports: () => Promise.reject(new Error('network disabled for this check')),
};
const run = require(runnerPath);

// Every finding left after the scan must match one of these, and each carries its justification.
const ALLOWED = [
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'index.html',
    // Electronegativity flags every CSP it finds for manual review, even a strict one. Reviewed: only
    // 'self' sources, connect-src/object-src/base-uri/form-action/frame-ancestors 'none', no unsafe-*.
    // tests/unit/electron-config.test.ts asserts it equals the header that main.ts sends with each file.
    accept: (issue) =>
      issue.manualReview === true &&
      typeof issue.sample === 'string' &&
      !issue.sample.includes('unsafe-') &&
      issue.sample.includes("default-src 'self'") &&
      issue.sample.includes("connect-src 'none'"),
  },
];

// AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK compares the Electron version with releases fetched online; the
// Electron version is pinned in package.json and upgraded deliberately, so it is not part of an offline CI.
const EXCLUDED_CHECKS = ['availablesecurityfixesglobalcheck'];

/** Scans a folder; returns the findings that no allow-list entry explains, plus parse errors. */
async function scan(input) {
  const result = await run(
    {
      input,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS,
      isRelative: true,
      parserPlugins: [],
      electronVersionOverride: require('electron/package.json').version,
    },
    false,
  );
  const unexplained = result.issues.filter(
    (issue) =>
      !ALLOWED.some((rule) => rule.id === issue.id && rule.file === issue.file && rule.accept(issue)),
  );
  return { unexplained, errors: result.errors, total: result.issues.length };
}

function describe(issue) {
  return `${issue.id} ${issue.file}:${issue.location?.line ?? 0} [${issue.severity?.name ?? '?'}] ${issue.description}`;
}

const work = mkdtempSync(join(tmpdir(), 'amparo-eneg-'));
try {
  // The tool only reads .js/.ts/.html files, so the .cjs bundles are copied under .js names.
  const app = join(work, 'app');
  const sources = [
    [join(root, 'dist/electron/main.cjs'), 'main.js'],
    [join(root, 'dist/electron/preload.cjs'), 'preload.js'],
    [join(root, 'renderer/index.html'), 'index.html'],
  ];
  mkdirSync(app);
  for (const [from, to] of sources) {
    if (!existsSync(from)) throw new Error(`Missing ${from}: run node scripts/build-node.mjs first`);
    copyFileSync(from, join(app, to));
  }

  // Prove the scan can fail: a deliberately insecure window must produce findings.
  const bad = join(work, 'bad');
  mkdirSync(bad);
  writeFileSync(
    join(bad, 'main.js'),
    "const { BrowserWindow } = require('electron');\n" +
      'new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n',
  );
  const control = await scan(bad);
  if (control.unexplained.length === 0) throw new Error('Control scan of an insecure window found nothing');

  const { unexplained, errors, total } = await scan(app);
  for (const error of errors) console.error(`parse error: ${error.file}: ${error.message}`);
  for (const issue of unexplained) console.error(`unexplained finding: ${describe(issue)}`);
  console.log(
    JSON.stringify({
      scanned: sources.map(([, to]) => to),
      findings: total,
      explained: total - unexplained.length,
      unexplained: unexplained.length,
      parseErrors: errors.length,
      controlFindings: control.unexplained.length,
    }),
  );
  if (errors.length > 0 || unexplained.length > 0) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
