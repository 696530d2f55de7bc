// The CPE's Connection Request server (TR-069 Amd 6 §3.2.2): an HTTP GET on
// ManagementServer.ConnectionRequestURL, authenticated with HTTP Digest
// (RFC 7616, qop=auth, MD5), makes the CPE open a session with
// "6 CONNECTION REQUEST". One server can host many CPEs (a fleet), each at
// its own random path with its own credentials, read live from its data
// model so an ACS that sets ConnectionRequestUsername/Password is obeyed.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { digestResponse, parseAuthHeader } from './digest';

export type CrOutcome = 'accepted' | 'unavailable';

export interface CrEndpoint {
  credentials(): { username: string; password: string };
  /** Called once the request is authenticated; 'unavailable' (e.g. rebooting) answers 503. */
  onRequest(): CrOutcome;
  /** Authentication failures, for the CPE's log. */
  onRejected?(reason: string): void;
}

export interface CrRegistration { url: string; path: string; unregister(): void }

const REALM = 'TR-069 Virtual CPE';
const NONCE_TTL_MS = 5 * 60_000;

export class ConnectionRequestServer {
  private readonly endpoints = new Map<string, CrEndpoint>();
  private readonly nonces = new Map<string, { created: number; nc: number }>();
  private readonly opaque = randomBytes(8).toString('hex');

  private constructor(private readonly server: http.Server, readonly host: string, readonly port: number) {}

  static async start(opts: { host?: string; port?: number } = {}): Promise<ConnectionRequestServer> {
    const host = opts.host ?? '127.0.0.1';
    const server = http.createServer();
    server.keepAliveTimeout = 2000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => resolve());
    });
    const crs = new ConnectionRequestServer(server, host, (server.address() as AddressInfo).port);
    server.on('request', (req, res) => crs.handle(req, res));
    return crs;
  }

  /** The host an ACS should use: the bind address, or a LAN address when bound to all. */
  get advertisedHost(): string {
    if (this.host !== '0.0.0.0' && this.host !== '::') return this.host.includes(':') ? `[${this.host}]` : this.host;
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
    }
    return '127.0.0.1';
  }

  register(endpoint: CrEndpoint): CrRegistration {
    // A random path: the URL alone should not let a scanner poke the CPE.
    const path = `/cr/${randomBytes(9).toString('base64url')}`;
    this.endpoints.set(path, endpoint);
    return { url: `http://${this.advertisedHost}:${this.port}${path}`, path, unregister: () => this.endpoints.delete(path) };
  }

  get size(): number { return this.endpoints.size; }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private challenge(res: http.ServerResponse, stale = false): void {
    const nonce = randomBytes(16).toString('hex');
    this.nonces.set(nonce, { created: Date.now(), nc: 0 });
    if (this.nonces.size > 10_000) this.expireNonces();
    res.writeHead(401, {
      'WWW-Authenticate': `Digest realm="${REALM}", qop="auth", nonce="${nonce}", opaque="${this.opaque}", algorithm=MD5${stale ? ', stale=true' : ''}`,
      'Content-Length': '0',
    });
    res.end();
  }

  private expireNonces(): void {
    const now = Date.now();
    for (const [n, v] of this.nonces) if (now - v.created > NONCE_TTL_MS) this.nonces.delete(n);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.resume();
    const url = req.url ?? '/';
    const endpoint = this.endpoints.get(url.split('?')[0]!);
    if (!endpoint) {
      res.writeHead(404, { 'Content-Length': '0' }).end();
      return;
    }
    // §3.2.2: the Connection Request is an HTTP GET.
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET', 'Content-Length': '0' }).end();
      return;
    }
    const creds = endpoint.credentials();
    if (creds.username || creds.password) {
      const verdict = this.verify(req, url, creds);
      if (verdict !== 'ok') {
        if (req.headers.authorization) endpoint.onRejected?.(verdict);
        this.challenge(res, verdict === 'stale');
        return;
      }
    }
    const outcome = endpoint.onRequest();
    res.writeHead(outcome === 'accepted' ? 200 : 503, { 'Content-Length': '0' }).end();
  }

  private verify(req: http.IncomingMessage, url: string, creds: { username: string; password: string }): string {
    const header = req.headers.authorization;
    if (!header) return 'no credentials';
    const c = parseAuthHeader(header)[0];
    if (!c || c.scheme.toLowerCase() !== 'digest') return 'not Digest';
    const p = c.params;
    if (p.username !== creds.username) return 'wrong username';
    if (p.realm !== REALM) return 'wrong realm';
    if (p.uri !== url) return 'uri does not match the request';
    if (p.qop !== 'auth' || !p.nc || !p.cnonce) return 'qop=auth with nc and cnonce is required';
    if (p.algorithm && p.algorithm.toUpperCase() !== 'MD5') return 'unsupported algorithm';
    const expected = digestResponse({
      algorithm: 'MD5', username: creds.username, realm: REALM, password: creds.password, method: req.method ?? 'GET',
      uri: p.uri, nonce: p.nonce ?? '', nc: p.nc, cnonce: p.cnonce, qop: 'auth',
    });
    const given = Buffer.from(p.response ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) return 'wrong password';
    const state = this.nonces.get(p.nonce ?? '');
    if (!state || Date.now() - state.created > NONCE_TTL_MS) return 'stale';
    const nc = parseInt(p.nc, 16);
    if (!(nc > state.nc)) return 'replayed nonce count';
    state.nc = nc;
    return 'ok';
  }
}
