// Issue 10 item 8: the ACS never emits a schema-invalid message, whoever asks.
// A wrong value for every xsd type, a Type the device contradicts, the model's
// range and enumeration, a read-only parameter, the bulk path: each refused by
// task.enqueue with a clear error, nothing queued, nothing sent. A task queued
// before these checks (written straight to the store) fails at the last guard
// (SessionEngine.prepare) and the session goes on. Item 5: a CPE whose SOAP
// Faults carry <detail> inside <faultstring> still has its fault read.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualCpe } from '../../electron/sim/virtual-cpe';
import type { AcsRequestName, ParameterType, ParameterValueStruct, RpcBodies } from '../../shared/cwmp/types';
import type { TaskRecord } from '../../shared/model/records';
import { CR_CREDENTIALS, startDiscoveredCpe, startHarness, waitFor, type Harness } from '../support/harness';

let h: Harness;
let cpe: VirtualCpe;
let quirky: VirtualCpe;

beforeAll(async () => {
  h = await startHarness({ connectionRequest: CR_CREDENTIALS });
  cpe = await startDiscoveredCpe(h, { model: 'tr181', version: '1-2', serialNumber: 'STRICT-1' });
  // Same as startDiscoveredCpe, with the real-CPE fault quirk.
  quirky = new VirtualCpe({
    acsUrl: h.acsUrl, model: 'tr181', cwmpVersion: '1-2', serialNumber: 'STRICT-Q', quirks: { faultDetailInFaultstring: true },
    connectionRequest: { host: '127.0.0.1', ...CR_CREDENTIALS }, rebootDelayMs: 50, timeScale: 0.01,
  });
  await quirky.start();
  await waitFor(() => h.core.store.get(quirky.deviceKey)?.discovery.status === 'done', 'discovery of the quirky CPE');
});
afterAll(async () => {
  await cpe?.stop();
  await quirky?.stop();
  await h?.close();
});

const spv = (...ParameterList: ParameterValueStruct[]): RpcBodies['SetParameterValues'] => ({ ParameterList, ParameterKey: 'strict' });
const sentToDevices = () => h.logged.filter((m) => m.direction === 'acs->cpe' && m.rpc && m.rpc !== 'empty').length;

/** task.enqueue must throw `why`, and nothing may be queued or sent because of it. */
async function refused(deviceId: string, args: RpcBodies['SetParameterValues'], why: RegExp): Promise<string> {
  const sent = sentToDevices();
  const tasks = h.core.store.tasks({ deviceId }).length;
  let message = '';
  await h.core.handlers['task.enqueue']({ deviceId, rpc: 'SetParameterValues', args }).then(
    () => { throw new Error(`queued: ${JSON.stringify(args)}`); },
    (e: Error) => { message = e.message; },
  );
  expect(message).toMatch(why);
  await new Promise((r) => setTimeout(r, 50)); // a connection request would have gone out by now
  expect(h.core.store.tasks({ deviceId })).toHaveLength(tasks);
  expect(sentToDevices()).toBe(sent);
  return message;
}

async function run<K extends AcsRequestName>(deviceId: string, rpc: K, args: RpcBodies[K]): Promise<TaskRecord> {
  const task = await h.core.handlers['task.enqueue']({ deviceId, rpc, args });
  return waitFor(() => {
    const t = h.core.store.getTask(task.id);
    return t && (t.status === 'done' || t.status === 'failed') ? t : null;
  }, `${rpc} to finish`);
}

