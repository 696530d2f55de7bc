// `npm start`: build if needed, then run the desktop app with Electron when a
// runtime and a display are available; otherwise fall back to headless mode
// (same core, UI in the browser) with one line saying why.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfNeeded, root } from './build-if-needed.mjs';
import { runForeground } from './run-child.mjs';

const args = process.argv.slice(2);
const electronDir = join(root, 'node_modules', 'electron');

function binaryPath() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const rel = readFileSync(pathFile, 'utf8').trim();
  // Same override node_modules/electron/index.js honours.
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist');
  const full = join(base, rel);
  return existsSync(full) ? full : null;
}

/** { path } of a runnable Electron binary, or { reason } why there is none. */
function findElectron() {
  const desktop = process.platform === 'win32' || process.platform === 'darwin';
  if (!desktop && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return { reason: 'no display' };
  if (!existsSync(join(electronDir, 'install.js'))) return { reason: 'the electron package is not installed' };
  let path = binaryPath();
  if (path) return { path };
  // Electron 42+ has no postinstall: fetch the binary once, on first start.
  console.log('Downloading the Electron runtime (first start only)...');
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: root, stdio: ['ignore', 'inherit', 'pipe'], timeout: 10 * 60_000,
  });
  path = binaryPath();
  if (path) return { path };
  const firstLine = String(result.stderr ?? '').split('\n').map((l) => l.trim()).find(Boolean);
  return { reason: `download failed: ${(firstLine ?? result.error?.message ?? `exit ${result.status}`).slice(0, 160)}` };
}

function headless(reason) {
  console.log(`Electron runtime not available (${reason}); starting headless mode instead.`);
  runForeground(process.execPath, [join(root, 'out', 'main', 'headless.js'), ...args], { cwd: root });
}

buildIfNeeded();
const electron = findElectron();
if (!electron.path) {
  headless(electron.reason);
} else {
  // With ELECTRON_RUN_AS_NODE set the binary would behave as plain Node.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  runForeground(electron.path, ['.', ...args], {
    cwd: root,
    env,
    onSpawnError: (err) => (headless(`could not start Electron: ${err.code ?? err.message}`), true),
    // 127: the loader could not find a shared library Electron needs.
    onEarlyExit: (code) => code === 127 && (headless('Electron is missing system libraries'), true),
  });
}
