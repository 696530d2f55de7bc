// Shared by start.mjs and run-built.mjs: run `electron-vite build` when the
// bundles in out/ are missing or older than any source, so `npm start`,
// `npm run serve` and `npm run sim` never run stale code.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const SOURCE_DIRS = ['electron', 'shared', 'renderer'];
const SOURCE_FILES = ['package.json', 'electron.vite.config.ts', 'tsconfig.json'];
const OUTPUTS = [
  'out/main/main.js', 'out/main/headless.js', 'out/main/sim.js', 'out/preload/preload.cjs', 'out/renderer/index.html',
];
// The launchers themselves are not bundled; editing them must not force a rebuild.
const NOT_BUILT = /\.mjs$/;

function newestIn(dir, newest = { time: 0, path: '' }) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return newest;
  }
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) newestIn(path, newest);
    else if (e.isFile() && !NOT_BUILT.test(e.name)) {
      const time = statSync(path).mtimeMs;
      if (time > newest.time) Object.assign(newest, { time, path });
    }
  }
  return newest;
}

/** Why a build is needed, or null when out/ is up to date. */
export function buildReason() {
  let oldestOutput = Infinity;
  for (const rel of OUTPUTS) {
    const path = join(root, rel);
    if (!existsSync(path)) return `${rel} is missing`;
    oldestOutput = Math.min(oldestOutput, statSync(path).mtimeMs);
  }
  const newest = { time: 0, path: '' };
  for (const d of SOURCE_DIRS) newestIn(join(root, d), newest);
  for (const f of SOURCE_FILES) {
    const path = join(root, f);
    if (existsSync(path) && statSync(path).mtimeMs > newest.time) Object.assign(newest, { time: statSync(path).mtimeMs, path });
  }
  return newest.time > oldestOutput ? `${newest.path.slice(root.length + 1)} changed` : null;
}

/** Builds when needed; exits the process if the build fails. */
export function buildIfNeeded() {
  const reason = buildReason();
  if (!reason) return;
  // Run electron-vite's JS entry with this Node rather than node_modules/.bin:
  // on Windows .bin holds .cmd shims, which cannot be spawned without a shell.
  const bin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  if (!existsSync(bin)) {
    if (OUTPUTS.every((rel) => existsSync(join(root, rel)))) {
      console.warn(`Build is out of date (${reason}) but electron-vite is not installed; using the existing build.`);
      return;
    }
    console.error('electron-vite is not installed: run `npm install` first.');
    process.exit(1);
  }
  console.log(`Building (${reason})...`);
  const result = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`Build failed${result.error ? `: ${result.error.message}` : ''}.`);
    process.exit(result.status || 1);
  }
}
