// The contents of one device's device.json: everything about the device
// except its parameter tree. Kept small (bounded lists) because it is
// rewritten whole on every change and read for every device at startup.
import type { DeviceSummary, TaskRecord, TaskStatus } from '../../../shared/model/records';

/** One CWMP session as the device list and the session log summarize it. */
export interface SessionRecord {
  sessionId: string;
  started: string;
  ended?: string;
  remoteAddress?: string;
  /** Inform EventCodes, e.g. '1 BOOT'. */
  events?: string[];
  /** HTTP messages exchanged. */
  messages?: number;
  /** Ids of the tasks sent in this session. */
  tasks?: string[];
  /** How it ended: '204', 'timeout', 'fault', 'error', ... */
  outcome?: string;
  error?: string;
}

/** A CWMP fault (or transport failure) the device gave us. */
export interface FaultRecord {
  at: string;
  code: number;
  message: string;
  sessionId?: string;
  taskId?: string;
  rpc?: string;
}

export interface DeviceDoc {
  v: 1;
  summary: DeviceSummary;
  tasks: TaskRecord[];
  sessions: SessionRecord[];
  faults: FaultRecord[];
}

/** Recent history kept per device; older entries fall off. */
export const MAX_SESSIONS = 50;
export const MAX_FAULTS = 100;
/** Finished tasks kept per device (queued and running ones are never dropped). */
export const MAX_FINISHED_TASKS = 200;

export function newDoc(summary: DeviceSummary): DeviceDoc {
  return { v: 1, summary, tasks: [], sessions: [], faults: [] };
}

/** Checks a parsed device.json; fills lists a hand-edited or older file lacks. */
export function normalizeDoc(data: unknown): DeviceDoc {
  const d = data as Partial<DeviceDoc> | null;
  if (!d || typeof d !== 'object' || !d.summary || typeof d.summary.id !== 'string') {
    throw new Error('not a device file (expected {"v":1,"summary":{"id":...}})');
  }
  return {
    v: 1,
    summary: d.summary,
    tasks: Array.isArray(d.tasks) ? d.tasks.filter((t) => t && typeof t.id === 'string') : [],
    sessions: Array.isArray(d.sessions) ? d.sessions : [],
    faults: Array.isArray(d.faults) ? d.faults : [],
  };
}

export function isPending(status: TaskStatus): boolean {
  return status === 'queued' || status === 'running';
}

/** Drops the oldest finished tasks beyond MAX_FINISHED_TASKS; returns the ids dropped. */
export function pruneTasks(tasks: TaskRecord[]): string[] {
  let finished = 0;
  for (const t of tasks) if (!isPending(t.status)) finished++;
  const excess = finished - MAX_FINISHED_TASKS;
  if (excess <= 0) return [];
  const dropped: string[] = [];
  for (let i = 0; i < tasks.length && dropped.length < excess; ) {
    if (!isPending(tasks[i]!.status)) dropped.push(tasks.splice(i, 1)[0]!.id);
    else i++;
  }
  return dropped;
}

/** Inserts or replaces by key, keeping the newest `max` entries (oldest first). */
export function upsertBounded<T>(list: T[], item: T, same: (a: T) => boolean, max: number): void {
  const i = list.findIndex(same);
  if (i >= 0) list[i] = item;
  else list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
}
