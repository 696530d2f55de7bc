// The task queue (TR-069 leaves queuing to the ACS): tasks are written to the
// store before they are sent, run one at a time in the device's next session,
// and keep their result or fault. A task whose answer never came goes back to
// the queue only when sending it again is safe (resend-policy.ts). What
// becomes of a task is decided by task-transitions.ts; this keeps it.
import { randomUUID } from 'node:crypto';
import { normalizeRpcArgs } from '../../../shared/cwmp/rpc-args';
import type { AcsRequestName, RpcBodies } from '../../../shared/cwmp/types';
import type { AnyTask, DeviceKey, TaskRecord } from '../../../shared/model/records';
import type { EventBus } from '../runtime/events';
import type { DeviceStore } from '../store/device-store';
import { checkRequest, storedDevice, withCanonicalTypes } from './request-check';
import { asUnanswered } from './task-transitions';

export class TaskQueue {
  constructor(private store: DeviceStore, private bus: EventBus) {}

  async enqueue<K extends AcsRequestName>(deviceId: DeviceKey, rpc: K, args: RpcBodies[K], origin: string): Promise<AnyTask<K>> {
    // Values against their xsd type, the device's own report and the BBF model
    // first (request-check.ts), whoever asks: the ACS never queues a request it
    // must not send. Then the shapes and schema lengths (rpc-args.ts).
    const refused = await checkRequest(storedDevice(this.store, deviceId), rpc, args);
    if (refused) throw new Error(`${rpc}: ${refused}`);
    const checked = normalizeRpcArgs(rpc, args);
    if (!checked.ok) throw new Error(checked.error);
    const task: AnyTask<K> = {
      id: randomUUID(), deviceId, rpc, args: withCanonicalTypes(rpc, checked.args), status: 'queued', origin,
      created: new Date().toISOString(), attempts: 0,
    };
    await this.save(task);
    return task;
  }

  /** Oldest queued task of the device. */
  next(deviceId: DeviceKey): AnyTask | undefined {
    return this.store.tasks({ deviceId, status: 'queued' })[0];
  }

  /**
   * A task's new state (from task-transitions.ts, decided by the session),
   * durable when this resolves, and told to the UI (task.updated).
   */
  put<T extends TaskRecord>(task: T): Promise<T> {
    return this.save(task);
  }

  /**
   * One discovery of a path at a time: a second identical request (the
   * Inform's auto-discovery, the user's Refresh, a retry) returns the one
   * already queued or running instead of queueing another.
   */
  async enqueueDiscovery(deviceId: DeviceKey, path: string, origin = 'discovery'): Promise<AnyTask> {
    const same = this.store.tasks({ deviceId }).find((t) => (t.status === 'queued' || t.status === 'running')
      && (t.origin === origin) && t.rpc === 'GetParameterNames' && t.args.ParameterPath === path);
    if (same) return same;
    return this.enqueue(deviceId, 'GetParameterNames', { ParameterPath: path, NextLevel: false }, origin);
  }

  async cancel(id: string): Promise<AnyTask | null> {
    const t = this.store.getTask(id);
    if (!t || t.status !== 'queued') return t ?? null;
    return this.save({ ...t, status: 'cancelled', finished: new Date().toISOString() });
  }

  async retry(id: string): Promise<AnyTask> {
    const t = this.store.getTask(id);
    if (!t) throw new Error(`no task ${id}`);
    if (t.status === 'queued' || t.status === 'running') return t;
    if ((t.origin === 'discovery' || t.origin === 'follow-up') && t.rpc === 'GetParameterNames') {
      return this.enqueueDiscovery(t.deviceId, t.args.ParameterPath, t.origin);
    }
    // A retry is the user's explicit request: the only way a state-changing RPC is sent again.
    return this.enqueue(t.deviceId, t.rpc, t.args, t.origin);
  }

  /** Tasks left 'running' by a crash are queued again at start-up. */
  async recover(): Promise<void> {
    const now = new Date().toISOString();
    for (const t of this.store.tasks({ status: 'running' })) await this.save(asUnanswered(t, 'the workbench stopped while the request was out', now));
  }

  /**
   * Every state is on disk before anyone acts on it: a task is persisted
   * before it is sent, and its outcome before the session goes on (rule 1: a
   * crash right after an answer must not leave the task 'running', which
   * would count as unanswered). The journal group-commits, so this costs
   * latency within the session, not throughput.
   */
  private async save<T extends TaskRecord>(task: T): Promise<T> {
    // The device's pending count moves with it: the store says so (device.updated).
    await this.store.putTask(task);
    this.bus.emit('task.updated', task);
    return task;
  }
}
