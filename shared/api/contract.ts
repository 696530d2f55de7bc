// The one IPC contract between the renderer (or any script) and the core.
// Channels are `domain.verb`; events are `domain.pastTense`. Electron IPC,
// the headless WebSocket and in-process tests all carry exactly these maps.
import type { AcsRequestName, RpcBodies } from '../cwmp/types';
import type {
  DeviceKey, DeviceSummary, LoggedMessage, ParameterRecord, TaskRecord, TaskStatus,
} from '../model/records';

export interface AcsInfo {
  version: string;
  /** Where the CWMP listener is bound. */
  cwmpHost: string;
  cwmpPort: number;
  /** URLs a CPE could use to reach this ACS (one per non-internal address, loopback last). */
  acsUrls: string[];
  dataDir: string;
}

export interface TaskEnqueueArgs<K extends AcsRequestName = AcsRequestName> {
  deviceId: DeviceKey;
  rpc: K;
  args: RpcBodies[K];
  /** Try a connection request right away (default true); otherwise wait for the next Inform. */
  contact?: boolean;
}

export interface ContactResult {
  method: 'connection-request' | 'next-inform';
  ok: boolean;
  /** HTTP status of the connection request, or why none was sent. */
  detail: string;
}

export interface SimInfo { id: DeviceKey; model: 'tr181' | 'tr098'; parameters: number; online: boolean }

/** invoke map: channel → { args; result }. */
export interface InvokeMap {
  'acs.info': { args: Record<string, never>; result: AcsInfo };
  'device.list': { args: Record<string, never>; result: DeviceSummary[] };
  'device.get': { args: { id: DeviceKey }; result: DeviceSummary | null };
  'device.delete': { args: { id: DeviceKey }; result: { deleted: boolean } };
  'device.discover': { args: { id: DeviceKey; path?: string }; result: TaskRecord };
  'device.contact': { args: { id: DeviceKey }; result: ContactResult };
  /** Parameters and objects under `path` (default: the whole tree); `depth` 1 = direct children only. */
  'parameter.list': { args: { deviceId: DeviceKey; path?: string; depth?: number }; result: ParameterRecord[] };
  'task.enqueue': { args: TaskEnqueueArgs; result: TaskRecord };
  'task.list': { args: { deviceId?: DeviceKey; status?: TaskStatus }; result: TaskRecord[] };
  'task.cancel': { args: { id: string }; result: TaskRecord | null };
  'task.retry': { args: { id: string }; result: TaskRecord };
  'log.list': {
    args: { deviceId?: DeviceKey; sessionId?: string; limit?: number };
    result: LoggedMessage[];
  };
  'sim.start': { args: { count: number; model?: 'tr181' | 'tr098'; scale?: number }; result: SimInfo[] };
  'sim.list': { args: Record<string, never>; result: SimInfo[] };
  'sim.stop': { args: { id?: DeviceKey }; result: { stopped: number } };
}

/** event map: channel → payload. */
export interface EventMap {
  'session.messageLogged': LoggedMessage;
  'session.started': { sessionId: string; deviceId: DeviceKey; remoteAddress?: string };
  'session.ended': { sessionId: string; deviceId?: DeviceKey; reason: string };
  'device.updated': DeviceSummary;
  'device.deleted': { id: DeviceKey };
  'task.updated': TaskRecord;
}

export type InvokeChannel = keyof InvokeMap;
export type EventChannel = keyof EventMap;
export type ArgsOf<C extends InvokeChannel> = InvokeMap[C]['args'];
export type ResultOf<C extends InvokeChannel> = InvokeMap[C]['result'];

/** What a transport must provide (Electron IPC, WebSocket, in-process). */
export interface Transport {
  invoke(channel: string, args: unknown): Promise<unknown>;
  on(channel: string, cb: (payload: unknown) => void): () => void;
}

/** The typed API the renderer sees as `window.api`. */
export interface WorkbenchApi {
  invoke<C extends InvokeChannel>(channel: C, args: ArgsOf<C>): Promise<ResultOf<C>>;
  on<E extends EventChannel>(event: E, cb: (payload: EventMap[E]) => void): () => void;
}

/** Server side: one handler per channel, registered in a single loop by every transport. */
export type Handlers = { [C in InvokeChannel]: (args: ArgsOf<C>) => Promise<ResultOf<C>> };

export const INVOKE_CHANNELS: readonly InvokeChannel[] = [
  'acs.info', 'device.list', 'device.get', 'device.delete', 'device.discover', 'device.contact',
  'parameter.list', 'task.enqueue', 'task.list', 'task.cancel', 'task.retry', 'log.list',
  'sim.start', 'sim.list', 'sim.stop',
];
export const EVENT_CHANNELS: readonly EventChannel[] = [
  'session.messageLogged', 'session.started', 'session.ended', 'device.updated', 'device.deleted', 'task.updated',
];
