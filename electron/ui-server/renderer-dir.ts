// Locates the built renderer (out/renderer) at run time, whether the code
// runs from the bundle (out/main/*.js → ../renderer), from sources (vitest,
// tsx) or from a packaged app. Same approach as electron/lib/resources.ts.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The first candidate holding an index.html; otherwise the bundle-relative one (the server then shows how to build). */
export function findRendererDir(fromDir: string = dirname(fileURLToPath(import.meta.url))): string {
  const candidates: string[] = [];
  const fromEnv = process.env.TR069_RENDERER_DIR;
  if (fromEnv) candidates.push(resolve(fromEnv));
  candidates.push(resolve(fromDir, '..', 'renderer'));
  let dir = fromDir;
  for (let i = 0; i < 6; i++) {
    candidates.push(join(dir, 'out', 'renderer'));
    dir = dirname(dir);
  }
  candidates.push(join(process.cwd(), 'out', 'renderer'));
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) candidates.push(join(resourcesPath, 'app.asar', 'out', 'renderer'));
  return candidates.find((c) => existsSync(join(c, 'index.html'))) ?? candidates[fromEnv ? 1 : 0]!;
}
