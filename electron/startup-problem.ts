// What a user sees when the workbench cannot start because a port is taken
// or forbidden: one sentence naming the port, what it is for and the flag that
// fixes it, instead of Node's `listen EADDRINUSE: address already in use`.
// Used by the headless entry (printed) and the Electron shell (a dialog).
import { DEFAULT_FILE_SERVER_PORT } from './core/transfers/file-transfers';

interface ListenError { code?: string; port?: number; address?: string; message: string }

/** The sentence for a start-up failure; the error's own message when it is not about a port. */
export function startupProblem(err: unknown, opts: { fileServerPort?: number }, server?: 'ui'): string {
  const e = (err ?? {}) as ListenError;
  const message = err instanceof Error ? err.message : String(err);
  if (e.code !== 'EADDRINUSE' && e.code !== 'EACCES') return message;
  const port = e.port ?? 0;
  const at = `port ${port}${e.address ? ` on ${e.address}` : ''}`;
  // The core binds the file server, then the CWMP listener; the UI server is started (and named) by the caller.
  const which = server === 'ui'
    ? { what: 'the UI', flag: '--ui-port' }
    : port === (opts.fileServerPort ?? DEFAULT_FILE_SERVER_PORT)
      ? { what: 'the file server (firmware downloads)', flag: '--file-port' }
      : { what: 'the CWMP listener (where CPEs connect)', flag: '--cwmp-port' };
  if (e.code === 'EACCES') {
    return `Not allowed to listen on ${at} for ${which.what}: ports below 1024 need privileges. Start with ${which.flag} <a port from 1024 to 65535> (0 = any free port).`;
  }
  return `${at[0]!.toUpperCase()}${at.slice(1)} is already in use, so ${which.what} cannot start (another ACS or workbench running?). `
    + `Start with ${which.flag} <another port> (0 = any free port)${which.flag === '--cwmp-port' ? ', or change it in Settings' : ''}, or stop the other program.`;
}
