// Where the check worker's code is. Built app: electron-vite bundles
// check-worker.ts to out/main/check-worker.js (an entry of its own, see
// electron.vite.config.ts), next to main.js/headless.js, while this module may
// sit in out/main/chunks/. From sources (vitest, scripts): the .ts entry,
// started through the dev-only TypeScript loader beside it.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { bbfFile } from '../../lib/resources';
import type { WorkerConfig } from './check-types';

export function startCheckWorker(opts: Pick<WorkerOptions, 'resourceLimits'> = {}): Worker {
  const here = dirname(fileURLToPath(import.meta.url));
  // Leave a core to the CWMP sessions; never more than 3 xmllint calls at once.
  const parallel = Math.max(1, Math.min(3, availableParallelism() - 1));
  const config: WorkerConfig = { bbfDir: dirname(bbfFile('cwmp-1-0.xsd')), parallel };
  for (const built of [join(here, 'check-worker.js'), join(here, '..', 'check-worker.js')]) {
    if (existsSync(built)) return new Worker(built, { ...opts, workerData: config });
  }
  const source = join(here, 'check-worker.ts');
  if (existsSync(source)) {
    return new Worker(join(here, 'dev-worker-loader.mjs'), { ...opts, workerData: { ...config, entry: source } });
  }
  throw new Error(`check worker not found next to ${here} (expected check-worker.js from the build)`);
}
