// The device list's logic: online state, relative times, sorting, search,
// fault text and the bulk "set a parameter" checks.
import { describe, expect, it } from 'vitest';
import type { DeviceSummary } from '../../shared/model/records';
import {
  devicePresence, discoveryText, faultLong, faultShort, filterRows, parameterPathProblem,
  plural, relativeTime, sortRows, splitByRoot, toRow, type DeviceRow,
} from '../../renderer/src/features/devices/device-rows';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000;

function dev(serial: string, extra: Partial<DeviceSummary> = {}, id: Partial<DeviceSummary['deviceId']> = {}): DeviceSummary {
  const deviceId = { Manufacturer: 'ACME', OUI: '00D09E', ProductClass: 'HGW', SerialNumber: serial, ...id };
  return {
    id: `${deviceId.OUI}-${deviceId.ProductClass}-${serial}`, deviceId, cwmpVersion: 'urn:dslforum-org:cwmp-1-2', root: 'Device.',
    firstSeen: ago(60 * MIN), lastInform: ago(MIN), lastEvents: [], parameterCount: 100, discovery: { status: 'done' }, pendingTasks: 0,
    ...extra,
  };
}
const rows = (...ds: DeviceSummary[]) => ds.map((d) => toRow(d, NOW, { inSession: new Set() }));
const serials = (rs: DeviceRow[]) => rs.map((r) => r.serial);

// The rule itself is tested in presence.test.ts; here, that the list feeds it what it knows.
describe('status column (devicePresence)', () => {
  const none = { inSession: new Set<string>() };
  it('is "in session" whenever a session is open, whatever the last inform', () => {
    const d = dev('X', { lastInform: ago(999 * MIN) });
    expect(devicePresence(d, NOW, { inSession: new Set([d.id]) }).state).toBe('in-session');
  });

  it('a quiet device with no periodic interval is "unknown", not "online" (it used to be online for 5 minutes)', () => {
    const r = devicePresence(dev('X', { lastInform: ago(4 * MIN) }), NOW, none);
    expect(r.state).toBe('unknown');
    expect(r.reason).toMatch(/Last Inform 4 min ago/);
  });

  it('uses the periodic interval, connection-request outcomes and the hosted virtual CPEs', () => {
    expect(devicePresence(dev('X', { lastInform: ago(90 * MIN), periodicInformInterval: 3600 }), NOW, none).state).toBe('online');
    expect(devicePresence(dev('X', { lastInform: ago(125 * MIN), periodicInformInterval: 3600 }), NOW, none).state).toBe('offline');
    const d = dev('X', { lastInform: ago(4 * MIN) });
    const failed = new Map([[d.id, { at: ago(MIN), ok: false, detail: 'timeout' }]]);
    expect(devicePresence(d, NOW, { ...none, contacts: failed }).state).toBe('offline');
    expect(devicePresence(d, NOW, { ...none, runningSims: new Set([d.id]) }).state).toBe('online');
  });

  it('contact from before the workbench started: unknown', () => {
    expect(devicePresence(dev('X', { lastInform: ago(30_000) }), NOW, { ...none, acsStartedAt: ago(10_000) }).state).toBe('unknown');
  });
});

describe('relativeTime', () => {
  it.each([
    [2_000, 'just now'], [40_000, '40 s ago'], [2 * MIN, '2 min ago'], [59 * MIN, '59 min ago'], [3 * 60 * MIN, '3 h ago'],
    [47 * 60 * MIN, '47 h ago'], [5 * 24 * 60 * MIN, '5 d ago'], [40 * 24 * 60 * MIN, '2025-04-22'],
  ])('%i ms → %s', (ms, text) => expect(relativeTime(ago(ms), NOW)).toBe(text));
  it('says never / unknown', () => {
    expect(relativeTime(undefined, NOW)).toBe('never');
    expect(relativeTime('x', NOW)).toBe('unknown');
  });
});

