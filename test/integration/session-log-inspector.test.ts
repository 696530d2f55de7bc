// The session log as a protocol inspector, end to end through the real core
// and the validating API transport, with virtual CPEs (and hand-made CPE
// messages) as peers: schema verdicts from the worker (cross-checked against
// the xmllint referee), data-model warnings, faults in words, and export /
// import bundles that never leak a secret unless that was confirmed.
import { readFile } from 'node:fs/promises';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { UNREDACTED_CONFIRMATION, type EventMap, type LogImportResult, type WorkbenchApi } from '../../shared/api/contract';
import { createApi } from '../../shared/api/create-api';
import { inProcessTransport } from '../../shared/api/in-process';
import { parseEnvelope, serializeEnvelope } from '../../shared/cwmp';
import type { RpcBodies } from '../../shared/cwmp/types';
import type { LoggedMessage, TaskRecord } from '../../shared/model/records';
import type { CoreOptions } from '../../electron/core/core';
import { safeFileName } from '../../electron/core/store/paths';
import { VirtualCpe, type VirtualCpeOptions } from '../../electron/sim/virtual-cpe';
import { post, startHarness, waitFor, type Harness } from '../support/harness';
import { RPC_SAMPLES } from '../support/rpc-samples';
import { validateMessages } from '../support/schema';

interface Setup { h: Harness; api: WorkbenchApi; checked: EventMap['session.messageChecked'][]; cpes: VirtualCpe[] }
const open: Setup[] = [];

afterEach(async () => {
  for (const s of open.splice(0)) {
    for (const c of s.cpes) await c.stop();
    await s.h.checkSchema();
    await s.h.close();
  }
});

async function setup(opts: Partial<CoreOptions> = {}): Promise<Setup> {
  const h = await startHarness({ connectionRequest: { username: 'acs', password: 'workbench' }, ...opts });
  const api = createApi(inProcessTransport(h.core.handlers, (e, cb) => h.core.on(e, cb)));
  const checked: EventMap['session.messageChecked'][] = [];
  api.on('session.messageChecked', (c) => checked.push(c));
  const s = { h, api, checked, cpes: [] };
  open.push(s);
  return s;
}

async function cpe(s: Setup, serial: string, extra: Partial<VirtualCpeOptions> = {}): Promise<VirtualCpe> {
  const c = new VirtualCpe({
    acsUrl: s.h.acsUrl, model: 'tr181', serialNumber: serial, rebootDelayMs: 50, timeScale: 0.01, retryScale: 0.01,
    connectionRequest: { host: '127.0.0.1', username: 'acs', password: 'workbench' }, ...extra,
  });
  s.cpes.push(c);
  await c.start();
  await waitFor(() => s.h.core.store.get(c.deviceKey)?.discovery.status === 'done', `${serial} discovered`);
  return c;
}

async function run<K extends 'SetParameterValues'>(s: Setup, deviceId: string, rpc: K, args: RpcBodies[K]): Promise<TaskRecord> {
  const task = await s.api.invoke('task.enqueue', { deviceId, rpc, args });
  return waitFor(() => {
    const t = s.h.core.store.getTask(task.id);
    return t && (t.status === 'done' || t.status === 'failed') ? t : null;
  }, `${rpc} to finish`);
}

/** A device's messages as captured, from its session files. */
async function rawMessages(s: Setup, deviceId: string): Promise<LoggedMessage[]> {
  await s.h.core.log.flush();
  const sessions = [...new Set((await s.h.core.log.query({ deviceId, limit: 100_000 })).map((m) => m.sessionId))];
  return (await Promise.all(sessions.map((sid) => s.h.core.log.readSession(deviceId, sid, { unredacted: true })))).flat();
}

const isSoap = (m: LoggedMessage) => m.body.trim() !== '' && (m.direction === 'cpe->acs' ? m.method === 'POST' : m.status === 200);
const referee = (xml: string) => validateMessages([xml]).then((r) => r[0]!);
const refLines = (errors: string) => [...errors.matchAll(/\.xml:(\d+):/g)].map((m) => Number(m[1]));

