// The CPE's Connection Request server (TR-069 Amd 6 §3.2.2): an HTTP GET on
// ManagementServer.ConnectionRequestURL, authenticated with HTTP Digest
// (RFC 7616, qop=auth; MD5 unless the crDigestAlgorithm quirk names another),
// makes the CPE open a session with "6 CONNECTION REQUEST". The crBasic quirk
// plays the stacks that ask for Basic instead, over plain HTTP. One server
// can host many CPEs (a fleet), each at its own random path with its own
// credentials, read live from its data model so an ACS that sets
// ConnectionRequestUsername/Password is obeyed.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { checkBasic, digestAlgorithm, DigestServer, parseAuthHeader, type DigestAlgorithm, type DigestVerdict } from '../lib/auth/digest';

export type CrOutcome = 'accepted' | 'unavailable';

export interface CrEndpoint {
  credentials(): { username: string; password: string };
  /** Called once the request is authenticated; 'unavailable' (e.g. rebooting) answers 503. */
  onRequest(): CrOutcome;
  /** Authentication failures, for the CPE's log. */
  onRejected?(reason: string): void;
  /** The scheme this endpoint asks for; default Digest with MD5. */
  auth?: { scheme: 'basic' } | { scheme: 'digest'; algorithm: string };
  /**
   * Every Authorization header that arrived, by scheme only (never the
   * credentials): lets a test prove a password was never sent.
   */
  onAuthorization?(scheme: string): void;
}

export interface CrRegistration { url: string; path: string; unregister(): void }

const REALM = 'TR-069 Virtual CPE';

type EndpointAuth = { scheme: 'basic' } | { scheme: 'digest'; algorithm: DigestAlgorithm };

export class ConnectionRequestServer {
  private readonly endpoints = new Map<string, { endpoint: CrEndpoint; auth: EndpointAuth }>();
  // Nonces shared by the fleet's endpoints; each answer is still bound to its uri (RFC 7616 §3.4.6).
  private readonly digest = new DigestServer({ ttlMs: 5 * 60_000 });

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
    const a = endpoint.auth;
    let auth: EndpointAuth = { scheme: 'digest', algorithm: 'MD5' };
    if (a?.scheme === 'basic') auth = a;
    else if (a) {
      const algorithm = digestAlgorithm(a.algorithm);
      if (!algorithm) throw new Error(`Digest algorithm "${a.algorithm}" is not implemented (MD5, MD5-sess, SHA-256, SHA-256-sess)`);
      auth = { scheme: 'digest', algorithm };
    }
    // A random path: the URL alone should not let a scanner poke the CPE.
    const path = `/cr/${randomBytes(9).toString('base64url')}`;
    this.endpoints.set(path, { endpoint, auth });
    return { url: `http://${this.advertisedHost}:${this.port}${path}`, path, unregister: () => this.endpoints.delete(path) };
  }

  get size(): number { return this.endpoints.size; }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private challenge(res: http.ServerResponse, auth: EndpointAuth, stale = false): void {
    const challenge = auth.scheme === 'basic'
      ? `Basic realm="${REALM}"`
      : this.digest.challenge({ realm: REALM, algorithm: auth.algorithm, stale });
    res.writeHead(401, { 'WWW-Authenticate': challenge, 'Content-Length': '0' });
    res.end();
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.resume();
    const url = req.url ?? '/';
    const entry = this.endpoints.get(url.split('?')[0]!);
    if (!entry) {
      res.writeHead(404, { 'Content-Length': '0' }).end();
      return;
    }
    const { endpoint, auth } = entry;
    // §3.2.2: the Connection Request is an HTTP GET.
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET', 'Content-Length': '0' }).end();
      return;
    }
    const header = req.headers.authorization;
    if (header) endpoint.onAuthorization?.(parseAuthHeader(header)[0]?.scheme ?? '?');
    const creds = endpoint.credentials();
    if (creds.username || creds.password) {
      const verdict = this.verify(req, url, auth, creds);
      if (!verdict.ok) {
        if (header) endpoint.onRejected?.(verdict.reason);
        this.challenge(res, auth, verdict.stale);
        return;
      }
    }
    const outcome = endpoint.onRequest();
    res.writeHead(outcome === 'accepted' ? 200 : 503, { 'Content-Length': '0' }).end();
  }

  private verify(req: http.IncomingMessage, url: string, auth: EndpointAuth, creds: { username: string; password: string }): DigestVerdict {
    const header = req.headers.authorization;
    if (auth.scheme === 'basic') return checkBasic(header, creds) ? { ok: true } : { ok: false, reason: header ? 'wrong Basic credentials' : 'no credentials' };
    // qop=auth required: this stack counts nonces, so a replayed request is refused.
    return this.digest.verify({
      header, method: req.method ?? 'GET', uri: url, realm: REALM, algorithm: auth.algorithm, ...creds, requireQop: true,
    });
  }
}
