import { cp, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeviceStore, type ParameterChange } from '../../electron/core/store/device-store';
import { KeyedQueue } from '../../electron/core/store/keyed-queue';
import { comparePaths } from '../../shared/model/natural-order';
import { T0, T1, summary, task, walk } from '../support/store-fixtures';
import { deviceDir, safeFileName } from '../../electron/core/store/paths';

/** A copy of a store folder as it is on disk now, as if the process had been killed. */
async function copyOf(src: string): Promise<string> {
  const to = await mkdtemp(join(tmpdir(), 'tr069-store-crash-'));
  await cp(src, to, { recursive: true });
  copies.push(to);
  return to;
}

let dir: string;
const copies: string[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tr069-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  for (const c of copies.splice(0)) await rm(c, { recursive: true, force: true });
});

describe('DeviceStore', () => {
  it('persists devices, parameters and tasks across close and reopen, leaving no temp files', async () => {
    const store = await DeviceStore.open(dir);
    await store.putDevice(summary('00D09E-HGW-A1'));
    await store.putDevice(summary('00D09E-HGW-A0', { softwareVersion: '1.0' }));
    await store.applyParameters('00D09E-HGW-A1', [
      { path: 'Device.DeviceInfo.SoftwareVersion', value: '5.4.1', type: 'string', writable: false },
      { path: 'Device.ManagementServer.PeriodicInformInterval', value: '300', type: 'unsignedInt', writable: true },
    ], T0);
    await store.putTask(task('t1', '00D09E-HGW-A1', T0));
    await store.close();

    const files = await walk(dir);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(files.map((f) => f.slice(dir.length)).sort()).toEqual([
      '/devices/00D09E-HGW-A0/device.json',
      '/devices/00D09E-HGW-A1/device.json',
      '/devices/00D09E-HGW-A1/parameters.json',
    ]);
    // Compact array entries on disk.
    const raw = JSON.parse(await readFile(join(deviceDir(dir, '00D09E-HGW-A1'), 'parameters.json'), 'utf8'));
    expect(raw.v).toBe(1);
    expect(raw.params['Device.DeviceInfo.SoftwareVersion']).toEqual(['5.4.1', 'string', 0, Date.parse(T0)]);

    const again = await DeviceStore.open(dir);
    expect(again.list().map((d) => d.id)).toEqual(['00D09E-HGW-A0', '00D09E-HGW-A1']);
    expect(again.get('00D09E-HGW-A0')?.softwareVersion).toBe('1.0');
    const d1 = again.get('00D09E-HGW-A1')!;
    expect(d1.parameterCount).toBe(5); // 2 parameters + Device., Device.DeviceInfo., Device.ManagementServer.
    expect(d1.pendingTasks).toBe(1);
    expect(await again.getParameter('00D09E-HGW-A1', 'Device.ManagementServer.PeriodicInformInterval')).toEqual({
      path: 'Device.ManagementServer.PeriodicInformInterval', object: false, value: '300', type: 'unsignedInt',
      writable: true, updated: T0,
    });
    expect(again.getTask('t1')?.status).toBe('queued');
    await again.close();
  });

  it('creates implied parents, sorts naturally, filters by depth', async () => {
    const store = await DeviceStore.open(dir);
    await store.putDevice(summary('D-1'));
    const changes: ParameterChange[] = [];
    for (const i of [10, 2, 1]) {
      changes.push({ path: `Device.IP.Interface.${i}.Name`, value: `if${i}`, type: 'string' });
      changes.push({ path: `Device.IP.Interface.${i}.IPv4Address.1.IPAddress`, value: `10.0.0.${i}` });
    }
    changes.push({ path: 'Device.IP.InterfaceNumberOfEntries', value: '3', type: 'unsignedInt' });
    changes.push({ path: 'Device.IP.Interface.', writable: true });
    await store.applyParameters('D-1', changes, T0);

    const all = (await store.listParameters('D-1')).map((p) => p.path);
    expect(all).toEqual([
      'Device.',
      'Device.IP.',
      'Device.IP.Interface.',
      'Device.IP.Interface.1.',
      'Device.IP.Interface.1.IPv4Address.',
      'Device.IP.Interface.1.IPv4Address.1.',
      'Device.IP.Interface.1.IPv4Address.1.IPAddress',
      'Device.IP.Interface.1.Name',
      'Device.IP.Interface.2.',
      'Device.IP.Interface.2.IPv4Address.',
      'Device.IP.Interface.2.IPv4Address.1.',
      'Device.IP.Interface.2.IPv4Address.1.IPAddress',
      'Device.IP.Interface.2.Name',
      'Device.IP.Interface.10.',
      'Device.IP.Interface.10.IPv4Address.',
      'Device.IP.Interface.10.IPv4Address.1.',
      'Device.IP.Interface.10.IPv4Address.1.IPAddress',
      'Device.IP.Interface.10.Name',
      'Device.IP.InterfaceNumberOfEntries',
    ]);
    const children = await store.listParameters('D-1', 'Device.IP.Interface.', 1);
    expect(children.map((p) => p.path)).toEqual(['Device.IP.Interface.1.', 'Device.IP.Interface.2.', 'Device.IP.Interface.10.']);
    expect(children.every((p) => p.object && p.value === undefined)).toBe(true);
    expect((await store.listParameters('D-1', 'Device.IP.', 2)).map((p) => p.path)).toEqual([
      'Device.IP.Interface.', 'Device.IP.Interface.1.', 'Device.IP.Interface.2.', 'Device.IP.Interface.10.',
      'Device.IP.InterfaceNumberOfEntries',
    ]);
    expect((await store.listParameters('D-1', undefined, 1)).map((p) => p.path)).toEqual(['Device.']);
    // Without the trailing dot: the object; a parameter path: that parameter.
    expect((await store.listParameters('D-1', 'Device.IP.Interface.2', 1)).map((p) => p.path)).toEqual([
      'Device.IP.Interface.2.IPv4Address.', 'Device.IP.Interface.2.Name',
    ]);
    expect((await store.listParameters('D-1', 'Device.IP.Interface.2.Name')).map((p) => p.value)).toEqual(['if2']);
    expect(await store.getParameter('D-1', 'Device.IP.Interface.')).toMatchObject({ object: true, writable: true });

    // Same value again: nothing changes, `updated` stays; a new value restamps.
    await store.applyParameters('D-1', [{ path: 'Device.IP.Interface.1.Name', value: 'if1' }], T1);
    expect((await store.getParameter('D-1', 'Device.IP.Interface.1.Name'))?.updated).toBe(T0);
    await store.applyParameters('D-1', [{ path: 'Device.IP.Interface.1.Name', value: 'wan' }], T1);
    expect((await store.getParameter('D-1', 'Device.IP.Interface.1.Name'))).toMatchObject({ value: 'wan', type: 'string', updated: T1 });
    // Attributes.
    await store.applyParameters('D-1', [{ path: 'Device.IP.Interface.1.Name', notification: 2, accessList: ['Subscriber'] }], T1);
    expect(await store.getParameter('D-1', 'Device.IP.Interface.1.Name')).toMatchObject({ notification: 2, accessList: ['Subscriber'] });
    await store.close();
  });

  it('natural order keeps subtrees together', () => {
    const paths = ['A.B-C', 'A.B.', 'A.B.1', 'A.BC', 'A.B.10', 'A.B.9.', 'A.B.9.X', 'A.', 'A.B2', 'A.B10', 'A.B.x10y', 'A.B.x9y'];
    expect([...paths].sort(comparePaths)).toEqual([
      'A.', 'A.B.', 'A.B.1', 'A.B.9.', 'A.B.9.X', 'A.B.10', 'A.B.x9y', 'A.B.x10y', 'A.B-C', 'A.B2', 'A.B10', 'A.BC',
    ]);
  });

  it('removeSubtree removes an object and everything below it', async () => {
    const store = await DeviceStore.open(dir);
    await store.putDevice(summary('D-1'));
    await store.applyParameters('D-1', [
      { path: 'Device.WiFi.SSID.1.SSID', value: 'a' },
      { path: 'Device.WiFi.SSID.1.Enable', value: 'true' },
      { path: 'Device.WiFi.SSID.10.SSID', value: 'b' },
      { path: 'Device.WiFi.SSIDNumberOfEntries', value: '2' },
    ], T0);
    await store.listParameters('D-1'); // builds the sorted index: removal then uses ranges
    expect(await store.removeSubtree('D-1', 'Device.WiFi.SSID.1.')).toBe(3);
    expect((await store.listParameters('D-1', 'Device.WiFi.')).map((p) => p.path)).toEqual([
      'Device.WiFi.SSID.', 'Device.WiFi.SSID.10.', 'Device.WiFi.SSID.10.SSID', 'Device.WiFi.SSIDNumberOfEntries',
    ]);
    expect(await store.removeSubtree('D-1', 'Device.WiFi.SSID.')).toBe(3);
    expect(await store.parameterCount('D-1')).toBe(3);
    await store.close();
    const again = await DeviceStore.open(dir);
    expect((await again.listParameters('D-1')).map((p) => p.path)).toEqual(['Device.', 'Device.WiFi.', 'Device.WiFi.SSIDNumberOfEntries']);
    expect(again.get('D-1')?.parameterCount).toBe(3);
    await again.close();
  });

  it('a task is on disk when putTask resolves; tasks are listed oldest first and filtered', async () => {
    const store = await DeviceStore.open(dir);
    await store.putDevice(summary('D-1'));
    await store.putDevice(summary('D-2'));
    await store.putTask(task('b', 'D-2', '2026-01-01T00:00:02.000Z'));
    await store.putTask(task('a', 'D-1', '2026-01-01T00:00:01.000Z'));
    // A crash now: what is on disk (the journal, no snapshot yet) is opened by another process.
    const crashed = await copyOf(dir);
    const after = await DeviceStore.open(crashed);
    expect(after.tasks({ deviceId: 'D-2' }).map((t) => t.id)).toEqual(['b']);
    expect(after.get('D-2')?.pendingTasks).toBe(1);
    await after.close();

    await store.putTask({ ...task('a', 'D-1', '2026-01-01T00:00:01.000Z'), status: 'done', finished: T1 });
    expect(store.tasks().map((t) => t.id)).toEqual(['a', 'b']);
    expect(store.tasks({ status: 'queued' }).map((t) => t.id)).toEqual(['b']);
    expect(store.tasks({ deviceId: 'D-1' }).map((t) => t.status)).toEqual(['done']);
    expect(store.get('D-1')?.pendingTasks).toBe(0);
    // Callers cannot change stored state by mutating what they get.
    store.getTask('a')!.status = 'failed';
    expect(store.getTask('a')?.status).toBe('done');
    await expect(store.putTask(task('x', 'nope', T0))).rejects.toThrow(/unknown device/);
    await store.close();
  });

  it('keeps recent sessions and faults in device.json', async () => {
    const store = await DeviceStore.open(dir);
    await store.putDevice(summary('D-1'));
    await store.putSession('D-1', { sessionId: 's1', started: T0, events: ['1 BOOT'] });
    await store.putSession('D-1', { sessionId: 's1', started: T0, ended: T1, outcome: '204' });
    await store.addFault('D-1', { at: T1, code: 9005, message: 'Invalid parameter name', taskId: 't1' });
    await store.close();
    const again = await DeviceStore.open(dir);
    expect(again.sessions('D-1')).toEqual([{ sessionId: 's1', started: T0, ended: T1, outcome: '204' }]);
    expect(again.faults('D-1')).toHaveLength(1);
    expect(again.get('D-1')?.lastFault).toEqual({ code: 9005, message: 'Invalid parameter name', at: T1 });
    await again.close();
  });

  it('tolerates a corrupt parameters.json and a corrupt device.json', async () => {
    const store = await DeviceStore.open(dir);
    await store.putDevice(summary('D-1'));
    await store.putDevice(summary('D-2'));
    await store.applyParameters('D-1', [{ path: 'Device.X', value: '1' }], T0);
    await store.close();
    const d1 = deviceDir(dir, 'D-1');
    await writeFile(join(d1, 'parameters.json'), '{"v":1,"params":{"Device.X":["1"');
    await writeFile(join(deviceDir(dir, 'D-2'), 'device.json'), 'not json');

    const warn = vi.fn();
    const again = await DeviceStore.open(dir, { warn });
    expect(again.list().map((d) => d.id)).toEqual(['D-1']);
    expect(await again.listParameters('D-1')).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(2);
    expect((await readdir(d1)).sort()).toEqual(['device.json', 'parameters.json.corrupt']);
    await again.applyParameters('D-1', [{ path: 'Device.Y', value: '2' }], T1);
    await again.close();
    const third = await DeviceStore.open(dir, { warn });
    expect((await third.listParameters('D-1')).map((p) => p.path)).toEqual(['Device.', 'Device.Y']);
    await third.close();
  });

  it('serializes concurrent writes of one device; other devices write alongside', async () => {
    const store = await DeviceStore.open(dir);
    const ids = ['D-1', 'D-2', 'D-3'];
    await Promise.all(ids.map((id) => store.putDevice(summary(id))));
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 60; i++) {
      for (const id of ids) {
        work.push(store.putTask(task(`${id}-t${i}`, id, new Date(Date.parse(T0) + i * 1000).toISOString())));
        work.push(store.applyParameters(id, [{ path: `Device.N.${i}.V`, value: String(i) }], T0));
        if (i % 10 === 0) work.push(store.sync());
        if (i % 20 === 5) work.push(store.compact());
        if (i % 15 === 0) work.push(store.putDevice(summary(id, { softwareVersion: `v${i}` })));
      }
    }
    await Promise.all(work);
    await store.compact();
    for (const id of ids) {
      const doc = JSON.parse(await readFile(join(deviceDir(dir, id), 'device.json'), 'utf8'));
      expect(doc.tasks).toHaveLength(60);
      expect(doc.summary.softwareVersion).toBe('v45');
      expect(doc.summary.pendingTasks).toBe(60);
      const params = JSON.parse(await readFile(join(deviceDir(dir, id), 'parameters.json'), 'utf8')).params;
      expect(Object.keys(params)).toHaveLength(2 + 60 * 2);
    }
    expect((await walk(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await store.close();
  });

  it('KeyedQueue runs jobs of one key one at a time and different keys in parallel', async () => {
    const q = new KeyedQueue();
    const active = new Map<string, number>();
    let maxSame = 0;
    let maxAll = 0;
    const job = (key: string) => q.run(key, async () => {
      active.set(key, (active.get(key) ?? 0) + 1);
      maxSame = Math.max(maxSame, active.get(key)!);
      maxAll = Math.max(maxAll, [...active.values()].reduce((a, b) => a + b, 0));
      await new Promise((r) => setTimeout(r, 2));
      active.set(key, active.get(key)! - 1);
    });
    const failing = q.run('a', async () => { throw new Error('boom'); });
    await Promise.all([failing.catch(() => undefined), ...Array.from({ length: 20 }, (_, i) => job(i % 2 ? 'a' : 'b'))]);
    expect(maxSame).toBe(1);
    expect(maxAll).toBe(2);
  });

  it('evicts parameter trees beyond the cache after saving them', async () => {
    const store = await DeviceStore.open(dir, { cacheDevices: 2 });
    for (let i = 0; i < 6; i++) {
      await store.putDevice(summary(`D-${i}`));
      await store.applyParameters(`D-${i}`, [{ path: 'Device.V', value: String(i) }], T0);
      await new Promise((r) => setImmediate(r));
    }
    await new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < 6; i++) expect((await store.getParameter(`D-${i}`, 'Device.V'))?.value).toBe(String(i));
    await store.close();
  });

  it('deleteDevice removes the folder and the tasks', async () => {
    const store = await DeviceStore.open(dir);
    await store.putDevice(summary('D-1'));
    await store.applyParameters('D-1', [{ path: 'Device.V', value: '1' }], T0);
    await store.putTask(task('t', 'D-1', T0));
    expect(await store.deleteDevice('D-1')).toBe(true);
    expect(await store.deleteDevice('D-1')).toBe(false);
    await store.compact();
    await expect(stat(deviceDir(dir, 'D-1'))).rejects.toThrow();
    expect(store.getTask('t')).toBeUndefined();
    expect(store.list()).toEqual([]);
    await store.close();
  });

  it('folder names are safe for any id', () => {
    expect(safeFileName('00D09E-HGW 5000-A/B')).toBe('00D09E-HGW%205000-A%2FB');
    expect(safeFileName('..')).toBe('%2E.');
    expect(safeFileName('a*b')).toBe('a%2Ab');
    expect(safeFileName('x'.repeat(300)).length).toBeLessThanOrEqual(200);
  });
});
