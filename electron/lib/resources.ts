// Locates the project's resources/ folder at run time, whether the code runs
// from sources (vitest, tsx), from the electron-vite bundle in out/main, or
// from a packaged app (resources next to the asar). Never reaches outside the
// project: the reference kit beside the repo is not a run-time dependency.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function resourcesDir(): string {
  if (cached) return cached;
  const fromEnv = process.env.TR069_RESOURCES;
  const candidates: string[] = [];
  if (fromEnv) candidates.push(resolve(fromEnv));
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    candidates.push(join(dir, 'resources'));
    dir = dirname(dir);
  }
  candidates.push(join(process.cwd(), 'resources'));
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) candidates.push(join(resourcesPath, 'resources'));
  for (const c of candidates) {
    if (existsSync(join(c, 'bbf', 'cwmp-1-2.xsd'))) return (cached = c);
  }
  throw new Error(`resources/ folder not found (looked in ${candidates.join(', ')})`);
}

export function bbfFile(name: string): string {
  return join(resourcesDir(), 'bbf', name);
}
