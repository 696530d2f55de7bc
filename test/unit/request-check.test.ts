// request-check.ts: what the ACS refuses to emit, and what it must let through
// (vendor extensions, booleans it rewrites, whitespace XML Schema collapses).
import { describe, expect, it } from 'vitest';
import { checkRequest, parameterTypeOf, valueType, withCanonicalTypes, xsdProblem, type DeviceView, type StoredParam } from '../../electron/core/acs/request-check';
import { PARAMETER_TYPES } from '../../shared/cwmp/data-types';
import type { ParameterType, ParameterValueStruct } from '../../shared/cwmp/types';

function device(params: Record<string, StoredParam>, root = 'Device.', version: DeviceView['version'] = '1-2'): DeviceView {
  return { root, version, parameter: (n) => params[n] };
}

const TR181 = device({
  'Device.WiFi.SSID.1.Enable': { type: 'boolean', writable: true },
  'Device.WiFi.SSID.1.SSID': { type: 'string', writable: true },
  'Device.DeviceInfo.SoftwareVersion': { type: 'string', writable: false },
  'Device.ManagementServer.PeriodicInformInterval': { type: 'unsignedInt', writable: true },
  'Device.X_ACME_Debug': { type: 'string', writable: true },
});

const spv = (...list: ParameterValueStruct[]) => ({ ParameterList: list, ParameterKey: 'k' });
const set = (dev: DeviceView, Name: string, Value: string, Type?: string) =>
  checkRequest(dev, 'SetParameterValues', spv({ Name, Value, ...(Type ? { Type: Type as ParameterType } : {}) }));

describe('xsd lexical spaces (XML Schema Part 2, TR-106 §3.2)', () => {
  const WRONG: Record<ParameterType, string | null> = {
    string: null, boolean: 'maybe', unsignedInt: '-1', int: '2147483648', unsignedLong: '1.5', long: 'ten',
    dateTime: '2026-02-30T00:00:00Z', base64: 'QR==', hexBinary: 'abc', decimal: '1,5',
  };
  const RIGHT: Record<ParameterType, string> = {
    string: 'any text', boolean: 'TRUE', unsignedInt: ' 42 ', int: '-7', unsignedLong: '18446744073709551615', long: '-1',
    dateTime: '2024-02-29T23:59:59.5+02:00', base64: 'QQ== ', hexBinary: '0aFF', decimal: '-.5',
  };
  it.each(PARAMETER_TYPES.map((t) => [t]))('%s: a wrong value is refused, a right one passes', (t) => {
    expect(xsdProblem(t, RIGHT[t])).toBeNull();
    if (WRONG[t] !== null) expect(xsdProblem(t, WRONG[t]!)).toMatch(new RegExp(t === 'base64' ? 'base64' : t));
  });
  it('a string may not carry characters XML 1.0 cannot (escapeXml would drop them silently)', () => {
    expect(xsdProblem('string', 'a\u0001b')).toMatch(/U\+0001, a character XML 1\.0 cannot carry/);
  });
  it('Type names: prefixed, bare, base64Binary; anything else is no type', () => {
    expect(parameterTypeOf('xsd:boolean')).toBe('boolean');
    expect(parameterTypeOf('xs:unsignedInt')).toBe('unsignedInt');
    expect(parameterTypeOf('xsd:base64Binary')).toBe('base64');
    expect(parameterTypeOf('hexBinary')).toBe('hexBinary');
    expect(parameterTypeOf('xsd:foo')).toBeUndefined();
    expect(parameterTypeOf('xsd:int;')).toBeUndefined();
  });
});

