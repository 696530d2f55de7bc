// HTTP authentication for every end of the workbench: the ACS checking a CPE
// (TR-069 §3.4.4), the ACS waking a CPE (§3.2.2), the virtual CPE answering
// an ACS or a file server and guarding its own connection-request endpoint.
// Digest per RFC 7616 (MD5, MD5-sess, SHA-256, SHA-256-sess; qop=auth, or
// the legacy RFC 2069 form when a challenge has no qop), Basic per RFC 7617.
// One copy of the arithmetic: both ends of a test run this code, so it is
// pinned to the RFC 7616 §3.9.1 vectors (test/unit/digest.test.ts).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';
export const DIGEST_ALGORITHMS: readonly DigestAlgorithm[] = ['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess'];

/** RFC 7616 §3.3: no algorithm parameter means MD5. An algorithm we do not implement gives undefined. */
export function digestAlgorithm(name: string | undefined): DigestAlgorithm | undefined {
  if (name === undefined || name.trim() === '') return 'MD5';
  return DIGEST_ALGORITHMS.find((a) => a.toLowerCase() === name.trim().toLowerCase());
}

// --- header parsing (RFC 7235 §2.1, §4.1) ---------------------------------------------

export interface Challenge {
  scheme: string;
  /** auth-params, names lower-cased, quoted-string escapes undone. */
  params: Record<string, string>;
  /** The token68 form (`Basic dXNlcjpwYXNz`). */
  token68?: string;
}

const TOKEN68 = /[A-Za-z0-9\-._~+/]/;

/**
 * Parses WWW-Authenticate (one or several challenges; Node joins repeated
 * headers with ", ") or an Authorization header. Quoted strings may hold
 * commas and backslash escapes (RFC 7230 §3.2.6), so no split on ','.
 */
export function parseAuthHeader(header: string | readonly string[] | undefined): Challenge[] {
  const s = typeof header === 'string' ? header : (header ?? []).join(', ');
  const out: Challenge[] = [];
  let cur: Challenge | undefined;
  let i = 0;
  const skip = (chars: string) => { while (i < s.length && chars.includes(s[i]!)) i++; };
  while (i < s.length) {
    skip(' \t,');
    const start = i;
    while (i < s.length && !' \t,="'.includes(s[i]!)) i++;
    const token = s.slice(start, i);
    if (!token) {
      // Stray '=' or quoted string without a name: skipped whole, so its content is not read as tokens.
      if (s[i] === '"') readValue();
      else i++;
      continue;
    }
    skip(' \t');
    if (s[i] === '=') {
      i++;
      skip(' \t');
      const value = readValue();
      const name = token.toLowerCase();
      // RFC 7235 §2.1: a parameter occurs once per challenge; a repeat does not override the first.
      if (cur && !(name in cur.params)) cur.params[name] = value;
      continue;
    }
    cur = { scheme: token, params: {} };
    out.push(cur);
    const t68 = readToken68();
    if (t68 !== undefined) cur.token68 = t68;
  }
  return out;

  function readValue(): string {
    if (s[i] !== '"') {
      const vs = i;
      while (i < s.length && s[i] !== ',') i++;
      return s.slice(vs, i).trim();
    }
    let value = '';
    i++;
    while (i < s.length && s[i] !== '"') {
      if (s[i] === '\\' && i + 1 < s.length) i++;
      value += s[i++];
    }
    i++;
    return value;
  }

  /** A token68 right after the scheme, followed by the end or a comma; else nothing is consumed. */
  function readToken68(): string | undefined {
    let j = i;
    while (j < s.length && TOKEN68.test(s[j]!)) j++;
    if (j === i) return undefined;
    while (j < s.length && s[j] === '=') j++;
    let k = j;
    while (k < s.length && (s[k] === ' ' || s[k] === '\t')) k++;
    if (k < s.length && s[k] !== ',') return undefined;
    const t = s.slice(i, j);
    i = k;
    return t;
  }
}

const quote = (v: string) => `"${v.replace(/(["\\])/g, '\\$1')}"`;

// --- arithmetic (RFC 7616 §3.4.1, §3.4.2) -----------------------------------------

const hashOf = (alg: DigestAlgorithm) => (s: string) =>
  createHash(alg.startsWith('SHA-256') ? 'sha256' : 'md5').update(s, 'utf8').digest('hex');

