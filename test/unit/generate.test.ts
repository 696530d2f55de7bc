import { describe, it, expect } from 'vitest';
import { findObjectDef, findParamDef, loadDataModel, type DataModel } from '../../electron/lib/datamodel/bbf-model';
import { checkValue, splitList } from '../../shared/model/value-check';
import { generateDevice, instantiateObject, type GeneratedDevice } from '../../electron/sim/generate';

const tr181 = loadDataModel('tr181');
const tr098 = loadDataModel('tr098');

function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
}

/** Every value fits its definition's syntax; type and access match the model. */
function invalidValues(model: DataModel, dev: GeneratedDevice): string[] {
  const bad: string[] = [];
  for (const p of dev.parameters) {
    const hit = findParamDef(model, p.path);
    if (!hit) { bad.push(`${p.path}: not in the model`); continue; }
    const { param } = hit;
    if (p.type !== param.type || p.writable !== param.writable) bad.push(`${p.path}: type/access differ from the model`);
    if (param.hidden && p.value === '') continue;   // hidden/secured parameters read as ""
    const why = checkValue(param, p.value);
    if (why) bad.push(`${p.path} = ${JSON.stringify(p.value)}: ${why}`);
  }
  return bad;
}

/** Each *NumberOfEntries equals the number of generated instances of its table. */
function numEntriesMismatches(model: DataModel, dev: GeneratedDevice, minChecked = 20): string[] {
  const rows = new Map<string, number>();
  for (const o of dev.objects) {
    const m = /^(.*\.)\d+\.$/.exec(o.path);
    if (m) rows.set(m[1], (rows.get(m[1]) ?? 0) + 1);
  }
  const tables = new Map<string, string>();   // generic numEntries param -> table segment
  for (const o of model.objects.values()) {
    if (o.numEntriesParameter) tables.set(o.numEntriesParameter, o.path.slice(0, -'.{i}.'.length).split('.').pop()!);
  }
  const bad: string[] = [];
  let checked = 0;
  for (const p of dev.parameters) {
    const hit = findParamDef(model, p.path);
    const seg = hit && tables.get(hit.object.path + hit.param.name);
    if (!seg) continue;
    checked++;
    const table = p.path.slice(0, p.path.lastIndexOf('.') + 1) + seg + '.';
    if (Number(p.value) !== (rows.get(table) ?? 0)) bad.push(`${p.path} = ${p.value}, ${rows.get(table) ?? 0} rows of ${table}`);
  }
  expect(checked).toBeGreaterThanOrEqual(minChecked);
  return bad;
}

/** Path references (pathRef) name generated objects. */
function danglingReferences(model: DataModel, dev: GeneratedDevice): string[] {
  const objects = new Set(dev.objects.map((o) => o.path));
  const params = new Set(dev.parameters.map((p) => p.path));
  const bad: string[] = [];
  for (const p of dev.parameters) {
    const def = findParamDef(model, p.path)?.param;
    if (!def?.reference || def.hidden) continue;
    for (const item of def.list ? splitList(p.value) : [p.value]) {
      if (item && !objects.has(`${item}.`) && !params.has(item)) bad.push(`${p.path} -> ${item}`);
    }
  }
  return bad;
}

const value = (dev: GeneratedDevice, path: string): string | undefined => dev.parameters.find((p) => p.path === path)?.value;

