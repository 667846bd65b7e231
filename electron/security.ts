import { APP_ORIGIN } from './window-options';

// Pure security decisions, bound to Electron in main.ts. Keeping them free of Electron lets the unit
// tests prove them: every permission is denied, no navigation leaves the app, no window opens, and no
// request goes anywhere but our own app:// origin.

/** Amparo needs no camera, microphone, location, notifications, clipboard-read, USB or anything else. */
export function permissionDecision(_permission: string): false {
  return false;
}

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** In-app navigation happens in React; any real navigation away from our origin is refused. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** Requests allowed out of the renderer: our own files, our own blob: exports and DevTools internals only. */
export function isAllowedRequest(url: string): boolean {
  if (isAppUrl(url)) return true;
  // blob: URLs of our own origin carry user-requested exports (CSV) made in the renderer: local data only.
  return url.startsWith(`blob:${APP_ORIGIN}/`) || url.startsWith('devtools://');
}

/** window.open and target=_blank are always denied. */
export const windowOpenDecision = { action: 'deny' } as const;

/**
 * Maps an app:// request path to a file under the renderer folder, refusing traversal (`..`, encoded
 * slashes, absolute paths). Returns null when the request must be refused.
 */
export function resolveAppPath(
  url: string,
  root: string,
  join: (...parts: string[]) => string,
): string | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const parts = pathname.split('/').filter((part) => part.length > 0);
  if (parts.some((part) => part === '..' || part === '.' || part.includes('\\') || part.includes('\0')))
    return null;
  return join(root, ...parts);
}