export interface DigestInput {
  /** Default MD5 (RFC 7616 §3.3). */
  algorithm?: DigestAlgorithm | string;
  username: string; realm: string; password: string; method: string; uri: string;
  nonce: string; nc?: string; cnonce?: string;
  /** 'auth', or none for the RFC 2069 form. */
  qop?: string;
}

/** The request-digest ("response"). Throws on an algorithm this module does not implement. */
export function digestResponse(d: DigestInput): string {
  const alg = digestAlgorithm(d.algorithm);
  if (!alg) throw new Error(`Digest algorithm ${d.algorithm} is not implemented`);
  const H = hashOf(alg);
  let ha1 = H(`${d.username}:${d.realm}:${d.password}`);
  // §3.4.2: the -sess variants fold in both nonces, so A1 changes with every server nonce.
  if (alg.endsWith('-sess')) ha1 = H(`${ha1}:${d.nonce}:${d.cnonce ?? ''}`);
  const ha2 = H(`${d.method}:${d.uri}`);
  return d.qop
    ? H(`${ha1}:${d.nonce}:${d.nc ?? ''}:${d.cnonce ?? ''}:${d.qop}:${ha2}`)
    : H(`${ha1}:${d.nonce}:${ha2}`);
}

/** Compares secrets (or their hashes) in constant time, whatever their lengths. */
export function safeEqual(a: string, b: string): boolean {
  const x = createHash('sha256').update(a, 'utf8').digest();
  const y = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(x, y);
}

