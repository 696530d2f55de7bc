// The CPE end of one CWMP session's HTTP connection (TR-069 Amd 6 §3.4):
// POSTs on one keep-alive connection, session cookies returned (§3.4.2),
// Basic/Digest answers to the ACS's challenges (§3.4.4), redirects followed
// (§3.4.5, at most 5), and the transport-level quirks (gzip, charsets, a new
// connection per message, dropping TCP after a challenge).
import http from 'node:http';
import https from 'node:https';
import { promisify } from 'node:util';
import { gunzip, gzip, inflate } from 'node:zlib';
import { ClientAuth } from '../lib/auth/digest';
import { charsetOf, rewriteMessage, type Quirks } from './quirks';

const gunzipAsync = promisify(gunzip);
const gzipAsync = promisify(gzip);
const inflateAsync = promisify(inflate);

export interface HttpReply { status: number; headers: http.IncomingHttpHeaders; body: string }

export interface CwmpClientOptions {
  url: string;
  username?: string;
  password?: string;
  quirks?: Quirks;
  timeoutMs?: number;
  userAgent?: string;
  /** TLS: false accepts self-signed ACS certificates (lab use). */
  rejectUnauthorized?: boolean;
  /** Every message actually sent (after quirks, before encoding) and every reply, for logs and tests. */
  onExchange?: (sent: { body: string; headers: Record<string, string> }, reply: HttpReply) => void;
}

export class CwmpClient {
  private url: URL;
  private agent: http.Agent;
  private readonly cookies = new Map<string, string>();
  private readonly auth: ClientAuth;
  private readonly quirks: Quirks;

  constructor(private readonly opts: CwmpClientOptions) {
    this.url = new URL(opts.url);
    this.quirks = opts.quirks ?? {};
    this.auth = new ClientAuth(opts.username ?? '', opts.password ?? '');
    this.agent = this.newAgent();
  }

  private newAgent(): http.Agent {
    // One connection per session (maxSockets 1) kept alive between messages,
    // unless the CPE is the kind that reconnects for every message.
    const keepAlive = !this.quirks.newConnectionPerRequest;
    return this.url.protocol === 'https:'
      ? new https.Agent({ keepAlive, maxSockets: 1, rejectUnauthorized: this.opts.rejectUnauthorized ?? true })
      : new http.Agent({ keepAlive, maxSockets: 1 });
  }

  /** Ends the session's connection. */
  close(): void {
    this.agent.destroy();
  }

  /** POSTs an envelope, or an empty body when xml is null; answers auth challenges and redirects. */
  async post(xml: string | null): Promise<HttpReply> {
    const text = xml === null ? null : rewriteMessage(xml, this.quirks);
    const { body, headers } = await this.encode(text);
    let redirects = 0;
    let challenges = 0;
    for (;;) {
      const h = { ...headers };
      const target = this.url.pathname + this.url.search;
      const authz = this.auth.authorization('POST', target);
      if (authz) h.Authorization = authz;
      if (this.cookies.size && !this.quirks.noCookies) {
        h.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      }
      const reply = await this.send(body, h);
      this.opts.onExchange?.({ body: text ?? '', headers: h }, reply);
      this.keepCookies(reply.headers['set-cookie']);
      if (reply.status === 401 && challenges++ < 3) {
        const wwwAuth = reply.headers['www-authenticate'];
        if (!this.auth.accept(Array.isArray(wwwAuth) ? wwwAuth.join(', ') : wwwAuth)) return reply;
        if (this.quirks.dropAfterChallenge) this.reconnect();
        continue;
      }
      if ([301, 302, 303, 307, 308].includes(reply.status) && reply.headers.location && redirects++ < 5) {
        const next = new URL(reply.headers.location, this.url);
        const sameOrigin = next.origin === this.url.origin;
        this.url = next;
        if (!sameOrigin) {
          this.cookies.clear();
          this.reconnect();
        }
        continue;
      }
      if (this.auth.active && reply.status !== 401) this.auth.succeeded();
      return reply;
    }
  }

  private reconnect(): void {
    this.agent.destroy();
    this.agent = this.newAgent();
  }

  private async encode(text: string | null): Promise<{ body: Buffer; headers: Record<string, string> }> {
    const headers: Record<string, string> = { 'User-Agent': this.opts.userAgent ?? 'TR069-Workbench-VirtualCPE/1.0' };
    if (this.quirks.newConnectionPerRequest) headers.Connection = 'close';
    if (text === null) {
      headers['Content-Length'] = '0';
      return { body: Buffer.alloc(0), headers };
    }
    const cs = charsetOf(this.quirks);
    let body: Buffer;
    if (cs.encoding === 'utf8') body = Buffer.from(text, 'utf8');
    else {
      const xml = text.replace(/^<\?xml version="1.0" encoding="UTF-8"\?>/, `<?xml version="1.0" encoding="${cs.label}"?>`);
      if (cs.encoding === 'latin1') {
        // Characters latin-1 cannot carry travel as character references.
        body = Buffer.from(xml.replace(/[^\u0000-\u00ff]/gu, (c) => `&#${c.codePointAt(0)};`), 'latin1'); // eslint-disable-line no-control-regex
      } else {
        body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
      }
    }
    headers['Content-Type'] = `text/xml; charset="${cs.label}"`;
    headers.SOAPAction = '""';
    if (this.quirks.gzip) {
      body = await gzipAsync(body);
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = String(body.length);
    return { body, headers };
  }

  private send(body: Buffer, headers: Record<string, string>): Promise<HttpReply> {
    const mod = this.url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = mod.request(this.url, { method: 'POST', agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          decodeBody(Buffer.concat(chunks), res.headers)
            .then((text) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }), reject);
        });
      });
      req.setTimeout(this.opts.timeoutMs ?? 30_000, () => req.destroy(new Error('the ACS did not answer in time')));
      req.on('error', reject);
      req.end(body);
    });
  }

  private keepCookies(setCookie: string[] | undefined): void {
    if (!setCookie || this.quirks.noCookies) return;
    for (const line of setCookie) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      if (eq <= 0) continue;
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => {
        const [k, v = ''] = a.split('=').map((s) => s.trim());
        if (k!.toLowerCase() === 'max-age') return Number(v) <= 0;
        if (k!.toLowerCase() === 'expires') return Date.parse(v) < Date.now();
        return false;
      });
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** Response body as text: Content-Encoding undone, charset from the header, the BOM or the XML declaration. */
export async function decodeBody(raw: Buffer, headers: http.IncomingHttpHeaders): Promise<string> {
  let buf = raw;
  const enc = String(headers['content-encoding'] ?? '').toLowerCase();
  if (enc === 'gzip' || enc === 'x-gzip') buf = await gunzipAsync(buf);
  else if (enc === 'deflate') buf = await inflateAsync(buf);
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  const ct = String(headers['content-type'] ?? '');
  const declared = /charset="?([\w-]+)/i.exec(ct)?.[1] ?? /^<\?xml[^>]*encoding="([\w-]+)"/.exec(buf.subarray(0, 100).toString('latin1'))?.[1];
  const cs = (declared ?? 'utf-8').toLowerCase();
  if (cs === 'iso-8859-1' || cs === 'latin1') return buf.toString('latin1');
  if (cs.startsWith('utf-16')) return buf.toString('utf16le');
  return buf.toString('utf8');
}
