// P4: persisting one session's changes (durable: in the journal) in a store of
// 500 devices × 8,000 parameters, against the same in a store of 1 device.
// P5: resident memory per stored parameter at 500 × 8,000.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { loadDataModel } from '../../electron/lib/datamodel/bbf-model';
import { generateDevice } from '../../electron/sim/generate';
import { DeviceStore, type ParameterChange } from '../../electron/core/store/device-store';
import type { DeviceSummary } from '../../shared/model/records';
import { ratios, record, stat, timeMs } from './record';

const DEVICES = 500;

function summary(id: string): DeviceSummary {
  return {
    id, deviceId: { Manufacturer: 'Bench', OUI: '00D09E', ProductClass: 'B', SerialNumber: id }, cwmpVersion: 'urn:dslforum-org:cwmp-1-2',
    root: 'Device.', firstSeen: new Date().toISOString(), lastEvents: [], parameterCount: 0, discovery: { status: 'done' }, pendingTasks: 0,
  };
}

async function fill(store: DeviceStore, ids: string[], params: ParameterChange[]): Promise<void> {
  for (const id of ids) {
    await store.putDevice(summary(id));
    await store.applyParameters(id, params, new Date().toISOString());
    await store.sync();
  }
}

/** What one periodic session changes: a handful of counters and the Inform data. */
async function session(store: DeviceStore, id: string, n: number): Promise<void> {
  const now = new Date().toISOString();
  await store.applyParameters(id, [
    { path: 'Device.DeviceInfo.UpTime', value: String(1000 + n), type: 'unsignedInt' },
    { path: 'Device.Ethernet.Interface.1.Stats.BytesSent', value: String(n * 1500), type: 'unsignedLong' },
    { path: 'Device.Ethernet.Interface.1.Stats.BytesReceived', value: String(n * 3000), type: 'unsignedLong' },
  ], now);
  await store.putDevice({ ...store.get(id)!, lastInform: now });
  await store.sync();
}

it('P4 and P5: store scale', async () => {
  const gen = generateDevice(loadDataModel('tr181'), {});
  const params: ParameterChange[] = gen.parameters.slice(0, 8000).map((p) => ({ path: p.path, value: p.value, type: p.type, writable: p.writable }));
  const bigDir = await mkdtemp(join(tmpdir(), 'p4-big-'));
  const oneDir = await mkdtemp(join(tmpdir(), 'p4-one-'));
  const ids = Array.from({ length: DEVICES }, (_, i) => `B-${String(i).padStart(4, '0')}`);
  {
    const big = await DeviceStore.open(bigDir);
    await fill(big, ids, params);
    await big.close();
  }
  const one = await DeviceStore.open(oneDir);
  await fill(one, ['ONE'], params);

  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const big = await DeviceStore.open(bigDir);
  // Touch every device once, as a day of periodic Informs would, and read each
  // one's tree (someone browsing them): trees are loaded, the LRU bounds them.
  for (let i = 0; i < DEVICES; i++) await session(big, ids[i], i);
  for (let i = 0; i < DEVICES; i++) await big.getParameter(ids[i], 'Device.DeviceInfo.UpTime');
  global.gc?.();
  const rssAfter = process.memoryUsage().rss;

  const bigT: number[] = [];
  const oneT: number[] = [];
  for (let r = 0; r < 40; r++) {
    oneT.push(await timeMs(() => session(one, 'ONE', r)));
    // A device the cache has not seen lately: the realistic case in a big store.
    bigT.push(await timeMs(() => session(big, ids[(r * 37) % DEVICES], r)));
  }
  await big.close();
  await one.close();
  await rm(bigDir, { recursive: true, force: true });
  await rm(oneDir, { recursive: true, force: true });

  const r4 = ratios(bigT.slice(5), oneT.slice(5));
  record({
    id: 'P4', measure: `persist one session's changes, ${DEVICES} devices × ${params.length} parameters`,
    baseline: `the same with 1 device (${stat(oneT.slice(5)).median.toFixed(1)} ms)`, unit: '× baseline',
    value: stat(bigT.slice(5)), baselineValue: stat(oneT.slice(5)), ratio: r4, goal: '≤ 1.5×', met: r4.median <= 1.5,
    notes: 'the big-store device is one not recently used (LRU cache of 64 trees): its changes go to the journal without loading its tree; compaction folds them in later',
  });
  const perParam = (rssAfter - rssBefore) / (DEVICES * params.length);
  record({
    id: 'P5', measure: `resident memory per stored parameter, ${DEVICES} × ${params.length}`, baseline: '—', unit: 'bytes',
    value: stat([perParam]), goal: '≤ 200 bytes', met: perParam <= 200,
    notes: `RSS grew ${((rssAfter - rssBefore) / 1e6).toFixed(0)} MB after every device had a session and its tree was read`,
  });
});
