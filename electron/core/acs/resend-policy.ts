// When may a request whose answer never came be sent again? (Rule 1: never
// harm a device.) TR-069 gives the ACS no way to ask "did you apply my last
// request?", so a state-changing RPC that was sent and not answered may well
// have been applied: AddObject twice makes two instances, Reboot or Download
// twice reboots or flashes twice. Only requests whose repetition leaves the
// device as one delivery would are re-sent.
import type { AcsRequestName } from '../../../shared/cwmp/types';

/** Reads: asking again changes nothing on the device (A.3.2.2, A.3.2.4, A.3.1, A.4.1.1, A.4.1.6). */
const READS: ReadonlySet<AcsRequestName> = new Set<AcsRequestName>([
  'GetRPCMethods', 'GetParameterNames', 'GetParameterValues', 'GetParameterAttributes', 'GetQueuedTransfers', 'GetAllQueuedTransfers',
]);

/**
 * Writes of absolute values (A.3.2.1, A.3.2.4): a second delivery writes the
 * same values (and the same ParameterKey) again. Re-sent once, no more: a
 * CPE that never answers them is not helped by a third try.
 */
const IDEMPOTENT_WRITES: ReadonlySet<AcsRequestName> = new Set<AcsRequestName>(['SetParameterValues', 'SetParameterAttributes']);

/** State-changing RPCs (issue 10, item 1): once answered, never sent again automatically. */
export function isStateChanging(rpc: AcsRequestName): boolean {
  return !READS.has(rpc);
}

export type NoAnswerDecision =
  | { action: 'resend'; note: string }
  | { action: 'give-up'; note: string };

/**
 * What to do with a task whose request was sent (attempt `attempts`) and not
 * answered. `maxReads` bounds how often a read is tried.
 */
export function onNoAnswer(rpc: AcsRequestName, attempts: number, maxReads: number): NoAnswerDecision {
  if (READS.has(rpc)) {
    return attempts < maxReads
      ? { action: 'resend', note: `re-sent at the next session: ${rpc} only reads (attempt ${attempts + 1} of ${maxReads})` }
      : { action: 'give-up', note: `gave up after ${attempts} attempts` };
  }
  if (IDEMPOTENT_WRITES.has(rpc)) {
    return attempts < 2
      ? { action: 'resend', note: `re-sent once at the next session: idempotent (${rpc} writes the same values again)` }
      : { action: 'give-up', note: `not re-sent again: the one re-send of ${rpc} was not answered either` };
  }
  return {
    action: 'give-up',
    note: `not re-sent: ${rpc} is not idempotent and may have been applied (a second one could ${harm(rpc)}); `
      + 'check the device, then Retry if it was not',
  };
}

function harm(rpc: AcsRequestName): string {
  switch (rpc) {
    case 'AddObject': return 'create a duplicate instance';
    case 'DeleteObject': return 'delete an instance that now has another meaning';
    case 'Reboot': return 'reboot the device twice';
    case 'FactoryReset': return 'reset the device twice';
    case 'Download': case 'ScheduleDownload': return 'download and apply the file twice';
    case 'Upload': return 'upload twice';
    case 'ScheduleInform': return 'schedule a second Inform';
    case 'CancelTransfer': return 'cancel a transfer queued since';
    case 'ChangeDUState': return 'install or remove a software module twice';
    default: return 'repeat its effect';
  }
}
