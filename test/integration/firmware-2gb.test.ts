// Issue 5, acceptance 3: a 2 GiB image (sparse: no disk used) served to 10
// virtual CPEs at once, with the workbench's memory staying flat. The file
// server streams (fs.createReadStream + backpressure) and the virtual CPEs
// count and drop what they receive (only an image's head is kept), so RSS
// must not grow with the file size. A functional memory bound, not a timing
// assertion: the time is printed for the record.
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINAL_TRANSFER_STATES, type FirmwareFile } from '../../shared/model/transfers';
import { VirtualCpe } from '../../electron/sim/virtual-cpe';
import { startHarness, waitFor, type Harness } from '../support/harness';

const SIZE = 2 * 1024 ** 3;
const CPES = 10;
const MB = 1024 * 1024;

describe('a 2 GiB image to 10 CPEs at once', () => {
  let h: Harness;
  let src: string;
  let fw: FirmwareFile;
  const cpes: VirtualCpe[] = [];

  beforeAll(async () => {
    h = await startHarness({ connectionRequest: { username: 'acs', password: 'workbench' }, autoDiscover: false });
    src = await mkdtemp(join(tmpdir(), 'wb-2g-'));
    // The version is in the name: a CPE refuses an image that says none (9018), and this one has no header (it is sparse).
    const path = join(src, 'gw-sparse-2g-9.9.9.bin');
    const fh = await open(path, 'w');
    await fh.truncate(SIZE);
    await fh.close();
    const t0 = Date.now();
    fw = await h.core.handlers['files.add']({ path });
    console.log(`files.add of the 2 GiB sparse image (copy + SHA-256): ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    for (let i = 0; i < CPES; i++) {
      cpes.push(new VirtualCpe({
        acsUrl: h.acsUrl, model: 'tr181', serialNumber: `BIG-${i}`, softwareVersion: '1.0.0', rebootDelayMs: 50, timeScale: 0.01, retryScale: 0.01,
        connectionRequest: { host: '127.0.0.1', username: 'acs', password: 'workbench' }, httpTimeoutMs: 120_000,
      }));
    }
    await Promise.all(cpes.map((c) => c.start()));
    await waitFor(() => cpes.every((c) => h.core.store.get(c.deviceKey)), 'all CPEs known');
    // The message checker's worker (schemas, data models) is a fixed cost of the workbench, not of
    // transfers: let it warm up on the boot sessions before the baseline is taken.
    await h.core.checker.idle();
  }, 120_000);
  afterAll(async () => {
    for (const c of cpes) await c.stop();
    await h?.checkSchema();
    await h?.close();
    await rm(src, { recursive: true, force: true });
  });

  it('stays sparse in the library', async () => {
    expect(fw.size).toBe(SIZE);
    // SHA-256 of 2 GiB of zeros.
    expect(fw.sha256).toBe('a7c744c13cc101ed66c29f672f92455547889cc586ce6d44fe76ae824958ea51');
    const st = await stat(h.core.transfers.library.contentPath(fw.id)!);
    expect(st.size).toBe(SIZE);
    expect(st.blocks * 512).toBeLessThan(MB);
  });

  it('serves all 10 in parallel with flat memory', async () => {
    let peakActive = 0;
    const inProgress = new Set<string>();
    const off = h.core.on('transfer.updated', (t) => {
      if (t.state === 'in-progress') inProgress.add(t.id);
      else inProgress.delete(t.id);
      peakActive = Math.max(peakActive, inProgress.size);
    });
    const before = process.memoryUsage().rss;
    let peak = before;
    const trace: string[] = [];
    let n = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.rss);
      if (n++ % 20 === 0) trace.push(`${Math.round(m.rss / MB)}/${Math.round(m.heapUsed / MB)}/${Math.round(m.external / MB)}/${Math.round(m.arrayBuffers / MB)}`);
    }, 100);
    const t0 = Date.now();
    const bulk = await h.core.handlers['transfer.bulkDownload']({ deviceIds: cpes.map((c) => c.deviceKey), fileId: fw.id, concurrency: CPES });
    const done = await waitFor(() => {
      const all = bulk.transfers.map((t) => h.core.transfers.service.get(t.id)!);
      return all.every((t) => FINAL_TRANSFER_STATES.includes(t.state)) ? all : null;
    }, '10 transfers to end', 170_000, 200);
    const seconds = (Date.now() - t0) / 1000;
    clearInterval(sampler);
    off();
    const growth = (peak - before) / MB;
    console.log(`rss/heap/external/arrayBuffers MB every 2 s: ${trace.join(' ')}`);
    console.log(`2 GiB × ${CPES} CPEs: ${seconds.toFixed(1)} s (${((SIZE * CPES) / MB / seconds).toFixed(0)} MiB/s through loopback, server and CPEs in one process); `
      + `RSS ${Math.round(before / MB)} MB before, peak growth ${growth.toFixed(0)} MB; ${peakActive} in progress at once`);
    expect(done.map((t) => t.state)).toEqual(Array(CPES).fill('succeeded'));
    for (const t of done) expect(t).toMatchObject({ bytesServed: SIZE, fullyServed: true, softwareVersionAfter: '9.9.9' });
    expect(peakActive).toBe(CPES);
    expect(growth).toBeLessThan(200);
  }, 180_000);
});