describe('schema verdicts', () => {
  it.each([['tr181', '1-2'], ['tr098', '1-0']] as const)('a %s virtual CPE on cwmp-%s: every SOAP message valid (the referee agrees), the rest n/a', async (model, version) => {
    const s = await setup();
    const c = await cpe(s, `V-${model}`, { model, cwmpVersion: version });
    await s.h.core.checker.idle();
    const list = await s.api.invoke('log.list', { deviceId: c.deviceKey, limit: 100_000 });
    const soap = list.filter(isSoap);
    expect(soap.length).toBeGreaterThan(10);
    expect(soap.filter((m) => m.direction === 'acs->cpe').length).toBeGreaterThan(5);
    for (const m of soap) expect(m.schema, `#${m.seq} ${m.rpc}`).toMatchObject({ verdict: 'valid', schema: version === '1-0' ? 'cwmp-1-0.xsd' : 'cwmp-1-4.xsd' });
    for (const m of list.filter((x) => !isSoap(x))) expect(m.schema?.verdict).toBe('n/a');
    // One messageChecked event per SOAP message, with the device known.
    expect(new Set(s.checked.filter((e) => e.deviceId === c.deviceKey).map((e) => e.seq))).toEqual(new Set(soap.map((m) => m.seq)));
    // The referee gets the messages as captured (the list's copies are redacted and cut at 256 KiB).
    const raw = await rawMessages(s, c.deviceKey);
    const ref = await validateMessages(raw.filter(isSoap).map((m) => m.body));
    expect(ref.length).toBe(soap.length);
    expect(ref.filter((r) => !r.ok).map((r) => r.errors)).toEqual([]);
  });

  it('a CPE whose Inform breaks the schema: invalid with the failing line and message, like the referee; invalidOnly finds it', async () => {
    const s = await setup();
    const c = await cpe(s, 'BROKEN-1', { quirks: { invalidMessage: true } });
    await s.h.core.checker.idle();
    const [inform] = await s.api.invoke('log.list', { deviceId: c.deviceKey, rpc: 'Inform', limit: 1 });
    expect(inform!.schema!.verdict).toBe('invalid');
    const errors = inform!.schema!.errors!;
    expect(errors[0]!.message).toMatch(/EventCode.*pattern/);
    const lines = inform!.body.split('\n');
    expect(lines[errors[0]!.line! - 1]).toMatch(/<EventCode>1_BOOT<\/EventCode>|<EventCode>\d_\w+<\/EventCode>/);
    const ref = await referee((await rawMessages(s, c.deviceKey)).find((m) => m.seq === inform!.seq)!.body);
    expect(ref.ok).toBe(false);
    expect(errors.map((e) => e.line)).toEqual(refLines(ref.errors));
    const invalid = await s.api.invoke('log.list', { deviceId: c.deviceKey, invalidOnly: true });
    expect(invalid.map((m) => m.rpc)).toContain('Inform');
    expect(invalid.every((m) => m.schema?.verdict === 'invalid')).toBe(true);
  });
});

