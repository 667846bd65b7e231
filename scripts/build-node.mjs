// Bundles the Node side with esbuild: the Electron main process, the core's worker thread (which main.ts
// starts from core-worker.cjs beside it), the sandboxed preload and the `amparo` CLI. It runs on `npm install` (prepare), so `npx amparo` works in a fresh checkout, and on `npm run build`.
// The native SQLite module and Electron stay external: the same prebuilt .node file loads in both.
import { build } from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'electron');

// better-sqlite3 needs Node-API 10 (Node >= 22); on Node 20 it crashes instead of failing cleanly.
const nodeGuard = `if (Number(process.versions.node.split('.')[0]) < 22) {
  process.stderr.write(JSON.stringify({ error: { code: 'INTERNAL', message: 'Amparo needs Node.js 22 or newer. Run it with npx amparo, which uses the Node 22 installed with the project.' } }) + '\\n');
  process.exit(10);
}`;

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  external: ['electron', 'better-sqlite3-multiple-ciphers'],
  logLevel: 'warning',
  legalComments: 'none',
  // import.meta.url is used by some ESM dependencies; give the CJS bundle a faithful equivalent.
  define: { 'import.meta.url': 'importMetaUrl', 'import.meta.dirname': '__dirname' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

const entries = [
  { in: 'electron/main.ts', out: 'main.cjs' },
  { in: 'electron/core/host/worker.ts', out: 'core-worker.cjs' },
  { in: 'electron/preload.ts', out: 'preload.cjs' },
  { in: 'electron/cli.ts', out: 'cli.cjs', cli: true },
];

for (const entry of entries) {
  if (!existsSync(join(root, entry.in))) throw new Error(`Missing entry point ${entry.in}`);
  const outfile = join(out, entry.out);
  await build({
    ...common,
    entryPoints: [join(root, entry.in)],
    outfile,
    banner: entry.cli ? { js: `#!/usr/bin/env node\n${nodeGuard}\n${common.banner.js}` } : common.banner,
  });
  if (entry.cli) chmodSync(outfile, 0o755);
}
process.stdout.write(`Built ${entries.map((e) => e.out).join(', ')} into dist/electron\n`);
