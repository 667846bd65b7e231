import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchHarness } from './harness';

// `npm run harness -- --vault DIR [--lang es]`: the real renderer in a headed Chromium window, bound to the
// real core and an encrypted vault in DIR. No Electron needed. Close the window to stop.

const { values } = parseArgs({ options: { vault: { type: 'string' }, lang: { type: 'string' } } });
if (!values.vault) {
  process.stderr.write('Usage: npm run harness -- --vault DIR [--lang en|es]\n');
  process.exit(1);
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  process.stderr.write(
    'No display found. Run it under a desktop session, or with: xvfb-run npm run harness -- --vault DIR\n',
  );
  process.exit(1);
}
const lang = values.lang === 'es' || values.lang === 'en' ? values.lang : undefined;
const harness = await launchHarness({ vaultDir: resolve(values.vault), lang, headless: false });
process.stdout.write(`Amparo harness open on vault ${resolve(values.vault)}. Close the window to stop.\n`);
harness.page.on('close', () => void harness.close().then(() => process.exit(0)));
