// The CWMP HTTP listener (TR-069 §3.4): finds the session a POST belongs to,
// reads the body within limits, records every exchange in the session log
// (before authentication, so 401 loops are visible), and sends what the
// session engine answers. It never lets a bad request take the process down.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { CwmpParseError, parseEnvelope } from '../../../shared/cwmp/parse';
import { serializeEnvelope } from '../../../shared/cwmp/serialize';
import type { CwmpEnvelope } from '../../../shared/cwmp/types';
import type { LoggedMessage } from '../../../shared/model/records';
import type { SessionLog } from '../log/session-log';
import { checkAuth, type CpeAuthSettings } from '../../lib/auth/cpe-auth';
import { BodyError, DEFAULT_LIMITS, readBody, type BodyLimits } from './http-body';
import { deviceKey, informProblem } from './inform';
import type { SessionEnd } from './compat-learning';
import { newSession, type Reply, type SessionContext, type SessionEngine } from './session';

export interface ListenerOptions {
  host?: string;
  port?: number;
  limits?: Partial<BodyLimits>;
  /** A session with no message for this long is over (§3.7.2.5 suggests at least 30 s). */
  sessionTimeoutMs?: number;
  auth?: CpeAuthSettings;
  /**
   * A keep-alive CPE that closes its connection while the ACS waits for its
   * next message has dropped the session if no message follows within this
   * long (default 3 s): ended then, with the reason in words, instead of at
   * the session timeout.
   */
  dropGraceMs?: number;
}

const COOKIE = 'cwmp_session';

export class CwmpListener {
  private server?: Server;
  private sessions = new Map<string, SessionContext>();
  private bySocket = new WeakMap<Socket, SessionContext>();
  private chains = new Map<string, Promise<unknown>>();
  /** Sessions (or pre-Inform connections) that have authenticated once; CPEs often send credentials only first. */
  private authed = new WeakSet<SessionContext>();
  /** Connections whose close is watched (watchClose). */
  private watched = new WeakSet<Socket>();
  private sweeper?: NodeJS.Timeout;
  /** Servers replaced by rebind() that still finish a request. */
  private retired = new Set<Server>();
  private limits: BodyLimits;

  constructor(private engine: SessionEngine, private log: SessionLog, private opts: ListenerOptions = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
  }

  async start(): Promise<AddressInfo> {
    this.server = await this.bind(this.opts.host ?? '0.0.0.0', this.opts.port ?? 7547);
    this.startSweeper();
    return this.server.address() as AddressInfo;
  }

