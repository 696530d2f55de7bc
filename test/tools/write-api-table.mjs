// `npm run api-table`: regenerates README.md's API table and shared/api/channels.ts
// from the API schemas, by running their up-to-date test in write mode.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const vitest = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));
const r = spawnSync(process.execPath, [vitest, 'run', 'test/unit/api-table.test.ts'], {
  cwd: root, stdio: 'inherit', env: { ...process.env, API_TABLE_WRITE: '1' },
});
process.exit(r.status ?? 1);
