// The virtual CPE's data model against TR-069 Amd 6 A.3.2: names, values,
// attributes, objects, and every fault code they can raise.
import { describe, expect, it } from 'vitest';
import { CpeFault, CpeState } from '../../electron/sim/cpe-state';
import { periodicWaitMs, retryWaitMs } from '../../electron/sim/cpe-timers';
import type { Quirks } from '../../electron/sim/quirks';
import { templateFor } from '../../electron/sim/templates';

const tr181 = (quirks: Quirks = {}) => new CpeState(templateFor({ model: 'tr181' }), quirks);
const tr098 = () => new CpeState(templateFor({ model: 'tr098' }));

function fault(fn: () => unknown): CpeFault {
  try {
    fn();
  } catch (e) {
    if (e instanceof CpeFault) return e;
    throw e;
  }
  throw new Error('expected a CpeFault');
}

const SSID = 'Device.WiFi.SSID.1.SSID';
const PM = 'Device.NAT.PortMapping.';

describe('GetParameterNames (A.3.2.2)', () => {
  it("'' with NextLevel lists only the root object; without, the whole tree", () => {
    const s = tr181();
    expect(s.getParameterNames('', true)).toEqual([{ Name: 'Device.', Writable: false }]);
    const all = s.getParameterNames('', false).map((p) => p.Name);
    expect(all[0]).toBe('Device.');
    expect(all).toContain('Device.DeviceInfo.');
    expect(all).toContain('Device.DeviceInfo.SerialNumber');
    expect(all).toContain(PM);
    expect(all.filter((n) => !n.endsWith('.')).length).toBe(s.parameterCount);
  });

  it('NextLevel true lists direct children only, objects with a trailing dot', () => {
    const names = tr181().getParameterNames('Device.', true).map((p) => p.Name);
    expect(names).toContain('Device.DeviceInfo.');
    expect(names).toContain('Device.RootDataModelVersion');
    expect(names).not.toContain('Device.');
    expect(names.every((n) => n.slice('Device.'.length).replace(/\.$/, '').indexOf('.') < 0)).toBe(true);
    const rows = tr181().getParameterNames('Device.WiFi.SSID.', true).map((p) => p.Name);
    expect(rows).toContain('Device.WiFi.SSID.1.');
    expect(rows.every((r) => /^Device\.WiFi\.SSID\.\d+\.$/.test(r))).toBe(true);
  });

  it('NextLevel false on a partial path includes the object itself and all descendants', () => {
    const names = tr181().getParameterNames('Device.WiFi.SSID.1.', false).map((p) => p.Name);
    expect(names[0]).toBe('Device.WiFi.SSID.1.');
    expect(names).toContain(SSID);
    expect(names).toContain('Device.WiFi.SSID.1.Stats.');
    expect(names).toContain('Device.WiFi.SSID.1.Stats.BytesSent');
    expect(names.every((n) => n.startsWith('Device.WiFi.SSID.1.'))).toBe(true);
  });

  it('reports Writable: creatable tables and their rows, writable parameters', () => {
    const s = tr181();
    const w = (path: string, next = false) => s.getParameterNames(path, next).find((p) => p.Name === path)?.Writable;
    expect(w(PM)).toBe(true);
    expect(w('Device.DeviceInfo.')).toBe(false);
    expect(w('Device.WiFi.Radio.')).toBe(false);
    expect(w(SSID)).toBe(true);
    expect(w('Device.DeviceInfo.SerialNumber')).toBe(false);
  });

  it('a parameter name gives that parameter; NextLevel true on it is 9003; unknown paths are 9005', () => {
    const s = tr181();
    expect(s.getParameterNames(SSID, false)).toEqual([{ Name: SSID, Writable: true }]);
    expect(fault(() => s.getParameterNames(SSID, true)).code).toBe(9003);
    expect(fault(() => s.getParameterNames('Device.Nope.', false)).code).toBe(9005);
    expect(fault(() => s.getParameterNames('Device.WiFi.SSID.99.', true)).code).toBe(9005);
    expect(fault(() => s.getParameterNames('Device.WiFi.SSID.1.Nope', false)).code).toBe(9005);
  });

  it('quirks: rejectRootGpn (9005 or 9002) and omitParentObjects', () => {
    expect(fault(() => tr181({ rejectRootGpn: true }).getParameterNames('', true)).code).toBe(9005);
    expect(fault(() => tr181({ rejectRootGpn: 9002 }).getParameterNames('Device.', false)).code).toBe(9002);
    expect(tr181({ rejectRootGpn: true }).getParameterNames('Device.WiFi.', true).length).toBeGreaterThan(0);
    const names = tr181({ omitParentObjects: true }).getParameterNames('Device.WiFi.', false).map((p) => p.Name);
    expect(names.length).toBeGreaterThan(10);
    expect(names.some((n) => n.endsWith('.'))).toBe(false);
  });

  it('works on TR-098 too', () => {
    const s = tr098();
    expect(s.getParameterNames('', true)).toEqual([{ Name: 'InternetGatewayDevice.', Writable: false }]);
    expect(s.getParameterNames('InternetGatewayDevice.', true).map((p) => p.Name)).toContain('InternetGatewayDevice.DeviceInfo.');
  });
});

