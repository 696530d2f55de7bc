// The store's journal and compaction (electron/core/store/journal.ts,
// compaction.ts): every change is durable when its promise resolves, a copy
// of the data folder taken at any moment (a crash) opens to the same state,
// compaction folds the journal into the snapshot files, and a failed
// compaction loses nothing.
import { cp, mkdtemp, readdir, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceSummary, TaskRecord } from '../../shared/model/records';
import { DeviceStore } from '../../electron/core/store/device-store';
import { deviceDir, journalDir } from '../../electron/core/store/paths';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-01T00:05:00.000Z';

function summary(id: string, extra: Partial<DeviceSummary> = {}): DeviceSummary {
  return {
    id, deviceId: { Manufacturer: 'Example', OUI: 'OUI', ProductClass: 'PC', SerialNumber: id }, cwmpVersion: 'urn:dslforum-org:cwmp-1-2',
    root: 'Device.', firstSeen: T0, lastEvents: [], parameterCount: 0, discovery: { status: 'none' }, pendingTasks: 0, ...extra,
  };
}

function task(id: string, deviceId: string, status: TaskRecord['status'] = 'queued'): TaskRecord {
  return { id, deviceId, rpc: 'Reboot', args: { CommandKey: id }, status, origin: 'user', created: T0, attempts: 0 };
}

/**
 * Everything the store answers, for comparing two stores. Counts first: a
 * summary's parameterCount catches up with changes waiting for an unloaded
 * tree when the tree is next loaded (here, or by compaction).
 */
async function state(store: DeviceStore): Promise<unknown> {
  for (const d of store.list()) await store.parameterCount(d.id);
  const devices = store.list();
  return Promise.all(devices.map(async (d) => ({
    summary: d,
    tasks: store.tasks({ deviceId: d.id }),
    sessions: store.sessions(d.id),
    faults: store.faults(d.id),
    params: await store.listParameters(d.id),
    count: await store.parameterCount(d.id),
  })));
}

let dir: string;
const temp: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'tr069-journal-'));
  temp.push(d);
  return d;
}
async function copyOf(src: string): Promise<string> {
  const to = await tempDir();
  await cp(src, to, { recursive: true });
  return to;
}
const journalFiles = async (d: string) => (await readdir(journalDir(d)).catch(() => [] as string[])).sort();

beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  for (const d of temp.splice(0)) await rm(d, { recursive: true, force: true });
});

/** Changes of every kind, on three devices (one deleted, one evicted from a cache of one tree). */
async function workload(store: DeviceStore): Promise<void> {
  for (const id of ['A', 'B', 'C']) await store.putDevice(summary(id));
  await store.applyParameters('A', [
    { path: 'Device.WiFi.SSID.1.SSID', value: 'home', type: 'string', writable: true },
    { path: 'Device.WiFi.SSID.2.SSID', value: 'guest', type: 'string', writable: true },
    { path: 'Device.DeviceInfo.UpTime', value: '10', type: 'unsignedInt' },
  ], T0);
  await store.applyParameters('B', [{ path: 'Device.DeviceInfo.UpTime', value: '5', type: 'unsignedInt' }], T0);
  await store.removeSubtree('A', 'Device.WiFi.SSID.2.');
  await store.applyParameters('A', [{ path: 'Device.DeviceInfo.UpTime', value: '20' }], T1);
  await store.putTask(task('t1', 'A'));
  await store.putTask({ ...task('t1', 'A'), status: 'done', finished: T1 });
  await store.putTask(task('t2', 'A'));
  await store.putTask(task('t2', 'B')); // moved to another device
  await store.putSession('A', { sessionId: 's1', started: T0, events: ['1 BOOT'] });
  await store.putSession('A', { sessionId: 's1', started: T0, ended: T1, outcome: '204' });
  await store.addFault('A', { at: T1, code: 9005, message: 'Invalid parameter name', taskId: 't1' });
  await store.putDevice({ ...store.get('A')!, softwareVersion: '2.0' });
  await store.deleteDevice('C');
}

