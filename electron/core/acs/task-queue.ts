// The task queue (TR-069 leaves queuing to the ACS): tasks are written to the
// store before they are sent, run one at a time in the device's next session,
// and keep their result or fault. A task interrupted by a dropped session goes
// back to the queue, up to MAX_ATTEMPTS.
import { randomUUID } from 'node:crypto';
import { explainFault } from '../../../shared/cwmp/faults';
import { normalizeRpcArgs } from '../../../shared/cwmp/rpc-args';
import type { AcsRequestName, CwmpFault, RpcBodies } from '../../../shared/cwmp/types';
import type { DeviceKey, TaskRecord } from '../../../shared/model/records';
import { background } from '../background';
import type { EventBus } from '../events';
import type { DeviceStore } from '../store/device-store';
import { checkRequest, storedDevice, withCanonicalTypes } from './request-check';

export const MAX_ATTEMPTS = 3;

export class TaskQueue {
  constructor(private store: DeviceStore, private bus: EventBus) {}

  async enqueue<K extends AcsRequestName>(deviceId: DeviceKey, rpc: K, args: RpcBodies[K], origin: string): Promise<TaskRecord> {
    // Values against their xsd type, the device's own report and the BBF model
    // first (request-check.ts), whoever asks: the ACS never queues a request it
    // must not send. Then the shapes and schema lengths (rpc-args.ts).
    const refused = await checkRequest(storedDevice(this.store, deviceId), rpc, args);
    if (refused) throw new Error(`${rpc}: ${refused}`);
    const checked = normalizeRpcArgs(rpc, args);
    if (!checked.ok) throw new Error(checked.error);
    const task: TaskRecord = {
      id: randomUUID(), deviceId, rpc, args: withCanonicalTypes(rpc, checked.args), status: 'queued', origin,
      created: new Date().toISOString(), attempts: 0,
    };
    await this.save(task);
    return task;
  }

  /** Oldest queued task of the device. */
  next(deviceId: DeviceKey): TaskRecord | undefined {
    return this.store.tasks({ deviceId, status: 'queued' })[0];
  }

  pending(deviceId: DeviceKey): number {
    return this.store.tasks({ deviceId }).filter((t) => t.status === 'queued' || t.status === 'running').length;
  }

  async markRunning(task: TaskRecord): Promise<TaskRecord> {
    return this.save({ ...task, status: 'running', started: new Date().toISOString(), attempts: task.attempts + 1 });
  }

  async markDone(task: TaskRecord, result: unknown): Promise<TaskRecord> {
    return this.save({ ...task, status: 'done', finished: new Date().toISOString(), result, error: undefined, fault: undefined });
  }

  async markFailed(task: TaskRecord, why: { fault?: CwmpFault; error?: string }): Promise<TaskRecord> {
    const fault = why.fault
      ? { ...why.fault.detail, explanation: explainFault(why.fault.detail.FaultCode, why.fault.detail.FaultString) }
      : undefined;
    return this.save({ ...task, status: 'failed', finished: new Date().toISOString(), fault, error: why.error ?? fault?.explanation });
  }

  /** The session ended before the answer: try again next session, unless it keeps failing. */
  async interrupted(task: TaskRecord, reason: string): Promise<TaskRecord> {
    if (task.attempts >= MAX_ATTEMPTS) return this.markFailed(task, { error: `${reason} (gave up after ${task.attempts} attempts)` });
    return this.save({ ...task, status: 'queued', error: reason });
  }

  async cancel(id: string): Promise<TaskRecord | null> {
    const t = this.store.getTask(id);
    if (!t || t.status !== 'queued') return t ?? null;
    return this.save({ ...t, status: 'cancelled', finished: new Date().toISOString() });
  }

  async retry(id: string): Promise<TaskRecord> {
    const t = this.store.getTask(id);
    if (!t) throw new Error(`no task ${id}`);
    if (t.status === 'queued' || t.status === 'running') return t;
    return this.enqueue(t.deviceId, t.rpc, t.args, t.origin);
  }

  /** Tasks left 'running' by a crash are queued again at start-up. */
  async recover(): Promise<void> {
    for (const t of this.store.tasks({ status: 'running' })) await this.interrupted(t, 'the workbench stopped during this task');
  }

  /**
   * Queued and running tasks are on disk before anyone acts on them (a task is
   * persisted before it is sent); an outcome is kept in memory at once and
   * written in the background.
   */
  private async save(task: TaskRecord): Promise<TaskRecord> {
    const pendingBefore = this.store.get(task.deviceId)?.pendingTasks;
    const write = this.store.putTask(task);
    if (task.status === 'queued' || task.status === 'running') await write;
    else background(write, `task ${task.id}`);
    this.bus.emit('task.updated', task);
    // The device list shows each device's pending count: push the summary when it moved.
    const summary = this.store.get(task.deviceId);
    if (summary && summary.pendingTasks !== pendingBefore) this.bus.emit('device.updated', summary);
    return task;
  }
}
