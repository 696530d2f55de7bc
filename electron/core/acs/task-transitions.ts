// What becomes of a task, as pure functions of the task (TR-069 leaves the
// queue to the ACS): sent, answered, failed, or sent and never answered. The
// re-send rule (resend-policy.ts) decides the last one. Who keeps the result
// on disk (and when) is the caller's business: the queue, or the session's
// effect runner before the session goes on.
import { explainFault } from '../../../shared/cwmp/faults';
import type { CwmpFault } from '../../../shared/cwmp/types';
import type { AnyTask } from '../../../shared/model/records';
import { isStateChanging, onNoAnswer } from './resend-policy';

/** Reads are tried this often before a task whose answer never came gives up. */
export const MAX_ATTEMPTS = 3;

export type FailureWhy = { fault?: CwmpFault; error?: string };

/** Sent now: one more attempt. */
export function asRunning<T extends AnyTask>(task: T, now: string): T {
  return { ...task, status: 'running', started: now, attempts: task.attempts + 1 };
}

/** Answered: the result is kept (a task of kind K keeps K's result). */
export function asDone<T extends AnyTask>(task: T, result: T['result'], now: string): T {
  return { ...task, status: 'done', finished: now, result, error: undefined, fault: undefined };
}

/** A fault (explained in words, A.5) or an error of ours. */
export function asFailed<T extends AnyTask>(task: T, why: FailureWhy, now: string): T {
  const fault = why.fault
    ? { ...why.fault.detail, explanation: explainFault(why.fault.detail.FaultCode, why.fault.detail.FaultString) }
    : undefined;
  return { ...task, status: 'failed', finished: now, fault, error: why.error ?? fault?.explanation };
}

/**
 * The request was sent and its answer never came (the session ended, the
 * CPE dropped it, the workbench stopped). Rule 1: a state-changing RPC may
 * have been applied, so it is re-sent only where a second delivery is safe
 * (resend-policy.ts): queued again; else a read fails and anything else ends
 * 'unknown', saying why.
 */
export function asUnanswered<T extends AnyTask>(task: T, reason: string, now: string, maxAttempts = MAX_ATTEMPTS): T {
  const d = onNoAnswer(task.rpc, task.attempts, maxAttempts);
  const text = `sent; no answer (${reason}); ${d.note}`;
  if (d.action === 'resend') return { ...task, status: 'queued', error: text };
  if (!isStateChanging(task.rpc)) return asFailed(task, { error: text }, now);
  return { ...task, status: 'unknown', finished: now, error: text };
}
