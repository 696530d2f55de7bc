// model.describe: concrete paths to the official BBF model definitions.
import { describe, expect, it } from 'vitest';
import { describeForRoot, describePath, modelKindOf } from '../../electron/core/api/model-describe';
import { loadDataModel } from '../../electron/lib/datamodel/bbf-model';

const tr181 = loadDataModel('tr181');

describe('model.describe', () => {
  it('describes a string parameter with its length limit', () => {
    const d = describePath(tr181, 'Device.WiFi.SSID.3.SSID');
    expect(d).toMatchObject({ genericPath: 'Device.WiFi.SSID.{i}.SSID', type: 'string', writable: true, object: false, maxLength: 32 });
    expect(d?.spec).toMatch(/^Device:2\./);
    expect(d?.description).toBeTruthy();
  });

  it('describes ranges, enumerations and units', () => {
    const port = describePath(tr181, 'Device.NAT.PortMapping.1.ExternalPort');
    expect(port?.type).toBe('unsignedInt');
    expect(port?.ranges?.[0]).toMatchObject({ min: 0, max: 65535 });
    const proto = describePath(tr181, 'Device.NAT.PortMapping.1.Protocol');
    expect(proto?.enumeration).toEqual(expect.arrayContaining(['TCP', 'UDP']));
    const up = describePath(tr181, 'Device.DeviceInfo.UpTime');
    expect(up).toMatchObject({ type: 'unsignedInt', writable: false, units: 'seconds' });
  });

  it('describes tables and instances as creatable objects', () => {
    const table = describePath(tr181, 'Device.NAT.PortMapping.');
    expect(table).toMatchObject({ object: true, multiInstance: true, creatable: true, writable: true, genericPath: 'Device.NAT.PortMapping.' });
    const row = describePath(tr181, 'Device.NAT.PortMapping.4.');
    expect(row).toMatchObject({ object: true, creatable: true, genericPath: 'Device.NAT.PortMapping.{i}.' });
    const radios = describePath(tr181, 'Device.WiFi.Radio.');
    expect(radios?.creatable).toBe(false);
    expect(describePath(tr181, 'Device.WiFi.')).toMatchObject({ object: true, multiInstance: false, creatable: false });
  });

  it('picks the model from the device root', () => {
    expect(modelKindOf('InternetGatewayDevice.')).toBe('tr098');
    const d = describeForRoot('InternetGatewayDevice.', 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.2.Channel');
    expect(d).toMatchObject({ type: 'unsignedInt', writable: true });
    expect(d?.spec).toMatch(/^InternetGatewayDevice:1\./);
    expect(describeForRoot('Device.', 'InternetGatewayDevice.DeviceInfo.UpTime')).toBeNull();
  });

  it('answers null for vendor extensions and unknown names', () => {
    expect(describePath(tr181, 'Device.X_ACME_Foo')).toBeNull();
    expect(describePath(tr181, 'Device.WiFi.SSID.1.NoSuchThing')).toBeNull();
  });
});
