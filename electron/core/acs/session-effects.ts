// What a session decision changes outside the session itself, as data: the
// decision core (session-decide.ts, the jobs) says what must happen, the
// effect runner (effect-runner.ts) does it, in the order given, before the
// reply goes out. That order is the re-send rule's durability (README, "the
// re-send rule"; resend-policy.ts): an answered request's outcome is on disk
// before the CPE hears from the ACS again, so a crash at any point leaves no
// answered state-changing task looking unanswered.
import type { AcsRequestName, RpcBodies } from '../../../shared/cwmp/types';
import type { CompatSwitch } from '../../../shared/model/compat';
import type { AnyTask, DeviceKey, DeviceSummary, TaskResult } from '../../../shared/model/records';
import type { FaultRecord, SessionRecord } from '../store/device-doc';
import type { ParameterChange } from '../store/parameter-table';

/** Where a discovery task stands, for the device record (session-records.ts). */
export type DiscoveryOutcome = 'running' | 'retrying' | 'done' | 'failed';

export type Effect =
  /**
   * The Inform's facts (A.3.3.1; inform.ts): the device summary (written in the
   * background: the InformResponse need not wait for it), the tree dropped
   * first on 0 BOOTSTRAP of a known device, then its Forced Inform parameters.
   */
  | { kind: 'inform'; summary: DeviceSummary; dropTree: boolean; changes: ParameterChange[]; at: string }
  /** A task's new state, durable before the session goes on (a task is on disk before it is sent, its outcome before the next message). */
  | { kind: 'save-task'; task: AnyTask }
  /** Queue a discovery of `path` unless one is queued or running already; 'follow-up' reads what a change made (rule 1). */
  | { kind: 'enqueue-discovery'; deviceId: DeviceKey; path: string; origin: 'discovery' | 'follow-up' }
  /** Facts the CPE's answer taught about its tree. */
  | { kind: 'parameters'; deviceId: DeviceKey; changes: ParameterChange[]; at: string }
  | { kind: 'remove-subtree'; deviceId: DeviceKey; path: string }
  /** What the store has under `path` that a whole-subtree discovery did not see any more is gone. */
  | { kind: 'drop-stale'; deviceId: DeviceKey; path: string; seen: ReadonlySet<string> }
  /** Discovery progress for the device page (not waited for: a progress bar, not an outcome). */
  | { kind: 'progress'; deviceId: DeviceKey; names: number; values: number }
  /** A discovery task's state on the device record ('partial' when most leaves came without a value). */
  | { kind: 'discovery-state'; deviceId: DeviceKey; task: AnyTask; outcome: DiscoveryOutcome; error?: string; result?: TaskResult<AcsRequestName> }
  /** The device's fault history (A.5), before the task that failed says so. */
  | { kind: 'fault'; deviceId: DeviceKey; fault: FaultRecord }
  /** A compatibility switch the device's behaviour proved (kept on the device). */
  | { kind: 'learn'; deviceId: DeviceKey; switch: CompatSwitch; value: boolean; reason: string; sessionId: string }
  /** A note for the device's next session log (a switch learned as this one ended). */
  | { kind: 'carry-note'; deviceId: DeviceKey; note: string }
  /** The notes carried from the device's last session were put on this one. */
  | { kind: 'notes-delivered'; deviceId: DeviceKey }
  /** The device's last-session problem in words, or null to clear it. */
  | { kind: 'session-problem'; deviceId: DeviceKey; problem: { at: string; sessionId: string; text: string } | null }
  /** A (Autonomous)TransferComplete recorded on its task and transfer, before its response tells the CPE to forget it (A.3.3.2). */
  | { kind: 'transfer-report'; deviceId: DeviceKey; body: TransferReport }
  /** The session's record in the device's history. */
  | { kind: 'session-record'; deviceId: DeviceKey; record: SessionRecord }
  | { kind: 'session-started'; sessionId: string; deviceId: DeviceKey; remoteAddress?: string }
  | { kind: 'session-ended'; sessionId: string; deviceId?: DeviceKey; reason: string };

export type TransferReport =
  | { name: 'TransferComplete'; args: RpcBodies['TransferComplete'] }
  | { name: 'AutonomousTransferComplete'; args: RpcBodies['AutonomousTransferComplete'] };
