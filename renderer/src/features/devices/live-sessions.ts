// Which devices are in a CWMP session right now, from the pushed
// session.started / session.ended events. Subscribed once for the life of
// the window (not per page mount), so coming back to the list does not
// forget a session that started while another page was open. Sessions that
// began before the window opened show once their next event arrives; a
// session lasts seconds, so that gap is short.
import { useSyncExternalStore } from 'react';
import { getApi } from '../../api/window-api';

/** deviceId → open session ids (one normally; two briefly while a CPE starts over). */
const open = new Map<string, Set<string>>();
let snapshot: ReadonlySet<string> = new Set();
const listeners = new Set<() => void>();
let subscribed = false;

function publish(): void {
  snapshot = new Set(open.keys());
  for (const l of listeners) l();
}

function ensureSubscribed(): void {
  if (subscribed) return;
  subscribed = true;
  const api = getApi();
  api.on('session.started', ({ sessionId, deviceId }) => {
    const set = open.get(deviceId) ?? new Set();
    set.add(sessionId);
    open.set(deviceId, set);
    publish();
  });
  api.on('session.ended', ({ sessionId, deviceId }) => {
    // deviceId is absent for a session that never got past its Inform: look it up.
    for (const [id, set] of open) {
      if ((deviceId === undefined || id === deviceId) && set.delete(sessionId) && set.size === 0) open.delete(id);
    }
    publish();
  });
  api.on('device.deleted', ({ id }) => {
    if (open.delete(id)) publish();
  });
}

function subscribe(cb: () => void): () => void {
  ensureSubscribed();
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/** The set of device keys with an open session; re-renders when it changes. */
export function useDevicesInSession(): ReadonlySet<string> {
  return useSyncExternalStore(subscribe, () => snapshot);
}
