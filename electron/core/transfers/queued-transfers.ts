// What the CPE itself says is in its transfer queue: GetAllQueuedTransfers
// (A.4.1.7, CWMP 1.1+) or GetQueuedTransfers (A.4.1.6, every version), asked
// now and waited for a while; when the device does not answer in time, the
// last answer it gave (the request stays queued for its next session).
import type { AllQueuedTransferStruct, QueuedTransferStruct } from '../../../shared/cwmp/types';
import type { AnyTask, TaskRecord } from '../../../shared/model/records';
import type { QueuedTransferEntry, QueuedTransfers, TransferRecord } from '../../../shared/model/transfers';
import type { TaskQueue } from '../acs/task-queue';
import type { EventBus } from '../runtime/events';
import type { DeviceStore } from '../store/device-store';
import { cwmpMinor } from './transfer-service';

export interface QueuedDeps {
  store: DeviceStore;
  queue: TaskQueue;
  bus: EventBus;
  contact(deviceId: string): Promise<void>;
  byCommandKey(deviceId: string, key: string): TransferRecord | undefined;
}

const RPCS = ['GetAllQueuedTransfers', 'GetQueuedTransfers'] as const;

/** A.4.1.6 State values. */
export function queuedStateText(state: number): string {
  if (state === 1) return 'not yet started';
  if (state === 2) return 'in progress';
  if (state === 3) return 'completed, finishing up';
  return `state ${state}`;
}

function isOver(t: TaskRecord): boolean {
  return t.status === 'done' || t.status === 'failed' || t.status === 'cancelled';
}

/** Resolves with the task (as the store has it) once it is over, or undefined after `ms`. */
export function waitForTask(bus: EventBus, store: DeviceStore, id: string, ms: number): Promise<AnyTask | undefined> {
  const now = store.getTask(id);
  if (now && isOver(now)) return Promise.resolve(now);
  return new Promise((resolve) => {
    const off = bus.on('task.updated', (t) => {
      const stored = t.id === id ? store.getTask(id) : undefined;
      if (!stored || !isOver(stored)) return;
      off();
      clearTimeout(timer);
      resolve(stored);
    });
    const timer = setTimeout(() => {
      off();
      resolve(undefined);
    }, ms);
    timer.unref();
  });
}

function entries(deps: QueuedDeps, deviceId: string, task: AnyTask): QueuedTransferEntry[] {
  const list = task.rpc === 'GetAllQueuedTransfers' || task.rpc === 'GetQueuedTransfers' ? task.result?.TransferList : undefined;
  return (list ?? []).map((x: QueuedTransferStruct | AllQueuedTransferStruct) => {
    const ours = deps.byCommandKey(deviceId, x.CommandKey);
    const all = x as Partial<AllQueuedTransferStruct>;
    return {
      CommandKey: x.CommandKey, State: x.State,
      // GetQueuedTransfers (1.0) lists only CommandKey and State: the rest comes from our record when it is ours.
      IsDownload: all.IsDownload ?? (ours ? ours.kind !== 'Upload' : true),
      FileType: all.FileType ?? ours?.fileType ?? '',
      FileSize: all.FileSize ?? ours?.fileSize ?? 0,
      TargetFileName: all.TargetFileName ?? ours?.targetFileName ?? '',
      stateText: queuedStateText(x.State),
      ...(ours ? { transferId: ours.id } : {}),
    };
  });
}

export async function queuedTransfers(deps: QueuedDeps, deviceId: string, waitMs: number): Promise<QueuedTransfers> {
  const dev = deps.store.get(deviceId);
  if (!dev) throw new Error(`no device "${deviceId}"`);
  const rpc = cwmpMinor(dev) >= 1 ? 'GetAllQueuedTransfers' : 'GetQueuedTransfers';
  const task = await deps.queue.enqueue(deviceId, rpc, {}, 'transfer');
  void deps.contact(deviceId).catch(() => undefined);
  const answered = waitMs > 0 ? await waitForTask(deps.bus, deps.store, task.id, waitMs) : undefined;
  if (answered?.status === 'done') {
    return { deviceId, source: 'live', at: answered.finished, rpc, taskId: answered.id, transfers: entries(deps, deviceId, answered) };
  }
  const why = answered
    ? `the device answered with an error: ${answered.error ?? answered.status}`
    : `the device has not answered yet; ${rpc} stays queued for its next session (task ${task.id})`;
  const last = deps.store.tasks({ deviceId, status: 'done' }).filter((t) => (RPCS as readonly string[]).includes(t.rpc)).pop();
  if (!last) return { deviceId, source: 'none', rpc, taskId: task.id, transfers: [], note: why };
  return {
    deviceId, source: 'last-known', at: last.finished, rpc: last.rpc as QueuedTransfers['rpc'], taskId: last.id,
    transfers: entries(deps, deviceId, last), note: why,
  };
}
