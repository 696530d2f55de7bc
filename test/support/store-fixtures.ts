// Device-store test fixtures shared by device-store*.test.ts: fixed times,
// a summary and a task for an id, and every file under a folder.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeviceSummary, TaskRecord } from '../../shared/model/records';

export const T0 = '2026-01-01T00:00:00.000Z';
export const T1 = '2026-01-01T00:05:00.000Z';

export function summary(id: string, extra: Partial<DeviceSummary> = {}): DeviceSummary {
  const [oui = 'OUI', pc = 'PC', sn = 'SN'] = id.split('-');
  return {
    id,
    deviceId: { Manufacturer: 'Example', OUI: oui, ProductClass: pc, SerialNumber: sn },
    cwmpVersion: 'urn:dslforum-org:cwmp-1-2',
    root: 'Device.',
    firstSeen: T0,
    lastInform: T0,
    lastEvents: [{ EventCode: '1 BOOT', CommandKey: '' }],
    parameterCount: 0,
    discovery: { status: 'none' },
    pendingTasks: 0,
    ...extra,
  };
}

export function task(id: string, deviceId: string, created: string, status: TaskRecord['status'] = 'queued'): TaskRecord {
  return {
    id, deviceId, rpc: 'GetParameterValues', args: { ParameterNames: ['Device.DeviceInfo.'] },
    status, origin: 'user', created, attempts: 0,
  };
}

export async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}
