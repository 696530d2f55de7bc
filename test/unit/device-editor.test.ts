// The tree editor's checks before anything is sent (renderer/src/features/device/validate-value.ts),
// fed with real model.describe answers from the official BBF models.
import { describe, expect, it } from 'vitest';
import { describePath } from '../../electron/core/api/model-describe';
import { loadDataModel } from '../../electron/lib/datamodel/bbf-model';
import { constraintText, editorKind, normalizeValue, validateValue } from '../../renderer/src/features/device/validate-value';

const tr181 = loadDataModel('tr181');
const tr098 = loadDataModel('tr098');
const d181 = (p: string) => describePath(tr181, p);

describe('editor kind', () => {
  it('fits the type: switch, number, select, dateTime, text', () => {
    expect(editorKind('boolean', d181('Device.WiFi.SSID.1.Enable'))).toBe('boolean');
    expect(editorKind('unsignedInt', d181('Device.NAT.PortMapping.1.ExternalPort'))).toBe('integer');
    expect(editorKind('string', d181('Device.NAT.PortMapping.1.Protocol'))).toBe('enum');
    expect(editorKind('dateTime', d181('Device.ManagementServer.PeriodicInformTime'))).toBe('datetime');
    expect(editorKind('string', d181('Device.WiFi.SSID.1.SSID'))).toBe('text');
    // A list of enumerated items is typed as text (comma-separated).
    expect(editorKind('string', d181('Device.WiFi.Radio.1.OperatingStandards'))).toBe('text');
    expect(editorKind(undefined, null)).toBe('text');
  });
});

describe('validateValue', () => {
  it('checks the TR-106 type first', () => {
    expect(validateValue('yes', 'boolean')).toMatch(/not a boolean/);
    expect(validateValue('true', 'boolean')).toBeNull();
    expect(validateValue('12a', 'unsignedInt')).toMatch(/not an integer/);
    expect(validateValue('-1', 'unsignedInt')).toMatch(/outside the unsignedInt range/);
    expect(validateValue('2026-13', 'dateTime')).toMatch(/not a dateTime/);
    expect(validateValue('2026-01-31T12:00:00Z', 'dateTime')).toBeNull();
  });

  it('enforces the string size from the model (SSID: at most 32)', () => {
    const ssid = d181('Device.WiFi.SSID.1.SSID');
    expect(validateValue('Lab', 'string', ssid)).toBeNull();
    expect(validateValue('x'.repeat(32), 'string', ssid)).toBeNull();
    expect(validateValue('x'.repeat(33), 'string', ssid)).toBe('too long: 33 characters, at most 32 allowed');
    // Characters, not UTF-16 units.
    expect(validateValue('\u{1F600}'.repeat(32), 'string', ssid)).toBeNull();
  });

  it('enforces ranges and enumerations', () => {
    const port = d181('Device.NAT.PortMapping.1.ExternalPort');
    expect(validateValue('8080', 'unsignedInt', port)).toBeNull();
    expect(validateValue('70000', 'unsignedInt', port)).toMatch(/outside the allowed range 0\.\.65535/);
    const proto = d181('Device.NAT.PortMapping.1.Protocol');
    expect(validateValue('UDP', 'string', proto)).toBeNull();
    expect(validateValue('ICMP', 'string', proto)).toMatch(/not one of the allowed values: TCP, UDP/);
    const channel = describePath(tr098, 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.Channel');
    expect(validateValue('6', 'unsignedInt', channel)).toBeNull();
    expect(validateValue('300', 'unsignedInt', channel)).toMatch(/outside the allowed range/);
  });

  it('checks list items (TR-106 3.2.3)', () => {
    const std = d181('Device.WiFi.Radio.1.OperatingStandards');
    expect(std?.list).toBe(true);
    expect(validateValue('n,ax', 'string', std)).toBeNull();
    expect(validateValue('n,zz', 'string', std)).toMatch(/^list item "zz" is not one of the allowed values/);
  });

  it('checks patterns (an IPv4 address)', () => {
    // IPAddress is of the model's IPv4Address data type, which carries patterns (TR-181 2.19).
    const ip = d181('Device.IP.Interface.1.IPv4Address.1.IPAddress');
    expect(ip?.pattern?.length).toBeGreaterThan(0);
    expect(validateValue('192.168.1.20', 'string', ip)).toBeNull();
    expect(validateValue('not-an-ip', 'string', ip)).toMatch(/format|allowed/);
  });

  it('takes the model type when the device sent none', () => {
    const enable = d181('Device.WiFi.SSID.1.Enable');
    expect(validateValue('maybe', undefined, enable)).toMatch(/not a boolean/);
  });

  it('lets any text through for strings without facets, HTML included (shown as text, never parsed)', () => {
    expect(validateValue('<img src=x onerror=alert(1)>', 'string', null)).toBeNull();
  });
});

describe('normalizeValue and constraintText', () => {
  it('sends booleans as true/false and trims numbers', () => {
    expect(normalizeValue('1', 'boolean')).toBe('true');
    expect(normalizeValue('FALSE', 'boolean')).toBe('false');
    expect(normalizeValue(' 42 ', 'integer')).toBe('42');
    expect(normalizeValue(' keep spaces ', 'text')).toBe(' keep spaces ');
  });

  it('summarizes what the model allows', () => {
    expect(constraintText('string', d181('Device.WiFi.SSID.1.SSID'))).toBe('string · max 32 chars');
    expect(constraintText('unsignedInt', d181('Device.NAT.PortMapping.1.ExternalPort'))).toBe('unsignedInt · 0..65535');
    expect(constraintText('unsignedInt', d181('Device.DeviceInfo.UpTime'))).toBe('unsignedInt · seconds');
  });
});
