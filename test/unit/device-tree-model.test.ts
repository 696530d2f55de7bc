// The device page's pure parts: the lazy tree cache, pending/failed edit
// states from the task list, and tasks in words.
import { describe, expect, it } from 'vitest';
import type { ParameterRecord, TaskRecord } from '../../shared/model/records';
import { editStates } from '../../renderer/src/features/device/edit-state';
import { formatUptime, relativeTime } from '../../renderer/src/lib/format';
import { argsSummary, faultLines, resultSummary } from '../../renderer/src/features/device/task-text';
import {
  ParamTreeCache, genericPathOf, isInstancePath, nodeName, objectAncestors, parentPath,
} from '../../renderer/src/features/device/tree-model';
import { affectedObjects } from '../../renderer/src/features/device/task-effects';

const rec = (path: string, extra: Partial<ParameterRecord> = {}): ParameterRecord => ({ path, object: path.endsWith('.'), ...extra });

describe('paths', () => {
  it('splits TR-106 paths', () => {
    expect(parentPath('Device.WiFi.SSID.1.SSID')).toBe('Device.WiFi.SSID.1.');
    expect(parentPath('Device.WiFi.SSID.1.')).toBe('Device.WiFi.SSID.');
    expect(parentPath('Device.')).toBe('');
    expect(nodeName('Device.WiFi.SSID.1.')).toBe('1');
    expect(nodeName('Device.WiFi.SSID.1.SSID')).toBe('SSID');
    expect(isInstancePath('Device.WiFi.SSID.12.')).toBe(true);
    expect(isInstancePath('Device.WiFi.SSID.')).toBe(false);
    expect(objectAncestors('Device.WiFi.SSID.1.SSID')).toEqual(['Device.', 'Device.WiFi.', 'Device.WiFi.SSID.', 'Device.WiFi.SSID.1.']);
    expect(genericPathOf('Device.IP.Interface.2.IPv4Address.1.IPAddress')).toBe('Device.IP.Interface.{i}.IPv4Address.{i}.IPAddress');
  });
});

describe('ParamTreeCache', () => {
  it('hands the tree its records: unloaded objects have no children yet, leaves none at all; tables are recognised', () => {
    const c = new ParamTreeCache('Device.');
    c.setChildren('Device.', [rec('Device.WiFi.', { writable: false }), rec('Device.RootDataModelVersion', { value: '2.19', type: 'string' })]);
    const [root] = c.build();
    expect(root.path).toBe('Device.');
    const kids = c.childrenOf(root)!;
    expect(kids.map((r) => [nodeName(r.path), c.kindOf(r), c.childrenOf(r)])).toEqual([['WiFi', 'object', []], ['RootDataModelVersion', 'parameter', null]]);
    c.setChildren('Device.WiFi.', [rec('Device.WiFi.SSID.', { writable: false })]);
    c.setChildren('Device.WiFi.SSID.', [rec('Device.WiFi.SSID.1.'), rec('Device.WiFi.SSID.2.')]);
    const ssid = c.childrenOf(c.get('Device.WiFi.')!)![0];
    expect(c.kindOf(ssid)).toBe('table');
    expect(c.childrenOf(ssid)!.map((r) => c.kindOf(r))).toEqual(['instance', 'instance']);
    expect(c.peek('Device.WiFi.SSID.')).toMatchObject({ kind: 'table', count: 2, name: 'SSID' });
    // An empty table is known by the CPE's writable flag (AddObject allowed).
    c.setChildren('Device.NAT.', [rec('Device.NAT.PortMapping.', { writable: true })]);
    expect(c.peek('Device.NAT.PortMapping.')?.kind).toBe('table');
  });

  it('forgets vanished children and their loaded subtrees', () => {
    const c = new ParamTreeCache('Device.');
    c.setChildren('Device.NAT.PortMapping.', [rec('Device.NAT.PortMapping.1.'), rec('Device.NAT.PortMapping.2.')]);
    c.setChildren('Device.NAT.PortMapping.2.', [rec('Device.NAT.PortMapping.2.Enable', { value: 'true' })]);
    c.setChildren('Device.NAT.PortMapping.', [rec('Device.NAT.PortMapping.1.')]);
    expect(c.isLoaded('Device.NAT.PortMapping.2.')).toBe(false);
    expect(c.get('Device.NAT.PortMapping.2.Enable')).toBeUndefined();
  });

  it('keeps the parent list pointing at the current record of a re-read object', () => {
    const c = new ParamTreeCache('Device.');
    c.setChildren('Device.', [rec('Device.X.', { writable: false })]);
    c.applySubtree('Device.', [rec('Device.X.', { writable: true }), rec('Device.X.a', { value: '1' })], true);
    expect(c.childrenOf(c.get('Device.')!)![0]).toBe(c.get('Device.X.'));
    expect(c.get('Device.X.')?.writable).toBe(true);
  });

  it('applies a whole-subtree listing to the loaded objects only, or to all of them', () => {
    const all = [
      rec('Device.A.'), rec('Device.A.x', { value: '1' }), rec('Device.A.B.'), rec('Device.A.B.y', { value: '2' }), rec('Device.C.'),
    ];
    const lazy = new ParamTreeCache('Device.');
    lazy.setChildren('Device.', [rec('Device.A.'), rec('Device.C.')]);
    lazy.applySubtree('Device.', all);
    expect(lazy.loadedPaths().sort()).toEqual(['Device.']);
    const full = new ParamTreeCache('Device.');
    full.applySubtree('Device.', all, true);
    expect(full.loadedPaths().sort()).toEqual(['Device.', 'Device.A.', 'Device.A.B.', 'Device.C.']);
    expect(full.childrenOf(full.get('Device.A.')!)!.map((r) => nodeName(r.path))).toEqual(['x', 'B']);
  });
});

