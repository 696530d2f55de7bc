// The edge of the session core: does what a decision said (session-effects.ts),
// one effect after another, each durable before the next starts unless it is
// marked as background (a summary, a progress bar, a session record), and
// all of it before the session's answer goes out. That is the re-send rule's
// durability (README, "the re-send rule"): an answered state-changing
// request's outcome is on disk before the CPE hears from the ACS again.
import type { EventBus } from '../runtime/events';
import { background } from '../runtime/background';
import type { DeviceStore } from '../store/device-store';
import { setCompat } from './compat-learning';
import { stillThere } from './discovery';
import type { Effect } from './session-effects';
import type { SessionRecords } from './session-records';
import type { TaskQueue } from './task-queue';
import { recordTransferReport, type TransferHooks } from './transfer-outcomes';

export interface EffectDeps {
  store: DeviceStore;
  queue: TaskQueue;
  bus: EventBus;
  records: SessionRecords;
  transfers?: TransferHooks;
}

/** Runs the effects in order; resolves when every one that must be durable is. */
export async function runEffects(effects: readonly Effect[], d: EffectDeps): Promise<void> {
  for (const e of effects) await runEffect(e, d);
}

async function runEffect(e: Effect, d: EffectDeps): Promise<void> {
  const { store } = d;
  switch (e.kind) {
    case 'inform': {
      const { id, root } = e.summary;
      if (e.dropTree) await store.removeSubtree(id, root);
      // In memory at once; on disk in the background (the Inform's answer need not wait for it).
      background(store.putDevice(e.summary), 'device summary');
      await store.applyParameters(id, e.changes, e.at);
      return;
    }
    case 'save-task':
      await d.queue.put(e.task);
      return;
    case 'enqueue-discovery':
      await d.queue.enqueueDiscovery(e.deviceId, e.path, e.origin);
      return;
    case 'parameters':
      await store.applyParameters(e.deviceId, e.changes, e.at);
      return;
    case 'remove-subtree':
      await store.removeSubtree(e.deviceId, e.path);
      return;
    case 'drop-stale':
      for (const p of await store.listParameters(e.deviceId, e.path)) {
        if (p.path !== e.path && !stillThere(e.seen, p.path)) await store.removeSubtree(e.deviceId, p.path);
      }
      return;
    case 'progress': {
      const dev = store.get(e.deviceId);
      if (!dev) return;
      const summary = { ...dev, discovery: { ...dev.discovery, status: 'running' as const, names: e.names, values: e.values } };
      background(store.putDevice(summary), 'discovery progress');
      return;
    }
    case 'discovery-state':
      await d.records.setDiscovery(e.deviceId, e.task, e.outcome, e.error, e.result);
      return;
    case 'fault':
      await store.addFault(e.deviceId, e.fault);
      return;
    case 'learn':
      // On disk before the session goes on: the next message (and the next session, after a restart too) follows it.
      await setCompat(store, e.deviceId, e.switch, e.value, { source: 'learned', reason: e.reason, sessionId: e.sessionId });
      return;
    case 'carry-note':
      d.records.carry(e.deviceId, e.note);
      return;
    case 'notes-delivered':
      d.records.delivered(e.deviceId);
      return;
    case 'session-problem': {
      const dev = store.get(e.deviceId);
      if (!dev) return;
      if (e.problem) {
        await store.putDevice({ ...dev, lastSessionProblem: e.problem });
      } else if (dev.lastSessionProblem) {
        const { lastSessionProblem: _, ...rest } = dev;
        await store.putDevice(rest);
      }
      return;
    }
    case 'transfer-report':
      await recordTransferReport(store, d.bus, d.transfers, e.deviceId, e.body);
      return;
    case 'session-record':
      background(store.putSession(e.deviceId, e.record), 'session record');
      await store.sync();
      return;
    case 'session-started':
      d.bus.emit('session.started', { sessionId: e.sessionId, deviceId: e.deviceId, remoteAddress: e.remoteAddress });
      return;
    case 'session-ended':
      d.bus.emit('session.ended', { sessionId: e.sessionId, deviceId: e.deviceId, reason: e.reason });
      return;
  }
}
