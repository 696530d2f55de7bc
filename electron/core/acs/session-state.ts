// One CWMP session's own state (TR-069 Amd 6 §3.7), what the decision core
// reads about the world (a read-only view), and what it is handed and gives
// back. Plain data: no store, queue or event bus behind any of it.
import { randomUUID } from 'node:crypto';
import type { CwmpParseError } from '../../../shared/cwmp/parse';
import type { AcsRequestName, CwmpEnvelope, CwmpHeader, CwmpVersion } from '../../../shared/cwmp/types';
import type { AnyTask, DeviceKey, DeviceSummary } from '../../../shared/model/records';
import type { SessionEnd } from './compat-lessons';
import type { AnyRequest, Job } from './job';
import type { Effect } from './session-effects';

export interface SessionContext {
  id: string;
  version: CwmpVersion;
  deviceId?: DeviceKey;
  root: string;
  remoteAddress?: string;
  /**
   * §3.7.1: 'awaiting-inform' until an Inform opens the session; 'cpe' while
   * the CPE may send its requests (§3.7.2.1); 'acs' after its empty POST, the
   * ACS sending its requests one at a time (§3.7.2.2); 'ended'.
   */
  state: 'awaiting-inform' | 'cpe' | 'acs' | 'ended';
  startedAt: number;
  lastSeen: number;
  job?: Job;
  task?: AnyTask;
  /** The ACS request waiting for its answer: its cwmp:ID (A.4.2.1) and what it asked. */
  outstanding?: { id: string; name: AcsRequestName; request: AnyRequest };
  seq: number;
  endAfterJob: boolean;
  /** Inform EventCodes of this session. */
  events?: string[];
  /** CWMP messages handled, and the tasks sent, for the session record. */
  messages: number;
  taskIds: string[];
  /** The ACS's last message (InformResponse, an RPC…) and whether it carried the XML declaration: evidence when the CPE goes away. */
  lastSent?: string;
  lastSentDeclaration?: boolean;
  /** Notes for the session log on the next ACS message (a switch learned mid-session). */
  notes?: string[];
}

export function newSession(remoteAddress?: string): SessionContext {
  const now = Date.now();
  return {
    id: randomUUID().slice(0, 13), version: '1-0', root: 'Device.', remoteAddress, state: 'awaiting-inform',
    startedAt: now, lastSeen: now, seq: 0, endAfterJob: false, messages: 0, taskIds: [],
  };
}

/** What the listener sends: an envelope, the empty 204 that ends the session (§3.7.2.4), or an HTTP error. */
export type Reply =
  | { kind: 'envelope'; envelope: CwmpEnvelope; note?: string; endsSession?: boolean; xmlDeclaration?: boolean }
  | { kind: 'end'; note?: string }
  | { kind: 'http-error'; status: number; message: string };

/** Read at every message: the core changes the fields in place when Settings change. */
export interface EngineSettings {
  /** Send HoldRequests=true in every ACS message (A.4.2.2): the CPE must keep its own requests. */
  holdRequests?: boolean;
  /** Learn the whole tree of a new (or reset) device on its first session (default true). */
  autoDiscover?: boolean;
}

/** What a decision may read of the world; it changes nothing through it. */
export interface SessionView {
  /** Milliseconds since the epoch, now. */
  clock(): number;
  settings: EngineSettings;
  /** The device record (its compatibility profile, discovery state, last-session problem). */
  device(id: DeviceKey): DeviceSummary | undefined;
  /** The device's oldest queued task. */
  nextTask(id: DeviceKey): AnyTask | undefined;
  /** Notes waiting for this device's next session log (a switch learned as its last session ended). */
  carriedNotes(id: DeviceKey): readonly string[] | undefined;
}

export type SessionInput =
  /** A parsed POST; null is the empty POST (§3.7.2.2: the CPE has no more requests). */
  | { kind: 'message'; envelope: CwmpEnvelope | null }
  /** A POST that could not be parsed as a CWMP message. */
  | { kind: 'parse-error'; error: CwmpParseError }
  /** The request the last decision chose may not be sent (outgoing.ts: invalid for its type or the data model). */
  | { kind: 'refused'; error: string }
  /** The last decision's effects are done: go on (the queue it changed is readable now). */
  | { kind: 'continue' }
  /** The CPE went on with its session on a new connection without the session cookie, found by its address. */
  | { kind: 'found-by-address' }
  /** The session is over: the 204, a timeout, a dropped connection, a new Inform, the ACS stopping. */
  | { kind: 'end'; reason: string; how: SessionEnd };

/**
 * A decision's answer. 'request': an ACS request to send once the edge has
 * checked it and written it the device's way (outgoing.ts); 'continue': run
 * the effects, then decide again with { kind: 'continue' }.
 */
export type DecidedReply =
  | Reply
  | { kind: 'request'; header: CwmpHeader; request: AnyRequest; note?: string }
  | { kind: 'continue'; note?: string };

export interface Decision {
  /** null: nothing to send (a session that ended, a fact learned between messages). */
  reply: DecidedReply | null;
  /** Done in this order before the reply goes out. */
  effects: Effect[];
}
