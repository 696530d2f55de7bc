// "Tell the truth" (issue 10, item 3): a success the workbench reports must
// agree with the evidence it holds. A CPE's word that a download is done —
// A.3.2.8 DownloadResponse Status 0, or A.3.3.2 TransferComplete without a
// fault — is held against the bytes the workbench's file server served for
// that transfer's token. Against virtual CPEs (one with the downloadNotFetched
// quirk, one well-behaved) and a hand-made CPE, on real sockets.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchApi } from '../../shared/api/contract';
import { createApi } from '../../shared/api/create-api';
import { inProcessTransport } from '../../shared/api/in-process';
import { parseEnvelope, serializeEnvelope } from '../../shared/cwmp';
import type { CwmpBody, EventStruct } from '../../shared/cwmp/types';
import { FINAL_TRANSFER_STATES, type FirmwareFile, type TransferRecord } from '../../shared/model/transfers';
import type { Quirks } from '../../electron/sim/quirks';
import { VirtualCpe } from '../../electron/sim/virtual-cpe';
import type { TaskEvidence } from '../../electron/core/transfers/transfer-claims';
import { CR_CREDENTIALS, httpGet, post, startFastCpe, startHarness, waitFor, type Harness } from '../support/harness';
import { RPC_SAMPLES } from '../support/rpc-samples';

const FIRMWARE = Buffer.concat([Buffer.from('version=9.9.9\n'), randomBytes(256 * 1024)]);
const SIZE = FIRMWARE.length.toLocaleString('en-US');

