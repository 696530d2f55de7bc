// The store tells its listener (device.updated) about every change to a
// device record itself, whoever made it: once per turn, with the whole
// summary and the counts the store keeps.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceStore } from '../../electron/core/store/device-store';
import type { DeviceSummary } from '../../shared/model/records';
import { T0, summary, task } from '../support/store-fixtures';

let dir: string;
let store: DeviceStore;
let seen: DeviceSummary[];

/** Lets the store's once-per-turn notification go out. */
const turn = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tr069-store-events-'));
  seen = [];
  store = await DeviceStore.open(dir, { onSummaryChange: (s) => seen.push(s) });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('DeviceStore: device.updated from the store', () => {
  it('putDevice: the summary as stored, once', async () => {
    await store.putDevice(summary('A', { softwareVersion: '1.0' }));
    await turn();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ id: 'A', softwareVersion: '1.0', pendingTasks: 0, parameterCount: 0 });
  });

  it('a task that changes the pending count is told with the count; one that does not is not', async () => {
    await store.putDevice(summary('A'));
    await turn();
    seen.length = 0;
    await store.putTask(task('t1', 'A', T0));
    await turn();
    expect(seen.map((s) => s.pendingTasks)).toEqual([1]);
    await store.putTask({ ...task('t1', 'A', T0), status: 'running' }); // still pending
    await turn();
    expect(seen).toHaveLength(1);
    await store.putTask({ ...task('t1', 'A', T0), status: 'done' });
    await turn();
    expect(seen.map((s) => s.pendingTasks)).toEqual([1, 0]);
  });

  it('a parameter count that moves and a fault are told; a value that changes nothing counted is not', async () => {
    await store.putDevice(summary('A'));
    await store.listParameters('A'); // the tree is loaded: counts move at once
    await turn();
    seen.length = 0;
    await store.applyParameters('A', [{ path: 'Device.X', value: '1' }], T0);
    await turn();
    expect(seen.map((s) => s.parameterCount)).toEqual([2]);
    await store.applyParameters('A', [{ path: 'Device.X', value: '2' }], T0);
    await turn();
    expect(seen).toHaveLength(1);
    await store.addFault('A', { at: T0, code: 9005, message: 'Invalid parameter name' });
    await turn();
    expect(seen[1]?.lastFault).toEqual({ code: 9005, message: 'Invalid parameter name', at: T0 });
    await store.removeSubtree('A', 'Device.X');
    await turn();
    expect(seen[2]?.parameterCount).toBe(1);
  });

  it('several writes of one logical change in one turn: one notification with all of them', async () => {
    await store.putDevice(summary('A'));
    await turn();
    seen.length = 0;
    await Promise.all([
      store.putDevice(summary('A', { modelName: 'HGW' })),
      store.putTask(task('t1', 'A', T0)),
    ]);
    await turn();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ modelName: 'HGW', pendingTasks: 1 });
  });
});
