// What a CPE's transfer reports change on our side, before the CPE gets its
// response: once it has TransferCompleteResponse it forgets the transfer
// (A.3.3.2), so the outcome must be on disk first.
import type { RpcBodies, RpcName } from '../../../shared/cwmp/types';
import type { DeviceKey } from '../../../shared/model/records';
import type { EventBus } from '../runtime/events';
import type { DeviceStore } from '../store/device-store';

export interface TransferHooks {
  transferComplete(deviceId: DeviceKey, tc: RpcBodies['TransferComplete']): Promise<void>;
  autonomousTransferComplete(deviceId: DeviceKey, atc: RpcBodies['AutonomousTransferComplete']): Promise<void>;
}

/** Records a (Autonomous)TransferComplete on the task that asked for it and on its transfer record. */
export async function recordTransferReport(
  store: DeviceStore, bus: EventBus, hooks: TransferHooks | undefined, deviceId: DeviceKey, name: RpcName, args: unknown,
): Promise<void> {
  if (name === 'AutonomousTransferComplete') {
    await guarded(() => hooks?.autonomousTransferComplete(deviceId, args as RpcBodies['AutonomousTransferComplete']));
    return;
  }
  if (name !== 'TransferComplete') return;
  // Match the transfer by CommandKey (A.3.3.2) and keep the outcome on its task.
  const tc = args as RpcBodies['TransferComplete'];
  const task = store.tasks({ deviceId })
    .filter((t) => (t.rpc === 'Download' || t.rpc === 'Upload' || t.rpc === 'ScheduleDownload')
      && (t.args as { CommandKey: string }).CommandKey === tc.CommandKey)
    .pop();
  if (task) {
    const saved = { ...task, result: { ...(task.result as object), TransferComplete: tc } };
    await store.putTask(saved);
    bus.emit('task.updated', saved);
  }
  // The transfer record (state, fault in words, evidence) matched by the same CommandKey.
  await guarded(() => hooks?.transferComplete(deviceId, tc));
}

/** A failing transfer record must not cost the CPE its answer. */
async function guarded(call: () => Promise<void> | undefined): Promise<void> {
  try {
    await call();
  } catch (e) {
    console.error('transfer outcome not recorded:', e instanceof Error ? e.message : e);
  }
}
