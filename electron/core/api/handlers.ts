// The handlers behind every channel of the contract (shared/api/contract.ts).
// Arguments arrive already shape-checked by shared/api/validate.ts; what needs
// the core's knowledge (does the device exist, are the RPC arguments right) is
// checked here, with errors a person can act on.
import type { AcsInfo, ContactResult, Handlers, SimInfo } from '../../../shared/api/contract';
import type { DeviceKey } from '../../../shared/model/records';
import { sendConnectionRequest } from '../acs/connection-request';
import type { TaskQueue } from '../acs/task-queue';
import type { EventBus } from '../events';
import type { SessionLog } from '../log/session-log';
import type { DeviceStore } from '../store/device-store';

export interface SimControl {
  start(count: number, model: 'tr181' | 'tr098', scale?: number): Promise<SimInfo[]>;
  list(): SimInfo[];
  stop(id?: DeviceKey): Promise<number>;
}

export interface HandlerDeps {
  store: DeviceStore;
  queue: TaskQueue;
  log: SessionLog;
  bus: EventBus;
  info(): AcsInfo;
  connectionRequestCredentials(): { username: string; password: string };
  sims: SimControl;
}

export function createHandlers(d: HandlerDeps): Handlers {
  const device = (id: DeviceKey) => {
    const dev = d.store.get(id);
    if (!dev) throw new Error(`no device "${id}"`);
    return dev;
  };
  const contact = async (id: DeviceKey): Promise<ContactResult> => {
    const dev = device(id);
    if (!dev.connectionRequestURL) {
      return { method: 'next-inform', ok: true, detail: 'the device reported no ConnectionRequestURL; tasks run at its next Inform' };
    }
    const r = await sendConnectionRequest(dev.connectionRequestURL, d.connectionRequestCredentials());
    return r.ok
      ? { method: 'connection-request', ok: true, detail: r.detail }
      : { method: 'next-inform', ok: false, detail: `${r.detail}; tasks will run at the next Inform` };
  };
  return {
    'acs.info': async () => d.info(),
    'device.list': async () => d.store.list(),
    'device.get': async ({ id }) => d.store.get(id) ?? null,
    'device.delete': async ({ id }) => {
      const deleted = await d.store.deleteDevice(id);
      if (deleted) d.bus.emit('device.deleted', { id });
      return { deleted };
    },
    'device.discover': async ({ id, path }) => {
      const dev = device(id);
      const root = path ?? dev.root;
      if (!root.startsWith(dev.root) || !root.endsWith('.')) throw new Error(`"${root}" is not an object path under ${dev.root}`);
      const task = await d.queue.enqueue(id, 'GetParameterNames', { ParameterPath: root, NextLevel: false }, 'discovery');
      void contact(id).catch(() => undefined);
      return task;
    },
    'device.contact': async ({ id }) => contact(id),
    'parameter.list': async ({ deviceId, path, depth }) => {
      device(deviceId);
      return d.store.listParameters(deviceId, path, depth);
    },
    'task.enqueue': async ({ deviceId, rpc, args, contact: now }) => {
      device(deviceId);
      const task = await d.queue.enqueue(deviceId, rpc, args, 'api');
      if (now !== false) void contact(deviceId).catch(() => undefined);
      return task;
    },
    'task.list': async ({ deviceId, status }) => d.store.tasks({ deviceId, status }),
    'task.cancel': async ({ id }) => d.queue.cancel(id),
    'task.retry': async ({ id }) => d.queue.retry(id),
    'log.list': async ({ deviceId, sessionId, limit }) => d.log.list({ deviceId, sessionId, limit }),
    'sim.start': async ({ count, model, scale }) => d.sims.start(count, model ?? 'tr181', scale),
    'sim.list': async () => d.sims.list(),
    'sim.stop': async ({ id }) => ({ stopped: await d.sims.stop(id) }),
  };
}
