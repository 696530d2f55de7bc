// The device store at scale: a session's write costs the same files and
// bytes whatever the number of devices, and 100,000 parameters load, list
// and save (timings printed, not asserted). Split from device-store.test.ts.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceStore, type ParameterChange } from '../../electron/core/store/device-store';
import { T0, T1, summary, task, walk } from '../support/store-fixtures';
import { deviceDir } from '../../electron/core/store/paths';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tr069-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('DeviceStore at scale', () => {
  it('a session write touches the same files and bytes whatever the store size', async () => {
    async function sessionWrite(devices: number): Promise<{ files: number; bytes: number }> {
      const d = await mkdtemp(join(tmpdir(), 'tr069-cost-'));
      try {
        const store = await DeviceStore.open(d);
        for (let i = 0; i < devices; i++) {
          await store.putDevice(summary(`OUI-PC-${String(i).padStart(4, '0')}`));
          await store.applyParameters(`OUI-PC-${String(i).padStart(4, '0')}`, [{ path: 'Device.DeviceInfo.UpTime', value: '1' }], T0);
        }
        await store.close();
        const before = await snapshot(d);
        const s2 = await DeviceStore.open(d);
        const id = 'OUI-PC-0000';
        // One session: Inform updates the summary and a value, a task runs.
        await s2.putDevice({ ...s2.get(id)!, lastInform: T1 });
        await s2.applyParameters(id, [{ path: 'Device.DeviceInfo.UpTime', value: '301' }], T1);
        await s2.putTask(task('t', id, T1));
        await s2.putTask({ ...task('t', id, T1), status: 'done' });
        await s2.close();
        const after = await snapshot(d);
        let files = 0;
        let bytes = 0;
        for (const [f, sig] of after) {
          if (before.get(f) === sig) continue;
          expect(f.startsWith(join(d, 'devices', id))).toBe(true);
          files++;
          bytes += Number(sig.split(':')[2]);
        }
        return { files, bytes };
      } finally {
        await rm(d, { recursive: true, force: true });
      }
    }
    async function snapshot(d: string): Promise<Map<string, string>> {
      const m = new Map<string, string>();
      for (const f of await walk(d)) {
        const s = await stat(f);
        m.set(f, `${s.ino}:${s.mtimeMs}:${s.size}`);
      }
      return m;
    }
    const small = await sessionWrite(1);
    const large = await sessionWrite(200);
    expect(small.files).toBe(2);
    expect(large).toEqual(small);
  });

  it('handles 100,000 parameters (timings reported, not asserted)', async () => {
    const store = await DeviceStore.open(dir);
    await store.putDevice(summary('BIG-1'));
    const changes: ParameterChange[] = [];
    for (let i = 1; changes.length < 100_000; i++) {
      const base = `Device.Hosts.Host.${i}.`;
      changes.push({ path: `${base}HostName`, value: `host-${i}`, type: 'string', writable: false });
      changes.push({ path: `${base}IPAddress`, value: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, type: 'string', writable: false });
      changes.push({ path: `${base}Active`, value: 'true', type: 'boolean', writable: false });
      changes.push({ path: `${base}LeaseTimeRemaining`, value: String(i), type: 'int', writable: false });
    }
    let t = performance.now();
    await store.applyParameters('BIG-1', changes, T0);
    const apply = performance.now() - t;
    t = performance.now();
    await store.compact();
    const flush = performance.now() - t;
    t = performance.now();
    const listed = await store.listParameters('BIG-1');
    const firstList = performance.now() - t;
    await store.close();
    const size = (await stat(join(deviceDir(dir, 'BIG-1'), 'parameters.json'))).size;

    t = performance.now();
    const again = await DeviceStore.open(dir);
    const open = performance.now() - t;
    t = performance.now();
    await again.getParameter('BIG-1', 'Device.Hosts.Host.1.HostName'); // loads the tree (written sorted: no sort)
    const load = performance.now() - t;
    const count = await again.parameterCount('BIG-1');
    t = performance.now();
    const children = await again.listParameters('BIG-1', 'Device.Hosts.Host.', 1);
    const cachedList = performance.now() - t;
    await again.close();

    expect(listed.length).toBe(count);
    expect(count).toBe(100_000 + 25_000 + 3);
    expect(children).toHaveLength(25_000);
    expect(children[1]!.path).toBe('Device.Hosts.Host.2.');
    console.log(
      `100k parameters: apply ${apply.toFixed(0)} ms, flush ${flush.toFixed(0)} ms (${(size / 1e6).toFixed(1)} MB), ` +
        `list all ${firstList.toFixed(0)} ms, reopen ${open.toFixed(0)} ms, ` +
        `load tree ${load.toFixed(0)} ms, list 25,000 children ${cachedList.toFixed(0)} ms`,
    );
  });
});
