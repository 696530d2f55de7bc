// The device record's side of a session (issue 10, rules 1 and 2): what a
// session the CPE abandoned proves (the device's last-session problem, a
// learned compatibility switch) and where its discovery stands ('partial'
// when most leaves came without a value). The session engine calls these at
// the session's turning points; they only read and write the device record.
import type { DeviceKey, DiscoveryState, TaskRecord } from '../../../shared/model/records';
import { background } from '../runtime/background';
import type { DeviceStore } from '../store/device-store';
import { compatOf, judgeEnd, learnedNote, setCompat, type SessionEnd } from './compat-learning';
import { intervalSeconds } from './inform';

/** What judging needs of a session context. */
export interface JudgedSession {
  id: string;
  deviceId?: DeviceKey;
  messages: number;
  lastSent?: string;
  lastSentDeclaration?: boolean;
}

export class SessionRecords {
  /** Notes for a device's next session log (a switch learned when its last session ended). */
  private carried = new Map<DeviceKey, string[]>();

  constructor(private store: DeviceStore) {}

  /** The notes waiting for this device's next session, once. */
  takeCarried(id: DeviceKey): string[] | undefined {
    const notes = this.carried.get(id);
    this.carried.delete(id);
    return notes;
  }

  /**
   * A session the CPE abandoned (closed, went silent, or replaced by a new
   * Inform): the device record says what happened, and a switch the failure
   * proves is learned. A session that ended normally clears the problem.
   * Returns the words for the task that was waiting, if any.
   */
  async judge(ctx: JudgedSession, how: SessionEnd, outstanding: { name: string; args?: unknown } | undefined): Promise<string | undefined> {
    const id = ctx.deviceId!;
    const d = this.store.get(id);
    if (!d) return undefined;
    const verdict = judgeEnd(how, {
      cpeMessages: ctx.messages, lastSent: ctx.lastSent, outstanding, sentXmlDeclaration: ctx.lastSentDeclaration ?? true,
    }, compatOf(this.store, id), ctx.id);
    if (!verdict) {
      if (how === 'complete' && d.lastSessionProblem) {
        const { lastSessionProblem: _, ...rest } = d;
        await this.store.putDevice(rest);
      }
      return undefined;
    }
    if (verdict.lesson) {
      const { s, value, reason } = verdict.lesson;
      await setCompat(this.store, id, s, value, { source: 'learned', reason, sessionId: ctx.id });
      // Logged with the next session's InformResponse, the first message that follows the switch.
      const notes = this.carried.get(id) ?? [];
      notes.push(learnedNote(s, value, reason));
      this.carried.set(id, notes);
    }
    const now = this.store.get(id)!;
    const judged = { ...now, lastSessionProblem: { at: new Date().toISOString(), sessionId: ctx.id, text: verdict.text } };
    await this.store.putDevice(judged);
    return verdict.text;
  }

  async setDiscovery(
    deviceId: DeviceKey, task: TaskRecord, outcome: 'running' | 'retrying' | 'done' | 'failed', error?: string, result?: unknown,
  ): Promise<void> {
    if (task.origin !== 'discovery') return;
    const d = this.store.get(deviceId);
    if (!d) return;
    const now = new Date().toISOString();
    // Rule 2: 'done' only when the values came; a discovery that got most names but few values is 'partial', with how far it got.
    const r = result as { values?: number; leaves?: number; incomplete?: string } | undefined;
    const status: DiscoveryState['status'] = outcome === 'done' && r?.incomplete ? 'partial' : outcome === 'retrying' ? 'failed' : outcome;
    const discovery = status === 'running'
      ? { status, startedAt: now, names: 0, values: 0 }
      : {
        ...d.discovery, status, finishedAt: now, error: error ?? r?.incomplete,
        ...(r?.leaves !== undefined ? { leaves: r.leaves } : {}),
      };
    const summary = { ...d, discovery };
    if (status === 'done') {
      // The tree now holds the interval; the device list uses it to tell "quiet" from "offline".
      const p = await this.store.getParameter(deviceId, `${d.root}ManagementServer.PeriodicInformInterval`);
      summary.periodicInformInterval = intervalSeconds(p?.value) ?? d.periodicInformInterval;
      // ModelName is not a Forced Inform parameter: most CPEs never send it, the tree has it.
      if (!summary.modelName) summary.modelName = (await this.store.getParameter(deviceId, `${d.root}DeviceInfo.ModelName`))?.value || undefined;
    }
    background(this.store.putDevice(summary), 'discovery state'); // the store tells the UI once it is durable
  }
}
