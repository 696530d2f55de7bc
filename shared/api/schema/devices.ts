// Devices, their parameters and data model, the task queue and the built-in
// virtual CPEs: arguments checked strictly, results typed by the records the
// core produces (see `produced` in fields.ts).
import * as z from 'zod';
import { ACS_METHODS, type AcsRequestName, type RpcBodies } from '../../cwmp/types';
import { COMPAT_SWITCHES } from '../../model/compat';
import type { ContactOutcome } from '../../model/presence';
import type {
  DeviceKey, DeviceOverview, DeviceSummary, ModelDescription, ModelWarning, ParameterRecord, TaskRecord, TaskStatus,
} from '../../model/records';
import {
  bool, ID_MAX, int, isPlainObject, KEY_MAX, list, num, obj, oneOf, PATH_MAX, produced, str, type ChannelSchema, type EventSchema,
} from './fields';

export interface AcsInfo {
  version: string;
  /** Where the CWMP listener is bound. */
  cwmpHost: string;
  cwmpPort: number;
  /** URLs a CPE could use to reach this ACS (one per non-internal address, loopback last). */
  acsUrls: string[];
  dataDir: string;
  /** The server's clock when it answered: the renderer corrects its own by the difference (relative times, presence). */
  serverTime: string;
  /** When this ACS started: contact before it says nothing about whether a device is still there. */
  startedAt: string;
  /** The file server CPEs download firmware from and upload files to (its own port, beside CWMP's). */
  fileServer: {
    port: number;
    listening: boolean;
    /** Its base URL per address of this machine (loopback last); each device is given the one its sessions come from. */
    urls: string[];
  };
}

export interface ContactResult {
  method: 'connection-request' | 'next-inform';
  ok: boolean;
  /** HTTP status of the connection request, or why none was sent. */
  detail: string;
}

/** A connection request's outcome, per device (device.contacts, device.contacted). */
export interface DeviceContact extends ContactOutcome { id: DeviceKey }

export interface SimInfo { id: DeviceKey; model: 'tr181' | 'tr098'; parameters: number; online: boolean }

export const deviceKey = () => str(KEY_MAX);
const byId = () => obj({ id: deviceKey() });
const none = () => obj({});

export const TASK_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled', 'unknown'] as const satisfies readonly TaskStatus[];
// Every TaskStatus is listed (a new one is a compile error here).
const allStatuses: Record<TaskStatus, true> = { queued: true, running: true, done: true, failed: true, cancelled: true, unknown: true };
void allStatuses;

/**
 * task.enqueue: `args` is checked as a plain object here; its fields per RPC
 * are checked by the core, which knows the RPC descriptors
 * (electron/core/acs/request-check.ts).
 */
const taskEnqueueArgs = obj({
  deviceId: deviceKey(),
  rpc: oneOf(ACS_METHODS),
  args: z.custom<RpcBodies[AcsRequestName]>(isPlainObject, {
    error: (iss) => (iss.input === undefined ? 'is required' : 'must be an object'),
  }),
  /** Try a connection request right away (default true); otherwise wait for the next Inform. */
  contact: bool().optional(),
});

/** The compat switch's own rule (compatValueError) runs in the core, which knows the switch named beside it. */
const COMPAT_VALUE = 'must be true, false, a number, a short string or null';
const compatValue = z.union([z.null(), z.boolean(), z.number(), z.string().max(32, COMPAT_VALUE)], {
  error: (iss) => (iss.input === undefined ? 'is required' : COMPAT_VALUE),
});

export const SIM_MODELS = ['tr181', 'tr098'] as const;

