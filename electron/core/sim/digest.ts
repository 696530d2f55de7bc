// HTTP authentication as a CPE needs it, both ways: answering the ACS's
// Basic/Digest challenges (TR-069 §3.4.4: the ACS authenticates the CPE) and
// the digest arithmetic the connection-request server checks (§3.2.2).
// Digest per RFC 2617 / RFC 7616: qop=auth (or the legacy RFC 2069 form when
// the challenge carries no qop), MD5 / SHA-256 and their -sess variants.
import { createHash, randomBytes } from 'node:crypto';

export interface Challenge { scheme: string; params: Record<string, string> }

/**
 * Parses WWW-Authenticate (one or several challenges, Node joins repeated
 * headers with ", ") or an Authorization header's auth-params.
 */
export function parseAuthHeader(header: string): Challenge[] {
  const out: Challenge[] = [];
  let cur: Challenge | undefined;
  let i = 0;
  const s = header;
  const skip = (chars: string) => { while (i < s.length && chars.includes(s[i]!)) i++; };
  while (i < s.length) {
    skip(' \t,');
    const start = i;
    while (i < s.length && !' \t,='.includes(s[i]!)) i++;
    const token = s.slice(start, i);
    if (!token) { i++; continue; }
    skip(' \t');
    if (s[i] === '=' && cur) {
      i++;
      skip(' \t');
      let value = '';
      if (s[i] === '"') {
        i++;
        while (i < s.length && s[i] !== '"') {
          if (s[i] === '\\' && i + 1 < s.length) i++;
          value += s[i++];
        }
        i++;
      } else {
        const vs = i;
        while (i < s.length && s[i] !== ',') i++;
        value = s.slice(vs, i).trim();
      }
      cur.params[token.toLowerCase()] = value;
    } else {
      cur = { scheme: token, params: {} };
      out.push(cur);
    }
  }
  return out;
}

function hasher(algorithm: string): (s: string) => string {
  const alg = algorithm.toUpperCase().startsWith('SHA-256') ? 'sha256' : 'md5';
  return (s) => createHash(alg).update(s, 'utf8').digest('hex');
}

export interface DigestInput {
  algorithm?: string; username: string; realm: string; password: string; method: string; uri: string;
  nonce: string; nc?: string; cnonce?: string; qop?: string;
}

/** The request-digest ("response") of RFC 7616 §3.4.1. */
export function digestResponse(d: DigestInput): string {
  const alg = d.algorithm ?? 'MD5';
  const H = hasher(alg);
  let ha1 = H(`${d.username}:${d.realm}:${d.password}`);
  if (/-sess$/i.test(alg)) ha1 = H(`${ha1}:${d.nonce}:${d.cnonce ?? ''}`);
  const ha2 = H(`${d.method}:${d.uri}`);
  return d.qop
    ? H(`${ha1}:${d.nonce}:${d.nc}:${d.cnonce}:${d.qop}:${ha2}`)
    : H(`${ha1}:${d.nonce}:${ha2}`);
}

const quote = (v: string) => `"${v.replace(/(["\\])/g, '\\$1')}"`;

/**
 * Client side: remembers the last challenge and signs each request, so after
 * the first 401 of a session every message is authenticated up front (the
 * usual CPE behaviour; it saves a round trip per message).
 */
export class ClientAuth {
  private scheme: 'basic' | 'digest' | undefined;
  private challenge: Record<string, string> = {};
  private nc = 0;
  /** Challenges answered since credentials were last accepted. */
  private failures = 0;

  constructor(private readonly username: string, private readonly password: string) {}

  get active(): boolean { return this.scheme !== undefined; }

  /**
   * Takes a 401's WWW-Authenticate. Returns false when answering again is
   * pointless: no credentials, no usable scheme, or the same credentials were
   * already refused (a digest "stale=true" is not a refusal: new nonce only).
   */
  accept(wwwAuthenticate: string | undefined): boolean {
    if (!this.username && !this.password) return false;
    const challenges = parseAuthHeader(wwwAuthenticate ?? '');
    const digest = challenges.find((c) => c.scheme.toLowerCase() === 'digest' && supported(c.params.algorithm));
    const basic = challenges.find((c) => c.scheme.toLowerCase() === 'basic');
    const stale = digest?.params.stale?.toLowerCase() === 'true';
    if (!stale) this.failures++;
    if (this.failures > 1) return false;
    if (digest) {
      this.scheme = 'digest';
      this.challenge = digest.params;
      this.nc = 0;
      return true;
    }
    if (basic) {
      this.scheme = 'basic';
      return true;
    }
    return false;
  }

  /** Call when a signed request got a non-401 answer. */
  succeeded(): void { this.failures = 0; }

  authorization(method: string, uri: string): string | undefined {
    if (this.scheme === 'basic') {
      return `Basic ${Buffer.from(`${this.username}:${this.password}`, 'utf8').toString('base64')}`;
    }
    if (this.scheme !== 'digest') return undefined;
    const c = this.challenge;
    const qops = (c.qop ?? '').split(',').map((q) => q.trim().toLowerCase());
    const qop = qops.includes('auth') ? 'auth' : undefined;
    const nc = (++this.nc).toString(16).padStart(8, '0');
    const cnonce = randomBytes(8).toString('hex');
    const realm = c.realm ?? '';
    const nonce = c.nonce ?? '';
    const algorithm = c.algorithm;
    const response = digestResponse({
      algorithm, username: this.username, realm, password: this.password, method, uri, nonce, nc, cnonce, qop,
    });
    const parts = [
      `username=${quote(this.username)}`, `realm=${quote(realm)}`, `nonce=${quote(nonce)}`, `uri=${quote(uri)}`,
      ...(algorithm ? [`algorithm=${algorithm}`] : []),
      `response=${quote(response)}`,
      ...(c.opaque !== undefined ? [`opaque=${quote(c.opaque)}`] : []),
      ...(qop ? [`qop=${qop}`, `nc=${nc}`, `cnonce=${quote(cnonce)}`] : []),
    ];
    return `Digest ${parts.join(', ')}`;
  }
}

function supported(algorithm: string | undefined): boolean {
  return !algorithm || /^(MD5|MD5-sess|SHA-256|SHA-256-sess)$/i.test(algorithm);
}