describe('checkRequest: SetParameterValues', () => {
  it('the issue-10 case: xsd:boolean "maybe" (stored, explicit and prefixed Type alike)', async () => {
    const msg = 'Device.WiFi.SSID.1.Enable: "maybe" is not a boolean (true, false, 1 or 0)';
    expect(await set(TR181, 'Device.WiFi.SSID.1.Enable', 'maybe')).toBe(msg);
    expect(await set(TR181, 'Device.WiFi.SSID.1.Enable', 'maybe', 'boolean')).toBe(msg);
    expect(await set(TR181, 'Device.WiFi.SSID.1.Enable', 'maybe', 'xsd:boolean')).toBe(msg);
    expect(await set(TR181, 'Device.WiFi.SSID.1.Enable', 'True', 'xsd:boolean')).toBeNull();
  });

  it('an unknown Type is refused by name', async () => {
    expect(await set(TR181, 'Device.WiFi.SSID.1.SSID', 'x', 'xsd:foo'))
      .toMatch(/^Device\.WiFi\.SSID\.1\.SSID: xsd:foo is not an xsd type the CWMP schema allows \(xsd:string, xsd:boolean, /);
  });

  it('explicit Type against the type the device reported (A.3.2.1, fault 9006)', async () => {
    expect(await set(TR181, 'Device.ManagementServer.PeriodicInformInterval', '60', 'int'))
      .toMatch(/sent as xsd:int, but the device reported it as xsd:unsignedInt/);
    expect(await set(TR181, 'Device.ManagementServer.PeriodicInformInterval', '60', 'xsd:unsignedInt')).toBeNull();
  });

  it('the model: range, enumeration, length; its type when the device reported none', async () => {
    const blank = device({});
    expect(await set(blank, 'Device.IP.Diagnostics.IPPing.DataBlockSize', '70000'))
      .toBe('Device.IP.Diagnostics.IPPing.DataBlockSize: 70000 is outside the allowed range 1..65535, which the TR-181 model (Device:2.19) does not allow');
    expect(await set(blank, 'Device.IP.Diagnostics.IPPing.DiagnosticsState', 'Bogus')).toMatch(/"Bogus" is not one of the allowed values: None, Requested/);
    expect(await set(TR181, 'Device.WiFi.SSID.1.SSID', 'x'.repeat(33))).toMatch(/: "x{33}": too long: 33 characters, at most 32 allowed, which the TR-181 model/);
    expect(await set(blank, 'Device.IP.Diagnostics.IPPing.DataBlockSize', 'big')).toMatch(/"big" is not an unsignedInt \(a whole number 0\.\.4294967295\)/);
    expect(await valueType(blank, 'Device.IP.Diagnostics.IPPing.DataBlockSize', undefined)).toBe('unsignedInt');
    expect(await valueType(blank, 'Device.IP.Diagnostics.IPPing.DataBlockSize', 'xsd:string')).toBe('string');
  });

  it('writability: the device\'s report first, else the model', async () => {
    expect(await set(TR181, 'Device.DeviceInfo.SoftwareVersion', '1.0')).toBe('Device.DeviceInfo.SoftwareVersion: not writable (the device reported it read-only)');
    expect(await set(device({}), 'Device.DeviceInfo.SoftwareVersion', '1.0')).toMatch(/not writable \(the TR-181 model \(Device:2\.19\) defines it read-only\)/);
    // A device may make writable what the model leaves read-only: its report wins.
    expect(await set(device({ 'Device.DeviceInfo.SoftwareVersion': { type: 'string', writable: true } }), 'Device.DeviceInfo.SoftwareVersion', '1.0')).toBeNull();
  });

  it('vendor extensions and parameters the model does not know are only type-checked', async () => {
    expect(await set(TR181, 'Device.X_ACME_Debug', 'x'.repeat(5000))).toBeNull();
    expect(await set(device({}), 'Device.X_ACME_Port', '70000', 'unsignedInt')).toBeNull();
    expect(await set(device({}), 'Device.X_ACME_Port', '-1', 'unsignedInt')).toBe('Device.X_ACME_Port: -1 is outside the unsignedInt range 0..4294967295');
  });

  it('TR-098 names against TR-098; names outside the device root skip the model', async () => {
    const igd = device({}, 'InternetGatewayDevice.', '1-0');
    expect(await set(igd, 'InternetGatewayDevice.IPPingDiagnostics.DataBlockSize', '0')).toMatch(/outside the allowed range 1\.\.65535, which the TR-098 model/);
    expect(await set(igd, 'Device.IP.Diagnostics.IPPing.DataBlockSize', '70000')).toBeNull();
  });

  it('withCanonicalTypes writes the type the serializer expects', () => {
    const out = withCanonicalTypes('SetParameterValues', spv({ Name: 'Device.A', Value: '1', Type: 'xsd:boolean' as ParameterType }));
    expect(out.ParameterList[0]!.Type).toBe('boolean');
  });

  it('leaves shapes it cannot read to normalizeRpcArgs', async () => {
    expect(await checkRequest(TR181, 'SetParameterValues', null)).toBeNull();
    expect(await checkRequest(TR181, 'SetParameterValues', { ParameterList: 'x' })).toBeNull();
    expect(await checkRequest(TR181, 'SetParameterValues', { ParameterList: [{ Name: 'Device.A', Value: 5 }] })).toBeNull();
  });
});

describe('checkRequest: the other typed fields', () => {
  const attrs = (Notification: number, AccessList: string[] = []) => ({
    ParameterList: [{ Name: 'Device.WiFi.SSID.1.SSID', NotificationChange: true, Notification, AccessListChange: true, AccessList }],
  });
  it('SetParameterAttributes: Notification by namespace, AccessList only "Subscriber"', async () => {
    expect(await checkRequest(TR181, 'SetParameterAttributes', attrs(6))).toBeNull();
    expect(await checkRequest(device({}, 'Device.', '1-0'), 'SetParameterAttributes', attrs(3))).toMatch(/Notification 3 is not one of 0\.\.2 \(cwmp-1-0/);
    expect(await checkRequest(TR181, 'SetParameterAttributes', attrs(7))).toMatch(/Notification 7 is not one of 0\.\.6/);
    expect(await checkRequest(TR181, 'SetParameterAttributes', attrs(1, ['Subscriber']))).toBeNull();
    expect(await checkRequest(TR181, 'SetParameterAttributes', attrs(1, ['Admin']))).toMatch(/AccessList entry "Admin" is not allowed/);
  });

  it('FileType by namespace; ScheduleDownload time windows; ChangeDUState operations', async () => {
    const dl = (FileType: string) => ({ CommandKey: '', FileType, URL: 'http://x/', Username: '', Password: '', FileSize: 0, TargetFileName: '', DelaySeconds: 0, SuccessURL: '', FailureURL: '' });
    expect(await checkRequest(TR181, 'Download', dl('4 Tone File'))).toBeNull();
    expect(await checkRequest(device({}, 'Device.', '1-0'), 'Download', dl('4 Tone File'))).toMatch(/does not exist in cwmp-1-0/);
    expect(await checkRequest(TR181, 'Download', dl('1 Firmware  Upgrade'))).toMatch(/is not like "1 Firmware Upgrade Image"/);
    const sd = (TimeWindowList: unknown[]) => ({ ...dl('1 Firmware Upgrade Image'), TimeWindowList });
    const win = (WindowMode: string) => ({ WindowStart: 0, WindowEnd: 60, WindowMode, UserMessage: '', MaxRetries: -1 });
    expect(await checkRequest(TR181, 'ScheduleDownload', sd([win('1 At Any Time')]))).toBeNull();
    expect(await checkRequest(TR181, 'ScheduleDownload', sd([]))).toMatch(/holds 0 time windows/);
    expect(await checkRequest(TR181, 'ScheduleDownload', sd([win('soon')]))).toMatch(/WindowMode "soon" is not a window mode/);
    expect(await checkRequest(TR181, 'ChangeDUState', { Operations: [], CommandKey: '' })).toMatch(/Operations is empty/);
    expect(await checkRequest(TR181, 'ChangeDUState', { Operations: [{ Op: 'Uninstall', UUID: 'nope', Version: '', ExecutionEnvRef: '' }] }))
      .toMatch(/UUID "nope" is not a UUID/);
    expect(await checkRequest(TR181, 'ChangeDUState', { Operations: [{ Op: 'Install', URL: '', UUID: '', Username: '', Password: '', ExecutionEnvRef: '' }] }))
      .toMatch(/Install needs a URL/);
  });
});
