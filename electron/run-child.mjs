// Runs one child process in the foreground for the launchers: forwards
// termination signals to it and exits with its status, so Ctrl-C and
// service managers reach the real program (which shuts down gracefully).
import { spawn } from 'node:child_process';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Spawns `command args` (never through a shell) with inherited stdio.
 * `onSpawnError(err)` may return true to take over when the program cannot
 * start at all; `onEarlyExit(code)` likewise for an exit during the first seconds.
 */
export function runForeground(command, args, { cwd, env, onSpawnError, onEarlyExit } = {}) {
  const started = Date.now();
  const child = spawn(command, args, { cwd, env, stdio: 'inherit', windowsHide: false });
  let exited = false;
  const forward = (signal) => {
    if (!exited) child.kill(signal);
  };
  const handlers = SIGNALS.map((signal) => {
    const h = () => forward(signal);
    process.on(signal, h);
    return [signal, h];
  });
  // `npm run serve` runs us under `sh -c`; a SIGTERM to npm reaches that shell,
  // which dies without passing it on, and we would be orphaned with the server
  // still running (seen). So when our parent goes away, the child is stopped
  // as if the signal had come: checked once a second (no portable event for it).
  const parent = process.ppid;
  const orphanWatch = setInterval(() => {
    if (process.ppid !== parent) forward('SIGTERM');
  }, 1000);
  orphanWatch.unref();
  const detach = () => {
    clearInterval(orphanWatch);
    handlers.forEach(([signal, h]) => process.off(signal, h));
  };

  child.on('error', (err) => {
    exited = true;
    detach();
    if (onSpawnError?.(err)) return;
    console.error(`${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    exited = true;
    detach();
    if (code !== null && code !== 0 && Date.now() - started < 5000 && onEarlyExit?.(code)) return;
    if (signal) {
      // Die of the same signal so our parent sees what happened to the child.
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 1);
  });
  return child;
}
