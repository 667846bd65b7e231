import type { BrowserWindowConstructorOptions } from 'electron';

// Every BrowserWindow setting that matters for security, as plain data so a unit test can assert it
// without an Electron binary.

export const APP_SCHEME = 'app';
export const APP_HOST = 'amparo';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * The renderer's session partition. Without the `persist:` prefix Electron keeps the session in memory, so
 * nothing the renderer could store (localStorage, IndexedDB, HTTP cache, session restore) is ever written
 * to the profile folder on disk, whatever a future screen does. Amparo's own settings live in the core.
 */
export const APP_PARTITION = 'amparo';

/** The renderer's CSP: only our own files, no network at all. Also in renderer/index.html. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    // A fixed, generic title: a person's name must never reach the window list or a screen recorder's index.
    title: 'Amparo',
    show: false,
    backgroundColor: '#f7f7f5',
    webPreferences: {
      preload: preloadPath,
      partition: APP_PARTITION,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // OS spellcheckers can send typed words (names, notes) to a cloud service; intake text stays local.
      spellcheck: false,
      devTools: process.env.AMPARO_DEVTOOLS === '1',
      safeDialogs: true,
    },
  };
}
