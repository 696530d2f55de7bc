// `npm start` on a machine without a display or Electron runtime: one clear
// line, then the same UI in headless mode.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

it('falls back to headless mode with a one-line reason and prints the UI URL', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'wb-start-'));
  const env = { ...process.env };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  const child = spawn(process.execPath, [resolve(__dirname, '../../electron/start.mjs'), '--cwmp-host', '127.0.0.1', '--cwmp-port', '0', '--ui-port', '0', '--data', dataDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  try {
    // It may rebuild first when sources are newer than out/ (that is its job), so allow for a build.
    await expect.poll(() => out, { timeout: 170_000, interval: 100 }).toMatch(/UI: http:\/\/127\.0\.0\.1:\d+\/\?token=\w+/);
    const lines = out.split('\n').filter(Boolean);
    const reason = lines.filter((l) => /headless/i.test(l) && /Electron/i.test(l));
    expect(reason).toHaveLength(1);
    expect(reason[0]).toMatch(/no display|not available|runtime/i);
    const ui = /UI: (\S+)/.exec(out)![1];
    const page = await fetch(ui);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<div id="root">/);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await rm(dataDir, { recursive: true, force: true });
  }
}, 180_000);
