// The handlers behind every channel of the contract (shared/api/contract.ts).
// Arguments arrive already shape-checked by shared/api/validate.ts; what needs
// the core's knowledge (does the device exist, are the RPC arguments right) is
// checked here, with errors a person can act on.
import type { AcsInfo, ContactResult, Handlers, Settings, SettingsUpdate } from '../../../shared/api/contract';
import type { DeviceContact } from '../../../shared/api/schema/devices';
import { effectiveCompat } from '../../../shared/model/compat';
import type { DeviceKey } from '../../../shared/model/records';
import { setCompat } from '../acs/compat-learning';
import { sendConnectionRequest } from '../acs/connection-request';
import type { TaskQueue } from '../acs/task-queue';
import type { DeviceWarnings } from '../check/device-warnings';
import type { EventBus } from '../runtime/events';
import type { LogImports } from '../log/imports';
import { exportBundle } from '../log/log-export';
import type { SessionLog } from '../log/session-log';
import type { DiagnosticsService } from '../diagnostics/diagnostics-service';
import type { DeviceStore } from '../store/device-store';
import type { TransferHandlers } from '../transfers/transfer-handlers';
import type { SimControl } from '../../sim/sim-control';
import { describeForRoot } from './model-describe';
import { deviceOverview } from './overview';
import { searchParameters } from './parameter-search';

export type { SimControl };

export interface HandlerDeps {
  store: DeviceStore;
  queue: TaskQueue;
  log: SessionLog;
  bus: EventBus;
  info(): AcsInfo;
  connectionRequestCredentials(): { username: string; password: string };
  sims: SimControl;
  /** Live settings (electron/core/settings/settings-control.ts). */
  settings: { get(): Settings; update(u: SettingsUpdate): Promise<Settings> };
  /** Imported log bundles (log.import, log.list { source }). */
  imports: LogImports;
  /** Latest data-model warnings per device (model.warnings). */
  modelWarnings: DeviceWarnings;
  /** Firmware library, transfers and uploads (electron/core/transfers/transfer-handlers.ts). */
  transfers: TransferHandlers;
  /** Diagnostics run by the CPE (ping, traceroute). */
  diagnostics: DiagnosticsService;
}

/**
 * Wakes a device now (connection request, TR-069 §3.2.2), or says its tasks
 * wait for the next Inform. `onOutcome` hears every request actually sent:
 * whether the device answered is evidence of its presence.
 */
export function deviceContact(
  store: DeviceStore, credentials: () => { username: string; password: string }, onOutcome?: (c: DeviceContact) => void,
) {
  return async (id: DeviceKey): Promise<ContactResult> => {
    const dev = store.get(id);
    if (!dev) throw new Error(`no device "${id}"`);
    if (!dev.connectionRequestURL) {
      return { method: 'next-inform', ok: true, detail: 'the device reported no ConnectionRequestURL; tasks run at its next Inform' };
    }
    // §3.2.2 asks for Digest: a Basic challenge over plain HTTP is answered only if the user allowed it for this device.
    const r = await sendConnectionRequest(dev.connectionRequestURL, credentials(), { allowBasicOverHttp: effectiveCompat(dev.compat).basicConnectionRequest });
    onOutcome?.({ id, at: new Date().toISOString(), ok: r.ok, detail: r.detail });
    return r.ok
      ? { method: 'connection-request', ok: true, detail: r.detail }
      : { method: 'next-inform', ok: false, detail: `${r.detail}; tasks will run at the next Inform` };
  };
}

export function createHandlers(d: HandlerDeps): Handlers {
  const device = (id: DeviceKey) => {
    const dev = d.store.get(id);
    if (!dev) throw new Error(`no device "${id}"`);
    return dev;
  };
  // The last connection-request outcome per device, in memory: evidence for the status column, not history.
  const contacts = new Map<DeviceKey, DeviceContact>();
  const contact = deviceContact(d.store, d.connectionRequestCredentials, (c) => {
    contacts.set(c.id, c);
    d.bus.emit('device.contacted', c);
  });
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
    'device.contacts': async () => [...contacts.values()].filter((c) => d.store.get(c.id)),
    'device.setCompat': async ({ id, switch: s, value }) => {
      device(id);
      return setCompat(d.store, id, s, value as never, { source: 'user', reason: 'set by the user' });
    },
    'parameter.list': async ({ deviceId, path, depth }) => {
      device(deviceId);
      return d.store.listParameters(deviceId, path, depth);
    },
    'device.overview': async ({ id }) => deviceOverview(d.store, device(id)),
    'parameter.search': async ({ deviceId, query, limit }) => {
      device(deviceId);
      return searchParameters(d.store, deviceId, query, limit);
    },
    'model.describe': async ({ deviceId, path }) => describeForRoot(device(deviceId).root, path),
    'task.enqueue': async ({ deviceId, rpc, args, contact: now }) => {
      device(deviceId);
      const task = await d.queue.enqueue(deviceId, rpc, args, 'api');
      if (now !== false) void contact(deviceId).catch(() => undefined);
      return task;
    },
    'task.list': async ({ deviceId, status }) => d.store.tasks({ deviceId, status }),
    'task.cancel': async ({ id }) => d.queue.cancel(id),
    'task.retry': async ({ id }) => d.queue.retry(id),
    'log.list': async ({ source, ...query }) =>
      (source !== undefined && source !== 'live' ? d.imports.list(source, query) : d.log.query(query)),
    'log.get': async ({ sessionId, seq, source }) =>
      (source !== undefined && source !== 'live'
        ? d.imports.messages(source).find((m) => m.seq === seq && m.sessionId === sessionId) ?? null
        : d.log.get(sessionId, seq)),
    'log.export': async (args) => exportBundle(d.log, d.imports, args, `TR-069 Workbench ${d.info().version}`, (id) => {
      if (args.source !== undefined && args.source !== 'live') return d.imports.deviceProfile(args.source, id);
      const dev = d.store.get(id);
      return dev && { compat: dev.compat && Object.keys(dev.compat).length ? dev.compat : undefined, lastSessionProblem: dev.lastSessionProblem };
    }),
    'log.import': async (args) => d.imports.import(args),
    'log.imports': async () => d.imports.infos(),
    'model.warnings': async ({ deviceId }) => {
      device(deviceId);
      return d.modelWarnings.list(deviceId);
    },
    'sim.start': async ({ count, model, scale, quirks }) => d.sims.start(count, model ?? 'tr181', scale, quirks),
    'sim.list': async () => d.sims.list(),
    'sim.stop': async ({ id }) => ({ stopped: await d.sims.stop(id) }),
    'diagnostics.ping': async (args) => d.diagnostics.ping(args),
    'diagnostics.traceroute': async (args) => d.diagnostics.traceRoute(args),
    'diagnostics.list': async ({ deviceId }) => {
      device(deviceId);
      return d.diagnostics.list(deviceId);
    },
    'settings.get': async () => d.settings.get(),
    'settings.update': async (u) => d.settings.update(u),
    ...d.transfers,
  };
}
