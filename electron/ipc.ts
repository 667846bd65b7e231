import type { IpcMain, WebContents } from 'electron';
import type { Result } from '../shared/errors';
import { CHANNELS, EVENT_NAMES } from '../shared/ipc';
import type { AmparoService } from './core/context';
import { dispatch } from './core/dispatch';
import { isTrustedSender } from './sender';

// Binds every channel of the contract to the service through the same dispatch() the harness and the CLI
// use: zod validation first, then the handler, and typed errors back. Foreign senders get FORBIDDEN.

export function registerIpc(
  ipcMain: IpcMain,
  service: AmparoService,
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
      return dispatch(service.handlers, channel, input);
    });
  }
  const unsubscribers = EVENT_NAMES.map((name) =>
    service.on(name, (payload) => {
      window()?.send(`amparo:event:${name}`, payload);
    }),
  );
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(`amparo:${channel}`);
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
