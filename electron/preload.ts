// Sandboxed preload (bundled to CommonJS): exposes window.api = createApi(ipc)
// and, for the firmware library, the path of a picked or dropped file
// (window.filePaths; Electron 32+ has no File.path). Only contract channels
// pass, and the Electron event object (it carries `sender`) never reaches the page.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNELS, INVOKE_CHANNELS, type Transport } from '../shared/api/contract';
import { createApi } from '../shared/api/create-api';

const invokeChannels = new Set<string>(INVOKE_CHANNELS);
const eventChannels = new Set<string>(EVENT_CHANNELS);

const ipcTransport: Transport = {
  async invoke(channel, args) {
    if (!invokeChannels.has(channel)) throw new Error(`unknown channel ${JSON.stringify(channel)}`);
    try {
      return await ipcRenderer.invoke(channel, args);
    } catch (err) {
      // Electron wraps handler errors as "Error invoking remote method 'x': Error: msg";
      // unwrap so the page sees the same message as over the WebSocket.
      const message = err instanceof Error ? err.message : String(err);
      throw new Error(message.replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, ''));
    }
  },
  on(channel, cb) {
    if (!eventChannels.has(channel)) throw new Error(`unknown event ${JSON.stringify(channel)}`);
    const listener = (_event: IpcRendererEvent, payload: unknown) => cb(payload);
    ipcRenderer.on(channel, listener);
    return () => {
      ipcRenderer.removeListener(channel, listener);
    };
  },
};

contextBridge.exposeInMainWorld('api', createApi(ipcTransport));
contextBridge.exposeInMainWorld('filePaths', {
  /** Absolute path of a File from a picker or a drop; '' when it has none (e.g. made in the page). */
  of(file: File): string {
    try {
      return webUtils.getPathForFile(file);
    } catch {
      return '';
    }
  },
});
