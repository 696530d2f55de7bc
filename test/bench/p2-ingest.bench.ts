// P2: ingest of a 100,000-parameter GetParameterValuesResponse (~16 MB):
// parse + apply to the store + durable (journal) + the tree readable, against JSON.parse of the same
// parameters as a JSON array of {name, value, type}.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { valuesToChanges } from '../../electron/core/acs/job';
import { loadDataModel } from '../../electron/lib/datamodel/bbf-model';
import { generateDevice } from '../../electron/sim/generate';
import { DeviceStore } from '../../electron/core/store/device-store';
import { parseEnvelope, serializeEnvelope } from '../../shared/cwmp';
import type { ParameterValueStruct } from '../../shared/cwmp/types';
import { ratios, record, stat, timeMs } from './record';

it('P2 ingest', async () => {
  const gen = generateDevice(loadDataModel('tr181'), { scale: 13, limit: 100_000 });
  const list: ParameterValueStruct[] = gen.parameters.map((p) => ({ Name: p.path, Value: p.value, Type: p.type }));
  const xml = serializeEnvelope({ version: '1-2', header: { ID: 'p2' }, body: { name: 'GetParameterValuesResponse', args: { ParameterList: list } } });
  const json = JSON.stringify(list.map((p) => ({ name: p.Name, value: p.Value, type: p.Type })));
  const values: number[] = [];
  const base: number[] = [];
  for (let round = 0; round < 6; round++) {
    const dir = await mkdtemp(join(tmpdir(), 'p2-'));
    const store = await DeviceStore.open(dir);
    await store.putDevice({
      id: 'D', deviceId: { Manufacturer: 'm', OUI: '00D09E', ProductClass: 'P', SerialNumber: 'S' }, cwmpVersion: 'urn:dslforum-org:cwmp-1-2',
      root: 'Device.', firstSeen: new Date().toISOString(), lastEvents: [], parameterCount: 0, discovery: { status: 'none' }, pendingTasks: 0,
    });
    base.push(await timeMs(() => JSON.parse(json)));
    values.push(await timeMs(async () => {
      const env = parseEnvelope(xml);
      if (env.body?.name !== 'GetParameterValuesResponse') throw new Error('unexpected body');
      await store.applyParameters('D', valuesToChanges(env.body.args.ParameterList), new Date().toISOString());
      await store.sync(); // durable: in the journal
      // and in the tree (built from the pending changes on first read); the snapshot file is written later, off the ingest path
      if (!(await store.getParameter('D', list[0]!.Name))) throw new Error('not stored');
    }));
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
  // Round 0 warms the JIT for both; it is dropped.
  const r = ratios(values.slice(1), base.slice(1));
  record({
    id: 'P2', measure: `ingest of a ${list.length}-parameter GPV response (${(xml.length / 1e6).toFixed(1)} MB): parse + durable + tree readable`,
    baseline: `JSON.parse of the same parameters (${stat(base.slice(1)).median.toFixed(0)} ms)`,
    unit: '× baseline', value: stat(values.slice(1)), baselineValue: stat(base.slice(1)), ratio: r, goal: '≤ 8×', met: r.median <= 8,
    notes: `absolute: ${stat(values.slice(1)).median.toFixed(0)} ms median`,
  });
});
