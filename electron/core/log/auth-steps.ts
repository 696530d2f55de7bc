// What the session log says about HTTP authentication (TR-069 §3.4.4). The
// listener records a request refused with 401 before parsing it (its body
// is kept, so that a 401 loop can be read), and the 401 after it. Read as
// such, every Digest session would start with an "(empty)" request and a red
// 401. Here the refused request gets the RPC its body holds and the device
// its Inform names (as `claimedDeviceId`: unauthenticated, never the
// session's device), and both get an `auth` step: the expected challenge
// of a handshake, or a rejection.
import type { LoggedMessage } from '../../../shared/model/records';

/**
 * A CPE request the listener refused before parsing: a POST with a body and
 * no RPC (every other path records the RPC, or an error for an unreadable body).
 */
export function isRefusedRequest(m: Pick<LoggedMessage, 'direction' | 'method' | 'rpc' | 'error' | 'body'>): boolean {
  return m.direction === 'cpe->acs' && m.method === 'POST' && m.rpc === undefined && m.error === undefined && m.body.trim() !== '';
}

/** The SOAP body's first element, its cwmp:ID and, for an Inform, the DeviceId it names. Cheap and lenient: a text scan. */
export function peekRequest(body: string): { rpc?: string; cwmpId?: string; claimedDeviceId?: string } {
  const out: { rpc?: string; cwmpId?: string; claimedDeviceId?: string } = {};
  const bodyStart = /<(?:[\w.-]+:)?Body\b[^>]*>\s*<(?:[\w.-]+:)?([\w.-]+)/.exec(body);
  if (bodyStart) out.rpc = bodyStart[1];
  const id = /<(?:[\w.-]+:)?ID\b[^>]*>([^<]*)</.exec(body);
  if (id) out.cwmpId = id[1].trim();
  if (out.rpc !== 'Inform') return out;
  const field = (name: string) => decodeEntities(new RegExp(`<(?:[\\w.-]+:)?${name}>([^<]*)</`).exec(body)?.[1].trim());
  const [oui, productClass, serial] = [field('OUI'), field('ProductClass') ?? '', field('SerialNumber')];
  // The same key the ACS gives an authenticated device (acs/inform.ts deviceKey), and the same refusal
  // of what cannot be a key (informProblem): a claim that could not name a device names none.
  // eslint-disable-next-line no-control-regex
  if (oui && serial && !/[\u0000-\u001f/\\]/.test(oui + productClass + serial)) {
    out.claimedDeviceId = productClass ? `${oui}-${productClass}-${serial}` : `${oui}-${serial}`;
  }
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string | undefined): string | undefined {
  return s?.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!);
}

/** Fills rpc, cwmpId and claimedDeviceId of a refused request from its body (in place). */
export function describeRefused(m: LoggedMessage): void {
  const p = peekRequest(m.body);
  if (p.rpc !== undefined) m.rpc = p.rpc;
  if (p.cwmpId !== undefined && m.cwmpId === undefined) m.cwmpId = p.cwmpId;
  if (p.claimedDeviceId !== undefined && m.deviceId === undefined) m.claimedDeviceId = p.claimedDeviceId;
}

/**
 * Which step a refusal is. No credentials on the first refusal of a
 * connection is the challenge every Digest (or Basic) handshake begins with;
 * a stale nonce (RFC 7616 §3.3) asks for a retry, too. Credentials refused,
 * or a second refusal without credentials (the CPE ignored the challenge), is
 * an authentication failure.
 */
export function authStep(o: { hadCredentials: boolean; earlierRefusals: number; challenge?: string; note?: string }): 'challenge' | 'rejected' {
  if (o.challenge && /\bstale\s*=\s*"?true/i.test(o.challenge)) return 'challenge';
  if (o.note && /stale nonce/i.test(o.note)) return 'challenge';
  return !o.hadCredentials && o.earlierRefusals === 0 ? 'challenge' : 'rejected';
}

/** True when the request carried credentials (the header name survives redaction). */
export function hasCredentials(headers: Record<string, string>): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === 'authorization');
}

/** Per session (a connection, until its Inform is accepted): the refusals seen and the step of the last refused request. */
export interface AuthState {
  refusals: number;
  lastStep?: 'challenge' | 'rejected';
  /** The device the session's refused Inform named: its 401s are shown (and filtered) with it. */
  claimedDeviceId?: string;
}

/** Names a refused request and marks it and its 401 with their step (in place; other messages untouched). */
export function annotateAuth(m: LoggedMessage, st: AuthState): void {
  if (isRefusedRequest(m)) {
    describeRefused(m);
    const step = authStep({ hadCredentials: hasCredentials(m.headers), earlierRefusals: st.refusals, ...(m.note ? { note: m.note } : {}) });
    m.auth = step;
    st.lastStep = step;
    if (m.claimedDeviceId !== undefined) st.claimedDeviceId = m.claimedDeviceId;
    return;
  }
  if (m.direction !== 'acs->cpe' || m.status !== 401) return;
  const challenge = Object.entries(m.headers).find(([k]) => k.toLowerCase() === 'www-authenticate')?.[1];
  m.auth = challenge && /\bstale\s*=\s*"?true/i.test(challenge)
    ? 'challenge'
    : st.lastStep ?? authStep({ hadCredentials: false, earlierRefusals: st.refusals });
  if (st.claimedDeviceId !== undefined && m.deviceId === undefined) m.claimedDeviceId = st.claimedDeviceId;
  st.refusals++;
  delete st.lastStep;
}
