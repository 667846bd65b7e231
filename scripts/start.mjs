// `npm start`: build, then open the Electron app. Electron 45 installs its binary lazily, from a download
// that some machines cannot reach; there this says so in one line and names the Chromium harness, which
// opens the same renderer over the same core, instead of ending in a stack trace from node_modules/electron.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The installed Electron binary, found without require('electron') (which downloads when it is missing). */
function electronBinary() {
  const pkg = createRequire(import.meta.url).resolve('electron/package.json');
  const dir = dirname(pkg);
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return { dir, binary: null };
  const relative = readFileSync(pathFile, 'utf8').trim();
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist');
  const binary = join(base, relative);
  return { dir, binary: existsSync(binary) ? binary : null };
}

let { dir, binary } = electronBinary();
if (!binary) {
  // One quiet attempt at Electron's own installer; its output is a stack trace when the download fails.
  const install = spawnSync(process.execPath, [join(dir, 'install.js')], { cwd: dir, stdio: 'ignore' });
  if (install.status === 0) ({ binary } = electronBinary());
}
if (!binary) {
  process.stderr.write(
    "Amparo: Electron's binary is not installed and its download can't be reached from this machine; " +
      'open the same app in Chromium with `npm run harness`.\n',
  );
  process.exit(1);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const built = spawnSync(npm, ['run', 'build'], {
  cwd: root,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (built.status !== 0) process.exit(built.status ?? 1);

const app = spawn(binary, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
app.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