const task = (t: Partial<TaskRecord>): TaskRecord => ({
  id: 't', deviceId: 'd', rpc: 'SetParameterValues', args: { ParameterList: [], ParameterKey: '' }, status: 'queued', origin: 'api',
  created: '2026-01-01T00:00:10Z', attempts: 0, ...t,
} as TaskRecord);

describe('edit states', () => {
  const spv = (id: string, status: TaskRecord['status'], value: string, extra: Partial<TaskRecord> = {}) => task({
    id, status, args: { ParameterList: [{ Name: 'Device.WiFi.SSID.1.SSID', Value: value }], ParameterKey: '' }, ...extra,
  });

  it('pending while queued or running, nothing once done', () => {
    expect(editStates([spv('a', 'running', 'Lab')], '2026-01-01T00:00:00Z').get('Device.WiFi.SSID.1.SSID'))
      .toEqual({ pending: { taskId: 'a', label: 'pending', value: 'Lab' } });
    expect(editStates([spv('b', 'done', 'Lab'), spv('a', 'failed', 'x', { finished: '2026-01-01T00:00:20Z' })], '2026-01-01T00:00:00Z').size).toBe(0);
  });

  it('a failure shows its per-parameter fault in words, only when recent', () => {
    const failed = spv('a', 'failed', 'Lab', {
      finished: '2026-01-01T00:00:20Z',
      fault: { FaultCode: 9003, FaultString: 'Invalid arguments', explanation: '9003 Invalid arguments', SetParameterValuesFault: [
        { ParameterName: 'Device.WiFi.SSID.1.SSID', FaultCode: 9007, FaultString: 'Invalid parameter value' },
      ] },
    });
    const s = editStates([failed], '2026-01-01T00:00:00Z').get('Device.WiFi.SSID.1.SSID');
    expect(s?.failure?.text).toMatch(/^9007 Invalid parameter value: /);
    expect(editStates([failed], '2026-01-02T00:00:00Z').size).toBe(0);
  });

  it('AddObject and DeleteObject mark their objects', () => {
    const m = editStates([
      task({ id: 'x', rpc: 'AddObject', args: { ObjectName: 'Device.NAT.PortMapping.', ParameterKey: '' } }),
      task({ id: 'y', rpc: 'DeleteObject', status: 'running', args: { ObjectName: 'Device.NAT.PortMapping.3.', ParameterKey: '' } }),
    ], '2026-01-01T00:00:00Z');
    expect(m.get('Device.NAT.PortMapping.')?.pending?.label).toBe('adding instance');
    expect(m.get('Device.NAT.PortMapping.3.')?.pending?.label).toBe('deleting');
  });
});

