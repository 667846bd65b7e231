/// <reference types="vite/client" />
import type { AmparoBridge } from '../shared/ipc';

// The one capability the renderer has: window.amparo, defined by the preload (Electron) or the harness.
declare global {
  interface Window {
    amparo: AmparoBridge;
  }
}