// One parameter of each type in the virtual CPE's TR-181 tree, with a value its type rules out.
const WRONG: [ParameterType, string, string, RegExp][] = [
  ['string', 'Device.WiFi.SSID.1.SSID', 'S'.repeat(33), /: "S{33}": too long: 33 characters, at most 32 allowed, which the TR-181 model \(Device:2\.19\) does not allow$/],
  ['boolean', 'Device.WiFi.SSID.1.Enable', 'maybe', /: "maybe" is not a boolean \(true, false, 1 or 0\)$/],
  ['unsignedInt', 'Device.ManagementServer.PeriodicInformInterval', 'sixty', /: "sixty" is not an unsignedInt \(a whole number 0\.\.4294967295\)$/],
  ['int', 'Device.Bridging.Bridge.1.Port.1.PVID', '1.5', /: "1\.5" is not an int \(a whole number -2147483648\.\.2147483647\)$/],
  ['unsignedLong', 'Device.IP.Diagnostics.UploadDiagnostics.TestFileLength', '-1', /: -1 is outside the unsignedLong range 0\.\.18446744073709551615$/],
  ['long', 'Device.QoS.Queue.1.ShapingRate', '9223372036854775808', /: 9223372036854775808 is outside the long range -9223372036854775808\.\.9223372036854775807$/],
  ['dateTime', 'Device.Firewall.Chain.1.Rule.1.ExpiryDate', 'tomorrow', /: "tomorrow" is not a dateTime \(such as 2026-01-31T12:00:00Z\)$/],
  ['base64', 'Device.UserInterface.ISPLogo', 'not base64!', /: "not base64!" is not base64/],
  ['hexBinary', 'Device.DHCPv4.Server.Pool.1.Option.1.Value', 'xyz', /: "xyz" is not hexBinary \(pairs of hex digits\)$/],
  // Every decimal of TR-181 is read-only: the type is checked first, so the answer is still about the value.
  ['decimal', 'Device.IP.Diagnostics.IPLayerCapacityMetrics.LossRatioAtMax', 'about 3', /: "about 3" is not a decimal \(a number such as 12\.5\)$/],
];

