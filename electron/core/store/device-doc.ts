// The contents of one device's device.json: everything about the device
// except its parameter tree. Kept small (bounded lists) because it is read
// for every device at startup and rewritten whole by each compaction.
//
// The changes below are used both live and when the journal is replayed at
// start (journal.ts), so both paths give the same document. Each is a "set"
// (replaying it over a newer document changes nothing that a later record
// does not set again).
import type { DiagnosticRecord } from '../../../shared/api/diagnostics-contract';
import type { AnyTask, DeviceSummary, TaskStatus } from '../../../shared/model/records';

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
  tasks: AnyTask[];
  sessions: SessionRecord[];
  faults: FaultRecord[];
  /** Recent diagnostic runs (ping, traceroute), newest first. */
  diagnostics: DiagnosticRecord[];
}

/** Recent history kept per device; older entries fall off. */
export const MAX_SESSIONS = 50;
export const MAX_FAULTS = 100;
export const MAX_DIAGNOSTICS = 20;
/** Finished tasks kept per device (queued and running ones are never dropped). */
export const MAX_FINISHED_TASKS = 200;

export function newDoc(summary: DeviceSummary): DeviceDoc {
  return { v: 1, summary, tasks: [], sessions: [], faults: [], diagnostics: [] };
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
    diagnostics: Array.isArray(d.diagnostics) ? d.diagnostics.filter((r) => r && typeof r.id === 'string') : [],
  };
}

export function isPending(status: TaskStatus): boolean {
  return status === 'queued' || status === 'running';
}

/** Drops the oldest finished tasks beyond MAX_FINISHED_TASKS; returns the ids dropped. */
export function pruneTasks(tasks: AnyTask[]): string[] {
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

/** Inserts or replaces a task (a copy); returns the ids of old finished tasks dropped. */
export function upsertTask(doc: DeviceDoc, task: AnyTask): string[] {
  const i = doc.tasks.findIndex((t) => t.id === task.id);
  if (i >= 0) doc.tasks[i] = task;
  else doc.tasks.push(task);
  const dropped = pruneTasks(doc.tasks);
  countPending(doc);
  return dropped;
}

export function removeTask(doc: DeviceDoc, taskId: string): void {
  doc.tasks = doc.tasks.filter((t) => t.id !== taskId);
  countPending(doc);
}

export function countPending(doc: DeviceDoc): void {
  let n = 0;
  for (const t of doc.tasks) if (isPending(t.status)) n++;
  doc.summary.pendingTasks = n;
}

/** Keeps the counts the store knows better than the caller (parameterCount, pendingTasks). */
export function setSummary(doc: DeviceDoc, summary: DeviceSummary, parameterCount: number): void {
  doc.summary = summary;
  summary.parameterCount = parameterCount;
  countPending(doc);
}

/** Inserts or replaces a diagnostic run by id, newest first, the last MAX_DIAGNOSTICS kept. */
export function upsertDiagnostic(doc: DeviceDoc, rec: DiagnosticRecord): void {
  const i = doc.diagnostics.findIndex((r) => r.id === rec.id);
  if (i >= 0) doc.diagnostics[i] = rec;
  else doc.diagnostics.unshift(rec);
  if (doc.diagnostics.length > MAX_DIAGNOSTICS) doc.diagnostics.length = MAX_DIAGNOSTICS;
}

export function upsertSession(doc: DeviceDoc, rec: SessionRecord): void {
  upsertBounded(doc.sessions, rec, (r) => r.sessionId === rec.sessionId, MAX_SESSIONS);
}

/** Appends a fault unless the same one is there (a replayed record), and makes it the summary's lastFault. */
export function addFaultTo(doc: DeviceDoc, fault: FaultRecord): void {
  const same = (f: FaultRecord) => f.at === fault.at && f.code === fault.code && f.message === fault.message
    && f.taskId === fault.taskId && f.sessionId === fault.sessionId;
  if (!doc.faults.some(same)) {
    doc.faults.push(fault);
    if (doc.faults.length > MAX_FAULTS) doc.faults.splice(0, doc.faults.length - MAX_FAULTS);
  }
  doc.summary.lastFault = { code: fault.code, message: fault.message, at: fault.at };
}

/** Inserts or replaces by key, keeping the newest `max` entries (oldest first). */
export function upsertBounded<T>(list: T[], item: T, same: (a: T) => boolean, max: number): void {
  const i = list.findIndex(same);
  if (i >= 0) list[i] = item;
  else list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
}
