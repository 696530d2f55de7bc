// Development and tests only: starts a TypeScript worker entry from the
// sources under plain Node 20, which cannot strip types itself. The built app
// never loads this file: electron-vite bundles the worker to
// out/main/check-worker.js and worker-launch.ts finds that first.
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { workerData } from 'node:worker_threads';

register('./dev-ts-hooks.mjs', import.meta.url);
await import(pathToFileURL(workerData.entry).href);
