// CPE authentication to the ACS (TR-069 §3.4.4: HTTP Basic or Digest). The
// challenge is Digest MD5 with qop=auth, the variant CPE stacks implement;
// the RFC 2069 answer without qop is still taken from old stacks (its nonce
// is then good once). The arithmetic is electron/lib/auth/digest.ts.
import type { IncomingMessage } from 'node:http';
import { checkBasic, DigestServer } from './digest';

export interface CpeAuthSettings {
  scheme: 'none' | 'basic' | 'digest';
  username: string;
  password: string;
  realm?: string;
}

export type AuthVerdict = { ok: true } | { ok: false; challenge: string; note: string };

const DEFAULT_REALM = 'TR-069 Workbench';
/** One nonce store for the listener; settings (realm, credentials) are read at every check, so a change applies at once. */
const digest = new DigestServer({ ttlMs: 5 * 60_000 });

export function checkAuth(s: CpeAuthSettings, req: IncomingMessage): AuthVerdict {
  const realm = s.realm ?? DEFAULT_REALM;
  const header = req.headers.authorization;
  const fail = (note: string, stale = false): AuthVerdict => ({
    ok: false, note, challenge: s.scheme === 'basic' ? `Basic realm="${realm}"` : digest.challenge({ realm, algorithm: 'MD5', stale }),
  });
  if (!header) return fail('401: no credentials yet (the CPE is expected to retry with them)');
  const [scheme] = header.split(' ', 1);
  if (s.scheme === 'basic') {
    if (scheme!.toLowerCase() !== 'basic') return fail(`401: expected Basic, got ${scheme}`);
    return checkBasic(header, s) ? { ok: true } : fail('401: wrong username or password (Basic)');
  }
  const v = digest.verify({
    header, method: req.method ?? 'POST', uri: req.url ?? '/', realm, algorithm: 'MD5', username: s.username, password: s.password,
  });
  return v.ok ? { ok: true } : fail(`401: ${v.reason}`, v.stale);
}