describe('a "done" the evidence does not back', () => {
  let h: Harness;
  let api: WorkbenchApi;
  let src: string;
  let fw: FirmwareFile;
  const cpes: VirtualCpe[] = [];
  const updates: TransferRecord[] = [];

  async function cpe(serial: string, quirks?: Quirks): Promise<VirtualCpe> {
    const c = await startFastCpe(h, serial, { softwareVersion: '5.4.1', quirks });
    cpes.push(c);
    await waitFor(() => h.core.store.get(c.deviceKey), `${serial} known`);
    return c;
  }

  const settle = (id: string) => waitFor(() => {
    const t = h.core.transfers.service.get(id);
    return t && FINAL_TRANSFER_STATES.includes(t.state) ? t : null;
  }, `transfer ${id} to end`);
  const evidenceOnTask = (t: TransferRecord) => (h.core.store.getTask(t.taskId!)?.result as { Evidence?: TaskEvidence } | undefined)?.Evidence;

  /** One session of a hand-made CPE: Inform with `events`, its own requests, then our requests answered by `answer`. */
  async function rawSession(serial: string, o: {
    events: EventStruct[]; send?: CwmpBody[]; answer?: (req: ReturnType<typeof parseEnvelope>) => Promise<CwmpBody>;
  }): Promise<void> {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const env = (id: string, body: CwmpBody) => serializeEnvelope({ version: '1-2', header: { ID: id }, body });
    const inform = { ...RPC_SAMPLES.Inform, DeviceId: { ...RPC_SAMPLES.Inform.DeviceId, SerialNumber: serial }, Event: o.events };
    expect((await post(h.acsUrl, env('i1', { name: 'Inform', args: inform }), {}, agent)).status).toBe(200);
    for (const [i, body] of (o.send ?? []).entries()) {
      const r = await post(h.acsUrl, env(`c${i}`, body), {}, agent);
      expect(parseEnvelope(r.body).body?.name).toBe(`${body.name}Response`);
    }
    let r = await post(h.acsUrl, '', {}, agent);
    while (r.status === 200 && o.answer) {
      const req = parseEnvelope(r.body);
      r = await post(h.acsUrl, env(req.header.ID ?? '', await o.answer(req)), {}, agent);
    }
    agent.destroy();
    expect(r.status).toBe(204);
  }

  beforeAll(async () => {
    h = await startHarness({ connectionRequest: CR_CREDENTIALS, autoDiscover: false });
    api = createApi(inProcessTransport(h.core.handlers, (e, cb) => h.core.on(e, cb)));
    api.on('transfer.updated', (t) => updates.push(t));
    src = await mkdtemp(join(tmpdir(), 'wb-evidence-'));
    await writeFile(join(src, 'fw-9.9.9.bin'), FIRMWARE);
    fw = await api.invoke('files.add', { path: join(src, 'fw-9.9.9.bin') });
  });
  afterAll(async () => {
    for (const c of cpes) await c.stop();
    await h?.close();
    await rm(src, { recursive: true, force: true });
  });

  let disputed: TransferRecord;

  it('Status 0 for a file never fetched (quirk downloadNotFetched): disputed, not done — on the transfer and on its task', async () => {
    const c = await cpe('EV-NOTFETCHED', { downloadNotFetched: true });
    const fetches: unknown[] = [];
    c.on('transfer', (e) => fetches.push(e));
    const t = await api.invoke('transfer.download', { deviceId: c.deviceKey, fileId: fw.id });
    const done = await settle(t.id);
    expect(done).toMatchObject({
      state: 'disputed', responseStatus: 0, bytesServed: 0, fullyServed: false,
      claim: { via: 'Status 0', verdict: 'disputed', bytesServed: 0 },
    });
    // The CPE gave real times (A.3.2.8: Status 0 carries them), and never fetched anything.
    expect(done.startTime).toMatch(/^20\d\d-/);
    expect(fetches).toEqual([]);
    expect(done.summary).toBe(
      `Disputed: the CPE says the download is done (DownloadResponse Status 0), but it never fetched the file: 0 of ${SIZE} bytes served. SoftwareVersion still 5.4.1.`,
    );
    // It was checked before it was judged, and never reported done.
    const seen = updates.filter((u) => u.id === t.id);
    expect(seen.map((u) => u.state)).not.toContain('succeeded');
    expect(seen.some((u) => u.summary.startsWith('Checking: the CPE says the download is done (DownloadResponse Status 0); the file server has served 0 of'))).toBe(true);
    // The task answered (done), but its result carries the verdict beside DownloadResponse.
    const task = h.core.store.getTask(t.taskId!)!;
    expect(task).toMatchObject({ status: 'done', result: { Status: 0 } });
    expect(evidenceOnTask(done)).toEqual({ verdict: 'disputed', transferId: t.id, bytesServed: 0, size: FIRMWARE.length, text: done.summary });
    disputed = done;
  });

  it('the fetch completes after all: a part first (still disputed), then the whole file: done, late, with a note', async () => {
    const t = disputed;
    // The URL stays valid after a dispute: the CPE may still come for the file.
    expect(await httpGet(t.url, { Range: 'bytes=0-999' })).toEqual({ status: 206, bytes: 1000 });
    const part = await waitFor(() => {
      const x = h.core.transfers.service.get(t.id);
      return x?.summary.includes('1,000 of') ? x : null;
    }, 'the part to be counted (when its response ends)');
    expect(part.state).toBe('disputed');
    expect(part.summary).toBe(
      `Disputed: the CPE says the download is done (DownloadResponse Status 0), but it did not fetch all of the file: 1,000 of ${SIZE} bytes served. SoftwareVersion still 5.4.1.`,
    );
    expect((await httpGet(t.url)).bytes).toBe(FIRMWARE.length);
    const late = await waitFor(() => {
      const x = h.core.transfers.service.get(t.id);
      return x?.state === 'succeeded' ? x : null;
    }, 'the late fetch to count');
    expect(late).toMatchObject({ fullyServed: true, claim: { via: 'Status 0', verdict: 'late', confirmedAt: expect.any(String) } });
    expect(late.summary).toMatch(new RegExp(
      `^Done, but late: the CPE reported the download done \\(DownloadResponse Status 0\\) before it had fetched the file; it fetched all ${SIZE} bytes afterwards \\(.+\\)\\. SoftwareVersion still 5\\.4\\.1\\.$`,
    ));
    expect(evidenceOnTask(late)).toMatchObject({ verdict: 'late', bytesServed: FIRMWARE.length + 1000, text: late.summary });
    // Done now: the URL was for this transfer only.
    expect((await httpGet(t.url)).status).toBe(404);
  });

  it('a well-behaved CPE: done, with the bytes served', async () => {
    const c = await cpe('EV-OK');
    const t = await api.invoke('transfer.download', { deviceId: c.deviceKey, fileId: fw.id });
    const done = await settle(t.id);
    expect(done).toMatchObject({
      state: 'succeeded', responseStatus: 1, bytesServed: FIRMWARE.length, fullyServed: true,
      claim: { via: 'TransferComplete', verdict: 'confirmed', bytesServed: FIRMWARE.length },
      softwareVersionBefore: '5.4.1', softwareVersionAfter: '9.9.9',
    });
    expect(done.summary).toMatch(new RegExp(
      `^Done\\. TransferComplete: the CPE reports success( \\(.+\\))?\\. The file server served all ${SIZE} bytes\\. SoftwareVersion 5\\.4\\.1 → 9\\.9\\.9\\.$`,
    ));
    expect(evidenceOnTask(done)).toMatchObject({ verdict: 'confirmed', bytesServed: FIRMWARE.length, text: done.summary });
    expect((h.core.store.getTask(t.taskId!)?.result as { TransferComplete?: unknown }).TransferComplete).toMatchObject({ CommandKey: t.commandKey });
  });

  it('TransferComplete without a fault for a file only partly fetched: disputed, in words', async () => {
    // A hand-made CPE: accepts (Status 1), reads the first 4 KiB (an image header), then reports success (A.3.3.2).
    const serial = 'EV-RAW-PARTIAL';
    await rawSession(serial, { events: [{ EventCode: '2 PERIODIC', CommandKey: '' }] });
    const t = await api.invoke('transfer.download', { deviceId: `00D09E-HGW-5000-${serial}`, fileId: fw.id });
    await rawSession(serial, {
      events: [{ EventCode: '6 CONNECTION REQUEST', CommandKey: '' }],
      answer: async (req) => {
        expect(req.body?.name).toBe('Download');
        return { name: 'DownloadResponse', args: { Status: 1, StartTime: '0001-01-01T00:00:00Z', CompleteTime: '0001-01-01T00:00:00Z' } };
      },
    });
    expect(await httpGet(t.url, { Range: 'bytes=0-4095' })).toEqual({ status: 206, bytes: 4096 });
    await waitFor(() => h.core.transfers.service.get(t.id)?.bytesServed === 4096, 'the part to be counted');
    const tc = { CommandKey: t.commandKey, FaultStruct: { FaultCode: 0, FaultString: '' }, StartTime: '2026-01-01T10:00:00Z', CompleteTime: '2026-01-01T10:00:05Z' };
    await rawSession(serial, {
      events: [{ EventCode: '7 TRANSFER COMPLETE', CommandKey: '' }, { EventCode: 'M Download', CommandKey: t.commandKey }],
      send: [{ name: 'TransferComplete', args: tc }],
    });
    const done = await settle(t.id);
    expect(done).toMatchObject({ state: 'disputed', claim: { via: 'TransferComplete', verdict: 'disputed', bytesServed: 4096 } });
    expect(done.summary).toBe(
      `Disputed: the CPE says the download succeeded (TransferComplete without a fault), but it did not fetch all of the file: 4,096 of ${SIZE} bytes served. SoftwareVersion still 1.0.0.`,
    );
    const result = h.core.store.getTask(t.taskId!)?.result as { TransferComplete?: unknown; Evidence?: TaskEvidence };
    expect(result.TransferComplete).toMatchObject({ CommandKey: t.commandKey });
    expect(result.Evidence).toMatchObject({ verdict: 'disputed', bytesServed: 4096, text: done.summary });
  });

  it('every ACS message was schema-valid', async () => {
    expect(await h.checkSchema()).toBeGreaterThan(0);
  });
});