describe('tasks in words', () => {
  it('summarizes arguments and results', () => {
    const t = task({ args: { ParameterList: [{ Name: 'Device.WiFi.SSID.1.SSID', Value: 'Lab' }, { Name: 'Device.X', Value: '1' }], ParameterKey: '' } });
    expect(argsSummary(t)).toBe('Device.WiFi.SSID.1.SSID = "Lab" +1 more');
    expect(resultSummary({ ...t, status: 'done', result: { Status: 0 } })).toBe('applied');
    expect(resultSummary(task({ rpc: 'AddObject', status: 'done', result: { InstanceNumber: 5, Status: 0 } }))).toBe('instance 5 created');
    expect(resultSummary(task({ origin: 'discovery', rpc: 'GetParameterNames', status: 'done', result: { names: 8156, parameters: 7000 } })))
      .toBe('8,156 names, 7,000 values');
  });

  it('a reboot or factory reset reads as over once the device has informed since', () => {
    const reboot = task({ rpc: 'Reboot', status: 'done', args: { CommandKey: 'k' }, finished: '2026-01-01T10:00:00.000Z' });
    expect(resultSummary(reboot)).toMatch(/accepted the reboot; it comes back with a 1 BOOT \/ M Reboot Inform/);
    const before = { lastInform: '2026-01-01T09:59:00.000Z', lastEvents: [{ EventCode: '2 PERIODIC', CommandKey: '' }] };
    expect(resultSummary(reboot, before)).toMatch(/accepted the reboot/);
    const back = { lastInform: '2026-01-01T10:00:05.000Z', lastEvents: [{ EventCode: '1 BOOT', CommandKey: '' }, { EventCode: 'M Reboot', CommandKey: 'k' }] };
    expect(resultSummary(reboot, back)).toMatch(/^rebooted; back at .+ \(1 BOOT, M Reboot\)$/);
    const later = { lastInform: '2026-01-01T10:05:00.000Z', lastEvents: [{ EventCode: '2 PERIODIC', CommandKey: '' }] };
    expect(resultSummary(reboot, later)).toMatch(/^rebooted; the device has informed since/);
    const reset = task({ rpc: 'FactoryReset', status: 'done', args: {}, finished: '2026-01-01T10:00:00.000Z' });
    expect(resultSummary(reset, { lastInform: '2026-01-01T10:01:00.000Z', lastEvents: [{ EventCode: '0 BOOTSTRAP', CommandKey: '' }, { EventCode: '1 BOOT', CommandKey: '' }] }))
      .toMatch(/^reset to factory settings; back at .+ \(0 BOOTSTRAP, 1 BOOT\)$/);
  });

  it('explains faults with the per-parameter list', () => {
    const lines = faultLines(task({ status: 'failed', fault: { FaultCode: 9003, FaultString: '', explanation: '9003 Invalid arguments: …', SetParameterValuesFault: [
      { ParameterName: 'Device.A', FaultCode: 9008, FaultString: '' },
    ] } }));
    expect(lines).toEqual([{ text: '9003 Invalid arguments: …' }, { parameter: 'Device.A', text: expect.stringMatching(/^9008 Attempt to set a non-writable parameter/) }]);
    expect(faultLines(task({ status: 'failed', error: 'session dropped' }))).toEqual([{ text: 'session dropped' }]);
  });

  it('knows which objects a finished task changed', () => {
    expect(affectedObjects(task({ args: { ParameterList: [{ Name: 'Device.WiFi.SSID.1.SSID', Value: 'x' }], ParameterKey: '' } }), 'Device.').reload)
      .toEqual(['Device.WiFi.SSID.1.']);
    expect(affectedObjects(task({ rpc: 'DeleteObject', args: { ObjectName: 'Device.NAT.PortMapping.2.', ParameterKey: '' } }), 'Device.'))
      .toEqual({ reload: ['Device.NAT.PortMapping.'], under: [], removed: ['Device.NAT.PortMapping.2.'] });
    expect(affectedObjects(task({ origin: 'discovery', rpc: 'GetParameterNames', args: { ParameterPath: 'Device.WiFi.', NextLevel: false } }), 'Device.'))
      .toEqual({ reload: ['Device.'], under: ['Device.WiFi.'], removed: [] });
  });
});

describe('format', () => {
  it('uptime in the two largest units', () => {
    expect(formatUptime(3 * 86400 + 4 * 3600 + 59)).toBe('3 d 4 h');
    expect(formatUptime(4 * 3600 + 12 * 60)).toBe('4 h 12 min');
    expect(formatUptime(125)).toBe('2 min');
    expect(formatUptime(45)).toBe('45 s');
    expect(formatUptime(undefined)).toBe('—');
  });
  it('relative times', () => {
    const now = Date.parse('2026-01-01T01:00:00Z');
    expect(relativeTime('2026-01-01T00:55:00Z', now)).toBe('5 min ago');
    expect(relativeTime('2026-01-01T00:59:58Z', now)).toBe('just now');
    expect(relativeTime(undefined, now)).toBe('never');
  });
});