describe('data-model check', () => {
  it('an unknown vendor parameter is a vendor-extension (info), on the message and in model.warnings', async () => {
    const s = await setup();
    const c = await cpe(s, 'VENDOR-1', { quirks: { vendorParameter: true } });
    await s.h.core.checker.idle();
    const [inform] = await s.api.invoke('log.list', { deviceId: c.deviceKey, rpc: 'Inform', limit: 1 });
    expect(inform!.modelWarnings).toContainEqual({
      path: 'Device.X_ACME_Debug', kind: 'vendor-extension', severity: 'info', message: 'vendor extension (X_ACME_): not part of Device:2.19',
    });
    const byDevice = await s.api.invoke('model.warnings', { deviceId: c.deviceKey });
    expect(byDevice.find((w) => w.path === 'Device.X_ACME_Debug')?.kind).toBe('vendor-extension');
    // The virtual CPE's tree is the official model's: nothing it reports is unknown.
    expect(byDevice.filter((w) => w.kind === 'unknown-parameter')).toEqual([]);
    await expect(s.api.invoke('model.warnings', { deviceId: 'nope' })).rejects.toThrow(/no device "nope"/);
  });

  it('a hand-made CPE: unknown parameter, bad value, wrong xsi:type, writable flags that contradict the model', async () => {
    const s = await setup();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const serial = 'HANDMADE-1';
    const inform = serializeEnvelope({
      version: '1-2', header: { ID: 'inf-1' },
      body: { name: 'Inform', args: { ...RPC_SAMPLES.Inform, DeviceId: { ...RPC_SAMPLES.Inform.DeviceId, SerialNumber: serial }, ParameterList: [
        { Name: 'Device.RootDataModelVersion', Value: '2.19', Type: 'string' },
        { Name: 'Device.Frobnicator.Level', Value: '3', Type: 'string' },
        { Name: 'Device.ManagementServer.PeriodicInformInterval', Value: '0', Type: 'unsignedInt' },
        { Name: 'Device.DeviceInfo.UpTime', Value: '42', Type: 'string' },
      ] } },
    });
    expect((await post(s.h.acsUrl, inform, {}, agent)).status).toBe(200);
    const req = await post(s.h.acsUrl, '', {}, agent);
    const gpn = parseEnvelope(req.body);
    expect(gpn.body?.name).toBe('GetParameterNames');
    const answer = serializeEnvelope({
      version: '1-2', header: { ID: gpn.header.ID },
      body: { name: 'GetParameterNamesResponse', args: { ParameterList: [
        { Name: 'Device.', Writable: false }, { Name: 'Device.DeviceInfo.', Writable: false },
        { Name: 'Device.DeviceInfo.SoftwareVersion', Writable: true }, { Name: 'Device.WiFi.SSID.', Writable: true },
        { Name: 'Device.WiFi.SSID.1.', Writable: true }, { Name: 'Device.WiFi.SSID.1.SSID', Writable: false },
        { Name: 'Device.DeviceInfo.UpTime', Writable: false },
      ] } },
    });
    await post(s.h.acsUrl, answer, {}, agent);
    agent.destroy();
    await s.h.core.checker.idle();
    const id = `${RPC_SAMPLES.Inform.DeviceId.OUI}-${RPC_SAMPLES.Inform.DeviceId.ProductClass}-${serial}`;
    const [inf] = await s.api.invoke('log.list', { deviceId: id, rpc: 'Inform' });
    const w = (path: string) => inf!.modelWarnings?.find((x) => x.path === path);
    expect(w('Device.Frobnicator.Level')).toEqual({ path: 'Device.Frobnicator.Level', kind: 'unknown-parameter', severity: 'warning', message: 'not in Device:2.19' });
    expect(w('Device.ManagementServer.PeriodicInformInterval')).toMatchObject({ kind: 'bad-value', message: expect.stringMatching(/0 is outside the allowed range 1\.\./) });
    expect(w('Device.DeviceInfo.UpTime')).toMatchObject({ kind: 'bad-value', message: expect.stringMatching(/sent as xsd:string, declared unsignedInt/) });
    expect(w('Device.RootDataModelVersion')).toBeUndefined();
    const [gpnr] = await s.api.invoke('log.list', { deviceId: id, rpc: 'GetParameterNamesResponse' });
    expect(gpnr!.modelWarnings?.map((x) => [x.path, x.kind, x.severity])).toEqual([
      ['Device.DeviceInfo.SoftwareVersion', 'writable-mismatch', 'info'],
      ['Device.WiFi.SSID.1.SSID', 'writable-mismatch', 'info'],
    ]);
    expect(gpnr!.modelWarnings![0]!.message).toBe('the CPE says Writable=true; Device:2.19 declares it readOnly');
    // The per-device view has the latest of each path.
    const all = await s.api.invoke('model.warnings', { deviceId: id });
    expect(all.map((x) => x.path)).toEqual([
      'Device.DeviceInfo.SoftwareVersion', 'Device.DeviceInfo.UpTime', 'Device.Frobnicator.Level',
      'Device.ManagementServer.PeriodicInformInterval', 'Device.WiFi.SSID.1.SSID',
    ]);
  });
});

describe('faults in words', () => {
  it('a CPE fault is explained, each SetParameterValuesFault too; a value the model rules out is never sent', async () => {
    const s = await setup();
    const c = await cpe(s, 'FAULTS-1');
    // DiagnosticsState=None fits the model, so the ACS sends it; the CPE takes only Requested.
    const diag = 'Device.IP.Diagnostics.IPPing.DiagnosticsState';
    const t = await run(s, c.deviceKey, 'SetParameterValues', { ParameterList: [{ Name: diag, Value: 'None', Type: 'string' }], ParameterKey: 'k1' });
    expect(t.status).toBe('failed');
    await s.h.core.checker.idle();
    const [fault] = await s.api.invoke('log.list', { deviceId: c.deviceKey, faultsOnly: true });
    expect(fault).toMatchObject({ direction: 'cpe->acs', rpc: 'Fault', faultCode: 9003 });
    expect(fault!.faultText).toMatch(/^9003 Invalid arguments: /);
    expect(fault!.parameterFaults).toEqual([
      { parameter: diag, code: 9007, text: expect.stringMatching(/^9007 Invalid parameter value.*can only be set to Requested/) },
    ]);
    // A read-only parameter or an out-of-range value is refused when queued (request-check.ts): it never reaches the log.
    await expect(s.api.invoke('task.enqueue', { deviceId: c.deviceKey, rpc: 'SetParameterValues', args: { ParameterList: [
      { Name: 'Device.ManagementServer.PeriodicInformInterval', Value: '0', Type: 'unsignedInt' },
    ], ParameterKey: 'k2' } })).rejects.toThrow(/PeriodicInformInterval: 0 is outside the allowed range 1\.\./);
    await expect(s.api.invoke('task.enqueue', { deviceId: c.deviceKey, rpc: 'SetParameterValues', args: { ParameterList: [
      { Name: 'Device.DeviceInfo.SoftwareVersion', Value: '9.9', Type: 'string' },
    ], ParameterKey: 'k3' } })).rejects.toThrow(/SoftwareVersion: not writable \(the device reported it read-only\)/);
    const sent = await s.api.invoke('log.list', { deviceId: c.deviceKey, rpc: 'SetParameterValues' });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.modelWarnings ?? []).toEqual([]);
    expect((await s.api.invoke('model.warnings', { deviceId: c.deviceKey })).map((w) => w.path)).not.toContain('Device.ManagementServer.PeriodicInformInterval');
  });
});