export const DEVICE_CHANNELS = {
  'acs.info': { description: 'listener address, ACS URLs, data folder', args: none(), result: produced<AcsInfo>() },
  'device.list': {
    description: 'every device: DeviceId, versions, IP, last inform, discovery state, pending tasks, last fault',
    args: none(), result: produced<DeviceSummary[]>(),
  },
  'device.get': { description: 'one device or null', args: byId(), result: produced<DeviceSummary | null>() },
  'device.discover': {
    description: 'queue a (re)discovery of the tree or a subtree',
    args: obj({ id: deviceKey(), path: str(PATH_MAX).optional() }), result: produced<TaskRecord>(),
  },
  'device.contact': { description: 'connection request now (or "at next inform")', args: byId(), result: produced<ContactResult>() },
  'device.contacts': {
    description: 'the outcome of the last connection request sent to each device since the ACS started (evidence for online / offline)',
    args: none(), result: produced<DeviceContact[]>(),
  },
  'device.delete': { description: 'forget a device', args: byId(), result: produced<{ deleted: boolean }>() },
  'device.setCompat': {
    description: "set one switch of the device's compatibility profile (`shared/model/compat.ts`), applied from its next message on; "
      + '`value: null` returns the switch to its default; the device record',
    args: obj({ id: deviceKey(), switch: oneOf(COMPAT_SWITCHES), value: compatValue }),
    result: produced<DeviceSummary>(),
  },
  'parameter.list': {
    description: 'parameters/objects under a path, default the whole tree (value, type, writable, last update); `depth` 1 = direct children only',
    args: obj({ deviceId: deviceKey(), path: str(PATH_MAX).optional(), depth: int(0, 1000).optional() }),
    result: produced<ParameterRecord[]>(),
  },
  'parameter.search': {
    description: 'parameters/objects whose path or value contains every term of `query` (case-insensitive, natural order, at most `limit`, default 200)',
    args: obj({ deviceId: deviceKey(), query: str(PATH_MAX), limit: int(1, 10_000).optional() }),
    result: produced<ParameterRecord[]>(),
  },
  'device.overview': {
    description: 'WAN IP and status, uptime, firmware, Wi-Fi SSIDs (band, channel), LAN hosts, last Inform (TR-181 and TR-098), from the stored parameters',
    args: byId(), result: produced<DeviceOverview>(),
  },
  'model.describe': {
    description: "the official BBF definition of a path (the device's root picks TR-181 or TR-098): "
      + 'type, access, range, enumeration, size, units, default, description; null when the model has none',
    args: obj({ deviceId: deviceKey(), path: str(PATH_MAX) }), result: produced<ModelDescription | null>(),
  },
  'task.enqueue': {
    description: 'queue any ACS RPC (`GetParameterValues`, `SetParameterValues`, `AddObject`, `Reboot`, `Download`, …; '
      + 'args named as in TR-069 Annex A); the task',
    args: taskEnqueueArgs, result: produced<TaskRecord>(),
  },
  'task.list': {
    description: 'the queue, with results and faults explained in words',
    args: obj({ deviceId: deviceKey().optional(), status: oneOf(TASK_STATUSES).optional() }), result: produced<TaskRecord[]>(),
  },
  'task.cancel': {
    description: 'cancel a task still queued; the task as it now stands, or null when there is none',
    args: obj({ id: str(ID_MAX) }), result: produced<TaskRecord | null>(),
  },
  'task.retry': {
    description: "send a finished task's RPC again (the only way a state-changing RPC is re-sent); the new task",
    args: obj({ id: str(ID_MAX) }), result: produced<TaskRecord>(),
  },
  'model.warnings': {
    description: 'latest data-model warnings per parameter path (unknown, vendor extension, bad value, writable mismatch)',
    args: obj({ deviceId: deviceKey() }), result: produced<ModelWarning[]>(),
  },
  'sim.start': {
    description: "start built-in virtual CPEs; `quirks` by name ('rejectXmlDeclaration', 'crDigestAlgorithm=SHA-256'…; see `electron/sim/quirks.ts`)",
    args: obj({
      count: int(1, 10_000), model: oneOf(SIM_MODELS).optional(), scale: num(0, 1000).optional(), quirks: list(str(200), 0, 32).optional(),
    }),
    result: produced<SimInfo[]>(),
  },
  'sim.list': { description: 'the built-in virtual CPEs', args: none(), result: produced<SimInfo[]>() },
  'sim.stop': { description: 'stop one virtual CPE, or all of them', args: obj({ id: deviceKey().optional() }), result: produced<{ stopped: number }>() },
} satisfies Record<string, ChannelSchema>;

export const DEVICE_EVENTS = {
  'session.started': { payload: produced<{ sessionId: string; deviceId: DeviceKey; remoteAddress?: string }>() },
  'session.ended': { payload: produced<{ sessionId: string; deviceId?: DeviceKey; reason: string }>() },
  'device.updated': { payload: produced<DeviceSummary>() },
  'device.deleted': { payload: produced<{ id: DeviceKey }>() },
  'device.contacted': { description: 'a connection request was sent: its outcome', payload: produced<DeviceContact>() },
  'task.updated': { payload: produced<TaskRecord>() },
} satisfies Record<string, EventSchema>;

/** task.enqueue's arguments, typed per RPC for callers (the schema checks `args` as a plain object). */
export type TaskEnqueueArgs<K extends AcsRequestName = AcsRequestName> =
  Omit<z.infer<typeof taskEnqueueArgs>, 'rpc' | 'args'> & { rpc: K; args: RpcBodies[K] };