  /** A new HTTP server listening on host:port; rejects (and leaves nothing open) when the bind fails. */
  private async bind(host: string, port: number): Promise<Server> {
    const server = createServer({ keepAliveTimeout: 30_000, requestTimeout: this.limits.timeoutMs + 5_000 }, (req, res) => {
      this.handle(req, res).catch((e) => {
        console.error('CWMP listener error:', e);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' }).end('internal error');
      });
    });
    server.on('clientError', (_err, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return server;
  }

  private startSweeper(): void {
    clearInterval(this.sweeper);
    const timeout = this.opts.sessionTimeoutMs ?? 30_000;
    this.sweeper = setInterval(() => this.sweep(timeout), Math.min(5_000, timeout / 2));
    this.sweeper.unref();
  }

  /**
   * Moves the listener to host:port (settings changed). The new socket is
   * bound before the old one closes, so a failure (EADDRINUSE, an address
   * this machine does not have) leaves the old listener serving and rejects
   * with the system error. Sessions in progress keep their state (it lives
   * in this object, not in the server); their idle connections are closed
   * and CPEs reconnect to the new URL they are given.
   */
  async rebind(host: string, port: number): Promise<AddressInfo> {
    const old = this.server;
    const oldAddr = this.address();
    let next: Server;
    try {
      next = await this.bind(host, port);
    } catch (err) {
      // The same port on another address (0.0.0.0 → 127.0.0.1) collides with
      // our own wildcard bind: only then close first, and rebind the old
      // address if the new one still fails.
      const ownPort = oldAddr && port !== 0 && port === oldAddr.port;
      if (!old || !ownPort || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      await closeServer(old);
      try {
        next = await this.bind(host, port);
      } catch (err2) {
        this.server = await this.bind(this.opts.host ?? '0.0.0.0', oldAddr.port);
        throw err2;
      }
    }
    this.server = next;
    this.opts = { ...this.opts, host, port };
    if (old?.listening) {
      // A CPE mid-request on the old socket gets its answer; then the connection goes.
      this.retired.add(old);
      old.close(() => this.retired.delete(old));
      old.closeIdleConnections();
      setTimeout(() => old.closeAllConnections(), 5_000).unref();
    }
    return next.address() as AddressInfo;
  }

  /** CPE → ACS authentication from the next new session on (open sessions stay authenticated). */
  setAuth(auth: CpeAuthSettings | undefined): void {
    this.opts = { ...this.opts, auth };
  }

  setSessionTimeout(ms: number): void {
    this.opts = { ...this.opts, sessionTimeoutMs: ms };
    if (this.sweeper) this.startSweeper();
  }

  address(): AddressInfo | undefined {
    return this.server?.address() as AddressInfo | undefined;
  }

  async stop(): Promise<void> {
    clearInterval(this.sweeper);
    for (const ctx of [...this.sessions.values()]) await this.finish(ctx, 'the ACS is stopping');
    for (const old of this.retired) old.closeAllConnections();
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  activeSessions(): SessionContext[] {
    return [...this.sessions.values()];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const remote = req.socket.remoteAddress?.replace(/^::ffff:/, '');
    const known = this.findSession(req);
    const ctx = known ?? newSession(remote);
    // Until the Inform, the connection is the session: a 401 and the Inform that follows share one id.
    if (!known) this.bySocket.set(req.socket, ctx);
    const base = { sessionId: ctx.id, deviceId: ctx.deviceId, remoteAddress: remote };

    if (req.method !== 'POST') {
      const reqRec = this.log.record({ ...base, direction: 'cpe->acs', method: req.method, url: req.url, headers: flat(req.headers), body: '', size: 0 });
      return this.reply(res, ctx, { kind: 'http-error', status: 405, message: 'CWMP uses HTTP POST (TR-069 §3.4.1)' }, reqRec);
    }
    if (this.opts.auth && this.opts.auth.scheme !== 'none' && !this.authed.has(ctx)) {
      const verdict = checkAuth(this.opts.auth, req);
      if (!verdict.ok) {
        const bodyText = await readBody(req, this.limits).then((b) => b.text, () => '');
        this.log.record({ ...base, direction: 'cpe->acs', method: 'POST', url: req.url, headers: flat(req.headers), body: bodyText, size: Buffer.byteLength(bodyText), note: verdict.note });
        res.writeHead(401, { 'WWW-Authenticate': verdict.challenge, 'Content-Length': '0' }).end();
        this.log.record({ ...base, direction: 'acs->cpe', status: 401, headers: { 'www-authenticate': verdict.challenge }, body: '', size: 0, note: verdict.note });
        return;
      }
      this.authed.add(ctx);
    }

    let text: string;
    let size: number;
    try {
      const body = await readBody(req, this.limits);
      text = body.text;
      size = body.rawBytes;
    } catch (e) {
      const err = e instanceof BodyError ? e : new BodyError(400, String(e));
      const reqRec = this.log.record({ ...base, direction: 'cpe->acs', method: 'POST', url: req.url, headers: flat(req.headers), body: '', size: Number(req.headers['content-length'] ?? 0), error: err.message });
      res.setHeader('Connection', 'close');
      return this.reply(res, ctx, { kind: 'http-error', status: err.status, message: err.message }, reqRec);
    }

    let env: CwmpEnvelope | null = null;
    let parseError: CwmpParseError | undefined;
    if (text.trim() !== '') {
      try {
        env = parseEnvelope(text);
      } catch (e) {
        if (!(e instanceof CwmpParseError)) throw e;
        parseError = e;
      }
    }
    // An Inform always opens a new session, even on a connection that carried an old one.
    const isInform = env?.body?.name === 'Inform';
    let session = ctx;
    let byAddress = false;
    if (isInform && known && known.state !== 'awaiting-inform') {
      // The same connection or cookie starts over: that CPE's old session is finished.
      session = newSession(remote);
      await this.finish(known, 'a new Inform started another session');
    } else if (!isInform && !known && !req.headers.cookie) {
      // Field quirk: a CPE that opens a new TCP connection mid-session and sends no cookie.
      session = this.onlySessionFrom(remote) ?? ctx;
      if (session !== ctx) byAddress = true;
    }
    if (this.authed.has(ctx)) this.authed.add(session);

    // The Inform names its device: record it with the key already, so the log row says who called.
    const informArgs = isInform && env?.body?.name === 'Inform' ? env.body.args : undefined;
    const informDevice = informArgs && !informProblem(informArgs) ? deviceKey(informArgs) : undefined;
    const reqRec = this.log.record({
      sessionId: session.id, deviceId: session.deviceId ?? informDevice, remoteAddress: remote, direction: 'cpe->acs', method: 'POST',
      url: req.url, headers: flat(req.headers), body: text, size, cwmpId: env?.header.ID ?? parseError?.detail.id,
      rpc: env ? (env.body?.name ?? 'empty') : parseError ? parseError.detail.rpc : 'empty',
      faultCode: env?.body?.name === 'Fault' ? env.body.fault.detail.FaultCode : undefined,
      error: parseError?.message,
    });

    this.watchClose(req, session);
    const reply = await this.serialize(session.id, async () => {
      if (byAddress) await this.engine.learnCookieless(session);
      const r = parseError ? await this.engine.onParseError(session, parseError) : await this.engine.onMessage(session, env);
      if (session.deviceId && isInform) {
        this.log.assignDevice(session.id, session.deviceId);
        for (const other of this.sessions.values()) {
          if (other !== session && other.deviceId === session.deviceId) {
            const waiting = other.outstanding ? ` before answering ${other.outstanding.name}` : '';
            await this.finish(other, `the device started a new session${waiting}`, 'replaced');
          }
        }
      }
      return r;
    });
    if (session.state !== 'awaiting-inform' && session.state !== 'ended') {
      this.sessions.set(session.id, session);
      this.bySocket.set(req.socket, session);
    }
    if (isInform && reply.kind === 'envelope' && session.state === 'cpe') {
      res.setHeader('Set-Cookie', `${COOKIE}=${session.id}; Path=/; HttpOnly`);
    }
    await this.reply(res, session, reply, reqRec);
  }

  private async reply(res: ServerResponse, ctx: SessionContext, reply: Reply, reqRec: LoggedMessage): Promise<void> {
    const base = { sessionId: ctx.id, deviceId: ctx.deviceId, remoteAddress: reqRec.remoteAddress };
    if (reply.kind === 'envelope') {
      const xml = serializeEnvelope(reply.envelope, { xmlDeclaration: reply.xmlDeclaration });
      const buf = Buffer.from(xml, 'utf8');
      res.writeHead(200, { 'Content-Type': 'text/xml; charset="utf-8"', 'Content-Length': String(buf.length) });
      res.end(buf);
      const b = reply.envelope.body;
      this.log.record({
        ...base, direction: 'acs->cpe', status: 200, headers: flat(res.getHeaders()), body: xml, size: buf.length,
        cwmpId: reply.envelope.header.ID, rpc: b ? b.name : 'empty', faultCode: b?.name === 'Fault' ? b.fault.detail.FaultCode : undefined,
        note: reply.note,
      });
      if (reply.endsSession) await this.finish(ctx, reply.note ?? 'fault');
      return;
    }
    if (reply.kind === 'end') {
      res.writeHead(204, { 'Content-Length': '0' }).end();
      this.log.record({ ...base, direction: 'acs->cpe', status: 204, headers: flat(res.getHeaders()), body: '', size: 0, rpc: 'empty', note: reply.note ?? 'session complete' });
      await this.finish(ctx, reply.note ?? 'complete', 'complete');
      return;
    }
    res.writeHead(reply.status, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
    res.end(reply.message + '\n');
    this.log.record({ ...base, direction: 'acs->cpe', status: reply.status, headers: flat(res.getHeaders()), body: reply.message, size: Buffer.byteLength(reply.message), note: reply.message });
  }

  private async finish(ctx: SessionContext, reason: string, how: SessionEnd = 'other'): Promise<void> {
    this.sessions.delete(ctx.id);
    await this.engine.end(ctx, reason, how);
  }

  /**
   * TR-069 §3.4.1 / §3.7.1: a CPE keeps its connection for the session. One
   * that closes it while the ACS waits for its next message (after an
   * InformResponse, or with a request outstanding) and does not come back
   * within the grace has dropped the session. A CPE that said
   * `Connection: close` reconnects for each message (a field quirk): its
   * close proves nothing and the session timeout applies.
   */
  private watchClose(req: IncomingMessage, session: SessionContext): void {
    if (/\bclose\b/i.test(String(req.headers.connection ?? '')) || req.httpVersion === '1.0') return;
    const socket = req.socket;
    if (this.watched.has(socket)) return;
    this.watched.add(socket);
    socket.once('close', () => {
      const ctx = this.bySocket.get(socket) ?? session;
      if (ctx.state === 'ended' || ctx.state === 'awaiting-inform' || !this.sessions.has(ctx.id)) return;
      const seen = ctx.lastSeen;
      const grace = this.opts.dropGraceMs ?? 3_000;
      setTimeout(() => {
        if (ctx.lastSeen !== seen || ctx.state === 'ended' || !this.sessions.has(ctx.id)) return;
        const what = ctx.outstanding ? `without answering ${ctx.outstanding.name}` : `after ${ctx.lastSent ?? 'the last message'}`;
        void this.serialize(ctx.id, () => this.finish(ctx, `the CPE closed the connection ${what} and did not come back`, 'dropped'));
      }, grace).unref();
    });
  }

  /** The session cookie first, then the TCP connection. */
  private findSession(req: IncomingMessage): SessionContext | undefined {
    const id = cookieValue(req.headers.cookie, COOKIE);
    if (id && this.sessions.has(id)) return this.sessions.get(id);
    const bySock = this.bySocket.get(req.socket);
    if (bySock && bySock.state !== 'ended') return bySock;
    return undefined;
  }

  /**
   * The one open session from an address, if there is exactly one. Never used
   * for an Inform, nor when a cookie was sent: CPEs behind one NAT share an address.
   */
  private onlySessionFrom(remote?: string): SessionContext | undefined {
    const fromAddr = [...this.sessions.values()].filter((s) => s.remoteAddress === remote && s.state !== 'ended');
    if (fromAddr.length === 1) return fromAddr[0];
    // Several behind one address: a cookie-less POST is from the one device known to send no cookies, if there is one.
    const cookieless = fromAddr.filter((s) => this.engine.isCookieless(s.deviceId));
    return cookieless.length === 1 ? cookieless[0] : undefined;
  }

  /** Messages of one session are handled strictly in order. */
  private serialize<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.chains.get(key) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const tail = next.catch(() => undefined);
    this.chains.set(key, tail);
    void tail.then(() => { if (this.chains.get(key) === tail) this.chains.delete(key); });
    return next;
  }

  private sweep(timeoutMs: number): void {
    const now = Date.now();
    for (const ctx of [...this.sessions.values()]) {
      if (now - ctx.lastSeen > timeoutMs) void this.finish(ctx, `no message for ${Math.round(timeoutMs / 1000)} s (session timeout)`, 'timeout');
    }
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Field quirk: cookies joined by commas, or quoted. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/[;,]/)) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}

function flat(h: Record<string, string | string[] | number | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}