describe('export and import bundles', () => {
  const CR_PASSWORD = 'CR-Seekrit-9931';
  const WIFI_KEY = 'WifiPass-7782';

  it('round trip is identical; secrets appear only in a confirmed unredacted export', async () => {
    const s = await setup({ auth: { scheme: 'digest', username: 'cpe', password: 'acs-side-s3cret' } });
    const c = await cpe(s, 'SECRETS-1', { username: 'cpe', password: 'acs-side-s3cret' });
    const id = c.deviceKey;
    const t = await run(s, id, 'SetParameterValues', {
      ParameterList: [
        { Name: 'Device.ManagementServer.ConnectionRequestPassword', Value: CR_PASSWORD, Type: 'string' },
        { Name: 'Device.WiFi.AccessPoint.1.Security.KeyPassphrase', Value: WIFI_KEY, Type: 'string' },
      ], ParameterKey: 'secrets',
    });
    expect(t.status).toBe('done');
    await s.h.core.checker.idle();
    await s.h.core.log.flush();

    // On disk, owner-only, the messages are as captured: the digest response is there.
    const dir = join(s.h.dataDir, 'logs', safeFileName(id));
    const files = await s.h.core.log.query({ deviceId: id, limit: 100_000 }).then((l) => [...new Set(l.map((m) => m.sessionId))]);
    const raw = (await Promise.all(files.map((sid) => readFile(join(dir, `${safeFileName(sid)}.jsonl`), 'utf8').catch(() => '')))).join('');
    const digest = /response=\\"([0-9a-f]{32})\\"/.exec(raw)?.[1];
    expect(digest, 'a digest response on disk').toBeDefined();
    expect(raw).toContain(CR_PASSWORD);
    const secrets = [CR_PASSWORD, WIFI_KEY, digest!];
    const leaks = (what: string, text: string) => expect(secrets.filter((x) => text.includes(x)), what).toEqual([]);

    const list = await s.api.invoke('log.list', { deviceId: id, limit: 100_000 });
    leaks('log.list', JSON.stringify(list));
    leaks('live events', JSON.stringify(s.h.logged) + JSON.stringify(s.checked));
    expect(await s.api.invoke('log.list', { deviceId: id, text: CR_PASSWORD })).toEqual([]);
    expect(list.find((m) => m.headers.authorization)?.headers.authorization).toMatch(/response="\*\*\*"/);

    const plain = await s.api.invoke('log.export', { deviceId: id });
    expect(plain).toMatchObject({ redacted: true, messages: list.length });
    expect(plain.fileName).toMatch(/^tr069-log-.*SECRETS-1-\d{8}T\d{6}Z\.cwmplog\.json\.gz$/);
    const doc = JSON.parse(gunzipSync(Buffer.from(plain.bytes, 'base64')).toString('utf8'));
    leaks('default export', JSON.stringify(doc));
    expect(doc).toMatchObject({ format: 'tr069-workbench-log-bundle', version: 1, redacted: true });
    expect(doc.index[0]).toMatchObject({ '#': list[0]!.seq, session: list[0]!.sessionId, device: id, direction: 'cpe->acs' });
    // The accepted Inform (the first one listed is the Inform its Digest challenge answered, first of its session).
    const indexedInforms = doc.index.filter((e: { rpc?: string }) => e.rpc === 'Inform');
    expect(indexedInforms.at(-1)).toMatchObject({ verdict: 'valid', size: expect.any(Number), deltaMs: expect.any(Number) });

    await expect(s.api.invoke('log.export', { deviceId: id, unredacted: true })).rejects.toThrow(/confirmUnredacted must be exactly/);
    await expect(s.api.invoke('log.export', { deviceId: id, unredacted: true, confirmUnredacted: 'yes' })).rejects.toThrow(/confirmUnredacted/);
    const full = await s.api.invoke('log.export', { deviceId: id, unredacted: true, confirmUnredacted: UNREDACTED_CONFIRMATION });
    expect(full.redacted).toBe(false);
    expect(full.fileName).toMatch(/-UNREDACTED\.cwmplog\.json\.gz$/);
    const fullText = gunzipSync(Buffer.from(full.bytes, 'base64')).toString('utf8');
    for (const x of secrets) expect(fullText).toContain(x);

    // Import the default bundle: browsed like live traffic, identical list and details.
    const imp = await s.api.invoke('log.import', { fileName: plain.fileName, bytes: plain.bytes });
    expect(imp).toEqual({ importId: expect.stringMatching(/^import-/), messages: list.length });
    const back = await s.api.invoke('log.list', { source: imp.importId, limit: 100_000 });
    const strip = (m: LoggedMessage) => { const { source: _s, ...rest } = m; return rest; };
    expect(back.every((m) => m.source === imp.importId)).toBe(true);
    // The live list cuts bodies over 256 KiB in memory (and says so); log.get has them whole.
    const cut = list.filter((m) => m.note?.includes('body cut'));
    expect(cut.length).toBeGreaterThan(0); // the discovery's GetParameterNamesResponse
    const whole = await Promise.all(list.map((m) => s.api.invoke('log.get', { sessionId: m.sessionId, seq: m.seq })));
    expect(whole.every((m) => !m!.note?.includes('body cut'))).toBe(true);
    expect(back.map(strip)).toEqual(whole);
    expect(back.map(strip).filter((m) => !cut.some((x) => x.seq === m.seq))).toEqual(list.filter((m) => !cut.includes(m)));
    const oneBack = await s.api.invoke('log.get', { sessionId: cut[0]!.sessionId, seq: cut[0]!.seq, source: imp.importId });
    expect(oneBack!.body).toBe(whole.find((m) => m!.seq === cut[0]!.seq)!.body);
    // Filters work on it too; and a re-export of the import is redacted only.
    const informs = await s.api.invoke('log.list', { source: imp.importId, rpc: 'Inform' });
    expect(informs.map((m) => m.seq)).toEqual(list.filter((m) => m.rpc === 'Inform').map((m) => m.seq));
    await expect(s.api.invoke('log.export', { source: imp.importId, unredacted: true, confirmUnredacted: UNREDACTED_CONFIRMATION })).rejects.toThrow(/kept redacted/);
    expect((await s.api.invoke('log.imports', {}))[0]).toMatchObject({ importId: imp.importId, messages: list.length, devices: [id] });

    // An unredacted bundle, imported, is still shown redacted.
    const impFull = await s.api.invoke('log.import', { fileName: full.fileName, bytes: full.bytes });
    leaks('view of an unredacted import', JSON.stringify(await s.api.invoke('log.list', { source: impFull.importId, limit: 100_000 })));

    // A session alone, and a filtered selection.
    const sessionId = list.find((m) => m.rpc === 'SetParameterValues')!.sessionId;
    const one = await s.api.invoke('log.export', { sessionId, filter: { rpc: 'SetParameterValues' } });
    expect(one.messages).toBe(1);
  });

  it('a big bundle imports in parts', async () => {
    const s = await setup();
    const c = await cpe(s, 'PARTS-1');
    await s.h.core.checker.idle();
    const exp = await s.api.invoke('log.export', { deviceId: c.deviceKey });
    const size = 4 * Math.ceil(exp.bytes.length / 4 / 3);
    const parts = [exp.bytes.slice(0, size), exp.bytes.slice(size, 2 * size), exp.bytes.slice(2 * size)];
    let last: LogImportResult | undefined;
    for (const [index, bytes] of parts.entries()) {
      last = await s.api.invoke('log.import', { fileName: 'b.json.gz', bytes, part: { uploadId: 'u-1', index, count: 3 } });
      if (index < 2) expect(last).toEqual({ importId: '', messages: 0, partsReceived: index + 1 });
    }
    expect(last!.messages).toBe(exp.messages);
    await expect(s.api.invoke('log.import', { fileName: 'b', bytes: parts[1]!, part: { uploadId: 'u-2', index: 1, count: 3 } })).rejects.toThrow(/unknown or expired/);
  });
});
