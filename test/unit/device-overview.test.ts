// device.overview against generated devices (the virtual CPEs' data models),
// TR-181 and TR-098, from a pure value map and through a real DeviceStore.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildOverview, deviceOverview, instances, overviewPrefixes } from '../../electron/core/api/overview';
import { loadDataModel } from '../../electron/lib/datamodel/bbf-model';
import { generateDevice } from '../../electron/sim/generate';
import { WAN_IP } from '../../electron/sim/presets';
import { DeviceStore } from '../../electron/core/store/device-store';
import type { DeviceSummary } from '../../shared/model/records';

function summaryFor(root: string, extra: Partial<DeviceSummary> = {}): DeviceSummary {
  return {
    id: '00D09E-HGW-5000-EXN5000A1B2C3',
    deviceId: { Manufacturer: 'ExampleNet', OUI: '00D09E', ProductClass: 'HGW-5000', SerialNumber: 'EXN5000A1B2C3' },
    cwmpVersion: 'urn:dslforum-org:cwmp-1-4', root, firstSeen: '2026-01-01T00:00:00Z', lastInform: '2026-01-02T03:04:05Z',
    lastEvents: [{ EventCode: '1 BOOT', CommandKey: '' }, { EventCode: 'M Reboot', CommandKey: 'k' }],
    parameterCount: 0, discovery: { status: 'done' }, pendingTasks: 0, connectionRequestURL: 'http://203.0.113.10:7547/cr',
    ...extra,
  };
}

function valuesOf(kind: 'tr181' | 'tr098'): Map<string, string> {
  const dev = generateDevice(loadDataModel(kind));
  return new Map(dev.parameters.map((p) => [p.path, p.value]));
}

describe('device overview: TR-181', () => {
  const values = valuesOf('tr181');
  const o = buildOverview(summaryFor('Device.'), values);

  it('finds the WAN through the default route and reads its address and state', () => {
    expect(o.model).toBe('tr181');
    expect(o.wan?.path).toBe('Device.IP.Interface.1.');
    expect(o.wan?.ipAddress).toBe(WAN_IP);
    expect(o.wan?.status).toBe('Up');
    expect(o.wan?.connectionType).toBe('PPP');
  });

  it('reads identity, firmware and uptime', () => {
    expect(o.softwareVersion).toBe('5.4.1-build77');
    expect(o.hardwareVersion).toBe('HW1.2');
    expect(o.serialNumber).toBe('EXN5000A1B2C3');
    expect(o.uptimeSeconds).toBe(Number(values.get('Device.DeviceInfo.UpTime')));
    expect(o.lastEvents).toEqual(['1 BOOT', 'M Reboot']);
    expect(o.lastInform).toBe('2026-01-02T03:04:05Z');
  });

  it('dates the boot from UpTime, or from a later BOOT Inform', () => {
    const read = '2026-01-02T00:00:00.000Z';
    const up = Number(values.get('Device.DeviceInfo.UpTime'));
    const before = summaryFor('Device.', { lastEvents: [{ EventCode: '2 PERIODIC', CommandKey: '' }] });
    expect(buildOverview(before, values, read).bootedAt).toBe(new Date(Date.parse(read) - up * 1000).toISOString());
    // The summary's last Inform (2026-01-02T03:04:05Z) carried 1 BOOT after UpTime was read.
    expect(buildOverview(summaryFor('Device.'), values, read).bootedAt).toBe('2026-01-02T03:04:05Z');
    expect(buildOverview(before, values).bootedAt).toBeUndefined();
  });

  it('lists SSIDs with their radio channel and band (LowerLayers)', () => {
    expect(o.wifi.map((w) => w.ssid)).toEqual(['HomeNet-2G', 'HomeNet-5G', 'Guest-2G', 'Guest-5G']);
    expect(o.wifi[0]).toMatchObject({ band: '2.4GHz', channel: '6', enabled: true, radio: 'Device.WiFi.Radio.1.' });
    expect(o.wifi[1]).toMatchObject({ band: '5GHz', channel: '36', radio: 'Device.WiFi.Radio.2.' });
  });

  it('counts active hosts', () => {
    const active = instances(values, 'Device.Hosts.Host.').filter((i) => values.get(`Device.Hosts.Host.${i}.Active`) === 'true').length;
    expect(o.connectedHosts).toBe(active);
    expect(o.knownHosts).toBe(Number(values.get('Device.Hosts.HostNumberOfEntries')));
  });

  it('falls back to NAT, then to the interface name, when there is no default route', () => {
    const noRoute = new Map([...values].filter(([k]) => !k.startsWith('Device.Routing.')));
    expect(buildOverview(summaryFor('Device.'), noRoute).wan?.path).toBe('Device.IP.Interface.1.');
    const neither = new Map([...noRoute].filter(([k]) => !k.startsWith('Device.NAT.')));
    expect(buildOverview(summaryFor('Device.'), neither).wan?.ipAddress).toBe(WAN_IP);
  });

  it('leaves out what a device not yet discovered cannot tell', () => {
    const o2 = buildOverview(summaryFor('Device.', { softwareVersion: '1.0', discovery: { status: 'none' } }), new Map());
    expect(o2.wan).toBeUndefined();
    expect(o2.wifi).toEqual([]);
    expect(o2.uptimeSeconds).toBeUndefined();
    expect(o2.connectedHosts).toBeUndefined();
    expect(o2.softwareVersion).toBe('1.0'); // from the Inform
  });
});

