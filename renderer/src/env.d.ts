// The preload exposes the typed contract as window.api (Electron); in a plain
// browser src/api/window-api.ts builds the same object over the WebSocket.
import type { WorkbenchApi } from '../../shared/api/contract';

declare global {
  interface Window {
    api: WorkbenchApi;
  }
}

export {};