describe('GetParameterValues (A.3.2.2)', () => {
  it('expands partial paths, keeps full names, faults 9005 on any unknown name', () => {
    const s = tr181();
    const list = s.getParameterValues(['Device.DeviceInfo.', SSID]);
    expect(list.find((p) => p.Name === 'Device.DeviceInfo.SerialNumber')).toMatchObject({ Type: 'string' });
    expect(list.at(-1)).toMatchObject({ Name: SSID, Type: 'string' });
    expect(list.every((p) => !p.Name.endsWith('.'))).toBe(true);
    expect(fault(() => s.getParameterValues([SSID, 'Device.Nope'])).code).toBe(9005);
    expect(fault(() => s.getParameterValues(['Device.Nope.'])).code).toBe(9005);
  });

  it('reads hidden parameters (passwords, keys) as ""', () => {
    const s = tr181();
    s.setParameterValues([{ Name: 'Device.ManagementServer.ConnectionRequestPassword', Value: 's3cret', Type: 'string' }], 'k');
    expect(s.get('Device.ManagementServer.ConnectionRequestPassword')).toBe('s3cret');
    expect(s.getParameterValues(['Device.ManagementServer.ConnectionRequestPassword'])[0]!.Value).toBe('');
  });

  it('UpTime is live, counted from the boot time', () => {
    const s = tr181();
    s.bootTime = Date.now() - 42_000;
    expect(Number(s.getParameterValues(['Device.DeviceInfo.UpTime'])[0]!.Value)).toBeGreaterThanOrEqual(42);
  });

  it('booleansAsNumbers: booleans read as 0/1', () => {
    const v = tr181({ booleansAsNumbers: true }).getParameterValues(['Device.WiFi.SSID.1.Enable'])[0]!;
    expect(v.Type).toBe('boolean');
    expect(['0', '1']).toContain(v.Value);
  });
});

