// One CWMP session from the CPE side (TR-069 Amd 6 §3.7.1 and §3.7.2):
// Inform → InformResponse, then the CPE's own requests (unless the ACS holds
// them with HoldRequests, A.4.2.2), an empty POST, then the ACS's requests
// answered one by one with cwmp:ID echoed, until the ACS sends an empty
// response (§3.7.1.4). Pure protocol: what the answers are, and what happens
// after the session, is the caller's business.
import { CwmpParseError, cwmpFault, parseEnvelope, serializeEnvelope } from '../../shared/cwmp';
import { INTRODUCED_IN } from '../../shared/cwmp/rpc-schema';
import { isAcsMethod, type CwmpBody, type CwmpHeader, type CwmpVersion, type RpcBodies, type RpcName } from '../../shared/cwmp/types';
import type { CwmpClient, HttpReply } from './cwmp-client';

/** A request the CPE sends in a session (TransferComplete, DUStateChangeComplete, GetRPCMethods...). */
export interface OutboxItem {
  body: CwmpBody;
  /** Events every Inform carries until the request is acknowledged (§3.7.1.5: 7 TRANSFER COMPLETE + M Download). */
  events: RpcBodies['Inform']['Event'];
}

export interface Handled {
  response: CwmpBody;
  /** Runs after the session, once the response was delivered (Reboot, Download...). */
  after?: () => void;
}

export interface SessionSpec {
  client: CwmpClient;
  version: CwmpVersion;
  inform: RpcBodies['Inform'];
  /** Extra SOAP headers of the Inform (CWMP 1.4 SupportedCWMPVersions). */
  informHeader?: CwmpHeader;
  /** Live list: acknowledged requests are removed from it. */
  outbox: OutboxItem[];
  nextId(): string;
  handle(body: Exclude<CwmpBody, { name: 'Fault' }>): Handled;
  onInformAcked?: () => void;
  onRpc?: (e: { name: string; direction: 'acs' | 'cpe'; fault?: number; faultString?: string }) => void;
  maxMessages?: number;
  /**
   * A quirk that makes the CPE drop the session on this ACS message (the
   * raw text, its parsed body, and the ACS request answered before it):
   * the reason, or null to go on. The connection is closed, nothing answered.
   */
  dropOn?: (xml: string, body: CwmpBody | undefined, previous: string | undefined) => string | null;
}

export interface SessionResult {
  ok: boolean;
  informAcked: boolean;
  error?: string;
  messagesSent: number;
  /** Post-session actions, in the order their responses were delivered. */
  after: (() => void)[];
}

class SessionError extends Error {}

function isEmpty(r: HttpReply): boolean {
  return r.status === 204 || (r.status === 200 && r.body.trim() === '');
}

