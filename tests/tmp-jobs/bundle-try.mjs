import { build } from 'esbuild';
import { Worker } from 'node:worker_threads';
let t = performance.now();
await build({
  entryPoints: ['electron/core/host/worker.ts'], outfile: 'node_modules/.cache/amparo-worker/try.cjs', bundle: true, platform: 'node', target: 'node22', format: 'cjs',
  external: ['electron', 'better-sqlite3-multiple-ciphers'], logLevel: 'warning',
  define: { 'import.meta.url': 'importMetaUrl', 'import.meta.dirname': '__dirname' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
console.log('build', Math.round(performance.now() - t));
t = performance.now();
const w = new Worker('/work/main/node_modules/.cache/amparo-worker/try.cjs', { workerData: { vaultDir: '/tmp/amp/x' } });
w.on('message', (m) => { console.log('msg', m.type, Math.round(performance.now() - t)); w.terminate(); });
w.on('error', (e) => console.log(e));