describe('SetParameterValues (A.3.2.1)', () => {
  it('sets values, the ParameterKey, and answers Status 0; a missing xsi:type is accepted', () => {
    const s = tr181();
    expect(s.setParameterValues([
      { Name: SSID, Value: 'Lab', Type: 'string' },
      { Name: 'Device.WiFi.SSID.1.Enable', Value: '1' },
    ], 'key-1')).toBe(0);
    expect(s.get(SSID)).toBe('Lab');
    expect(s.get('Device.WiFi.SSID.1.Enable')).toBe('true');
    expect(s.get('Device.ManagementServer.ParameterKey')).toBe('key-1');
  });

  it('is atomic: one 9003 with a SetParameterValuesFault per bad parameter, nothing applied', () => {
    const s = tr181();
    const before = s.get(SSID);
    const f = fault(() => s.setParameterValues([
      { Name: SSID, Value: 'changed', Type: 'string' },
      { Name: 'Device.Nope', Value: 'x', Type: 'string' },
      { Name: 'Device.DeviceInfo.SerialNumber', Value: 'x', Type: 'string' },
      { Name: 'Device.WiFi.SSID.1.Enable', Value: 'true', Type: 'string' },
      { Name: 'Device.ManagementServer.PeriodicInformInterval', Value: 'soon', Type: 'unsignedInt' },
      { Name: 'Device.WiFi.SSID.2.SSID', Value: 'x'.repeat(40), Type: 'string' },
    ], 'k2'));
    expect(f.code).toBe(9003);
    expect(f.spv!.map((x) => [x.ParameterName, x.FaultCode])).toEqual([
      ['Device.Nope', 9005],
      ['Device.DeviceInfo.SerialNumber', 9008],
      ['Device.WiFi.SSID.1.Enable', 9006],
      ['Device.ManagementServer.PeriodicInformInterval', 9007],
      ['Device.WiFi.SSID.2.SSID', 9007],
    ]);
    expect(f.toFault().detail.SetParameterValuesFault).toHaveLength(5);
    expect(s.get(SSID)).toBe(before);
    expect(s.get('Device.ManagementServer.ParameterKey')).toBe('');
  });

  it('refuses a name given twice (9003) and values outside the range (9007)', () => {
    const s = tr181();
    expect(fault(() => s.setParameterValues([{ Name: SSID, Value: 'a' }, { Name: SSID, Value: 'b' }], '')).code).toBe(9003);
    const f = fault(() => s.setParameterValues([{ Name: 'Device.ManagementServer.PeriodicInformInterval', Value: '0', Type: 'unsignedInt' }], ''));
    expect(f.spv![0]!.FaultCode).toBe(9007);
  });

  it('booleansAsNumbers: "true" is 9007, 1 is fine', () => {
    const s = tr181({ booleansAsNumbers: true });
    expect(fault(() => s.setParameterValues([{ Name: 'Device.WiFi.SSID.1.Enable', Value: 'true', Type: 'boolean' }], '')).spv![0]!.FaultCode).toBe(9007);
    expect(s.setParameterValues([{ Name: 'Device.WiFi.SSID.1.Enable', Value: '0', Type: 'boolean' }], '')).toBe(0);
    expect(s.getParameterValues(['Device.WiFi.SSID.1.Enable'])[0]!.Value).toBe('0');
  });
});

describe('Get/SetParameterAttributes (A.3.2.3–4)', () => {
  it('sets and reads notification and access list, partial paths included', () => {
    const s = tr181();
    expect(s.getParameterAttributes([SSID])).toEqual([{ Name: SSID, Notification: 0, AccessList: [] }]);
    s.setParameterAttributes([{ Name: SSID, NotificationChange: true, Notification: 2, AccessListChange: true, AccessList: ['Subscriber'] }]);
    expect(s.getParameterAttributes([SSID])).toEqual([{ Name: SSID, Notification: 2, AccessList: ['Subscriber'] }]);
    s.setParameterAttributes([{ Name: 'Device.WiFi.SSID.2.', NotificationChange: true, Notification: 1, AccessListChange: false, AccessList: [] }]);
    const attrs = s.getParameterAttributes(['Device.WiFi.SSID.2.']);
    expect(attrs.length).toBeGreaterThan(3);
    expect(attrs.filter((a) => !a.Name.includes('.Stats.')).every((a) => a.Notification === 1)).toBe(true);
    // Stats counters within the partial path still take passive notification.
    expect(attrs.find((a) => a.Name.endsWith('Stats.BytesSent'))!.Notification).toBe(1);
  });

  it('refuses active notification on constantly changing parameters (9009)', () => {
    const s = tr181();
    const set = (Name: string, Notification: number) =>
      s.setParameterAttributes([{ Name, NotificationChange: true, Notification, AccessListChange: false, AccessList: [] }]);
    expect(fault(() => set('Device.DeviceInfo.UpTime', 2)).code).toBe(9009);
    expect(fault(() => set('Device.WiFi.SSID.1.Stats.BytesSent', 2)).code).toBe(9009);
    set('Device.DeviceInfo.UpTime', 1);
    // Partial path: the counters are left out, the rest is set.
    set('Device.WiFi.SSID.1.', 2);
    expect(s.getParameterAttributes(['Device.WiFi.SSID.1.Stats.BytesSent'])[0]!.Notification).toBe(0);
    expect(s.getParameterAttributes([SSID])[0]!.Notification).toBe(2);
  });

  it('faults 9005 on unknown names, 9003 on bad values, atomically', () => {
    const s = tr181();
    expect(fault(() => s.getParameterAttributes(['Device.Nope'])).code).toBe(9005);
    expect(fault(() => s.setParameterAttributes([
      { Name: SSID, NotificationChange: true, Notification: 1, AccessListChange: false, AccessList: [] },
      { Name: 'Device.Nope', NotificationChange: true, Notification: 1, AccessListChange: false, AccessList: [] },
    ])).code).toBe(9005);
    expect(s.getParameterAttributes([SSID])[0]!.Notification).toBe(0);
    const seven = { Name: SSID, NotificationChange: true, Notification: 7, AccessListChange: false, AccessList: [] };
    expect(fault(() => s.setParameterAttributes([seven])).code).toBe(9003);
    expect(fault(() => s.setParameterAttributes([{ Name: SSID, NotificationChange: false, Notification: 0, AccessListChange: true, AccessList: ['Everyone'] }])).code).toBe(9003);
  });
});

