// Connection Request (TR-069 §3.2.2): an HTTP GET to the CPE's
// ConnectionRequestURL, answered 401 with a Digest challenge that we meet
// with the connection-request credentials; 200/204 means the CPE will open a
// session with "6 CONNECTION REQUEST". §3.2.2 asks for Digest: a Basic
// challenge over plain HTTP would put the password on the wire in clear, to
// whoever answers at that URL, so it is answered only where the user allowed
// it for the device (compatibility switch basicConnectionRequest).
import { request } from 'node:http';
import { basicAuthorization, chooseChallenge, digestAuthorization, parseAuthHeader } from '../../lib/auth/digest';

export interface ConnectionRequestResult {
  ok: boolean;
  status?: number;
  detail: string;
  /** The CPE asked for Basic over plain HTTP and the password was not sent. */
  refusedBasic?: boolean;
}

export interface ConnectionRequestOptions {
  timeoutMs?: number;
  /** Answer a Basic challenge over http: (the device's compatibility profile says so). */
  allowBasicOverHttp?: boolean;
}

export const REFUSED_BASIC_DETAIL = 'the CPE asked for Basic authentication over plain HTTP; the password was not sent (TR-069 §3.2.2 asks for Digest). '
  + 'Allow "Basic connection request over plain HTTP" in the device\'s compatibility profile if you trust this network';

type Creds = { username: string; password: string };

function get(url: URL, authorization: string | undefined, timeoutMs: number): Promise<{ status: number; challenge?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers: authorization ? { Authorization: authorization } : {}, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, challenge: res.headers['www-authenticate'] }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

export async function sendConnectionRequest(urlText: string, creds: Creds, opts: ConnectionRequestOptions = {}): Promise<ConnectionRequestResult> {
  const timeoutMs = opts.timeoutMs ?? 5_000;
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    return { ok: false, detail: `ConnectionRequestURL "${urlText}" is not a URL` };
  }
  if (url.protocol !== 'http:') return { ok: false, detail: `unsupported scheme ${url.protocol} in ConnectionRequestURL` };
  try {
    let r = await get(url, undefined, timeoutMs);
    // One retry more when a right answer only met a stale nonce (RFC 7616 §3.3).
    for (let round = 0; r.status === 401 && round < 2; round++) {
      const answer = authorize(r.challenge, url, creds, opts);
      if (typeof answer !== 'string') return answer;
      r = await get(url, answer, timeoutMs);
      if (r.status === 401 && !isStale(r.challenge)) break;
    }
    if (r.status === 401) return { ok: false, status: 401, detail: 'the CPE rejected the connection-request credentials (401)' };
    const ok = r.status >= 200 && r.status < 300;
    return { ok, status: r.status, detail: ok ? `CPE accepted (HTTP ${r.status}); it will open a session` : `CPE answered HTTP ${r.status}` };
  } catch (e) {
    return { ok: false, detail: `could not reach ${url.host}: ${(e as Error).message} (is the CPE behind NAT? it will be contacted at its next Inform)` };
  }
}

/** The Authorization header for a 401's challenges, or why there is none. */
function authorize(challenge: string | undefined, url: URL, creds: Creds, opts: ConnectionRequestOptions): string | ConnectionRequestResult {
  const choice = chooseChallenge(challenge);
  const uri = url.pathname + url.search;
  // Offered both: Digest, always (§3.2.2).
  if (choice.digest) return digestAuthorization({ ...choice.digest, ...creds, method: 'GET', uri, nc: 1 });
  if (choice.basic) {
    if (url.protocol === 'http:' && !opts.allowBasicOverHttp) return { ok: false, status: 401, refusedBasic: true, detail: REFUSED_BASIC_DETAIL };
    return basicAuthorization(creds.username, creds.password);
  }
  const algs = choice.unsupported.flatMap((u) => (u.algorithm !== undefined ? [u.algorithm] : []));
  if (algs.length) return { ok: false, status: 401, detail: `the CPE offered Digest algorithm ${algs.join(', ')}, which the workbench does not implement` };
  const qop = choice.unsupported.find((u) => u.qop !== undefined)?.qop;
  if (qop !== undefined) return { ok: false, status: 401, detail: `the CPE offered Digest with qop "${qop}", which the workbench does not implement (only "auth")` };
  const offered = parseAuthHeader(challenge).map((c) => c.scheme).join(', ');
  return { ok: false, status: 401, detail: offered ? `the CPE asked for ${offered} authentication, which the workbench does not implement` : 'the CPE answered 401 without a challenge' };
}

function isStale(challenge: string | undefined): boolean {
  return chooseChallenge(challenge).digest?.params.stale?.toLowerCase() === 'true';
}
