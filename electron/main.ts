// Electron entry: app lifecycle, one hardened window, and the IPC transport.
// All behaviour lives in the core; this file only wires it to Electron
// (ARCHITECTURE.md: only the shell imports 'electron').
import { app, BrowserWindow, dialog, ipcMain, session, type IpcMainInvokeEvent } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_CHANNELS } from '../shared/api/contract';
import { registerHandlers } from '../shared/api/validate';
import { parseCliOptions } from './cli-options';
import { startupProblem } from './startup-problem';
import { findRendererDir } from './ui-server/renderer-dir';
import type { Core } from './ui-server/core-port';
import { defaultDataDir, startCore } from './core/core';

const here = dirname(fileURLToPath(import.meta.url));

// The renderer talks over IPC only, so it needs no network at all.
const RENDERER_CSP = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'", // MUI/emotion injects <style> at run time
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

let core: Core | undefined;
let mainWindow: BrowserWindow | undefined;

/** Only our own page (loaded from file://) may call the core; navigation elsewhere is blocked anyway. */
function trustedSender(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url;
  return typeof url === 'string' && url.startsWith('file://');
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    title: 'TR-069 Workbench',
    webPreferences: {
      preload: join(here, '..', 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
  void mainWindow.loadFile(join(findRendererDir(here), 'index.html'));
}

function harden(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (e) => e.preventDefault());
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [RENDERER_CSP],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
}

async function start(): Promise<void> {
  harden();
  let started: Core;
  try {
    // Unpackaged, argv is [electron, '.', ...args]; packaged, [app, ...args].
    const opts = parseCliOptions(process.argv.slice(app.isPackaged ? 1 : 2), { ignoreUnknown: true });
    started = await startCore({
      dataDir: opts.dataDir ?? defaultDataDir(), cwmpPort: opts.cwmpPort, cwmpHost: opts.cwmpHost, fileServerPort: opts.fileServerPort,
    });
  } catch (err) {
    dialog.showErrorBox('TR-069 Workbench could not start', startupProblem(err, {}));
    app.exit(1);
    return;
  }
  core = started;
  registerHandlers(started.handlers, (channel, fn) => {
    ipcMain.handle(channel, (event, args: unknown) => {
      if (!trustedSender(event)) throw new Error(`${channel}: refused (untrusted sender)`);
      return fn(args);
    });
  });
  for (const channel of EVENT_CHANNELS) {
    started.on(channel, (payload) => {
      for (const win of BrowserWindow.getAllWindows()) {
        if (!win.isDestroyed()) win.webContents.send(channel, payload);
      }
    });
  }
  createWindow();
}

// Two instances would fight over the CWMP port and the data folder.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  // Stop the core (close listeners, flush the store) before the process ends.
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped || !core) return;
    event.preventDefault();
    stopped = true;
    core.stop().finally(() => app.exit(0));
  });
  app.whenReady().then(start, (err: unknown) => {
    console.error(err);
    app.exit(1);
  });
}
