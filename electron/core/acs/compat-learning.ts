// The device's compatibility profile as the engine uses it: read it, set a
// switch (learned from a failure, or by the user), and word what a session
// that went wrong proves. A learned switch says when and why, in the device
// record (device page) and as a note in the session log.
import {
  COMPAT_DEFAULTS, COMPAT_LABELS, compatValueError, effectiveCompat,
  type CompatEntries, type CompatProfile, type CompatSwitch,
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

/** "learned: XML declaration in ACS messages → off" for the session log. */
export function learnedNote(s: CompatSwitch, value: unknown, reason: string): string {
  const v = typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value);
  return `compatibility profile learned: ${COMPAT_LABELS[s]} → ${v} (${reason})`;
}

/** How a session ended, as the listener saw it. */
export type SessionEnd = 'complete' | 'dropped' | 'timeout' | 'replaced' | 'other';

/** What the ACS had just done when the CPE went away. */
export interface LastExchange {
  /** Messages the CPE sent in this session (1 = the Inform only). */
  cpeMessages: number;
  /** The ACS's last message: InformResponse, an RPC, or a response to the CPE. */
  lastSent?: string;
  /** The request still waiting for its answer, with its arguments. */
  outstanding?: { name: string; args?: unknown };
  /** Whether that last message started with the XML declaration. */
  sentXmlDeclaration: boolean;
}

export interface Lesson { s: CompatSwitch; value: boolean; reason: string }

/**
 * What a dropped or silent session proves about the device, and the words
 * for the device page. Pure: the engine applies the lesson.
 */
export function judgeEnd(how: SessionEnd, x: LastExchange, compat: CompatProfile, sessionId: string): { text: string; lesson?: Lesson } | null {
  if (how === 'complete' || how === 'other') return null;
  const went = how === 'timeout' ? 'went silent' : how === 'replaced' ? 'started a new session' : 'closed the connection';
  if (x.cpeMessages <= 1 && x.lastSent === 'InformResponse') {
    const text = `the CPE ${went} right after the InformResponse (session ${sessionId}), instead of sending its requests or an empty POST`;
    if (x.sentXmlDeclaration && compat.xmlDeclaration) {
      return {
        text: `${text}; its parser may fail on the XML declaration: the next session goes without it`,
        lesson: { s: 'xmlDeclaration', value: false, reason: `${text}; some CPE parsers fail on the optional XML declaration` },
      };
    }
    return { text: `${text}${compat.xmlDeclaration ? '' : ', even without the XML declaration'}: look at the InformResponse in the session log` };
  }
  if (x.outstanding) {
    const partial = partialPaths(x.outstanding);
    const text = `the CPE ${went} without answering ${x.outstanding.name}${partial.length ? ` for ${partial[0]}` : ''} (session ${sessionId})`;
    if (partial.length && compat.partialPathGetParameterValues) {
      return {
        text: `${text}; from now on its values are read by parameter name in batches`,
        lesson: { s: 'partialPathGetParameterValues', value: false, reason: `${text}: it does not take a partial path (an object name ending in ".")` },
      };
    }
    return { text };
  }
  return how === 'replaced' ? null : { text: `the CPE ${went} in the middle of session ${sessionId} (after ${x.lastSent ?? 'nothing'})` };
}

function partialPaths(r: { name: string; args?: unknown }): string[] {
  if (r.name !== 'GetParameterValues') return [];
  const names = (r.args as { ParameterNames?: string[] } | undefined)?.ParameterNames ?? [];
  return names.filter((n) => n.endsWith('.'));
}