// --- Basic (RFC 7617) ---------------------------------------------------------------

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** True when `header` is Basic with exactly these credentials. */
export function checkBasic(header: string | undefined, creds: { username: string; password: string }): boolean {
  const c = parseAuthHeader(header)[0];
  if (!c || c.scheme.toLowerCase() !== 'basic' || !c.token68) return false;
  const decoded = Buffer.from(c.token68, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  // Both compared, always: how far the check got says nothing.
  const user = safeEqual(decoded.slice(0, colon), creds.username);
  const pass = safeEqual(decoded.slice(colon + 1), creds.password);
  return user && pass;
}

// --- client side ----------------------------------------------------------------------

export interface ChallengeChoice {
  /** The Digest challenge to answer: the strongest algorithm offered that we implement. */
  digest?: { params: Record<string, string>; algorithm: DigestAlgorithm };
  /** A Basic challenge was offered. */
  basic?: { realm: string };
  /** Digest challenges offered that cannot be answered, and why. */
  unsupported: { algorithm?: string; qop?: string }[];
}

const strength = (a: DigestAlgorithm) => (a.startsWith('SHA-256') ? 2 : 1);

/**
 * RFC 7616 §3.7: a server lists its challenges most preferred first and the
 * client takes the first it supports "unless a local policy dictates
 * otherwise". Ours: SHA-256 beats MD5 wherever it is listed (MD5 is broken);
 * between equals the server's order stands. Digest always beats Basic.
 */
export function chooseChallenge(header: string | readonly string[] | undefined): ChallengeChoice {
  const out: ChallengeChoice = { unsupported: [] };
  for (const c of parseAuthHeader(header)) {
    const scheme = c.scheme.toLowerCase();
    if (scheme === 'basic') {
      out.basic ??= { realm: c.params.realm ?? '' };
      continue;
    }
    if (scheme !== 'digest') continue;
    const algorithm = digestAlgorithm(c.params.algorithm);
    if (!algorithm) { out.unsupported.push({ algorithm: c.params.algorithm }); continue; }
    // §3.3: qop is a list; we implement "auth" only (auth-int would need the body hashed).
    if (c.params.qop !== undefined && !qopList(c.params.qop).includes('auth')) { out.unsupported.push({ qop: c.params.qop }); continue; }
    if (!out.digest || strength(algorithm) > strength(out.digest.algorithm)) out.digest = { params: c.params, algorithm };
  }
  return out;
}

const qopList = (q: string) => q.split(',').map((x) => x.trim().toLowerCase());

/** The Authorization header answering a chosen Digest challenge (RFC 7616 §3.4). */
export function digestAuthorization(o: {
  params: Record<string, string>; algorithm: DigestAlgorithm; username: string; password: string;
  method: string; uri: string; nc: number; cnonce?: string;
}): string {
  const c = o.params;
  const qop = c.qop !== undefined && qopList(c.qop).includes('auth') ? 'auth' : undefined;
  const nc = o.nc.toString(16).padStart(8, '0');
  // §3.4: the cnonce must be unguessable; -sess needs one even in the RFC 2069 form.
  const cnonce = o.cnonce ?? randomBytes(16).toString('hex');
  const realm = c.realm ?? '';
  const nonce = c.nonce ?? '';
  const response = digestResponse({
    algorithm: o.algorithm, username: o.username, realm, password: o.password, method: o.method, uri: o.uri, nonce, nc, cnonce, qop,
  });
  const parts = [
    `username=${quote(o.username)}`, `realm=${quote(realm)}`, `nonce=${quote(nonce)}`, `uri=${quote(o.uri)}`,
    // Echo the server's own spelling: it computes with the algorithm it named.
    ...(c.algorithm !== undefined ? [`algorithm=${c.algorithm}`] : []),
    `response=${quote(response)}`,
    ...(c.opaque !== undefined ? [`opaque=${quote(c.opaque)}`] : []),
    ...(qop ? [`qop=${qop}`, `nc=${nc}`, `cnonce=${quote(cnonce)}`] : o.algorithm.endsWith('-sess') ? [`cnonce=${quote(cnonce)}`] : []),
  ];
  return `Digest ${parts.join(', ')}`;
}

/**
 * A client that remembers the last challenge and signs each request, so
 * after the first 401 of a session every message is authenticated up front
 * (the usual CPE behaviour; it saves a round trip per message).
 */
export class ClientAuth {
  private scheme: 'basic' | 'digest' | undefined;
  private digest: { params: Record<string, string>; algorithm: DigestAlgorithm } | undefined;
  private nc = 0;
  /** Challenges answered since credentials were last accepted. */
  private failures = 0;

  constructor(private readonly username: string, private readonly password: string) {}

  get active(): boolean { return this.scheme !== undefined; }

  /**
   * Takes a 401's WWW-Authenticate. Returns false when answering again is
   * pointless: no credentials, no usable scheme, or the same credentials were
   * already refused (RFC 7616 §3.3 "stale=true" is not a refusal: new nonce only).
   */
  accept(wwwAuthenticate: string | readonly string[] | undefined): boolean {
    if (!this.username && !this.password) return false;
    const choice = chooseChallenge(wwwAuthenticate);
    const stale = choice.digest?.params.stale?.toLowerCase() === 'true';
    if (!stale) this.failures++;
    if (this.failures > 1) return false;
    if (choice.digest) {
      this.scheme = 'digest';
      this.digest = choice.digest;
      this.nc = 0;
      return true;
    }
    if (choice.basic) {
      this.scheme = 'basic';
      return true;
    }
    return false;
  }

  /** Call when a signed request got a non-401 answer. */
  succeeded(): void { this.failures = 0; }

  authorization(method: string, uri: string): string | undefined {
    if (this.scheme === 'basic') return basicAuthorization(this.username, this.password);
    if (this.scheme !== 'digest' || !this.digest) return undefined;
    return digestAuthorization({ ...this.digest, username: this.username, password: this.password, method, uri, nc: ++this.nc });
  }
}

// --- server side ----------------------------------------------------------------------

export type DigestVerdict = { ok: true } | { ok: false; reason: string; stale?: boolean };

export interface DigestServerOptions {
  /** How long a nonce stays good (RFC 7616 §3.3 leaves it to the server). Default 5 minutes. */
  ttlMs?: number;
  /** Nonces kept at most, so a flood of unauthenticated requests cannot grow memory. */
  maxNonces?: number;
  /** Send an opaque value and insist on getting it back (§3.3). */
  opaque?: boolean;
}

/** Issues challenges and checks answers, with nonces that expire and nonce counts that only go up. */
export class DigestServer {
  private readonly nonces = new Map<string, { created: number; nc: number }>();
  private readonly ttlMs: number;
  private readonly maxNonces: number;
  private readonly opaque: string | undefined;
  private lastSweep = 0;

  constructor(o: DigestServerOptions = {}) {
    this.ttlMs = o.ttlMs ?? 5 * 60_000;
    this.maxNonces = o.maxNonces ?? 10_000;
    this.opaque = o.opaque ? randomBytes(8).toString('hex') : undefined;
  }

  /** A WWW-Authenticate value; stale=true tells a client whose answer was right to retry with the new nonce. */
  challenge(o: { realm: string; algorithm?: DigestAlgorithm; stale?: boolean }): string {
    this.sweep();
    const nonce = randomBytes(16).toString('hex');
    this.nonces.set(nonce, { created: Date.now(), nc: 0 });
    return `Digest realm=${quote(o.realm)}, qop="auth", nonce="${nonce}"${this.opaque ? `, opaque="${this.opaque}"` : ''}`
      + `, algorithm=${o.algorithm ?? 'MD5'}${o.stale ? ', stale=true' : ''}`;
  }

  /**
   * Checks an Authorization header. `uri` is the request-target: §3.4.6 has
   * the server make sure the signed uri names the resource requested.
   * `requireQop` refuses the RFC 2069 form (no nc, so no replay check within
   * a nonce; such a nonce is then good for one request only).
   */
  verify(o: {
    header: string | undefined; method: string; uri: string; realm: string; algorithm?: DigestAlgorithm;
    username: string; password: string; requireQop?: boolean;
  }): DigestVerdict {
    const no = (reason: string, stale = false): DigestVerdict => ({ ok: false, reason, ...(stale ? { stale } : {}) });
    if (!o.header) return no('no credentials');
    const c = parseAuthHeader(o.header)[0];
    if (!c || c.scheme.toLowerCase() !== 'digest') return no(`expected Digest, got ${c?.scheme ?? 'nothing'}`);
    const p = c.params;
    const expectedAlg = o.algorithm ?? 'MD5';
    if (digestAlgorithm(p.algorithm) !== expectedAlg) return no(`algorithm ${p.algorithm ?? 'MD5'} where ${expectedAlg} was asked`);
    if (p.username !== o.username) return no(`wrong username ("${p.username ?? ''}")`);
    if (p.realm !== o.realm) return no('wrong realm');
    if (!p.nonce || p.response === undefined) return no('nonce or response missing');
    if (p.uri === undefined || !sameTarget(p.uri, o.uri)) return no('uri does not match the request');
    if (this.opaque && p.opaque !== this.opaque) return no('opaque does not match');
    const qop = p.qop?.toLowerCase();
    if (qop !== undefined && (qop !== 'auth' || !p.nc || !/^[0-9a-f]{8}$/i.test(p.nc) || !p.cnonce)) return no('qop=auth needs nc (8 hex digits) and cnonce');
    if (qop === undefined && o.requireQop) return no('qop=auth with nc and cnonce is required');
    if (qop === undefined && expectedAlg.endsWith('-sess') && !p.cnonce) return no(`${expectedAlg} needs a cnonce`);
    const expected = digestResponse({
      algorithm: expectedAlg, username: o.username, realm: o.realm, password: o.password, method: o.method,
      uri: p.uri, nonce: p.nonce, nc: p.nc, cnonce: p.cnonce, qop,
    });
    if (!safeEqual(p.response.toLowerCase(), expected)) return no('wrong password (Digest response does not match)');
    // Only a right answer learns its nonce is stale (§3.3): the client may retry without asking anyone for a password.
    const state = this.nonces.get(p.nonce);
    if (!state || Date.now() - state.created > this.ttlMs) return no('stale nonce', true);
    const nc = qop ? parseInt(p.nc!, 16) : Number.MAX_SAFE_INTEGER;
    if (!(nc > state.nc)) return no('replayed nonce count');
    state.nc = nc;
    return { ok: true };
  }

  /** Nonces in memory (tests). */
  get size(): number { return this.nonces.size; }

  private sweep(): void {
    const now = Date.now();
    if (now - this.lastSweep > Math.min(60_000, this.ttlMs) || this.nonces.size >= this.maxNonces) {
      this.lastSweep = now;
      for (const [n, v] of this.nonces) if (now - v.created > this.ttlMs) this.nonces.delete(n);
    }
    // Still full: the oldest go first (a Map iterates in insertion order).
    for (const n of this.nonces.keys()) {
      if (this.nonces.size < this.maxNonces) break;
      this.nonces.delete(n);
    }
  }
}

/** The signed uri and the request-target name the same resource (a client may sign the absolute form). */
function sameTarget(signed: string, target: string): boolean {
  if (signed === target) return true;
  try {
    const u = new URL(signed);
    return u.pathname + u.search === target;
  } catch {
    return false;
  }
}