describe('strict emission: task.enqueue refuses before anything is queued or sent', () => {
  it.each(WRONG)('%s: a wrong value is refused, with the type from the device and given as xsd:<type>', async (type, name, value, why) => {
    expect((await h.core.store.getParameter(cpe.deviceKey, name))?.type).toBe(type);
    const msg = await refused(cpe.deviceKey, spv({ Name: name, Value: value }), why);
    expect(msg.startsWith(`SetParameterValues: ${name}: `)).toBe(true);
    const xsd = type === 'base64' ? 'xsd:base64Binary' : `xsd:${type}`;
    await refused(cpe.deviceKey, spv({ Name: name, Value: value, Type: xsd as ParameterType }), why);
  });

  it('a Type that is no xsd type, or that contradicts what the device reported', async () => {
    await refused(cpe.deviceKey, spv({ Name: 'Device.WiFi.SSID.1.SSID', Value: 'x', Type: 'xsd:foo' as ParameterType }),
      /Device\.WiFi\.SSID\.1\.SSID: xsd:foo is not an xsd type the CWMP schema allows/);
    await refused(cpe.deviceKey, spv({ Name: 'Device.ManagementServer.PeriodicInformInterval', Value: '60', Type: 'int' }),
      /PeriodicInformInterval: sent as xsd:int, but the device reported it as xsd:unsignedInt \(TR-069 A\.3\.2\.1/);
  });

  it('the TR-181 model: range and enumeration; a read-only parameter', async () => {
    await refused(cpe.deviceKey, spv({ Name: 'Device.IP.Diagnostics.IPPing.DataBlockSize', Value: '70000' }),
      /DataBlockSize: 70000 is outside the allowed range 1\.\.65535, which the TR-181 model \(Device:2\.19\) does not allow/);
    await refused(cpe.deviceKey, spv({ Name: 'Device.IP.Diagnostics.IPPing.DiagnosticsState', Value: 'Bogus' }),
      /DiagnosticsState: "Bogus" is not one of the allowed values: None, Requested/);
    await refused(cpe.deviceKey, spv({ Name: 'Device.DeviceInfo.SoftwareVersion', Value: '9.9' }),
      /^SetParameterValues: Device\.DeviceInfo\.SoftwareVersion: not writable \(the device reported it read-only\)$/);
    // One bad entry refuses the whole request (SetParameterValues is atomic, A.3.2.1).
    await refused(cpe.deviceKey, spv({ Name: 'Device.WiFi.SSID.1.SSID', Value: 'fine' }, { Name: 'Device.WiFi.SSID.1.Enable', Value: 'maybe' }), /Enable: "maybe"/);
  });

  it('the bulk "Set parameter…" path (task.enqueue per device, no Type) refuses on every device; a good value goes through', async () => {
    for (const d of [cpe, quirky]) await refused(d.deviceKey, spv({ Name: 'Device.WiFi.SSID.1.Enable', Value: 'maybe' }), /"maybe" is not a boolean/);
    for (const d of [cpe, quirky]) {
      const t = await run(d.deviceKey, 'SetParameterValues', spv({ Name: 'Device.WiFi.SSID.1.Enable', Value: 'FALSE', Type: 'xsd:boolean' as ParameterType }));
      expect(t.status).toBe('done');
      expect((t.args as RpcBodies['SetParameterValues']).ParameterList[0]!.Type).toBe('boolean');
      expect(d.state.get('Device.WiFi.SSID.1.Enable')).toBe('false');
    }
    const ok = await run(cpe.deviceKey, 'SetParameterValues', spv({ Name: 'Device.WiFi.SSID.1.SSID', Value: 'Strict-OK' }));
    expect(ok.status).toBe('done');
    expect(cpe.state.get('Device.WiFi.SSID.1.SSID')).toBe('Strict-OK');
    const sent = h.logged.filter((m) => m.direction === 'acs->cpe' && m.rpc === 'SetParameterValues').map((m) => m.body);
    expect(sent.some((b) => b.includes('<Value xsi:type="xsd:boolean">false</Value>'))).toBe(true);
    expect(sent.some((b) => /maybe|xsd:xsd:/.test(b))).toBe(false);
  });

  it('the last guard: a bad task already in the store fails at send time, nothing is sent, the session goes on', async () => {
    const id = cpe.deviceKey;
    const old: TaskRecord = {
      id: randomUUID(), deviceId: id, rpc: 'SetParameterValues', status: 'queued', origin: 'api', attempts: 0,
      created: new Date(Date.now() - 1000).toISOString(), args: spv({ Name: 'Device.WiFi.SSID.1.Enable', Value: 'maybe', Type: 'xsd:boolean' as ParameterType }),
    };
    await h.core.store.putTask(old);
    const after = await h.core.handlers['task.enqueue']({ deviceId: id, rpc: 'GetParameterValues', args: { ParameterNames: ['Device.WiFi.SSID.1.SSID'] } });
    const failed = await waitFor(() => (h.core.store.getTask(old.id)?.status === 'failed' ? h.core.store.getTask(old.id) : null), 'the stored task to fail');
    expect(failed.error).toBe('SetParameterValues not sent: Device.WiFi.SSID.1.Enable: "maybe" is not a boolean (true, false, 1 or 0)');
    await waitFor(() => h.core.store.getTask(after.id)?.status === 'done', 'the next task in the same session');
    expect(h.logged.some((m) => m.direction === 'acs->cpe' && m.body.includes('maybe'))).toBe(false);
  });
});

describe('a CPE whose SOAP Faults carry <detail> inside <faultstring> (issue 10 item 5)', () => {
  it('a SetParameterValues the CPE refuses shows fault 9003 with the parameter\'s 9007 and its words, not "fault 0"', async () => {
    // DiagnosticsState "None" is in the model's enumeration, so the ACS lets it
    // through; the CPE only takes Requested (TR-181 IPPing) and refuses it.
    const t = await run(quirky.deviceKey, 'SetParameterValues', spv({ Name: 'Device.IP.Diagnostics.IPPing.DiagnosticsState', Value: 'None' }));
    expect(t.status).toBe('failed');
    expect(t.fault).toMatchObject({ FaultCode: 9003, FaultString: 'Invalid arguments' });
    expect(t.fault?.SetParameterValuesFault).toEqual([
      { ParameterName: 'Device.IP.Diagnostics.IPPing.DiagnosticsState', FaultCode: 9007, FaultString: expect.stringMatching(/can only be set to Requested/) },
    ]);
    expect(t.error).toMatch(/9003/);
    expect(t.error).not.toMatch(/fault 0|unknown/i);
    const raw = h.logged.filter((m) => m.direction === 'cpe->acs' && m.deviceId === quirky.deviceKey && m.rpc === 'Fault').pop();
    expect(raw?.body).toMatch(/<faultstring>[^<]*<detail>[\s\S]*<\/detail><\/faultstring>/);
    expect(raw?.faultCode).toBe(9003);
  });

  it('every message the ACS sent is schema-valid', async () => {
    expect(await h.checkSchema()).toBeGreaterThan(0);
  });
});
