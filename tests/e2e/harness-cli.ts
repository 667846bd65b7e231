import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchHarness } from './harness';

// `npm run harness [-- --vault DIR] [--lang es]`: the real renderer in a headed Chromium window, bound to
// the real core and an encrypted vault in DIR. No Electron needed. Close the window to stop.
// The default folder is the harness's own, never the Electron app's: each keeps its own rollback anchor.
const DEFAULT_VAULT = process.env.AMPARO_VAULT ?? join(homedir(), '.amparo-harness', 'vault');

const { values } = parseArgs({ options: { vault: { type: 'string' }, lang: { type: 'string' } } });
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  process.stderr.write(
    'No display found. Run it under a desktop session, or with: xvfb-run npm run harness -- --vault DIR\n',
  );
  process.exit(1);
}
const vaultDir = resolve(values.vault ?? DEFAULT_VAULT);
const lang = values.lang === 'es' || values.lang === 'en' ? values.lang : undefined;
const harness = await launchHarness({ vaultDir, lang, headless: false });
process.stdout.write(`Amparo harness open on vault ${vaultDir}. Close the window to stop.\n`);
harness.page.on('close', () => void harness.close().then(() => process.exit(0)));
