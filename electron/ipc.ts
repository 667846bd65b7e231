import type { IpcMain, WebContents } from 'electron';
import type { Result } from '../shared/errors';
import { CHANNELS, EVENT_NAMES } from '../shared/ipc';
import type { CoreHost } from './core/host/host';
import { isTrustedSender } from './sender';

// Binds every channel of the contract to the core, which runs in a worker thread (core/host): the call
// goes to the same dispatch() the harness and the CLI use (zod validation first, then the handler, typed
// errors back), and the service's events come back to the window. Foreign senders get FORBIDDEN.

export function registerIpc(
  ipcMain: IpcMain,
  core: Pick<CoreHost, 'dispatch' | 'on'>,
  window: () => WebContents | undefined,
): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(`amparo:${channel}`, async (event, input: unknown): Promise<Result<unknown>> => {
      const trusted = isTrustedSender(
        {
          webContentsId: event.sender.id,
          frameUrl: event.senderFrame?.url,
          isMainFrame: event.senderFrame === event.sender.mainFrame,
        },
        window()?.id,
      );
      if (!trusted)
        return { ok: false, error: { code: 'FORBIDDEN', message: 'This request did not come from Amparo.' } };
      return core.dispatch(channel, input);
    });
  }
  const unsubscribers = EVENT_NAMES.map((name) =>
    core.on(name, (payload) => {
      window()?.send(`amparo:event:${name}`, payload);
    }),
  );
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(`amparo:${channel}`);
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
