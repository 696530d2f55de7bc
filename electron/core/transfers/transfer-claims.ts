// The CPE's word against the workbench's evidence. A CPE may report a
// transfer done — A.3.2.8 DownloadResponse (A.4.1.5 UploadResponse) Status 0,
// "the transfer has completed and been applied", or A.3.3.2 TransferComplete
// with FaultCode 0 — for a file it never fetched: real CPEs do (issue 10).
// A success the workbench reports must agree with what its own file server
// saw for that transfer's token, so the claim is checked against the bytes
// served (or the upload received), and the task that carried the RPC is
// annotated with the verdict so it does not say "done" on its own either.
import type { TaskRecord } from '../../../shared/model/records';
import type { TransferClaim, TransferRecord } from '../../../shared/model/transfers';
import type { StoredTransfer } from './transfer-store';

/** How long a claim waits for the evidence to catch up (the last bytes may still be on their way) before it is disputed. */
export const DEFAULT_CLAIM_GRACE_MS = 2000;

/**
 * Evidence exists only for a file the workbench's own file server handles
 * through this transfer's token; for any other URL (a vendor's server, an
 * autonomous transfer) the CPE's word cannot be checked.
 */
export function servedByWorkbench(t: StoredTransfer): boolean {
  return Boolean(t.token) && t.kind !== 'AutonomousTransferComplete';
}

/** The evidence of a completed transfer: every byte of the file went out (Download), a file arrived (Upload). */
export function evidenceAgrees(t: TransferRecord): boolean {
  return t.kind === 'Upload' ? Boolean(t.uploadId) : t.fullyServed;
}

/** A new claim, not judged yet. */
export function newClaim(t: TransferRecord, via: TransferClaim['via'], at: string): TransferClaim {
  return { via, at, verdict: 'pending', bytesServed: bytesSeen(t) };
}

/** Bytes served (Download) or received (Upload) so far. */
export function bytesSeen(t: TransferRecord): number {
  return t.kind === 'Upload' ? (t.uploadId ? t.size ?? 0 : 0) : t.bytesServed;
}

/** What the task's result says beside the CPE's answer: the workbench's verdict on the claim, in words. */
export interface TaskEvidence {
  verdict: TransferClaim['verdict'];
  transferId: string;
  bytesServed: number;
  size?: number;
  text: string;
}

/**
 * The task that carried the RPC, with the verdict in its result (`Evidence`),
 * next to DownloadResponse and the TransferComplete session.ts keeps there:
 * the task is 'done' (the RPC was answered), but its result no longer reads
 * as a completed transfer when the evidence disagrees.
 */
export function taskWithEvidence(task: TaskRecord, t: TransferRecord): TaskRecord {
  const claim = t.claim!;
  const Evidence: TaskEvidence = { verdict: claim.verdict, transferId: t.id, bytesServed: claim.bytesServed, size: t.size, text: t.summary };
  return { ...task, result: { ...((task.result ?? {}) as object), Evidence } };
}
