import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { startAutoLock } from '../../electron/core/autolock';
import { startCoreHost, type CoreHost } from '../../electron/core/host/host';
import type { Clock } from '../../electron/core/kernel/context';
import type { KdfOptions } from '../../electron/core/vault/kdf';
import { EVENT_NAMES } from '../../shared/ipc';
import type { Language } from '../../shared/prefs';
import { coreWorker } from '../helpers/core-worker';

// The UI harness: the real built renderer in Debian's Chromium, bound to the real core.
// window.amparo is defined by an init script whose invoke() calls one exposed binding, and that binding
// goes to the core's worker thread through the same host (electron/core/host) that Electron's main.ts
// uses, and there through dispatch(): the same schemas, handlers and encrypted vault. The only thing not
// exercised is Electron's own IPC transport.

const ROOT = join(import.meta.dirname, '..', '..');
// AMPARO_RENDERER_ENTRY points the harness at another build (for example a deliberately broken one, to
// see a test fail).
export const RENDERER_ENTRY =
  process.env.AMPARO_RENDERER_ENTRY ?? join(ROOT, 'dist', 'renderer', 'index.html');
export const CHROMIUM = process.env.AMPARO_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface HarnessOptions {
  vaultDir: string;
  lang?: Language;
  headless?: boolean;
  clock?: Clock;
  /** Cheaper Argon2id for tests; the interactive harness uses the real calibration. */
  kdf?: KdfOptions;
  /** Seconds of inactivity, for the idle lock. Defaults to the time since the page's last request. */
  idleSeconds?: () => number;
  idleCheckMs?: number;
  viewport?: { width: number; height: number };
  /**
   * Keep Chromium's profile on disk in this folder (local and session storage, caches, "Current Session"…),
   * so the leak scan can read it: the worst case, since the real app's renderer session is in memory.
   * Default: Playwright's throwaway profile.
   */
  profileDir?: string;
  /** Where downloads land (with a profileDir only). Default: a folder Playwright makes in the OS temp dir. */
  downloadsDir?: string;
  /** TMPDIR for the Chromium process, so its temporary files can be found and scanned. */
  browserTmpDir?: string;
  /** Chromium writes its own log (INFO and up, console messages included) to this file. */
  browserLogFile?: string;
}

export interface Harness {
  page: Page;
  /** The core, in its worker thread: `service.handlers[channel](input)` seeds and checks data. */
  service: CoreHost;
  /** Every URL the page tried to load that was not a local file (must stay empty: no remote content). */
  blockedRequests: string[];
  close(): Promise<void>;
}

const INIT_SCRIPT = `(() => {
  const listeners = new Map();
  Object.defineProperty(window, '__amparoEmit', {
    value: (event, payload) => { for (const listener of listeners.get(event) ?? []) listener(payload); },
  });
  Object.defineProperty(window, 'amparo', {
    value: Object.freeze({
      invoke: (channel, input) => window.__amparoInvoke(channel, input),
      on: (event, listener) => {
        const set = listeners.get(event) ?? new Set();
        listeners.set(event, set);
        set.add(listener);
        return () => set.delete(listener);
      },
    }),
  });
})();`;

export async function launchHarness(options: HarnessOptions): Promise<Harness> {
  if (!existsSync(RENDERER_ENTRY)) {
    throw new Error('The renderer is not built. Run `npm run build` first.');
  }
  const service = await startCoreHost({
    vaultDir: options.vaultDir,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.kdf ? { kdf: options.kdf } : {}),
    worker: await coreWorker(),
  });
  if (options.lang) await service.handlers['prefs:set']({ language: options.lang });

  let lastRequest = Date.now();
  const viewport = options.viewport ?? { width: 1280, height: 800 };
  const launchOptions = {
    executablePath: CHROMIUM,
    args: options.browserLogFile
      ? [...CHROMIUM_ARGS, '--enable-logging', '--log-level=0', `--log-file=${options.browserLogFile}`]
      : CHROMIUM_ARGS,
    headless: options.headless ?? true,
    ...(options.browserTmpDir ? { env: { ...process.env, TMPDIR: options.browserTmpDir } } : {}),
  };
  let context: BrowserContext;
  let closeBrowser: () => Promise<void>;
  if (options.profileDir) {
    context = await chromium.launchPersistentContext(options.profileDir, {
      ...launchOptions,
      viewport,
      acceptDownloads: true,
      ...(options.downloadsDir ? { downloadsPath: options.downloadsDir } : {}),
    });
    closeBrowser = () => context.close();
  } else {
    const browser = await chromium.launch(launchOptions);
    context = await browser.newContext({ viewport });
    closeBrowser = () => browser.close();
  }
  const blockedRequests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file://') || url.startsWith('data:') || url.startsWith('blob:'))
      return route.continue();
    blockedRequests.push(url);
    return route.abort('blockedbyclient');
  });
  await context.exposeBinding('__amparoInvoke', (_source, channel: unknown, input: unknown) => {
    lastRequest = Date.now();
    return service.dispatch(channel, input);
  });
  await context.addInitScript(INIT_SCRIPT);
  // A persistent context opens with one blank page already.
  const page = context.pages()[0] ?? (await context.newPage());

  const unsubscribers = EVENT_NAMES.map((name) =>
    service.on(name, (payload) => {
      void page
        .evaluate(
          ([event, data]) =>
            (window as unknown as { __amparoEmit(e: unknown, d: unknown): void }).__amparoEmit(event, data),
          [name, payload] as const,
        )
        .catch(() => undefined);
    }),
  );
  const stopAutoLock = startAutoLock({
    service,
    getIdleSeconds: options.idleSeconds ?? (() => (Date.now() - lastRequest) / 1000),
    getThresholdSeconds: () => service.prefs().idleLockMinutes * 60,
    intervalMs: options.idleCheckMs ?? 1000,
  });

  await page.goto(pathToFileURL(RENDERER_ENTRY).href);
  return {
    page,
    service,
    blockedRequests,
    async close() {
      stopAutoLock();
      for (const unsubscribe of unsubscribers) unsubscribe();
      await service.close();
      await closeBrowser();
    },
  };
}
