import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  isAllowedNavigation,
  isAllowedRequest,
  isAppUrl,
  permissionDecision,
  resolveAppPath,
  windowOpenDecision,
} from '../../electron/security';
import { isTrustedSender } from '../../electron/sender';
import {
  APP_ENTRY,
  APP_PARTITION,
  CONTENT_SECURITY_POLICY,
  windowOptions,
} from '../../electron/window-options';

// The Electron security settings, asserted without an Electron binary: the window's webPreferences, the
// CSP (in main and in the renderer's HTML), the permission/navigation/window-open decisions, the IPC
// sender check, and the fuses and asarUnpack of electron-builder.yml.

const ROOT = join(import.meta.dirname, '..', '..');

describe('BrowserWindow', () => {
  const options = windowOptions('/app/preload.cjs');
  it('isolates the renderer from Node', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      preload: '/app/preload.cjs',
    });
    expect(options.title).toBe('Amparo');
  });
  it('keeps the renderer session in memory, so the profile folder holds no page storage', () => {
    expect(options.webPreferences?.partition).toBe(APP_PARTITION);
    // Electron persists a partition only when its name starts with "persist:"; an empty one is the default.
    expect(APP_PARTITION).not.toMatch(/^persist:/);
    expect(APP_PARTITION.length).toBeGreaterThan(0);
  });
});

describe('content security policy', () => {
  it('allows only our own files and no connections', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });
  it('is the same policy in renderer/index.html', () => {
    const html = readFileSync(join(ROOT, 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('session decisions', () => {
  it('denies every permission', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'usb',
      'hid',
      'serial',
      'openExternal',
      'fullscreen',
    ]) {
      expect(permissionDecision(permission)).toBe(false);
    }
  });
  it('blocks navigation, window.open and remote requests', () => {
    expect(isAllowedNavigation(APP_ENTRY)).toBe(true);
    for (const url of [
      'https://example.org',
      'file:///etc/passwd',
      'app://evil/index.html',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
    expect(windowOpenDecision).toEqual({ action: 'deny' });
    expect(isAllowedRequest('app://amparo/assets/index.js')).toBe(true);
    for (const url of ['https://fonts.example/x.woff', 'http://127.0.0.1:8080', 'ws://localhost', 'ftp://x'])
      expect(isAllowedRequest(url)).toBe(false);
  });
  it('serves app:// files without path traversal', () => {
    const join = (...parts: string[]) => parts.join('/');
    expect(resolveAppPath('app://amparo/', '/r', join)).toBe('/r/index.html');
    expect(resolveAppPath('app://amparo/assets/a.js', '/r', join)).toBe('/r/assets/a.js');
    // Whatever the URL parser makes of dot segments, the result stays inside the root or is refused.
    for (const url of [
      'app://amparo/%2e%2e/%2e%2e/etc/passwd',
      'app://amparo/../../etc/passwd',
      'app://amparo/a/%2F..%2F..%2Fx',
    ]) {
      const path = resolveAppPath(url, '/r', join);
      expect(path === null || (path.startsWith('/r/') && !path.includes('..')), url).toBe(true);
    }
    expect(resolveAppPath('app://amparo/a/..%5c..%5csecret', '/r', join)).toBeNull();
    expect(resolveAppPath('app://other/index.html', '/r', join)).toBeNull();
    expect(isAppUrl('app://amparo.evil/x')).toBe(false);
  });
  it('serves IPC only to our own main frame', () => {
    const ours = { webContentsId: 7, frameUrl: 'app://amparo/index.html', isMainFrame: true };
    expect(isTrustedSender(ours, 7)).toBe(true);
    expect(isTrustedSender(ours, 8)).toBe(false);
    expect(isTrustedSender(ours, undefined)).toBe(false);
    expect(isTrustedSender({ ...ours, isMainFrame: false }, 7)).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: 'https://evil.example/' }, 7)).toBe(false);
  });
});

describe('electron-builder.yml', () => {
  const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8'));
  it('sets the fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
  it('unpacks native modules and targets every desktop', () => {
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target).toContain('nsis');
    expect(config.mac.target).toContain('dmg');
  });
});
