// The device record's side of a session, for the effect runner (issue 10,
// rules 1 and 2): where a discovery stands ('partial' when most leaves came
// without a value, with the interval and model name the tree now holds), and
// the notes a device's next session log carries (a switch learned as its
// last session ended). What a session proves is decided in session-decide.ts.
import type { AcsRequestName } from '../../../shared/cwmp/types';
import type { AnyTask, DeviceKey, DiscoveryState, TaskResult } from '../../../shared/model/records';
import { background } from '../runtime/background';
import type { DeviceStore } from '../store/device-store';
import { intervalSeconds } from './inform';
import type { DiscoveryOutcome } from './session-effects';

export class SessionRecords {
  /** Notes for a device's next session log (a switch learned when its last session ended). */
  private carried = new Map<DeviceKey, string[]>();

  constructor(private store: DeviceStore) {}

  /** The notes waiting for this device's next session. */
  carriedNotes(id: DeviceKey): readonly string[] | undefined {
    return this.carried.get(id);
  }

  carry(id: DeviceKey, note: string): void {
    const notes = this.carried.get(id) ?? [];
    notes.push(note);
    this.carried.set(id, notes);
  }

  /** The notes were put on a session log: not again. */
  delivered(id: DeviceKey): void {
    this.carried.delete(id);
  }

  async setDiscovery(
    deviceId: DeviceKey, task: AnyTask, outcome: DiscoveryOutcome, error?: string, result?: TaskResult<AcsRequestName>,
  ): Promise<void> {
    if (task.origin !== 'discovery') return;
    const d = this.store.get(deviceId);
    if (!d) return;
    const now = new Date().toISOString();
    // Rule 2: 'done' only when the values came; a discovery that got most names but few values is 'partial', with how far it got.
    const r = result && 'parameters' in result ? result : undefined;
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