describe('AddObject / DeleteObject (A.3.2.6–7)', () => {
  it('adds rows with growing, never reused instance numbers and keeps NumberOfEntries', () => {
    const s = tr181();
    const count = () => Number(s.get('Device.NAT.PortMappingNumberOfEntries'));
    const before = count();
    const a = s.addObject(PM, 'add-1');
    expect(a.Status).toBe(0);
    expect(s.get('Device.ManagementServer.ParameterKey')).toBe('add-1');
    expect(count()).toBe(before + 1);
    const row = `${PM}${a.InstanceNumber}.`;
    const names = s.getParameterNames(row, false).map((p) => p.Name);
    expect(names[0]).toBe(row);
    expect(names).toContain(`${row}InternalClient`);
    expect(s.getParameterNames(PM, true).map((p) => p.Name)).toContain(row);
    const b = s.addObject(PM, 'add-2');
    expect(b.InstanceNumber).toBe(a.InstanceNumber + 1);
    expect(s.deleteObject(`${PM}${b.InstanceNumber}.`, 'del-1')).toBe(0);
    expect(s.get('Device.ManagementServer.ParameterKey')).toBe('del-1');
    expect(count()).toBe(before + 1);
    expect(fault(() => s.getParameterNames(`${PM}${b.InstanceNumber}.`, false)).code).toBe(9005);
    expect(s.addObject(PM, '').InstanceNumber).toBe(b.InstanceNumber + 1);
  });

  it('the new row can be set, and new rows are independent between CPEs sharing a template', () => {
    const s1 = tr181();
    const s2 = tr181();
    const n = s1.addObject(PM, '').InstanceNumber;
    s1.setParameterValues([{ Name: `${PM}${n}.Description`, Value: 'ssh', Type: 'string' }], '');
    expect(s1.get(`${PM}${n}.Description`)).toBe('ssh');
    expect(s2.has(`${PM}${n}.Description`)).toBe(false);
    s1.setParameterValues([{ Name: SSID, Value: 'only-s1' }], '');
    expect(s2.get(SSID)).not.toBe('only-s1');
  });

  it('faults: 9005 for non-tables, non-creatable tables, missing rows; 9001 for rows that cannot be deleted', () => {
    const s = tr181();
    expect(fault(() => s.addObject('Device.DeviceInfo.', '')).code).toBe(9005);
    expect(fault(() => s.addObject('Device.WiFi.Radio.', '')).code).toBe(9005);
    expect(fault(() => s.addObject('Device.NAT.PortMapping', '')).code).toBe(9005);
    expect(fault(() => s.addObject('Device.Nope.', '')).code).toBe(9005);
    expect(fault(() => s.deleteObject(`${PM}9999.`, '')).code).toBe(9005);
    expect(fault(() => s.deleteObject(PM, '')).code).toBe(9005);
    expect(fault(() => s.deleteObject('Device.WiFi.Radio.1.', '')).code).toBe(9001);
  });

  it('deleting a template row removes its subtree on this CPE only', () => {
    const s = tr181();
    const rows = s.getParameterNames('Device.WiFi.SSID.', true).map((p) => p.Name);
    const last = rows.at(-1)!;
    s.deleteObject(last, '');
    expect(s.getParameterNames('Device.WiFi.SSID.', true).map((p) => p.Name)).not.toContain(last);
    expect(s.getParameterValues(['Device.WiFi.SSID.']).some((p) => p.Name.startsWith(last))).toBe(false);
    expect(tr181().getParameterNames(last, false).length).toBeGreaterThan(1);
  });

  it('TR-098 port mappings', () => {
    const s = tr098();
    const t = 'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.PortMapping.';
    const n = s.addObject(t, 'x').InstanceNumber;
    expect(s.get(`${t.slice(0, -'PortMapping.'.length)}PortMappingNumberOfEntries`)).toBe(String(s.getParameterNames(t, true).length));
    expect(s.deleteObject(`${t}${n}.`, 'y')).toBe(0);
  });
});