describe('store journal', () => {
  it('a copy of the folder taken right after the changes (a crash) opens to the same state', async () => {
    const store = await DeviceStore.open(dir, { cacheDevices: 1, compactIdleMs: 60_000 });
    await workload(store);
    expect(await journalFiles(dir)).toHaveLength(1);
    const crashed = await copyOf(dir);
    const live = await state(store);
    const reopened = await DeviceStore.open(crashed);
    expect(await state(reopened)).toEqual(live);
    expect((await state(reopened) as { summary: DeviceSummary }[]).map((d) => d.summary.id)).toEqual(['A', 'B']);
    await reopened.close();
    await store.close();
    // After a clean close: snapshots only, no journal left, same state.
    expect(await journalFiles(dir)).toEqual([]);
    const again = await DeviceStore.open(dir);
    expect(await state(again)).toEqual(live);
    await again.close();
  });

  it('replaying a journal over snapshots that already hold its changes (a crash mid-compaction) changes nothing', async () => {
    const store = await DeviceStore.open(dir, { compactIdleMs: 60_000 });
    await workload(store);
    const before = await copyOf(dir); // journal, no snapshots of these changes
    await store.compact();
    const live = await state(store);
    await store.close();
    // Snapshots written, but the old journal file still there.
    for (const f of await journalFiles(before)) await cp(join(journalDir(before), f), join(journalDir(dir), f));
    const reopened = await DeviceStore.open(dir);
    expect(await state(reopened)).toEqual(live);
    expect(reopened.faults('A')).toHaveLength(1);
    await reopened.close();
  });

  it('compacts on its own after a quiet moment: snapshot files written, journal folded', async () => {
    const onSummaryChange = vi.fn();
    const store = await DeviceStore.open(dir, { compactIdleMs: 30, cacheDevices: 1, onSummaryChange });
    await store.putDevice(summary('A'));
    await store.putDevice(summary('B'));
    await store.applyParameters('A', [{ path: 'Device.X', value: '1' }], T0); // A's tree was never loaded: waits in memory
    await vi.waitFor(async () => expect(await journalFiles(dir)).toEqual([]), { timeout: 5000 });
    const params = JSON.parse(await readFile(join(deviceDir(dir, 'A'), 'parameters.json'), 'utf8')).params;
    expect(Object.keys(params)).toEqual(['Device.', 'Device.X']);
    const doc = JSON.parse(await readFile(join(deviceDir(dir, 'A'), 'device.json'), 'utf8'));
    expect(doc.summary.parameterCount).toBe(2);
    // The count learnt when compaction loaded the tree reached the listener (the device list).
    expect(onSummaryChange).toHaveBeenCalledWith(expect.objectContaining({ id: 'A', parameterCount: 2 }));
    await store.close();
  });

  it('a line cut short by a crash is skipped with a warning; everything before it is kept', async () => {
    const store = await DeviceStore.open(dir, { compactIdleMs: 60_000 });
    await store.putDevice(summary('A'));
    await store.putTask(task('t1', 'A'));
    const crashed = await copyOf(dir);
    await store.close();
    const [file] = await journalFiles(crashed);
    await appendFile(join(journalDir(crashed), file!), '{"t":"task","id":"A","task":{"id":"t2","dev');
    const warn = vi.fn();
    const reopened = await DeviceStore.open(crashed, { warn });
    expect(reopened.tasks().map((t) => t.id)).toEqual(['t1']);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/line 3 is incomplete/));
    // New changes go to a new file; the old one is folded by the next compaction.
    await reopened.putTask(task('t3', 'A'));
    await reopened.close();
    expect(await journalFiles(crashed)).toEqual([]);
    const third = await DeviceStore.open(crashed);
    expect(third.tasks().map((t) => t.id)).toEqual(['t1', 't3']);
    await third.close();
  });

  it('a compaction that cannot write keeps the journal: nothing is lost', async () => {
    const store = await DeviceStore.open(dir, { compactIdleMs: 60_000 });
    await store.putDevice(summary('A'));
    await store.compact();
    // Something that is not a folder where B's folder must go: its snapshot write fails.
    await writeFile(deviceDir(dir, 'B'), 'in the way');
    await store.putDevice(summary('B'));
    await store.putTask(task('tb', 'B'));
    await expect(store.compact()).rejects.toThrow();
    expect(await journalFiles(dir)).toHaveLength(1);
    const crashed = await copyOf(dir);
    await rm(deviceDir(crashed, 'B'));
    const reopened = await DeviceStore.open(crashed);
    expect(reopened.list().map((d) => d.id)).toEqual(['A', 'B']);
    expect(reopened.getTask('tb')?.deviceId).toBe('B');
    await reopened.close();
    await rm(deviceDir(dir, 'B'));
    await store.close();
  });

  it('200 concurrent task writes are all durable when they resolve', async () => {
    const store = await DeviceStore.open(dir, { compactIdleMs: 60_000 });
    const ids = Array.from({ length: 200 }, (_, i) => `D${i}`);
    await Promise.all(ids.map((id) => store.putDevice(summary(id))));
    await Promise.all(ids.map((id) => store.putTask(task(`t-${id}`, id, 'running'))));
    const crashed = await copyOf(dir);
    const reopened = await DeviceStore.open(crashed);
    expect(reopened.tasks({ status: 'running' })).toHaveLength(200);
    await reopened.close();
    await store.close();
  });
});
