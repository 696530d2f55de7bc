// A transfer in flight survives an ACS restart (issue 5, acceptance 4): its
// record and its URL come back from <dataDir>/transfers.json, and the
// TransferComplete that arrives afterwards still finds it by CommandKey.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINAL_TRANSFER_STATES, type FirmwareFile } from '../../shared/model/transfers';
import { VirtualCpe } from '../../electron/sim/virtual-cpe';
import { startHarness, waitFor, type Harness } from '../support/harness';

const FIRMWARE = Buffer.concat([Buffer.from('version=6.0.0\n'), randomBytes(512 * 1024)]);

describe('transfers across an ACS restart', () => {
  let h: Harness;
  let src: string;
  let fw: FirmwareFile;
  const cpes: VirtualCpe[] = [];

  async function cpe(serial: string, rebootDelayMs: number): Promise<VirtualCpe> {
    const c = new VirtualCpe({
      acsUrl: h.acsUrl, model: 'tr181', serialNumber: serial, softwareVersion: '5.0.0', rebootDelayMs, retryScale: 0.01,
      connectionRequest: { host: '127.0.0.1', username: 'acs', password: 'workbench' },
    });
    cpes.push(c);
    await c.start();
    await waitFor(() => h.core.store.get(c.deviceKey), `${serial} known`);
    return c;
  }
  const record = (id: string) => h.core.transfers.service.get(id);
  const settle = (id: string) => waitFor(() => {
    const t = record(id);
    return t && FINAL_TRANSFER_STATES.includes(t.state) ? t : null;
  }, 'the outcome', 30_000);

  beforeAll(async () => {
    h = await startHarness({ connectionRequest: { username: 'acs', password: 'workbench' }, autoDiscover: false });
    src = await mkdtemp(join(tmpdir(), 'wb-src-'));
    await writeFile(join(src, 'fw-6.0.0.bin'), FIRMWARE);
    fw = await h.core.handlers['files.add']({ path: join(src, 'fw-6.0.0.bin') });
  });
  afterAll(async () => {
    for (const c of cpes) await c.stop();
    await h?.checkSchema();
    await h?.close();
    await rm(src, { recursive: true, force: true });
  });

  it('accepted before the restart, fetched and reported after it', async () => {
    const c = await cpe('RS-1', 50);
    // DelaySeconds 2 on the real clock: the CPE fetches once the new core is up.
    const t = await h.core.handlers['transfer.download']({ deviceId: c.deviceKey, fileId: fw.id, delaySeconds: 2, credentials: true });
    await waitFor(() => record(t.id)?.state === 'sent', 'the CPE to accept');
    const port = h.core.transfers.port();
    await h.restart();
    expect(h.core.transfers.port()).toBe(port);
    expect(record(t.id)).toMatchObject({ state: 'sent', bytesServed: 0 });
    const done = await settle(t.id);
    expect(done).toMatchObject({
      state: 'succeeded', bytesServed: FIRMWARE.length, fullyServed: true, softwareVersionBefore: '5.0.0', softwareVersionAfter: '6.0.0',
    });
    await waitFor(async () => {
      const d = JSON.parse(await readFile(join(h.dataDir, 'transfers.json'), 'utf8')) as { transfers: { id: string; state: string }[] };
      return d.transfers.find((x) => x.id === t.id)?.state === 'succeeded';
    }, 'the outcome on disk');
  });

  it('fetched before the restart, TransferComplete after it (the CPE reboots meanwhile)', async () => {
    const c = await cpe('RS-2', 1500);
    const t = await h.core.handlers['transfer.download']({ deviceId: c.deviceKey, fileId: fw.id });
    const rebooting = c.waitFor('reboot', undefined, 20_000);
    await waitFor(() => record(t.id)?.fullyServed, 'the whole file served');
    await rebooting;
    await h.restart();
    expect(record(t.id)).toMatchObject({ state: 'in-progress', fullyServed: true, bytesServed: FIRMWARE.length });
    const done = await settle(t.id);
    expect(done).toMatchObject({ state: 'succeeded', softwareVersionAfter: '6.0.0' });
    expect(done.evidence?.rebootedAt).toBeDefined();
    expect(done.summary).toMatch(/SoftwareVersion 5\.0\.0 → 6\.0\.0/);
  });
});
