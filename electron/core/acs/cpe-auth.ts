// CPE authentication to the ACS (TR-069 §3.4.4: HTTP Basic or Digest; Digest
// per RFC 7616 with qop=auth and MD5, the variant CPEs implement).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface CpeAuthSettings {
  scheme: 'none' | 'basic' | 'digest';
  username: string;
  password: string;
  realm?: string;
}

export type AuthVerdict = { ok: true } | { ok: false; challenge: string; note: string };

const NONCE_TTL_MS = 5 * 60_000;
const nonces = new Map<string, number>();

function md5(s: string): string {
  return createHash('md5').update(s).digest('hex');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function parseAuthParams(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(header))) out[m[1].toLowerCase()] = m[2] ?? m[3];
  return out;
}

function challenge(s: CpeAuthSettings): string {
  const realm = s.realm ?? 'TR-069 Workbench';
  if (s.scheme === 'basic') return `Basic realm="${realm}"`;
  const now = Date.now();
  for (const [n, t] of nonces) if (now - t > NONCE_TTL_MS) nonces.delete(n);
  const nonce = randomBytes(16).toString('hex');
  nonces.set(nonce, now);
  return `Digest realm="${realm}", qop="auth", nonce="${nonce}", algorithm=MD5`;
}

export function checkAuth(s: CpeAuthSettings, req: IncomingMessage): AuthVerdict {
  const header = req.headers.authorization;
  const fail = (note: string): AuthVerdict => ({ ok: false, challenge: challenge(s), note });
  if (!header) return fail('401: no credentials yet (the CPE is expected to retry with them)');
  const [scheme] = header.split(' ', 1);
  if (s.scheme === 'basic') {
    if (scheme.toLowerCase() !== 'basic') return fail(`401: expected Basic, got ${scheme}`);
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const ok = colon >= 0 && same(decoded.slice(0, colon), s.username) && same(decoded.slice(colon + 1), s.password);
    return ok ? { ok: true } : fail('401: wrong username or password (Basic)');
  }
  if (scheme.toLowerCase() !== 'digest') return fail(`401: expected Digest, got ${scheme}`);
  const p = parseAuthParams(header.slice(scheme.length));
  const realm = s.realm ?? 'TR-069 Workbench';
  if (!p.nonce || !nonces.has(p.nonce)) return fail('401: unknown or expired nonce');
  if (p.username !== s.username || p.realm !== realm) return fail(`401: wrong username or realm ("${p.username ?? ''}")`);
  const ha1 = md5(`${s.username}:${realm}:${s.password}`);
  const ha2 = md5(`${req.method}:${p.uri ?? req.url}`);
  const expected = p.qop ? md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`) : md5(`${ha1}:${p.nonce}:${ha2}`);
  return p.response && same(p.response, expected) ? { ok: true } : fail('401: wrong password (Digest response does not match)');
}
