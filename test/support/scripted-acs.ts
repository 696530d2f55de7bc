// A minimal scripted ACS for testing the virtual CPE alone, written here with
// node:http: it answers InformResponse, sends a scripted list of requests,
// answers the CPE's own requests, then 204. Real sockets on 127.0.0.1, port 0.
// The real ACS engine has its own tests (test/integration/sessions.test.ts...).
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll } from 'vitest';
import { parseEnvelope, serializeEnvelope } from '../../shared/cwmp';
import type { CwmpBody, CwmpEnvelope, CwmpHeader, RpcBodies } from '../../shared/cwmp/types';
import { VirtualCpe, type VirtualCpeOptions } from '../../electron/sim/virtual-cpe';

export interface Post { serial: string; raw: string; env: CwmpEnvelope | null; headers: http.IncomingHttpHeaders; port: number }
export interface AcsSession { id: string; serial: string; inform: RpcBodies['Inform']; posts: Post[]; ended: boolean }
export type Scripted = { body: CwmpBody; header?: CwmpHeader } | { raw: (id: string) => string };

export const md5 = (s: string) => createHash('md5').update(s).digest('hex');

export class ScriptedAcs {
  readonly sessions: AcsSession[] = [];
  readonly posts: Post[] = [];
  readonly queues = new Map<string, Scripted[]>();
  readonly informHeader = new Map<string, CwmpHeader>();
  auth?: { scheme: 'Digest' | 'Basic'; username: string; password: string };
  failInforms = 0;
  private readonly bySocket = new WeakMap<Socket, AcsSession>();
  private readonly waiters: { match: (s: AcsSession) => boolean; resolve: (s: AcsSession) => void }[] = [];
  private seq = 0;
  server!: http.Server;
  url = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, Buffer.concat(chunks), res));
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/acs`;
  }

  close(): Promise<void> {
    return new Promise((r) => { this.server.close(() => r()); this.server.closeAllConnections(); });
  }

  queue(serial: string, ...items: (CwmpBody | Scripted)[]): void {
    const q = this.queues.get(serial) ?? [];
    for (const it of items) q.push('name' in it ? { body: it } : it);
    this.queues.set(serial, q);
  }

  /** The next session (ended with 204) of `serial` that matches. */
  session(serial: string, match: (s: AcsSession) => boolean = () => true, timeoutMs = 15_000): Promise<AcsSession> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no matching session of ${serial}`)), timeoutMs);
      this.waiters.push({ match: (s) => s.serial === serial && match(s), resolve: (s) => { clearTimeout(t); resolve(s); } });
    });
  }

  private authorized(req: http.IncomingMessage): boolean {
    const a = this.auth;
    if (!a) return true;
    const h = req.headers.authorization ?? '';
    if (a.scheme === 'Basic') return h === `Basic ${Buffer.from(`${a.username}:${a.password}`).toString('base64')}`;
    const p = Object.fromEntries([...h.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)].map((m) => [m[1], m[2] ?? m[3]]));
    const ha1 = md5(`${a.username}:acs:${a.password}`);
    const ha2 = md5(`POST:${p.uri}`);
    return h.startsWith('Digest ') && p.username === a.username && p.response === md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`);
  }

  private handle(req: http.IncomingMessage, raw: Buffer, res: http.ServerResponse): void {
    if (!this.authorized(req)) {
      res.writeHead(401, {
        'WWW-Authenticate': this.auth!.scheme === 'Basic' ? 'Basic realm="acs"' : `Digest realm="acs", qop="auth", nonce="${md5(String(Math.random()))}", algorithm=MD5`,
        'Content-Length': '0',
      }).end();
      return;
    }
    const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
    const ct = String(req.headers['content-type']);
    const text = /8859/i.test(ct) ? body.toString('latin1') : /UTF-16/i.test(ct) ? body.subarray(2).toString('utf16le') : body.toString('utf8');
    const env = text.trim() ? parseEnvelope(text) : null;
    const cookie = /acs-session=(\w+)/.exec(req.headers.cookie ?? '')?.[1];
    let session = cookie ? this.sessions.find((s) => s.id === cookie) : this.bySocket.get(req.socket);
    const reply = (status: number, e?: CwmpEnvelope, headers: Record<string, string> = {}) => {
      const out = e ? serializeEnvelope(e) : '';
      res.writeHead(status, { ...(out ? { 'Content-Type': 'text/xml; charset="utf-8"' } : {}), 'Content-Length': String(Buffer.byteLength(out)), ...headers });
      res.end(out);
    };
    if (env?.body?.name === 'Inform') {
      if (this.failInforms > 0) { this.failInforms--; reply(500); return; }
      const inform = env.body.args;
      session = { id: `s${++this.seq}`, serial: inform.DeviceId.SerialNumber, inform, posts: [], ended: false };
      this.sessions.push(session);
      this.bySocket.set(req.socket, session);
      this.record(session, text, env, req);
      reply(200, { version: env.version, header: { ID: env.header.ID, ...this.informHeader.get(session.serial) }, body: { name: 'InformResponse', args: { MaxEnvelopes: 1 } } },
        { 'Set-Cookie': `acs-session=${session.id}; Path=/; HttpOnly` });
      return;
    }
    if (!session) { reply(400); return; }
    this.bySocket.set(req.socket, session);
    this.record(session, text, env, req);
    const version = session.posts[0]!.env!.version;
    const b = env?.body;
    if (b && b.name !== 'Fault' && !b.name.endsWith('Response')) {
      // A CPE request: acknowledge it.
      const args = b.name === 'GetRPCMethods' ? { MethodList: ['Inform', 'GetRPCMethods', 'TransferComplete'] } : {};
      reply(200, { version, header: { ID: env!.header.ID }, body: { name: `${b.name}Response`, args } as CwmpBody });
      return;
    }
    const next = this.queues.get(session.serial)?.shift();
    if (!next) {
      session.ended = true;
      reply(204);
      for (const w of [...this.waiters]) if (w.match(session)) { this.waiters.splice(this.waiters.indexOf(w), 1); w.resolve(session); }
      return;
    }
    const id = `acs-${++this.seq}`;
    if ('raw' in next) {
      const out = next.raw(id);
      res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': String(Buffer.byteLength(out)) }).end(out);
      return;
    }
    reply(200, { version, header: { ID: id, ...next.header }, body: next.body });
  }

  private record(session: AcsSession, raw: string, env: CwmpEnvelope | null, req: http.IncomingMessage): void {
    const p = { serial: session.serial, raw, env, headers: req.headers, port: req.socket.remotePort ?? 0 };
    session.posts.push(p);
    this.posts.push(p);
  }
}

export const codes = (s: AcsSession) => s.inform.Event.map((e) => e.EventCode);
export const param = (s: AcsSession, name: string) => s.inform.ParameterList.find((p) => p.Name === name)?.Value;
export const bodies = (s: AcsSession) => s.posts.map((p) => p.env?.body?.name ?? 'empty');

export interface CpeHarness {
  acs: ScriptedAcs;
  /** A TR-181 CPE for the ACS, with fast clocks; stopped after the file's tests. */
  cpe(serial: string, over?: Partial<VirtualCpeOptions>): VirtualCpe;
  /** CPEs whose messages must all be schema-valid (no quirks that change the XML). */
  strictSerials: Set<string>;
}

/** The scripted ACS, started before the calling file's tests and closed after them, with the CPEs made for it. */
export function useCpeHarness(): CpeHarness {
  const acs = new ScriptedAcs();
  const cpes: VirtualCpe[] = [];
  const strictSerials = new Set<string>();

  function cpe(serial: string, over: Partial<VirtualCpeOptions> = {}): VirtualCpe {
    const c = new VirtualCpe({
      acsUrl: acs.url, model: 'tr181', serialNumber: serial, rebootDelayMs: 50, retryScale: 0.002, timeScale: 0.01,
      connectionRequest: { username: 'cr-user', password: 'cr-pass' }, ...over,
    });
    if (!over.quirks) strictSerials.add(serial);
    cpes.push(c);
    return c;
  }

  beforeAll(async () => {
    await acs.start();
  });

  afterAll(async () => {
    await Promise.all(cpes.map((c) => c.stop()));
    await acs.close();
  });

  return { acs, cpe, strictSerials };
}
