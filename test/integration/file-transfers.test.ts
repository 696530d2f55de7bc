// Firmware staging and file transfers through the API (validated, as over
// IPC/WebSocket) against virtual CPEs: Download with every argument and its
// progress, TransferComplete with the fault in words, injected failures, the
// deadline that ends as 'unknown' with evidence, Upload into the receiver,
// ScheduleDownload, the CPE's queue, CancelTransfer, bulk pushes and
// AutonomousTransferComplete. Every ACS message is schema-checked at the end.
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
import type { RpcBodies } from '../../shared/cwmp/types';
import { FINAL_TRANSFER_STATES, type FirmwareFile, type TransferRecord } from '../../shared/model/transfers';
import type { Quirks } from '../../electron/sim/quirks';
import { VirtualCpe } from '../../electron/sim/virtual-cpe';
import { CR_CREDENTIALS, httpGet, post, startFastCpe, startHarness, waitFor, type Harness } from '../support/harness';
import { RPC_SAMPLES } from '../support/rpc-samples';

const FIRMWARE = Buffer.concat([Buffer.from('version=9.9.9\n'), randomBytes(256 * 1024)]);

const status = async (url: string, headers?: Record<string, string>) => (await httpGet(url, headers)).status;

describe('file transfers against virtual CPEs', () => {
  let h: Harness;
  let api: WorkbenchApi;
  let src: string;
  let fw: FirmwareFile;
  const cpes: VirtualCpe[] = [];
  const updates: TransferRecord[] = [];
  const progress: { transferId: string; bytesServed: number }[] = [];

  async function cpe(serial: string, opts: { model?: 'tr181' | 'tr098'; quirks?: Quirks } = {}): Promise<VirtualCpe> {
    const c = await startFastCpe(h, serial, { model: opts.model ?? 'tr181', softwareVersion: '5.4.1', quirks: opts.quirks });
    cpes.push(c);
    await waitFor(() => h.core.store.get(c.deviceKey), `${serial} known`);
    return c;
  }

  const settle = (id: string, ms = 20_000) => waitFor(() => {
    const t = h.core.transfers.service.get(id);
    return t && FINAL_TRANSFER_STATES.includes(t.state) ? t : null;
  }, `transfer ${id} to end`, ms);
  const stateOf = (id: string) => h.core.transfers.service.get(id)?.state;

  beforeAll(async () => {
    h = await startHarness({ connectionRequest: CR_CREDENTIALS, autoDiscover: false });
    api = createApi(inProcessTransport(h.core.handlers, (e, cb) => h.core.on(e, cb)));
    api.on('transfer.updated', (t) => updates.push(t));
    api.on('transfer.progressed', (p) => progress.push(p));
    src = await mkdtemp(join(tmpdir(), 'wb-src-'));
    await writeFile(join(src, 'fw-9.9.9.bin'), FIRMWARE);
  });
  afterAll(async () => {
    for (const c of cpes) await c.stop();
    await h?.checkSchema();
    await h?.close();
    await rm(src, { recursive: true, force: true });
  });

  it('library: add from a path, upload in chunks, edit metadata; files.updated is pushed', async () => {
    const events: FirmwareFile[][] = [];
    const off = api.on('files.updated', (l) => events.push(l));
    fw = await api.invoke('files.add', { path: join(src, 'fw-9.9.9.bin'), oui: '00D09E' });
    expect(fw).toMatchObject({ name: 'fw-9.9.9.bin', fileType: '1 Firmware Upgrade Image', size: FIRMWARE.length, version: '9.9.9', oui: '00D09E' });
    const cfg = Buffer.from('<cfg/>\n'.repeat(20));
    const first = await api.invoke('files.upload', { name: 'base.xml', offset: 0, bytes: cfg.subarray(0, 60).toString('base64') });
    const done = await api.invoke('files.upload', {
      uploadId: first.uploadId, name: 'base.xml', offset: 60, bytes: cfg.subarray(60).toString('base64'), done: true, version: 'lab-1',
    });
    expect(done.file).toMatchObject({ name: 'base.xml', size: cfg.length, fileType: '3 Vendor Configuration File', version: 'lab-1' });
    const edited = await api.invoke('files.update', { id: done.file!.id, productClass: 'HGW-5000', version: '' });
    expect(edited.productClass).toBe('HGW-5000');
    expect(edited.version).toBeUndefined();
    expect((await api.invoke('files.list', {})).map((f) => f.name).sort()).toEqual(['base.xml', 'fw-9.9.9.bin']);
    await expect(api.invoke('files.add', { path: 'relative/fw.bin' })).rejects.toThrow(/not an absolute path/);
    expect(await api.invoke('files.remove', { id: done.file!.id })).toEqual({ removed: true });
    off();
    expect(events.at(-1)?.map((f) => f.name)).toEqual(['fw-9.9.9.bin']);
  });

  it('Download with every argument: queued → sent → in progress → TransferComplete, reboot and the new SoftwareVersion', async () => {
    const c = await cpe('DL-OK');
    const id = c.deviceKey;
    const preview = await api.invoke('transfer.preview', { deviceId: id, fileId: fw.id });
    expect(preview).toEqual({ url: `http://127.0.0.1:${h.core.transfers.port()}/t/<token>/fw-9.9.9.bin`, host: '127.0.0.1', port: h.core.transfers.port(), warnings: [] });
    const t = await api.invoke('transfer.download', {
      deviceId: id, fileId: fw.id, credentials: true, delaySeconds: 1, successURL: 'http://portal.example/ok', failureURL: 'http://portal.example/ko',
    });
    expect(t).toMatchObject({ kind: 'Download', state: 'queued', passwordSet: true, softwareVersionBefore: '5.4.1', size: FIRMWARE.length });
    expect(t).not.toHaveProperty('password');
    expect(t.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${h.core.transfers.port()}/t/[0-9a-f]{32}/fw-9\\.9\\.9\\.bin$`));
    // The URL is protected: no or wrong credentials are refused.
    expect(await status(t.url)).toBe(401);
    const task = h.core.store.getTask(t.taskId!)!;
    const a = task.args as RpcBodies['Download'];
    expect(a).toEqual({
      CommandKey: t.commandKey, FileType: '1 Firmware Upgrade Image', URL: t.url, Username: t.username, Password: expect.stringMatching(/^[\w-]{22}$/),
      FileSize: FIRMWARE.length, TargetFileName: 'fw-9.9.9.bin', DelaySeconds: 1, SuccessURL: 'http://portal.example/ok', FailureURL: 'http://portal.example/ko',
    });
    expect(t.commandKey.length).toBeLessThanOrEqual(32);
    const done = await settle(t.id);
    expect(done).toMatchObject({
      state: 'succeeded', responseStatus: 1, bytesServed: FIRMWARE.length, fullyServed: true, softwareVersionBefore: '5.4.1', softwareVersionAfter: '9.9.9',
    });
    expect(Date.parse(done.completeTime!)).toBeGreaterThanOrEqual(Date.parse(done.startTime!));
    expect(done.evidence?.rebootedAt).toBeDefined();
    expect(done.summary).toMatch(/^Done\. TransferComplete: the CPE reports success.*SoftwareVersion 5\.4\.1 → 9\.9\.9\.$/);
    const states = updates.filter((u) => u.id === t.id).map((u) => u.state);
    expect([...new Set(states)]).toEqual(['queued', 'sent', 'in-progress', 'succeeded']);
    expect(progress.filter((p) => p.transferId === t.id).at(-1)?.bytesServed).toBe(FIRMWARE.length);
    expect(h.core.store.get(id)?.softwareVersion).toBe('9.9.9');
    // The old task still carries the TransferComplete (matched by the same CommandKey).
    expect((h.core.store.getTask(t.taskId!)?.result as { TransferComplete?: unknown }).TransferComplete).toMatchObject({ CommandKey: t.commandKey });
    // The URL was for this transfer only.
    expect(await status(t.url, { Authorization: `Basic ${Buffer.from(`${t.username}:${a.Password}`).toString('base64')}` })).toBe(404);
  });

  it('injected failures end with the fault in words', async () => {
    const unreachable = await cpe('DL-UNREACH', { quirks: { transferFault: 'unreachable' } });
    const corrupt = await cpe('DL-CORRUPT', { quirks: { transferFault: 'corrupt' } });
    const reject = await cpe('DL-REJECT', { quirks: { transferFault: 'rejectFileType' } });
    const sizey = await cpe('DL-SIZE');
    const [u, c, r, s] = await Promise.all([
      api.invoke('transfer.download', { deviceId: unreachable.deviceKey, fileId: fw.id }),
      api.invoke('transfer.download', { deviceId: corrupt.deviceKey, fileId: fw.id }),
      api.invoke('transfer.download', { deviceId: reject.deviceKey, fileId: fw.id }),
      // FileSize announced one byte too many: the CPE's size check catches it.
      api.invoke('transfer.download', { deviceId: sizey.deviceKey, fileId: fw.id, fileSize: FIRMWARE.length + 1 }),
    ]);
    const fu = await settle(u.id);
    expect(fu).toMatchObject({ state: 'failed', bytesServed: 0, fault: { code: 9015 } });
    expect(fu.fault!.explanation).toMatch(/^9015 Download failure: unable to contact file server: .*\(CPE says: cannot reach 127\.0\.0\.1:\d+: no route to host\)$/);
    expect(fu.summary).toBe(`Failed: ${fu.fault!.explanation}`);
    const fc = await settle(c.id);
    expect(fc).toMatchObject({ state: 'failed', fullyServed: true, fault: { code: 9018 } });
    expect(fc.fault!.explanation).toMatch(/file corrupted or unusable.*checksum mismatch/);
    const fr = await settle(r.id);
    expect(fr).toMatchObject({ state: 'failed', fault: { code: 9003 } });
    expect(fr.sentAt).toBeUndefined();
    expect(fr.fault!.explanation).toMatch(/^9003 Invalid arguments: .*does not accept FileType "1 Firmware Upgrade Image"/);
    const fs = await settle(s.id);
    expect(fs).toMatchObject({ state: 'failed', fault: { code: 9018 } });
    expect(fs.fault!.explanation).toContain(`the file has ${FIRMWARE.length} bytes, FileSize said ${FIRMWARE.length + 1}`);
  });

  it('no TransferComplete by the deadline: unknown, with the evidence', async () => {
    const c = await cpe('DL-SILENT', { quirks: { noTransferComplete: true } });
    const t = await api.invoke('transfer.download', { deviceId: c.deviceKey, fileId: fw.id, deadlineSeconds: 2 });
    const done = await settle(t.id);
    expect(done.state).toBe('unknown');
    expect(done.evidence).toMatchObject({ fullyServed: true, bytesServed: FIRMWARE.length, softwareVersionChanged: true, bootEvents: ['1 BOOT'] });
    expect(done.softwareVersionAfter).toBe('9.9.9');
    expect(done.summary).toMatch(/^Unknown: no TransferComplete by .*The file was served completely \(256 KiB\); the device rebooted \(1 BOOT at .*\); SoftwareVersion changed 5\.4\.1 → 9\.9\.9\. The upgrade most likely succeeded; the CPE did not report it\.$/);
  });

  it('Upload: a configuration backup lands in the receiver and reads back as text; a log with credentials; the size cap', async () => {
    const c = await cpe('UP-1');
    const up = await api.invoke('transfer.upload', { deviceId: c.deviceKey, fileType: '1 Vendor Configuration File' });
    expect(up.url).toMatch(/\/u\/[0-9a-f]{32}$/);
    const done = await settle(up.id);
    expect(done).toMatchObject({ state: 'succeeded', uploadId: expect.any(String) });
    const [rec] = await api.invoke('uploads.list', { deviceId: c.deviceKey });
    expect(rec).toMatchObject({ id: done.uploadId, transferId: up.id, fileType: '1 Vendor Configuration File', contentType: 'text/xml' });
    expect(rec!.size).toBeGreaterThan(256 * 1024);
    const read = await api.invoke('uploads.read', { id: rec!.id, maxBytes: 1024 * 1024 });
    expect(read.binary).toBe(false);
    expect(read.more).toBe(rec!.size > 1024 * 1024);
    expect(read.text).toContain('<DeviceConfig dataModel="Device:2.');
    expect(read.text).toContain('serialNumber="UP-1"');
    const b64 = await api.invoke('uploads.read', { id: rec!.id, encoding: 'base64', maxBytes: 10, offset: 5 });
    expect(Buffer.from(b64.base64!, 'base64').toString()).toBe(read.text!.slice(5, 15));
    expect(b64.more).toBe(true);
    const log = await settle((await api.invoke('transfer.upload', { deviceId: c.deviceKey, fileType: '2 Vendor Log File', credentials: true })).id);
    expect(log.state).toBe('succeeded');
    expect((await api.invoke('uploads.read', { id: log.uploadId! })).text).toContain('session start');
    const capped = await settle((await api.invoke('transfer.upload', { deviceId: c.deviceKey, fileType: '1 Vendor Configuration File', maxBytes: 100 })).id);
    expect(capped).toMatchObject({ state: 'failed', fault: { code: 9011 } });
    expect(capped.fault!.explanation).toMatch(/^9011 Upload failure: .*HTTP 413/);
    expect((await api.invoke('uploads.list', { deviceId: c.deviceKey })).length).toBe(2);
    expect(await api.invoke('uploads.remove', { id: log.uploadId! })).toEqual({ removed: true });
  });

  it('ScheduleDownload with a time window (CWMP 1.2); refused up front on CWMP 1.0', async () => {
    const c = await cpe('SD-1');
    const t = await api.invoke('transfer.download', { deviceId: c.deviceKey, fileId: fw.id, windows: [{ start: 1, end: 3600, userMessage: 'tonight' }] });
    expect(t.kind).toBe('ScheduleDownload');
    expect(h.core.store.getTask(t.taskId!)).toMatchObject({
      rpc: 'ScheduleDownload',
      args: { CommandKey: t.commandKey, TimeWindowList: [{ WindowStart: 1, WindowEnd: 3600, WindowMode: '1 At Any Time', UserMessage: 'tonight', MaxRetries: 0 }] },
    });
    expect(await settle(t.id)).toMatchObject({ state: 'succeeded', softwareVersionAfter: '9.9.9' });
    const old = await cpe('SD-98', { model: 'tr098' });
    await expect(api.invoke('transfer.download', { deviceId: old.deviceKey, fileId: fw.id, windows: [{ start: 1, end: 60 }] }))
      .rejects.toThrow(/ScheduleDownload needs CWMP 1\.2 or later; .* speaks cwmp-1-0/);
  });

  it('the CPE\'s queue (GetAllQueuedTransfers), then CancelTransfer; the file cannot be removed meanwhile', async () => {
    const c = await cpe('Q-1');
    const t = await api.invoke('transfer.download', { deviceId: c.deviceKey, fileId: fw.id, delaySeconds: 3600 });
    await waitFor(() => stateOf(t.id) === 'sent', 'the CPE to accept');
    const q = await api.invoke('transfer.queued', { deviceId: c.deviceKey, waitSeconds: 15 });
    expect(q).toMatchObject({ source: 'live', rpc: 'GetAllQueuedTransfers' });
    expect(q.transfers).toContainEqual({
      CommandKey: t.commandKey, State: 1, IsDownload: true, FileType: '1 Firmware Upgrade Image', FileSize: FIRMWARE.length,
      TargetFileName: 'fw-9.9.9.bin', stateText: 'not yet started', transferId: t.id,
    });
    await expect(api.invoke('files.remove', { id: fw.id })).rejects.toThrow(/used by 1 transfer/);
    const asked = await api.invoke('transfer.cancel', { id: t.id });
    expect(asked.cancelTaskId).toBeDefined();
    expect(await settle(t.id)).toMatchObject({ state: 'cancelled', error: 'the CPE dropped it (CancelTransfer)' });
    expect((await api.invoke('transfer.queued', { deviceId: c.deviceKey, waitSeconds: 15 })).transfers).toEqual([]);
  });

  it('CWMP 1.0: GetQueuedTransfers, and no CancelTransfer once the CPE has it', async () => {
    const c = await cpe('Q-98', { model: 'tr098' });
    const t = await api.invoke('transfer.download', { deviceId: c.deviceKey, fileId: fw.id, delaySeconds: 3600 });
    await waitFor(() => stateOf(t.id) === 'sent', 'the CPE to accept');
    const q = await api.invoke('transfer.queued', { deviceId: c.deviceKey, waitSeconds: 15 });
    expect(q).toMatchObject({ source: 'live', rpc: 'GetQueuedTransfers' });
    expect(q.transfers).toEqual([expect.objectContaining({ CommandKey: t.commandKey, State: 1, transferId: t.id, FileType: '1 Firmware Upgrade Image' })]);
    await expect(api.invoke('transfer.cancel', { id: t.id })).rejects.toThrow(/CancelTransfer needs CWMP 1\.2 or later .* speaks cwmp-1-0/);
  });

  it('a request not yet sent is simply withdrawn', async () => {
    const c = await cpe('OFFLINE-1');
    await c.stop();
    const t = await api.invoke('transfer.download', { deviceId: c.deviceKey, fileId: fw.id });
    expect(t.state).toBe('queued');
    const done = await api.invoke('transfer.cancel', { id: t.id });
    expect(done).toMatchObject({ state: 'cancelled', error: 'withdrawn before it was sent' });
    expect(h.core.store.getTask(t.taskId!)?.status).toBe('cancelled');
  });

  it('bulk push: every device gets the image, never more than `concurrency` at once', async () => {
    const fleet = await Promise.all(['B-1', 'B-2', 'B-3', 'B-4', 'B-5'].map((s) => cpe(s)));
    let active = 0;
    let peak = 0;
    const seen = new Map<string, string>();
    const off = api.on('transfer.updated', (u) => {
      if (!u.bulkId) return;
      const was = seen.get(u.id);
      seen.set(u.id, u.state);
      const isActive = (s?: string) => s === 'queued' || s === 'sent' || s === 'in-progress';
      active += Number(isActive(u.state)) - Number(isActive(was));
      peak = Math.max(peak, active);
    });
    const bulk = await api.invoke('transfer.bulkDownload', { deviceIds: fleet.map((c) => c.deviceKey), fileId: fw.id, concurrency: 2 });
    expect(bulk.transfers).toHaveLength(5);
    expect(bulk.transfers.filter((t) => t.state === 'waiting')).toHaveLength(3);
    const done = await Promise.all(bulk.transfers.map((t) => settle(t.id, 30_000)));
    off();
    expect(done.map((t) => t.state)).toEqual(Array(5).fill('succeeded'));
    expect(done.every((t) => t.softwareVersionAfter === '9.9.9' && t.bulkConcurrency === 2)).toBe(true);
    expect(peak).toBe(2);
    expect((await api.invoke('transfer.list', { bulkId: bulk.bulkId })).length).toBe(5);
    await expect(api.invoke('transfer.bulkDownload', { deviceIds: ['nope'], fileId: fw.id, concurrency: 1 })).rejects.toThrow(/unknown device\(s\): nope/);
  });

  it('DownloadResponse Status 0: done at once, no TransferComplete to wait for', async () => {
    // A hand-made CPE that fetches and applies the file within the RPC (A.3.2.8 Status 0).
    // (One that answers Status 0 without fetching it is disputed: download-evidence.test.ts.)
    const serial = 'RAW-STATUS0';
    const session = async (answer?: (req: ReturnType<typeof parseEnvelope>) => Promise<string>) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const inform = serializeEnvelope({
        version: '1-2', header: { ID: 'i1' },
        body: { name: 'Inform', args: { ...RPC_SAMPLES.Inform, DeviceId: { ...RPC_SAMPLES.Inform.DeviceId, SerialNumber: serial }, Event: [{ EventCode: '2 PERIODIC', CommandKey: '' }] } },
      });
      expect((await post(h.acsUrl, inform, {}, agent)).status).toBe(200);
      let r = await post(h.acsUrl, '', {}, agent);
      while (r.status === 200 && answer) r = await post(h.acsUrl, await answer(parseEnvelope(r.body)), {}, agent);
      agent.destroy();
      expect(r.status).toBe(204);
    };
    await session();
    const id = `00D09E-HGW-5000-${serial}`;
    const t = await api.invoke('transfer.download', { deviceId: id, fileId: fw.id });
    await session(async (req) => {
      expect(req.body?.name).toBe('Download');
      expect(await status((req.body as { args: RpcBodies['Download'] }).args.URL)).toBe(200);
      return serializeEnvelope({
        version: '1-2', header: { ID: req.header.ID },
        body: { name: 'DownloadResponse', args: { Status: 0, StartTime: '2026-01-01T10:00:00Z', CompleteTime: '2026-01-01T10:00:07Z' } },
      });
    });
    const done = await settle(t.id);
    expect(done).toMatchObject({ state: 'succeeded', responseStatus: 0, startTime: '2026-01-01T10:00:00Z', completeTime: '2026-01-01T10:00:07Z' });
    expect(done).toMatchObject({ bytesServed: FIRMWARE.length, fullyServed: true, claim: { via: 'Status 0', verdict: 'confirmed' } });
    expect(done.summary).toBe(`Done. The CPE completed the download at once, answering DownloadResponse Status 0 (7 s). The file server served all ${FIRMWARE.length.toLocaleString('en-US')} bytes. SoftwareVersion still 1.0.0.`);
  });

  it('AutonomousTransferComplete is recorded per device, matched to nothing', async () => {
    const c = await cpe('ATC-1');
    const base = {
      AnnounceURL: '', TransferURL: 'http://vendor.example/fw/5.5.0.bin', IsDownload: true, FileType: '1 Firmware Upgrade Image', FileSize: 1234,
      TargetFileName: '5.5.0.bin', StartTime: '2026-01-01T00:00:00Z', CompleteTime: '2026-01-01T00:01:00Z',
    };
    await c.autonomousTransfer({ ...base, FaultStruct: { FaultCode: 0, FaultString: '' } });
    await c.autonomousTransfer({ ...base, FaultStruct: { FaultCode: 9010, FaultString: 'flash write error' } });
    const list = await waitFor(async () => {
      const l = (await api.invoke('transfer.list', { deviceId: c.deviceKey })).filter((t) => t.kind === 'AutonomousTransferComplete');
      return l.length === 2 ? l : null;
    }, 'both reports');
    expect(list[1]).toMatchObject({ state: 'succeeded', commandKey: '', url: base.TransferURL, autonomous: { isDownload: true, fileSize: 1234 } });
    expect(list[1]!.summary).toMatch(/autonomous download of http:\/\/vendor\.example\/fw\/5\.5\.0\.bin \(60 s\)/);
    expect(list[0]).toMatchObject({ state: 'failed', fault: { code: 9010 } });
    expect(list[0]!.fault!.explanation).toMatch(/^9010 Download failure: .*flash write error/);
  });
});