describe('device overview: TR-098', () => {
  const values = valuesOf('tr098');
  const o = buildOverview(summaryFor('InternetGatewayDevice.'), values);

  it('uses the default connection service for the WAN', () => {
    expect(o.model).toBe('tr098');
    expect(o.wan?.path).toBe('InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.');
    expect(o.wan?.ipAddress).toBe(WAN_IP);
    expect(o.wan?.status).toBe('Connected');
    expect(o.wan?.connectionType).toBe('IP (IP_Routed)');
  });

  it('lists WLANConfigurations with channel and band, and counts hosts', () => {
    expect(o.wifi.length).toBeGreaterThanOrEqual(2);
    expect(o.wifi[0]).toMatchObject({ ssid: 'HomeNet-2G', channel: '6', band: '2.4GHz', enabled: true });
    expect(o.wifi[1]).toMatchObject({ ssid: 'HomeNet-5G', channel: '36', band: '5GHz' });
    expect(o.knownHosts).toBe(Number(values.get('InternetGatewayDevice.LANDevice.1.Hosts.HostNumberOfEntries')));
    expect(o.connectedHosts).toBeGreaterThan(0);
    expect(o.uptimeSeconds).toBeGreaterThan(0);
  });

  it('picks a connected service when no default is set', () => {
    const v = new Map(values);
    v.delete('InternetGatewayDevice.Layer3Forwarding.DefaultConnectionService');
    v.set('InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ConnectionStatus', 'Disconnected');
    const w = buildOverview(summaryFor('InternetGatewayDevice.'), v).wan;
    expect(w?.path).toBe('InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1.');
    expect(w?.connectionType).toMatch(/^PPP/);
  });
});

describe('device overview through the store', () => {
  let dir = '';
  afterAll(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

  it('reads only the overview subtrees and gives the same answer', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tr069-ov-'));
    const store = await DeviceStore.open(dir);
    const summary = summaryFor('Device.');
    await store.putDevice(summary);
    const dev = generateDevice(loadDataModel('tr181'));
    await store.applyParameters(summary.id, dev.parameters.map((p) => ({ path: p.path, value: p.value, type: p.type, writable: p.writable })), '2026-01-01T00:00:00Z');
    const o = await deviceOverview(store, store.get(summary.id)!);
    expect(o.wan?.ipAddress).toBe(WAN_IP);
    expect(o.wifi).toHaveLength(4);
    expect(o.parameterCount).toBeGreaterThan(1000);
    expect(overviewPrefixes('Device.').every((p) => p.startsWith('Device.'))).toBe(true);
    await store.close();
  });
});
