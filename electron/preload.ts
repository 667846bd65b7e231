import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, EVENT_NAMES, type AmparoBridge } from '../shared/ipc';

// The sandboxed preload exposes exactly window.amparo = { invoke, on }, limited to the contract's
// channels and events. The renderer never sees ipcRenderer itself.

const channels = new Set<string>(CHANNELS);
const eventNames = new Set<string>(EVENT_NAMES);

const bridge: AmparoBridge = {
  invoke(channel, input) {
    if (!channels.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown request.' } });
    }
    return ipcRenderer.invoke(`amparo:${channel}`, input);
  },
  on(event, listener) {
    if (!eventNames.has(event)) return () => undefined;
    const wrapped = (_event: unknown, payload: Parameters<typeof listener>[0]) => listener(payload);
    ipcRenderer.on(`amparo:event:${event}`, wrapped);
    return () => {
      ipcRenderer.removeListener(`amparo:event:${event}`, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('amparo', bridge);
