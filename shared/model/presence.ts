// Is a device there? A CPE talks only when it has something to say (TR-069
// §3.2.1), so "online" is a conclusion from evidence, never a default: an open
// session, a periodic Inform that is not overdue, a connection request it
// answered (§3.2.2), or a contact a moment ago. Silence is "offline" only when
// something was due (a periodic Inform, an answer to a connection request);
// otherwise it is "unknown", and the reason says what is known. Pure: the
// devices list and the device header both use it, with the server's time.

export type PresenceState = 'in-session' | 'online' | 'offline' | 'unknown';

export interface Presence {
  state: PresenceState;
  /** One or two sentences for the hover: what the verdict rests on. */
  reason: string;
}

/** The outcome of the last connection request the workbench sent (device.contact and the like). */
export interface ContactOutcome {
  at: string;
  ok: boolean;
  detail: string;
}

export interface PresenceEvidence {
  /** A CWMP session with the device is open (session.started / session.ended). */
  inSession: boolean;
  /** The start of its last session (the Inform). */
  lastInform?: string;
  /** ManagementServer.PeriodicInformInterval, seconds, when known. */
  periodicInformInterval?: number;
  /** ManagementServer.PeriodicInformEnable when known; an interval with no known flag is taken as enabled (the TR-181 default). */
  periodicInformEnable?: boolean;
  lastConnectionRequest?: ContactOutcome;
  /** When this workbench (the ACS) started: contact before it says nothing about the time since. */
  acsStartedAt?: string;
  /** A built-in virtual CPE of this workbench, running right now (sim.list). */
  hostedSimRunning?: boolean;
}

/** A contact this recent counts as "online" even with no periodic Inform to expect (a session just ended). */
export const RECENT_CONTACT_MS = 60_000;
/** A periodic Inform may be late by one interval (one missed, as on a busy network) plus this, before "offline". */
export const PERIODIC_GRACE_MS = 60_000;

/** How long after the last Inform a device with this periodic interval is still expected to be there. */
export function periodicWindowMs(intervalSeconds: number): number {
  return 2 * intervalSeconds * 1000 + PERIODIC_GRACE_MS;
}

/** "45 s", "3 min", "2 h", "4 d": the size of a gap, in its largest unit. */
export function spanText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86_400)} d`;
}

const parse = (iso: string | undefined): number | undefined => {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? undefined : t;
};

export function presence(e: PresenceEvidence, now: number): Presence {
  if (e.inSession) return { state: 'in-session', reason: 'A CWMP session with this device is open right now.' };
  const last = parse(e.lastInform);
  const cr = e.lastConnectionRequest;
  const crAt = parse(cr?.at);
  // A connection request newer than the last Inform is the freshest evidence there is.
  const crIsNewest = crAt !== undefined && (last === undefined || crAt > last);
  const ago = (t: number) => `${spanText(now - t)} ago`;
  const lastText = last !== undefined ? `Last Inform ${ago(last)}.` : 'It has never sent an Inform.';
  const lastClause = last !== undefined ? `the last came ${ago(last)}` : 'none came yet';

  if (crIsNewest && cr?.ok) {
    return { state: 'online', reason: `It answered a connection request ${ago(crAt)} (${cr.detail}). ${lastText}` };
  }
  const periodic = e.periodicInformEnable !== false && e.periodicInformInterval !== undefined && e.periodicInformInterval > 0
    ? e.periodicInformInterval : undefined;
  const every = periodic !== undefined ? `every ${spanText(periodic * 1000)}` : '';
  const crFailed = crIsNewest && cr && !cr.ok
    ? `A connection request ${ago(crAt)} got no answer (${cr.detail}).` : undefined;

  if (periodic !== undefined && last !== undefined) {
    const dueBy = last + periodicWindowMs(periodic);
    const started = parse(e.acsStartedAt);
    if (now <= dueBy && started !== undefined && last < started) {
      // Its schedule was kept before we went down, not since: a virtual CPE hosted by the old process died with it.
      // Then the only evidence since the restart is negative: call it offline, and say it may be NAT.
      if (crFailed) {
        return {
          state: 'offline',
          reason: `Not heard from since the workbench started ${ago(started)}, and ${crFailed.charAt(0).toLowerCase()}${crFailed.slice(1)} `
            + `Behind NAT that is normal: its next periodic Inform (${every}) is due within ${spanText(dueBy - now)}.`,
        };
      }
      return {
        state: 'unknown',
        reason: `Not heard from since the workbench started ${ago(started)} (last Inform ${ago(last)}). It sends a periodic Inform ${every}: `
          + `offline if none comes within ${spanText(dueBy - now)}.`,
      };
    }
    if (now <= dueBy) {
      // On schedule: a CPE behind NAT that refuses connection requests is still there.
      const note = crFailed ? ` ${crFailed} It is still within its Inform schedule.` : '';
      return { state: 'online', reason: `It sends a periodic Inform ${every}; ${lastClause}.${note}` };
    }
    const missed = Math.floor((now - last) / (periodic * 1000));
    return {
      state: 'offline',
      reason: `It should send a periodic Inform ${every}, but none came for ${spanText(now - last)} (${missed} missed).${crFailed ? ` ${crFailed}` : ''}`,
    };
  }
  if (crFailed) return { state: 'offline', reason: `${crFailed} ${lastText}` };
  const why = e.periodicInformEnable === false
    ? 'Periodic Inform is off on this device'
    : 'Its periodic Inform interval is not known';
  if (e.hostedSimRunning) {
    return { state: 'online', reason: `A virtual CPE running in this workbench. ${lastText} ${why}.` };
  }
  if (last === undefined) return { state: 'unknown', reason: `${lastText} ${why}.` };
  const started = parse(e.acsStartedAt);
  if (started !== undefined && last < started) {
    return {
      state: 'unknown',
      reason: `Not heard from since the workbench started ${ago(started)} (last Inform ${ago(last)}). ${why}, so silence proves nothing. `
        + 'A connection request (Refresh) would tell.',
    };
  }
  if (now - last <= RECENT_CONTACT_MS) return { state: 'online', reason: `${lastText} ${why}.` };
  return {
    state: 'unknown',
    reason: `${lastText} ${why}, so silence proves nothing: it talks only when it has something to say. A connection request (Refresh) would tell.`,
  };
}
