// `npm run serve` stopped the way a service manager stops it — SIGTERM to npm
// only — takes the server down with it (issue 14: the node child used to
// survive its parent, still listening). npm runs the script under `sh -c`,
// which dies of the signal without passing it on; the launcher notices that
// its parent is gone and stops the server.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const reachable = (url: string) => fetch(url).then(() => true, () => false);

it('SIGTERM to npm stops the headless server', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'wb-serve-'));
  const npm = spawn('npm', ['run', 'serve', '--', '--cwmp-host', '127.0.0.1', '--cwmp-port', '0', '--file-port', '0', '--ui-port', '0', '--data', dataDir], {
    cwd: resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  npm.stdout.on('data', (d) => { out += d; });
  npm.stderr.on('data', (d) => { out += d; });
  try {
    await expect.poll(() => out, { timeout: 170_000, interval: 100 }).toMatch(/UI: http:\/\/127\.0\.0\.1:\d+\/\?token=\w+/);
    const ui = /UI: (\S+)/.exec(out)![1]!;
    expect(await reachable(ui)).toBe(true);
    npm.kill('SIGTERM');
    await new Promise((r) => npm.once('exit', r));
    // The launcher checks its parent once a second, then the server shuts down cleanly.
    await expect.poll(() => reachable(ui), { timeout: 20_000, interval: 250 }).toBe(false);
    expect(out).toMatch(/SIGTERM: stopping/);
  } finally {
    if (npm.exitCode === null) npm.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  }
}, 200_000);
