// The preload exposes the typed contract as window.api (Electron); in a plain
// browser src/api/window-api.ts builds the same object over the WebSocket.
import type { WorkbenchApi } from '../../shared/api/contract';

declare global {
  interface Window {
    api: WorkbenchApi;
    /** Electron only (preload): the path of a picked or dropped file, '' when it has none. */
    filePaths?: { of(file: File): string };
  }
}

export {};