describe('local changes and notification', () => {
  it('setLocal validates, and remembers changes only when notification is on', () => {
    const s = tr181();
    expect(s.setLocal(SSID, 'quiet')).toBe(0);
    expect(s.pendingChanges()).toEqual([]);
    s.setParameterAttributes([{ Name: SSID, NotificationChange: true, Notification: 2, AccessListChange: false, AccessList: [] }]);
    expect(s.setLocal(SSID, 'loud')).toBe(2);
    expect(s.pendingChanges()).toEqual([{ Name: SSID, Value: 'loud', Type: 'string' }]);
    s.clearChanges([SSID]);
    expect(s.pendingChanges()).toEqual([]);
    expect(fault(() => s.setLocal(SSID, 'x'.repeat(40))).code).toBe(9007);
    expect(fault(() => s.setLocal('Device.Nope', 'x')).code).toBe(9005);
  });

  it('factory reset restores the template', () => {
    const s = tr181();
    s.setParameterValues([{ Name: SSID, Value: 'custom' }], 'k');
    s.addObject(PM, '');
    const fresh = tr181();
    s.factoryReset();
    expect(s.get(SSID)).toBe(fresh.get(SSID));
    expect(s.getParameterNames(PM, true)).toEqual(fresh.getParameterNames(PM, true));
    expect(s.overlaySize).toBe(0);
  });
});

describe('session timing (TR-069 §3.2.1.1 and PeriodicInformTime)', () => {
  it('retry waits follow m·(k/1000)^(n−1) .. m·(k/1000)^n seconds, capped at n = 10', () => {
    expect([retryWaitMs(1, 5, 2000, () => 0), retryWaitMs(1, 5, 2000, () => 1)]).toEqual([5000, 10000]);
    expect([retryWaitMs(2, 5, 2000, () => 0), retryWaitMs(2, 5, 2000, () => 1)]).toEqual([10000, 20000]);
    expect(retryWaitMs(10, 5, 2000, () => 0)).toBe(2560_000);
    expect(retryWaitMs(25, 5, 2000, () => 1)).toBe(5120_000);
  });

  it('periodic Informs align to PeriodicInformTime when it is known', () => {
    const now = Date.parse('2026-01-01T10:00:10Z');
    expect(periodicWaitMs(60, '0001-01-01T00:00:00Z', now)).toBe(60_000);
    expect(periodicWaitMs(60, '2026-01-01T00:00:00Z', now)).toBe(50_000);
    expect(periodicWaitMs(60, '2026-01-01T10:00:10Z', now)).toBe(60_000);
  });
});
