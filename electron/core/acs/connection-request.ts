// Connection Request (TR-069 §3.2.2): an HTTP GET to the CPE's
// ConnectionRequestURL, answered 401 with a Digest challenge that we meet
// with the connection-request credentials; 200/204 means the CPE will open a
// session with "6 CONNECTION REQUEST".
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { parseAuthParams } from './cpe-auth';

export interface ConnectionRequestResult { ok: boolean; status?: number; detail: string }

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

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

export async function sendConnectionRequest(
  urlText: string,
  creds: { username: string; password: string },
  timeoutMs = 5_000,
): Promise<ConnectionRequestResult> {
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    return { ok: false, detail: `ConnectionRequestURL "${urlText}" is not a URL` };
  }
  if (url.protocol !== 'http:') return { ok: false, detail: `unsupported scheme ${url.protocol} in ConnectionRequestURL` };
  try {
    let r = await get(url, undefined, timeoutMs);
    if (r.status === 401 && r.challenge) {
      r = await get(url, authorize(r.challenge, url, creds), timeoutMs);
      if (r.status === 401) return { ok: false, status: 401, detail: 'the CPE rejected the connection-request credentials (401)' };
    }
    const ok = r.status >= 200 && r.status < 300;
    return { ok, status: r.status, detail: ok ? `CPE accepted (HTTP ${r.status}); it will open a session` : `CPE answered HTTP ${r.status}` };
  } catch (e) {
    return { ok: false, detail: `could not reach ${url.host}: ${(e as Error).message} (is the CPE behind NAT? it will be contacted at its next Inform)` };
  }
}

function authorize(challenge: string, url: URL, creds: { username: string; password: string }): string {
  if (/^basic/i.test(challenge)) return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
  const p = parseAuthParams(challenge.replace(/^digest\s+/i, ''));
  const uri = url.pathname + url.search;
  const ha1 = md5(`${creds.username}:${p.realm}:${creds.password}`);
  const ha2 = md5(`GET:${uri}`);
  const cnonce = randomBytes(8).toString('hex');
  const nc = '00000001';
  const qop = p.qop?.split(',').map((q) => q.trim()).includes('auth') ? 'auth' : undefined;
  const response = qop ? md5(`${ha1}:${p.nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : md5(`${ha1}:${p.nonce}:${ha2}`);
  const parts = [`username="${creds.username}"`, `realm="${p.realm}"`, `nonce="${p.nonce}"`, `uri="${uri}"`, `response="${response}"`];
  if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`);
  if (p.opaque) parts.push(`opaque="${p.opaque}"`);
  if (p.algorithm) parts.push(`algorithm=${p.algorithm}`);
  return `Digest ${parts.join(', ')}`;
}
