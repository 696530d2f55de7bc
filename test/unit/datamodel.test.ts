import { describe, it, expect } from 'vitest';
import {
  findObjectDef, findParamDef, genericPath, loadDataModel, loadTimings, resolveRelativePath, type ParamDef,
} from '../../electron/lib/datamodel/bbf-model';
import { checkType, checkValue, fixedLength, splitList } from '../../shared/model/value-check';

function stats(kind: 'tr181' | 'tr098') {
  const m = loadDataModel(kind);
  let params = 0; let writable = 0; let tables = 0; let creatable = 0;
  for (const o of m.objects.values()) {
    params += o.params.length;
    writable += o.params.filter((p) => p.writable).length;
    if (o.multi) tables++;
    if (o.creatable) creatable++;
  }
  return { m, objects: m.objects.size, params, writable, tables, creatable };
}

function param(kind: 'tr181' | 'tr098', path: string): ParamDef {
  const hit = findParamDef(loadDataModel(kind), path);
  if (!hit) throw new Error(`no definition for ${path}`);
  return hit.param;
}

describe('loadDataModel', () => {
  it('loads TR-181 Device:2.19 without deleted/obsoleted items', () => {
    const s = stats('tr181');
    // Measured: 856 objects (436 tables, 191 creatable), 7,138 parameters (2,639 writable).
    expect(s.m.spec).toBe('Device:2.19');
    expect(s.m.root).toBe('Device.');
    expect(s.objects).toBeGreaterThan(840);
    expect(s.objects).toBeLessThan(870);
    expect(s.params).toBeGreaterThan(7000);
    expect(s.params).toBeLessThan(7300);
    expect(s.writable).toBeGreaterThan(2550);
    expect(s.writable).toBeLessThan(2700);
    expect(s.tables).toBeGreaterThan(420);
    expect(s.creatable).toBeGreaterThan(180);
    for (const o of s.m.objects.values()) {
      expect(o.multi).toBe(o.path.endsWith('.{i}.'));
      for (const p of o.params) expect(['current', 'deprecated']).toContain(p.status);
    }
    console.log(`TR-181 load ${loadTimings.tr181?.toFixed(0)} ms: ${s.objects} objects, ${s.params} parameters`);
    expect(loadTimings.tr181).toBeLessThan(3000);   // ~0.15-0.3 s on a developer machine
  });

  it('loads TR-098 InternetGatewayDevice:1.14', () => {
    const s = stats('tr098');
    // Measured: 190 objects (90 tables, 39 creatable), 1,784 parameters.
    expect(s.m.spec).toBe('InternetGatewayDevice:1.14');
    expect(s.m.root).toBe('InternetGatewayDevice.');
    expect(s.objects).toBeGreaterThan(185);
    expect(s.objects).toBeLessThanOrEqual(192);
    expect(s.params).toBeGreaterThan(1750);
    expect(s.params).toBeLessThan(1801);
    console.log(`TR-098 load ${loadTimings.tr098?.toFixed(0)} ms: ${s.objects} objects, ${s.params} parameters`);
  });

  it('is cached per process', () => {
    expect(loadDataModel('tr181')).toBe(loadDataModel('tr181'));
  });

  it('has a NumberOfEntries parameter in the parent for every table that declares one', () => {
    for (const kind of ['tr181', 'tr098'] as const) {
      const m = loadDataModel(kind);
      for (const o of m.objects.values()) {
        if (!o.numEntriesParameter) continue;
        const hit = findParamDef(m, o.numEntriesParameter);
        expect(hit, o.numEntriesParameter).toBeDefined();
        expect(hit!.param.type).toBe('unsignedInt');
      }
    }
  });

  it('keeps descriptions as short plain text', () => {
    const m = loadDataModel('tr181');
    for (const o of m.objects.values()) {
      for (const p of o.params) {
        if (!p.description) continue;
        expect(p.description.length).toBeLessThanOrEqual(300);
        expect(p.description).not.toMatch(/\{\{|''/);
      }
    }
    expect(param('tr181', 'Device.WiFi.SSID.1.Alias').description).toMatch(/^A non-volatile handle/);
    expect(param('tr181', 'Device.WiFi.SSID.1.LastChange').description).toContain('time in seconds');
  });
});

describe('genericPath / findParamDef / findObjectDef', () => {
  it('maps instance numbers to {i}', () => {
    expect(genericPath('Device.WiFi.SSID.3.SSID')).toBe('Device.WiFi.SSID.{i}.SSID');
    expect(genericPath('Device.IP.Interface.12.IPv4Address.2.')).toBe('Device.IP.Interface.{i}.IPv4Address.{i}.');
    expect(genericPath('Device.DeviceInfo.UpTime')).toBe('Device.DeviceInfo.UpTime');
    expect(genericPath('Device.DHCPv4.Server.Pool.1.Option.4.Value')).toBe('Device.DHCPv4.Server.Pool.{i}.Option.{i}.Value');
    expect(genericPath('InternetGatewayDevice.WANDevice.1.WANConnectionDevice.2.WANIPConnection.3.PortMapping.4.ExternalPort'))
      .toBe('InternetGatewayDevice.WANDevice.{i}.WANConnectionDevice.{i}.WANIPConnection.{i}.PortMapping.{i}.ExternalPort');
    // Digits inside a name are not instance numbers.
    expect(genericPath('Device.DHCPv4.Client.1.IPv4Address')).toBe('Device.DHCPv4.Client.{i}.IPv4Address');
  });

  it('resolves parameter syntax through named data types', () => {
    const ssid = param('tr181', 'Device.WiFi.SSID.3.SSID');
    expect(ssid).toMatchObject({ name: 'SSID', type: 'string', writable: true, maxLength: 32 });
    expect(param('tr181', 'Device.DeviceInfo.UpTime')).toMatchObject({ type: 'unsignedInt', writable: false, units: 'seconds' });
    const ip = param('tr181', 'Device.IP.Interface.1.IPv4Address.1.IPAddress');
    expect(ip).toMatchObject({ type: 'string', dataType: 'IPv4Address', maxLength: 15 });
    expect(ip.pattern).toContain('');
    expect(param('tr181', 'Device.Ethernet.Interface.1.Stats.BytesSent')).toMatchObject({ type: 'unsignedLong', dataType: 'StatsCounter64' });
    expect(param('tr181', 'Device.NAT.PortMapping.1.ExternalPort')).toMatchObject({ type: 'unsignedInt', min: 0, max: 65535 });
    expect(param('tr181', 'Device.WiFi.SSID.1.Alias')).toMatchObject({ type: 'string', maxLength: 64 });
    expect(param('tr181', 'Device.WiFi.AccessPoint.1.Security.KeyPassphrase').hidden).toBe(true);
    expect(param('tr181', 'Device.ManagementServer.Password').hidden).toBe(true);
    expect(param('tr181', 'Device.WiFi.SSID.1.Status')).toMatchObject({ defaultValue: 'Down', enumeration: expect.arrayContaining(['Up', 'Down']) });
  });

  it('resolves lists, list defaults and enumerationRef', () => {
    const ll = param('tr181', 'Device.WiFi.SSID.1.LowerLayers');
    expect(ll).toMatchObject({ type: 'string', list: true, itemType: 'string', maxLength: 1024, defaultValue: '' });
    expect(ll.reference?.refType).toBe('strong');
    const band = param('tr181', 'Device.WiFi.Radio.1.OperatingFrequencyBand');
    expect(band.enumerationRef).toBe('SupportedFrequencyBands');
    expect(band.enumeration).toEqual(expect.arrayContaining(['2.4GHz', '5GHz']));
    const ref = param('tr181', 'Device.WiFi.AccessPoint.1.SSIDReference');
    expect(resolveRelativePath('Device.', 'Device.WiFi.AccessPoint.{i}.', ref.reference!.targetParent!)).toBe('Device.WiFi.SSID.');
  });

  it('finds TR-098 definitions', () => {
    expect(param('tr098', 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.2.SSID')).toMatchObject({ type: 'string', writable: true });
    expect(param('tr098', 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.2.KeyPassphrase').hidden).toBe(true);
    const wlan = findObjectDef(loadDataModel('tr098'), 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.3.');
    expect(wlan?.numEntriesParameter).toBe('InternetGatewayDevice.LANDevice.{i}.LANWLANConfigurationNumberOfEntries');
  });

  it('finds objects', () => {
    const m = loadDataModel('tr181');
    const pm = findObjectDef(m, 'Device.NAT.PortMapping.7.');
    expect(pm).toMatchObject({ path: 'Device.NAT.PortMapping.{i}.', multi: true, creatable: true, minEntries: 0, maxEntries: 'unbounded' });
    expect(pm?.numEntriesParameter).toBe('Device.NAT.PortMappingNumberOfEntries');
    expect(findObjectDef(m, 'Device.DeviceInfo.')).toMatchObject({ multi: false, creatable: false });
    expect(findObjectDef(m, 'Device.WiFi.Radio.1.')?.creatable).toBe(false);
    expect(findObjectDef(m, 'Device.NoSuchThing.')).toBeUndefined();
    expect(findParamDef(m, 'Device.WiFi.SSID.1.NoSuchParam')).toBeUndefined();
  });
});

describe('checkValue', () => {
  const def = (d: Partial<ParamDef>): ParamDef => ({ name: 'X', type: 'string', writable: true, ...d });

  it('checks TR-106 base types', () => {
    for (const v of ['0', '1', 'true', 'false']) expect(checkType('boolean', v)).toBeNull();
    for (const v of ['yes', 'TRUE', '', '2']) expect(checkType('boolean', v)).toMatch(/boolean/);
    expect(checkType('unsignedInt', '4294967295')).toBeNull();
    expect(checkType('unsignedInt', '4294967296')).toMatch(/range/);
    expect(checkType('unsignedInt', '-1')).toMatch(/range/);
    expect(checkType('unsignedInt', '1.5')).toMatch(/integer/);
    expect(checkType('unsignedInt', '')).toMatch(/integer/);
    expect(checkType('int', '-2147483648')).toBeNull();
    expect(checkType('int', '2147483648')).toMatch(/range/);
    expect(checkType('unsignedLong', '18446744073709551615')).toBeNull();
    expect(checkType('unsignedLong', '18446744073709551616')).toMatch(/range/);
    expect(checkType('long', '-9223372036854775808')).toBeNull();
    expect(checkType('long', '9223372036854775808')).toMatch(/range/);
    for (const v of ['2025-05-01T12:00:00Z', '2025-05-01T12:00:00', '2025-05-01T12:00:00.123456Z', '2025-05-01T12:00:00+02:00',
      '2025-05-01T12:00:00.5-05:30', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z']) expect(checkType('dateTime', v)).toBeNull();
    for (const v of ['2025-13-01T00:00:00Z', '2025-05-01 12:00:00', '2025-05-01', 'yesterday', '2025-05-01T25:00:00Z']) {
      expect(checkType('dateTime', v)).toMatch(/dateTime|date and time/);
    }
    expect(checkType('hexBinary', '00ff1A')).toBeNull();
    expect(checkType('hexBinary', 'abc')).toMatch(/hexBinary/);
    expect(checkType('hexBinary', 'zz')).toMatch(/hexBinary/);
    expect(checkType('base64', 'AAECAwQFBgc=')).toBeNull();
    expect(checkType('base64', 'abc')).toMatch(/base64/);
    expect(checkType('base64', 'ab$d')).toMatch(/base64/);
    expect(checkType('decimal', '-1.25')).toBeNull();
    expect(checkType('decimal', '1e5')).toMatch(/decimal/);
    expect(checkType('string', 'anything')).toBeNull();
  });

  it('checks enumerations, ranges, sizes and patterns from the model', () => {
    expect(checkValue(param('tr181', 'Device.WiFi.SSID.1.Status'), 'Up')).toBeNull();
    expect(checkValue(param('tr181', 'Device.WiFi.SSID.1.Status'), 'Sideways')).toMatch(/not one of the allowed values: Up, Down/);
    expect(checkValue(param('tr181', 'Device.NAT.PortMapping.1.ExternalPort'), '8080')).toBeNull();
    expect(checkValue(param('tr181', 'Device.NAT.PortMapping.1.ExternalPort'), '70000')).toMatch(/outside the allowed range 0\.\.65535/);
    expect(checkValue(param('tr181', 'Device.WiFi.SSID.1.SSID'), 'x'.repeat(32))).toBeNull();
    expect(checkValue(param('tr181', 'Device.WiFi.SSID.1.SSID'), 'x'.repeat(33))).toMatch(/too long: 33 characters, at most 32 allowed/);
    const ip = param('tr181', 'Device.IP.Interface.1.IPv4Address.1.IPAddress');
    expect(checkValue(ip, '192.0.2.1')).toBeNull();
    expect(checkValue(ip, '')).toBeNull();
    expect(checkValue(ip, '300.1.1.1')).toMatch(/pattern/);
    const mac = param('tr181', 'Device.WiFi.SSID.1.MACAddress');
    expect(checkValue(mac, '00:D0:9E:01:02:03')).toBeNull();
    expect(checkValue(mac, '00-D0-9E-01-02-03')).toMatch(/pattern/);
    expect(checkValue(param('tr181', 'Device.DeviceInfo.ManufacturerOUI'), '00d09e')).toMatch(/pattern/);
    // hexBinary sizes count decoded bytes (TR-106 Table 4): TextColor is exactly 3 bytes.
    const color = param('tr181', 'Device.UserInterface.TextColor');
    expect(checkValue(color, 'FF0088')).toBeNull();
    expect(checkValue(color, 'FF00')).toMatch(/too short: 2 bytes, at least 3 needed/);
    expect(checkValue(param('tr181', 'Device.Routing.Router.1.IPv4Forwarding.1.ForwardingMetric'), '-1')).toBeNull();
  });

  it('checks lists item by item', () => {
    const bands = param('tr181', 'Device.WiFi.Radio.1.SupportedFrequencyBands');
    expect(checkValue(bands, '2.4GHz,5GHz')).toBeNull();
    expect(checkValue(bands, '2.4GHz, 5GHz')).toBeNull();
    expect(checkValue(bands, '')).toBeNull();
    expect(checkValue(bands, '2.4GHz,7GHz')).toMatch(/^list item "7GHz" is not one of/);
    const list = def({ list: true, itemType: 'unsignedInt', ranges: [{ min: 1, max: 10 }], maxItems: 2, minItems: 1 });
    expect(checkValue(list, '1,10')).toBeNull();
    expect(checkValue(list, '1,11')).toMatch(/range/);
    expect(checkValue(list, '1,x')).toMatch(/integer/);
    expect(checkValue(list, '1,2,3')).toMatch(/too many: 3 items, at most 2 allowed in the list/);
    expect(checkValue(list, '')).toMatch(/too few: 0 items, at least 1 needed in the list/);
    expect(checkValue(def({ list: true, maxLength: 5 }), 'abc,def')).toMatch(/too long: 7 characters, at most 5 allowed for the whole list/);
  });

  it('splits bracketed nested lists (nestedBrackets)', () => {
    expect(splitList('[1,2],[3,4]')).toEqual(['1,2', '3,4']);
    expect(splitList('a, b ,c')).toEqual(['a', 'b', 'c']);
    expect(splitList(' ')).toEqual([]);
    const enc = param('tr181', 'Device.Bridging.Bridge.1.Port.1.PriorityCodePoint.PCPEncoding');
    const row = '[8,7,6,5,4,3,2,1,0,0,0,0,0,0,0,0]'.replace(/8/, '7');
    expect(checkValue(enc, [row, row, row, row].join(','))).toBeNull();
    expect(checkValue(enc, [row, row, row].join(','))).toMatch(/too few: 3 items, at least 4 needed in the list/);
  });

  it('a size facet that contradicts its own pattern (a model erratum) is not enforced; the pattern is', () => {
    expect(fixedLength('([0-7],[0-1],){7}[0-7],[0-1]')).toBe(31);
    expect(fixedLength('([0-7],){15}[0-7]')).toBe(31);
    expect(fixedLength('\\d{4}-\\d\\d')).toBe(7);
    for (const open of ['[A-Z]+', 'a|b', 'x{1,3}', '(ab)?', '.*']) expect(fixedLength(open)).toBeUndefined();
    // TR-181 2.19: items of "exactly 15 characters" whose pattern only matches 31; the spec's own example.
    const dec = param('tr181', 'Device.Bridging.Bridge.1.Port.1.PriorityCodePoint.PCPDecoding');
    expect(dec.itemMaxLength).toBe(15);
    const example = '[7,0,6,0,5,0,4,0,3,0,2,0,1,0,0,0],[7,0,6,0,4,0,4,1,3,0,2,0,1,0,0,0],[7,0,6,0,4,0,4,1,2,0,2,1,1,0,0,0],[7,0,6,0,4,0,4,1,2,0,2,1,0,0,0,1]';
    expect(checkValue(dec, example)).toBeNull();
    expect(checkValue(dec, example.replace('[7,0,6', '[9,0,6'))).toMatch(/does not have the required format \(pattern/);
    // Where size and pattern agree the size still counts.
    const sized = def({ type: 'string', pattern: ['[a-z]+'], maxLength: 3 });
    expect(checkValue(sized, 'abcd')).toMatch(/too long: 4 characters, at most 3 allowed/);
  });
});
