// P7: 1,000 virtual CPEs (a separate process, the sim CLI) informing every
// 60 s, spread over the minute; the ACS's CPU over one minute of steady state,
// as a share of one core. Discovery is off so the steady state is measured.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { it } from 'vitest';
import { startCore } from '../../electron/core/core';
import { record, stat } from './record';

const COUNT = 1000;
const PERIOD = 60;

it('P7 fleet CPU', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'p7-'));
  const core = await startCore({ dataDir: dir, cwmpHost: '127.0.0.1', cwmpPort: 0, autoDiscover: false, checkMessages: process.env.P7_CHECK !== '0' });
  const acs = `http://127.0.0.1:${core.info().cwmpPort}/`;
  const sim = spawn(process.execPath, [resolve(__dirname, '../../out/main/sim.js'), '--acs', acs, '--count', String(COUNT),
    '--periodic', String(PERIOD), '--stagger', String((PERIOD * 1000) / COUNT), '--model', 'tr098', '--interval', '30'], { stdio: 'ignore' });
  try {
    // Ramp-up: every CPE has informed once.
    const deadline = Date.now() + 4 * PERIOD * 1000;
    while (core.store.list().length < COUNT && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1000));
    const informed = core.store.list().length;
    let sessions = 0;
    const off = core.on('session.ended', () => { sessions++; });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, PERIOD * 1000));
    const cpu = process.cpuUsage(cpu0);
    const wall = performance.now() - t0;
    off();
    const share = ((cpu.user + cpu.system) / 1000) / wall;
    record({
      id: 'P7', measure: `ACS CPU with ${informed} CPEs informing every ${PERIOD} s (${sessions} sessions in ${(wall / 1000).toFixed(0)} s)`,
      baseline: '—', unit: '% of one core', value: stat([share * 100]), goal: '≤ 50 % with 1,000 CPEs', met: informed >= COUNT && share <= 0.5,
    });
  } finally {
    sim.kill('SIGTERM');
    await core.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
