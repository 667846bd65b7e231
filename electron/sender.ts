import { isAppUrl } from './security';

// An IPC message is served only if it comes from our own window's main frame showing our own origin.
export interface SenderInfo {
  webContentsId: number;
  frameUrl: string | undefined;
  isMainFrame: boolean;
}

export function isTrustedSender(sender: SenderInfo, ourWebContentsId: number | undefined): boolean {
  return (
    ourWebContentsId !== undefined &&
    sender.webContentsId === ourWebContentsId &&
    sender.isMainFrame &&
    sender.frameUrl !== undefined &&
    isAppUrl(sender.frameUrl)
  );
}
