// `npm run bench`: each *.bench.ts measures one figure against a baseline run
// in the same process and records it; the teardown prints one table. These are
// measurements, not tests: they never fail on a number.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/bench/**/*.bench.ts'],
    testTimeout: 900_000,
    hookTimeout: 300_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    globalSetup: ['test/bench/report.ts'],
  },
});