describe('generateDevice (TR-181 gateway)', () => {
  const [dev, ms] = timed(() => generateDevice(tr181, {
    seed: 7, identity: { manufacturer: 'Acme', oui: 'A1B2C3', productClass: 'GW-1', serialNumber: 'ACME0001', softwareVersion: '1.2.3' },
  }));

  it('has a typical gateway size', () => {
    console.log(`TR-181 gateway: ${dev.parameters.length} parameters, ${dev.objects.length} objects in ${ms.toFixed(0)} ms`);
    expect(dev.parameters.length).toBeGreaterThan(7500);
    expect(dev.parameters.length).toBeLessThan(9000);
    expect(new Set(dev.parameters.map((p) => p.path)).size).toBe(dev.parameters.length);
    expect(ms).toBeLessThan(2000);   // ~30-70 ms measured
  });

  it('generates only values that fit the model', () => {
    expect(invalidValues(tr181, dev)).toEqual([]);
  });

  it('keeps NumberOfEntries consistent and references resolvable', () => {
    expect(numEntriesMismatches(tr181, dev)).toEqual([]);
    expect(danglingReferences(tr181, dev)).toEqual([]);
  });

  it('uses the identity and realistic values', () => {
    expect(value(dev, 'Device.DeviceInfo.Manufacturer')).toBe('Acme');
    expect(value(dev, 'Device.DeviceInfo.ManufacturerOUI')).toBe('A1B2C3');
    expect(value(dev, 'Device.DeviceInfo.ProductClass')).toBe('GW-1');
    expect(value(dev, 'Device.DeviceInfo.ModelName')).toBe('GW-1');
    expect(value(dev, 'Device.DeviceInfo.SerialNumber')).toBe('ACME0001');
    expect(value(dev, 'Device.DeviceInfo.SoftwareVersion')).toBe('1.2.3');
    expect(Number(value(dev, 'Device.DeviceInfo.UpTime'))).toBeGreaterThan(86400);
    expect(value(dev, 'Device.RootDataModelVersion')).toBe('2.19');
    expect(value(dev, 'Device.ManagementServer.URL')).toBe('');
    expect(value(dev, 'Device.ManagementServer.PeriodicInformEnable')).toBe('true');
    expect(value(dev, 'Device.ManagementServer.ConnectionRequestURL')).toMatch(/^http:\/\/203\.0\.113\.\d+:7547\//);
    expect(value(dev, 'Device.WiFi.RadioNumberOfEntries')).toBe('2');
    expect(value(dev, 'Device.WiFi.SSIDNumberOfEntries')).toBe('4');
    expect(value(dev, 'Device.WiFi.AccessPointNumberOfEntries')).toBe('4');
    expect([1, 2, 3, 4].map((k) => value(dev, `Device.WiFi.SSID.${k}.SSID`))).toEqual(['HomeNet-2G', 'HomeNet-5G', 'Guest-2G', 'Guest-5G']);
    expect(value(dev, 'Device.WiFi.Radio.1.OperatingFrequencyBand')).toBe('2.4GHz');
    expect(value(dev, 'Device.WiFi.Radio.2.OperatingFrequencyBand')).toBe('5GHz');
    expect(value(dev, 'Device.WiFi.AccessPoint.3.SSIDReference')).toBe('Device.WiFi.SSID.3');
    expect(value(dev, 'Device.WiFi.SSID.2.LowerLayers')).toBe('Device.WiFi.Radio.2');
    expect(value(dev, 'Device.WiFi.SSID.1.BSSID')).toMatch(/^A1:B2:C3:/);
    expect(value(dev, 'Device.WiFi.AccessPoint.1.Security.KeyPassphrase')).toBe('');
    expect(value(dev, 'Device.IP.Interface.1.IPv4Address.1.IPAddress')).toMatch(/^(192\.0\.2|198\.51\.100|203\.0\.113)\./);
    expect(value(dev, 'Device.IP.Interface.2.IPv4Address.1.IPAddress')).toBe('192.168.1.1');
    expect(value(dev, 'Device.IP.Interface.1.LowerLayers')).toBe('Device.PPP.Interface.1');
    expect(value(dev, 'Device.NAT.PortMappingNumberOfEntries')).toBe('8');
    expect(value(dev, 'Device.Hosts.HostNumberOfEntries')).toBe('32');
    expect(value(dev, 'Device.Hosts.Host.5.IPAddress')).toMatch(/^192\.168\.1\./);
    expect(value(dev, 'Device.DHCPv4.Server.Pool.1.ClientNumberOfEntries')).toBe('24');
    expect(value(dev, 'Device.WiFi.SSID.2.Alias')).toBe('cpe-ssid-2');
  });

  it('marks tables and instances writable when AddObject/DeleteObject are allowed', () => {
    const obj = (p: string) => dev.objects.find((o) => o.path === p);
    expect(dev.objects[0]).toEqual({ path: 'Device.', writable: false });
    expect(obj('Device.NAT.PortMapping.')).toEqual({ path: 'Device.NAT.PortMapping.', writable: true });
    expect(obj('Device.NAT.PortMapping.8.')?.writable).toBe(true);
    expect(obj('Device.NAT.PortMapping.9.')).toBeUndefined();
    expect(obj('Device.WiFi.Radio.1.')?.writable).toBe(false);
    expect(obj('Device.DeviceInfo.')?.writable).toBe(false);
    // An implemented but empty table still exists (GetParameterNames lists it).
    expect(obj('Device.NAT.PortTrigger.')).toBeDefined();
    expect(obj('Device.WiFi.DataElements.')).toBeUndefined();
  });

  it('is deterministic for a seed', () => {
    const a = generateDevice(tr181, { seed: 42 });
    const b = generateDevice(tr181, { seed: 42 });
    const c = generateDevice(tr181, { seed: 43 });
    expect(b).toEqual(a);
    expect(c.parameters.map((p) => p.path)).toEqual(a.parameters.map((p) => p.path));
    expect(c.parameters.filter((p, i) => p.value !== a.parameters[i].value).length).toBeGreaterThan(100);
  });

  it('scales every table and honours limit', () => {
    const one = generateDevice(tr181, { scale: 1 });
    expect(one.parameters.length).toBeGreaterThan(2000);
    expect(one.parameters.length).toBeLessThan(dev.parameters.length);
    expect(one.objects.some((o) => o.path === 'Device.WiFi.SSID.2.')).toBe(false);
    const [big, bigMs] = timed(() => generateDevice(tr181, { scale: 13 }));
    console.log(`TR-181 scale 13: ${big.parameters.length} parameters, ${big.objects.length} objects in ${bigMs.toFixed(0)} ms`);
    expect(big.parameters.length).toBeGreaterThan(90_000);
    expect(big.parameters.length).toBeLessThan(110_000);
    expect(bigMs).toBeLessThan(10_000);   // ~0.15-0.3 s measured
    expect(value(big, 'Device.WiFi.SSIDNumberOfEntries')).toBe('13');
    expect(invalidValues(tr181, big)).toEqual([]);
    expect(numEntriesMismatches(tr181, big)).toEqual([]);
    const cut = generateDevice(tr181, { scale: 13, limit: 100_000 });
    expect(cut.parameters.length).toBe(100_000);
  });

  it('covers the whole model with the full profile', () => {
    const full = generateDevice(tr181, { profile: 'full', scale: 1 });
    // Every object of the model, once: at least as many parameters as the model defines, minus empty tables.
    expect(full.parameters.length).toBeGreaterThan(generateDevice(tr181, { scale: 1 }).parameters.length);
    expect(full.parameters.length).toBeGreaterThan(7000);
    expect(full.objects.some((o) => o.path.startsWith('Device.WiFi.DataElements.'))).toBe(true);
    expect(invalidValues(tr181, full)).toEqual([]);
    expect(numEntriesMismatches(tr181, full)).toEqual([]);
  });
});

describe('generateDevice (TR-098 gateway)', () => {
  const [dev, ms] = timed(() => generateDevice(tr098, { identity: { serialNumber: 'IGD0001' } }));
  const I = 'InternetGatewayDevice.';
  const WCD = `${I}WANDevice.1.WANConnectionDevice.1.`;

  it('has a typical IGD size with valid values', () => {
    console.log(`TR-098 gateway: ${dev.parameters.length} parameters, ${dev.objects.length} objects in ${ms.toFixed(0)} ms`);
    expect(dev.parameters.length).toBeGreaterThan(1000);
    expect(dev.parameters.length).toBeLessThan(3000);
    expect(invalidValues(tr098, dev)).toEqual([]);
    expect(numEntriesMismatches(tr098, dev)).toEqual([]);
    expect(danglingReferences(tr098, dev)).toEqual([]);
  });

  it('looks like a DSL home gateway', () => {
    expect(value(dev, `${I}DeviceInfo.SerialNumber`)).toBe('IGD0001');
    expect(value(dev, `${I}DeviceInfo.ManufacturerOUI`)).toBe('00D09E');
    expect(value(dev, `${I}ManagementServer.URL`)).toBe('');
    expect(value(dev, `${I}LANDeviceNumberOfEntries`)).toBe('1');
    expect(value(dev, `${I}LANDevice.1.LANWLANConfigurationNumberOfEntries`)).toBe('4');
    expect([1, 2, 3, 4].map((k) => value(dev, `${I}LANDevice.1.WLANConfiguration.${k}.SSID`))).toEqual(['HomeNet-2G', 'HomeNet-5G', 'Guest-2G', 'Guest-5G']);
    expect(value(dev, `${I}LANDevice.1.WLANConfiguration.1.TotalAssociations`)).toBe('2');
    expect(value(dev, `${I}LANDevice.1.LANHostConfigManagement.IPInterface.1.IPInterfaceIPAddress`)).toBe('192.168.1.1');
    expect(value(dev, `${I}LANDevice.1.Hosts.Host.3.IPAddress`)).toMatch(/^192\.168\.1\./);
    expect(value(dev, `${I}WANDevice.1.WANCommonInterfaceConfig.WANAccessType`)).toBe('DSL');
    expect(value(dev, `${WCD}WANIPConnection.1.ExternalIPAddress`)).toMatch(/^(192\.0\.2|198\.51\.100|203\.0\.113)\./);
    expect(value(dev, `${WCD}WANPPPConnection.1.ExternalIPAddress`)).toMatch(/^(192\.0\.2|198\.51\.100|203\.0\.113)\./);
    expect(value(dev, `${WCD}WANIPConnection.1.ConnectionStatus`)).toBe('Connected');
    expect(value(dev, `${WCD}WANIPConnection.1.PortMappingNumberOfEntries`)).toBe('4');
    expect(value(dev, `${WCD}WANIPConnection.1.PortMapping.2.ExternalPort`)).toBe('8002');
    expect(value(dev, `${I}Layer3Forwarding.DefaultConnectionService`)).toBe(`${WCD}WANIPConnection.1`);
    expect(value(dev, `${I}Time.NTPServer1`)).toBe('pool.ntp.org');
    expect(dev.objects.some((o) => o.path.startsWith(`${I}WANDevice.1.WANEthernetInterfaceConfig.`))).toBe(false);
    expect(dev.objects.some((o) => o.path.startsWith(`${I}FAP.`))).toBe(false);
  });
});

describe('instantiateObject (AddObject)', () => {
  it('creates a TR-181 NAT port mapping with default values', () => {
    const dev = instantiateObject(tr181, 'Device.NAT.PortMapping.', 9);
    const def = findObjectDef(tr181, 'Device.NAT.PortMapping.9.')!;
    expect(dev.objects).toEqual([{ path: 'Device.NAT.PortMapping.9.', writable: true }]);
    expect(dev.parameters.map((p) => p.path)).toEqual(def.params.map((p) => `Device.NAT.PortMapping.9.${p.name}`));
    expect(value(dev, 'Device.NAT.PortMapping.9.Enable')).toBe('false');
    expect(value(dev, 'Device.NAT.PortMapping.9.Alias')).toBe('cpe-portmapping-9');
    expect(value(dev, 'Device.NAT.PortMapping.9.Status')).toBe('Disabled');
    expect(invalidValues(tr181, dev)).toEqual([]);
  });

  it('creates a TR-098 WANIPConnection port mapping', () => {
    const table = 'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.PortMapping.';
    const dev = instantiateObject(tr098, table, 5);
    expect(dev.objects[0]).toEqual({ path: `${table}5.`, writable: true });
    expect(dev.parameters.length).toBeGreaterThanOrEqual(10);
    expect(dev.parameters.every((p) => p.path.startsWith(`${table}5.`))).toBe(true);
    expect(value(dev, `${table}5.PortMappingEnabled`)).toBe('false');
    expect(invalidValues(tr098, dev)).toEqual([]);
  });

  it('gives nested tables no instances, except fixed-size ones', () => {
    const dev = instantiateObject(tr098, 'InternetGatewayDevice.LANDevice.', 2);
    const paths = dev.objects.map((o) => o.path);
    expect(paths[0]).toBe('InternetGatewayDevice.LANDevice.2.');
    expect(paths).toContain('InternetGatewayDevice.LANDevice.2.LANHostConfigManagement.');
    expect(paths).toContain('InternetGatewayDevice.LANDevice.2.WLANConfiguration.');
    expect(paths.some((p) => /WLANConfiguration\.\d+\.$/.test(p))).toBe(false);
    expect(value(dev, 'InternetGatewayDevice.LANDevice.2.LANWLANConfigurationNumberOfEntries')).toBe('0');
    expect(invalidValues(tr098, dev)).toEqual([]);
    expect(numEntriesMismatches(tr098, dev, 3)).toEqual([]);
  });

  it('rejects paths that are not tables', () => {
    expect(() => instantiateObject(tr181, 'Device.DeviceInfo.', 1)).toThrow(/not a multi-instance object/);
    expect(() => instantiateObject(tr181, 'Device.NoSuch.', 1)).toThrow();
  });
});