export async function runSession(spec: SessionSpec): Promise<SessionResult> {
  const result: SessionResult = { ok: false, informAcked: false, messagesSent: 0, after: [] };
  const envelope = (body: CwmpBody, header: CwmpHeader): string => serializeEnvelope({ version: spec.version, header, body });
  const post = async (xml: string | null): Promise<HttpReply> => {
    result.messagesSent++;
    const r = await spec.client.post(xml);
    if (r.status === 401) throw new SessionError('the ACS refused our credentials (HTTP 401)');
    if (r.status !== 200 && r.status !== 204) throw new SessionError(`the ACS answered HTTP ${r.status}`);
    return r;
  };
  try {
    // §3.7.1.1: the Inform opens every session.
    const informReply = await post(envelope({ name: 'Inform', args: spec.inform }, { ID: spec.nextId(), ...spec.informHeader }));
    if (isEmpty(informReply)) throw new SessionError('the ACS answered the Inform with an empty response');
    const first = parseEnvelope(informReply.body);
    const dropFirst = spec.dropOn?.(informReply.body, first.body ?? undefined, undefined);
    if (dropFirst) throw new SessionError(dropFirst);
    if (first.body?.name === 'Fault') {
      const d = first.body.fault.detail;
      spec.onRpc?.({ name: 'Inform', direction: 'cpe', fault: d.FaultCode, faultString: d.FaultString });
      throw new SessionError(`the ACS answered the Inform with fault ${d.FaultCode} ${d.FaultString}`);
    }
    if (first.body?.name !== 'InformResponse') throw new SessionError(`expected InformResponse, got ${first.body?.name ?? 'an empty Body'}`);
    result.informAcked = true;
    spec.onInformAcked?.();
    let hold = first.header.HoldRequests === true;

    const deferred = new Set<OutboxItem>(); // faulted with 8005 (retry later): not again in this session
    let pending: { xml: string; after?: () => void } | null = null;
    let awaiting: OutboxItem | null = null;
    let previous: string | undefined;
    const max = spec.maxMessages ?? 100_000;
    for (let n = 0; n < max; n++) {
      let xml: string | null = null;
      let after: (() => void) | undefined;
      awaiting = null;
      if (pending) {
        ({ xml, after } = pending);
        pending = null;
      } else if (!hold) {
        // §3.7.2.4: the CPE's own requests go first, while not held.
        awaiting = spec.outbox.find((o) => !deferred.has(o)) ?? null;
        if (awaiting) xml = envelope(awaiting.body, { ID: spec.nextId() });
      }
      const reply = await post(xml);
      if (after) result.after.push(after);
      const env = isEmpty(reply) ? { kind: 'empty' as const } : parseReply(reply.body);
      if (env.kind === 'empty') {
        // The ACS has nothing more. Requests held so far may go now (§3.7.1.4:
        // the session ends only when neither side has requests left).
        hold = false;
        if (xml !== null && spec.outbox.some((o) => !deferred.has(o))) continue;
        result.ok = true;
        return result;
      }
      if (env.kind === 'error') {
        // Not a message we can read: answer as a CPE does, with a fault echoing its ID.
        pending = { xml: envelope({ name: 'Fault', fault: cwmpFault(env.code, env.error) }, env.id ? { ID: env.id } : {}) };
        spec.onRpc?.({ name: env.rpc ?? '?', direction: 'acs', fault: env.code, faultString: env.error });
        continue;
      }
      const dropped = spec.dropOn?.(reply.body, env.body, previous);
      if (dropped) throw new SessionError(dropped);
      hold = env.header.HoldRequests === true;
      const body = env.body;
      if (awaiting && body.name === 'Fault') {
        const d = body.fault.detail;
        spec.onRpc?.({ name: awaiting.body.name, direction: 'cpe', fault: d.FaultCode, faultString: d.FaultString });
        // A.5: 8005 "Retry request": keep it for later; other faults: give up on it.
        if (d.FaultCode === 8005) deferred.add(awaiting);
        else spec.outbox.splice(spec.outbox.indexOf(awaiting), 1);
        continue;
      }
      if (awaiting && body.name === `${awaiting.body.name}Response`) {
        spec.outbox.splice(spec.outbox.indexOf(awaiting), 1);
        spec.onRpc?.({ name: awaiting.body.name, direction: 'cpe' });
        continue;
      }
      if (body.name === 'Fault') continue; // a fault nobody asked for: nothing to answer
      const header = env.header.ID !== undefined ? { ID: env.header.ID } : {};
      if (!isAcsRequest(body.name, spec.version)) {
        pending = { xml: envelope({ name: 'Fault', fault: cwmpFault(9000, `${body.name} is not supported`) }, header) };
        spec.onRpc?.({ name: body.name, direction: 'acs', fault: 9000 });
        continue;
      }
      previous = body.name;
      const handled = spec.handle(body);
      const r = handled.response;
      spec.onRpc?.({
        name: body.name, direction: 'acs',
        ...(r.name === 'Fault' ? { fault: r.fault.detail.FaultCode, faultString: r.fault.detail.FaultString } : {}),
      });
      pending = { xml: envelope(r, header), after: handled.after };
    }
    throw new SessionError(`the session exceeded ${max} messages`);
  } catch (e) {
    result.error = e instanceof Error ? e.message : String(e);
    return result;
  } finally {
    spec.client.close();
  }
}

function isAcsRequest(name: RpcName, version: CwmpVersion): boolean {
  // A.3.1: methods newer than the namespace we speak are unknown to us.
  return isAcsMethod(name) && (INTRODUCED_IN[name] ?? 0) <= Number(version.slice(2));
}

type Reply =
  | { kind: 'empty' }
  | { kind: 'message'; header: CwmpHeader; body: CwmpBody }
  | { kind: 'error'; error: string; code: number; id?: string; rpc?: string };

function parseReply(xml: string): Reply {
  try {
    const env = parseEnvelope(xml);
    return env.body ? { kind: 'message', header: env.header, body: env.body } : { kind: 'empty' };
  } catch (e) {
    if (e instanceof CwmpParseError) {
      // A.5.1: 9000 for a method we do not know, 9003 for anything we cannot read.
      const code = e.kind === 'unknown-rpc' ? 9000 : 9003;
      return { kind: 'error', error: e.message, code, id: e.detail.id, rpc: e.detail.rpc };
    }
    throw e;
  }
}
