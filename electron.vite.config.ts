import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Three bundles: the Node side (Electron main, the headless entry and the
// virtual-CPE CLI share one build so they run the same core), the sandboxed
// preload (must be CommonJS), and the React renderer.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          main: resolve('electron/main.ts'),
          headless: resolve('electron/headless.ts'),
          sim: resolve('electron/sim/cli.ts'),
          // The session log's checker runs in a worker thread: its own entry
          // (out/main/check-worker.js), found by electron/core/check/worker-launch.ts.
          'check-worker': resolve('electron/core/check/check-worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: resolve('electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