describe('sortRows', () => {
  const list = rows(
    dev('SIM10', { ipAddress: '10.0.0.10', softwareVersion: '2.0', pendingTasks: 2, lastInform: ago(3 * MIN) }),
    dev('SIM2', { ipAddress: '10.0.0.9', softwareVersion: '10.1', pendingTasks: 0, lastInform: ago(1 * MIN), lastFault: { code: 9005, message: 'x', at: ago(0) } }),
    dev('SIM1', { ipAddress: undefined, softwareVersion: undefined, pendingTasks: 1, lastInform: ago(2 * MIN) }),
  );

  it('orders serials and versions naturally (SIM2 before SIM10, 2.0 before 10.1)', () => {
    expect(serials(sortRows(list, 'serial', 'asc'))).toEqual(['SIM1', 'SIM2', 'SIM10']);
    expect(serials(sortRows(list, 'serial', 'desc'))).toEqual(['SIM10', 'SIM2', 'SIM1']);
    expect(serials(sortRows(list, 'software', 'asc'))).toEqual(['SIM10', 'SIM2', 'SIM1']);
  });

  it('orders IPv4 addresses by number, and empty values last in both directions', () => {
    expect(serials(sortRows(list, 'ip', 'asc'))).toEqual(['SIM2', 'SIM10', 'SIM1']);
    expect(serials(sortRows(list, 'ip', 'desc'))).toEqual(['SIM10', 'SIM2', 'SIM1']);
  });

  it('orders by time, count, fault and state', () => {
    expect(serials(sortRows(list, 'lastInform', 'desc'))).toEqual(['SIM2', 'SIM1', 'SIM10']);
    expect(serials(sortRows(list, 'pendingTasks', 'desc'))).toEqual(['SIM10', 'SIM1', 'SIM2']);
    expect(serials(sortRows(list, 'fault', 'asc'))[0]).toBe('SIM2');
    const b = dev('B');
    const ev = { inSession: new Set([b.id]) };
    const states = [toRow(dev('A', { lastInform: ago(60 * MIN) }), NOW, ev), toRow(b, NOW, ev), toRow(dev('C'), NOW, ev)];
    expect(serials(sortRows(states, 'state', 'asc'))).toEqual(['B', 'C', 'A']);
  });

  it('breaks ties by device key so rows do not jump as they update', () => {
    const tied = rows(dev('B'), dev('C'), dev('A'));
    expect(serials(sortRows(tied, 'pendingTasks', 'asc'))).toEqual(['A', 'B', 'C']);
    expect(serials(sortRows(tied, 'pendingTasks', 'desc'))).toEqual(['A', 'B', 'C']);
  });

  it('does not change its input', () => {
    const before = serials(list);
    sortRows(list, 'serial', 'asc');
    expect(serials(list)).toEqual(before);
  });
});

describe('filterRows', () => {
  const list = rows(
    dev('AAA111', { ipAddress: '192.168.1.20', softwareVersion: 'FW-4.2.1', modelName: 'HomeGate 3000' }),
    dev('BBB222', { ipAddress: '10.0.0.5', softwareVersion: 'FW-5.0', root: 'InternetGatewayDevice.' }, { OUI: 'A0B1C2', ProductClass: 'IGD' }),
    dev('CCC333', { remoteAddress: '172.16.0.9' }),
  );
  it.each([
    ['', ['AAA111', 'BBB222', 'CCC333']],
    ['aaa', ['AAA111']],
    ['a0b1', ['BBB222']],
    ['igd', ['BBB222']],
    ['192.168', ['AAA111']],
    ['fw-5', ['BBB222']],
    ['172.16', ['CCC333']],
    ['homegate', ['AAA111']],
    ['hgw 10.0', []],
    ['igd 10.0', ['BBB222']],
    ['  AAA111  ', ['AAA111']],
    ['nothing', []],
    ['tr-098', ['BBB222']],
    ['tr-181', ['AAA111', 'CCC333']],
  ])('%j → %j', (q, expected) => expect(serials(filterRows(list, q))).toEqual(expected));
});

describe('fault and discovery text', () => {
  it('names the fault briefly and explains it fully', () => {
    expect(faultShort(9005)).toBe('9005 Invalid parameter name');
    expect(faultShort(9899)).toBe('9899');
    expect(faultLong({ code: 9008, message: 'read only' })).toMatch(/^9008 Attempt to set a non-writable parameter: .*read-only.*\(CPE says: read only\)/);
  });
  it('counts discovery progress', () => {
    expect(discoveryText({ status: 'running', names: 1234, values: 56 }, 0)).toBe('1,234 names · 56 values');
    expect(discoveryText({ status: 'done' }, 8123)).toBe('8,123 parameters');
    expect(discoveryText({ status: 'none' }, 0)).toBe('not yet');
  });
  it('pluralises', () => {
    expect(plural(1, 'device')).toBe('1 device');
    expect(plural(1500, 'device')).toBe('1,500 devices');
  });
});

describe('bulk set parameter', () => {
  it.each([
    ['Device.ManagementServer.PeriodicInformInterval', null],
    ['InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID', null],
    ['', /enter a full parameter path/],
    ['WiFi.SSID.1.SSID', /starts with Device\./],
    ['Device.WiFi.', /is an object/],
    ['Device.WiFi.SSID.1. SSID', /no spaces/],
    ['Device..SSID', /empty path segment/],
  ])('%j', (path, expected) => {
    const p = parameterPathProblem(path);
    if (expected === null) expect(p).toBeNull();
    else expect(p).toMatch(expected);
  });
  it('skips devices of the other data model', () => {
    const a = { id: 'a', root: 'Device.' };
    const b = { id: 'b', root: 'InternetGatewayDevice.' };
    expect(splitByRoot([a, b], 'Device.X')).toEqual({ targets: [a], skipped: [b] });
    expect(splitByRoot([a, b], 'InternetGatewayDevice.X')).toEqual({ targets: [b], skipped: [a] });
  });
});
