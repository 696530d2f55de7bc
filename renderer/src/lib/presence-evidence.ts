// What the renderer knows about devices beyond their summaries, for the
// presence rule (shared/model/presence.ts): the outcome of the last
// connection request to each (device.contacts, then device.contacted
// pushes), which built-in virtual CPEs are running (sim.list, asked again
// when devices change: a sim has no event of its own), and when the ACS
// started (acs.info, which also sets the clock). One store for the window,
// shared by the devices list and the device header. The API is passed in:
// lib/ does not import api/.
import { useSyncExternalStore } from 'react';
import type { WorkbenchApi } from '../../../shared/api/contract';
import type { ContactOutcome } from '../../../shared/model/presence';
import { noteServerTime } from './clock';

export interface KnownEvidence {
  contacts: ReadonlyMap<string, ContactOutcome>;
  runningSims: ReadonlySet<string>;
  acsStartedAt?: string;
}

let snapshot: KnownEvidence = { contacts: new Map(), runningSims: new Set() };
const listeners = new Set<() => void>();
let started = false;
let simTimer: ReturnType<typeof setTimeout> | undefined;

function set(next: Partial<KnownEvidence>): void {
  snapshot = { ...snapshot, ...next };
  for (const l of listeners) l();
}

function start(api: WorkbenchApi): void {
  if (started) return;
  started = true;
  const fail = () => undefined; // evidence is optional: without it the rule says "unknown", never a false "online"
  const askSims = () => api.invoke('sim.list', {}).then(
    (sims) => set({ runningSims: new Set(sims.filter((s) => s.online).map((s) => s.id)) }), fail);
  // Subscribe first, then ask (as use-live-list does), so no outcome falls between the two.
  api.on('device.contacted', (c) => set({ contacts: new Map(snapshot.contacts).set(c.id, c) }));
  api.on('device.updated', () => {
    // A burst of Informs asks once.
    if (simTimer === undefined) simTimer = setTimeout(() => { simTimer = undefined; void askSims(); }, 1500);
  });
  api.on('device.deleted', ({ id }) => {
    if (!snapshot.contacts.has(id)) return;
    const contacts = new Map(snapshot.contacts);
    contacts.delete(id);
    set({ contacts });
  });
  void api.invoke('device.contacts', {}).then((list) => {
    const contacts = new Map(snapshot.contacts);
    for (const c of list) if (!contacts.has(c.id)) contacts.set(c.id, c);
    set({ contacts });
  }, fail);
  void askSims();
  const sentAt = Date.now();
  void api.invoke('acs.info', {}).then((i) => {
    noteServerTime(i.serverTime, sentAt);
    set({ acsStartedAt: i.startedAt });
  }, fail);
}

export function usePresenceEvidence(api: () => WorkbenchApi): KnownEvidence {
  return useSyncExternalStore((l) => {
    start(api());
    listeners.add(l);
    return () => listeners.delete(l);
  }, () => snapshot);
}
