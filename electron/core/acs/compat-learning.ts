// The device's compatibility profile as the engine uses it: read it, and set
// a switch (learned from a failure, or by the user). A learned switch says
// when and why, in the device record (device page) and as a note in the
// session log. What a session that went wrong proves: compat-lessons.ts.
import {
  COMPAT_DEFAULTS, compatValueError, effectiveCompat, type CompatEntries, type CompatProfile, type CompatSwitch,
} from '../../../shared/model/compat';
import type { DeviceKey, DeviceSummary } from '../../../shared/model/records';
import type { DeviceStore } from '../store/device-store';

export function compatOf(store: DeviceStore, id: DeviceKey | undefined): CompatProfile {
  return effectiveCompat(id ? store.get(id)?.compat : undefined);
}

/**
 * Sets one switch on the device; `value` null (or the default) returns it to
 * the default. The record is on disk before this resolves, so the next
 * session of the device, after a restart too, follows it.
 */
export async function setCompat<S extends CompatSwitch>(
  store: DeviceStore, id: DeviceKey,
  s: S, value: CompatProfile[S] | null, how: { source: 'learned' | 'user'; reason: string; sessionId?: string },
): Promise<DeviceSummary> {
  const d = store.get(id);
  if (!d) throw new Error(`no device "${id}"`);
  if (value !== null) {
    const err = compatValueError(s, value);
    if (err) throw new Error(err);
  } else if (!(s in COMPAT_DEFAULTS)) {
    throw new Error(compatValueError(s, undefined) ?? `unknown switch ${s}`);
  }
  const compat: CompatEntries = { ...d.compat };
  if (value === null || value === COMPAT_DEFAULTS[s]) delete compat[s];
  else {
    (compat as Record<string, unknown>)[s] = {
      value, source: how.source, at: new Date().toISOString(), reason: how.reason, ...(how.sessionId ? { sessionId: how.sessionId } : {}),
    };
  }
  const summary: DeviceSummary = { ...d, compat };
  await store.putDevice(summary); // the store tells the UI (device.updated)
  return store.get(id) ?? summary;
}

export { judgeEnd, learnedNote, type LastExchange, type Lesson, type SessionEnd } from './compat-lessons';
