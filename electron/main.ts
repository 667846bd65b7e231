import { basename, join, normalize } from 'node:path';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  powerMonitor,
  protocol,
  session,
  type Session,
  type WebContents,
} from 'electron';
import { startAutoLock } from './core/autolock';
import { startCoreHost, type CoreHost } from './core/host/host';
import { ANCHOR_FILE_NAME } from './core/vault/anchor';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import {
  isAllowedNavigation,
  isAllowedRequest,
  permissionDecision,
  resolveAppPath,
  windowOpenDecision,
} from './security';
import {
  APP_ENTRY,
  APP_PARTITION,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  windowOptions,
} from './window-options';

// The Electron shell, kept thin: every decision lives in a tested module (security, window-options,
// sender, the core). This file only wires them to Electron's objects.

// The renderer is served from app://amparo/ rather than file:// because the grantFileProtocolExtraPrivileges
// fuse is off; a standard, secure custom scheme gives it a real origin for 'self' in the CSP.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);

if (!app.requestSingleInstanceLock()) app.quit();

const rendererRoot = join(__dirname, '..', 'renderer');
const vaultDir = process.env.AMPARO_VAULT ?? join(app.getPath('userData'), 'vault');
// The core runs in a worker thread (core/host), so a long import never freezes the window. The rollback
// anchor lives in the profile, outside the vault folder, so putting back an old copy of the folder does not
// put back the anchor with it.
const starting = startCoreHost({ vaultDir, anchorFile: join(app.getPath('userData'), ANCHOR_FILE_NAME) });
let service: CoreHost | undefined;
let mainWindow: BrowserWindow | undefined;

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

function denyAll(ses: Session): void {
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionDecision(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => permissionDecision(permission));
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
  ses.setSpellCheckerEnabled(false);
}

function hardenSession(): void {
  // The window uses an in-memory session (APP_PARTITION); the default one is hardened too, though unused.
  denyAll(session.defaultSession);
  const ses = session.fromPartition(APP_PARTITION, { cache: false });
  denyAll(ses);
  // What the user asked to save (a backup, a bundle, an export, the office card) goes to the Downloads
  // folder under the name the core gave it, with no save dialog, so the screen can say where it went.
  // An older file of the same name is kept: the new one gets " (2)", " (3)"… before its extension.
  ses.on('will-download', (_event, item) => {
    const name = basename(item.getFilename());
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    let path = join(app.getPath('downloads'), name);
    for (let n = 2; existsSync(path); n++) path = join(app.getPath('downloads'), `${stem} (${n})${ext}`);
    item.setSavePath(path);
  });
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const path = resolveAppPath(request.url, rendererRoot, (...parts) => normalize(join(...parts)));
    if (!path || !path.startsWith(rendererRoot)) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(path);
      const type = MIME[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
      return new Response(body, {
        headers: { 'content-type': type, 'content-security-policy': CONTENT_SECURITY_POLICY },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => windowOpenDecision);
}

function createWindow(): void {
  mainWindow = new BrowserWindow(windowOptions(join(__dirname, 'preload.cjs')));
  // The page title would otherwise follow document.title; keep the generic one.
  mainWindow.on('page-title-updated', (event) => event.preventDefault());
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
  void mainWindow.loadURL(APP_ENTRY);
}

app.on('web-contents-created', (_event, contents) => hardenContents(contents));

void Promise.all([app.whenReady(), starting]).then(
  ([, core]) => {
    service = core;
    hardenSession();
    registerIpc(ipcMain, core, () => mainWindow?.webContents);
    Menu.setApplicationMenu(buildMenu(() => core.lock('manual')));
    powerMonitor.on('suspend', () => core.lock('suspend'));
    powerMonitor.on('lock-screen', () => core.lock('screen-lock'));
    startAutoLock({
      service: core,
      getIdleSeconds: () => powerMonitor.getSystemIdleTime(),
      getThresholdSeconds: () => core.prefs().idleLockMinutes * 60,
    });
    createWindow();
  },
  () => {
    process.stderr.write('amparo: the core could not start\n');
    app.exit(10);
  },
);

app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});

app.on('window-all-closed', () => {
  // The vault closes (and a running job rolls back) before the process goes.
  void (service?.close() ?? Promise.resolve()).finally(() => app.quit());
});
