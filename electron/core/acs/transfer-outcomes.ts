// What a CPE's transfer reports change on our side, before the CPE gets its
// response: once it has TransferCompleteResponse it forgets the transfer
// (A.3.3.2), so the outcome must be on disk first.
import type { CwmpBody, RpcBodies } from '../../../shared/cwmp/types';
import type { AnyTask, DeviceKey } from '../../../shared/model/records';
import type { EventBus } from '../runtime/events';
import type { DeviceStore } from '../store/device-store';

export interface TransferHooks {
  transferComplete(deviceId: DeviceKey, tc: RpcBodies['TransferComplete']): Promise<void>;
  autonomousTransferComplete(deviceId: DeviceKey, atc: RpcBodies['AutonomousTransferComplete']): Promise<void>;
}

/** Records a (Autonomous)TransferComplete on the task that asked for it and on its transfer record. */
export async function recordTransferReport(
  store: DeviceStore, bus: EventBus, hooks: TransferHooks | undefined, deviceId: DeviceKey, body: CwmpBody,
): Promise<void> {
  if (body.name === 'AutonomousTransferComplete') {
    const atc = body.args;
    await guarded(() => hooks?.autonomousTransferComplete(deviceId, atc));
    return;
  }
  if (body.name !== 'TransferComplete') return;
  // Match the transfer by CommandKey (A.3.3.2) and keep the outcome on its task.
  const tc = body.args;
  const task = store.tasks({ deviceId }).filter((t) => isTransferTask(t) && t.args.CommandKey === tc.CommandKey).pop();
  if (task && isTransferTask(task)) {
    const saved = { ...task, result: { ...task.result, TransferComplete: tc } };
    await store.putTask(saved);
    bus.emit('task.updated', saved);
  }
  // The transfer record (state, fault in words, evidence) matched by the same CommandKey.
  await guarded(() => hooks?.transferComplete(deviceId, tc));
}

/** The tasks a TransferComplete reports on (A.3.2.8, A.4.1.5, A.4.1.8): their CommandKey names the transfer. */
function isTransferTask(t: AnyTask): t is AnyTask<'Download' | 'Upload' | 'ScheduleDownload'> {
  return t.rpc === 'Download' || t.rpc === 'Upload' || t.rpc === 'ScheduleDownload';
}

/** A failing transfer record must not cost the CPE its answer. */
async function guarded(call: () => Promise<void> | undefined): Promise<void> {
  try {
    await call();
  } catch (e) {
    console.error('transfer outcome not recorded:', e instanceof Error ? e.message : e);
  }
}
