// The file server CPEs fetch Download files from and send Upload files to
// (TR-069 Amd 6 A.3.2.8, A.4.1.5; §3.4.5 file transfer over HTTP), on its own
// port so it can be opened to a lab network without exposing anything else.
//
// - Only registered tokens lead anywhere: GET/HEAD /t/<token>[/<name>] and
//   PUT/POST /u/<token>[/<name>]. A token is 128 random bits, one per
//   transfer; nothing taken from the URL ever reaches the file system, so
//   path traversal has nothing to work on. Unknown token: 404.
// - Optional per-transfer Basic credentials (A.3.2.8 Username/Password): 401.
// - Files are streamed (fs.createReadStream, backpressure through pipeline):
//   memory stays flat however large the image and however many CPEs fetch it.
// - One byte range per request (resumed downloads); HEAD; bytes counted per
//   transfer for progress.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { pipeline } from 'node:stream';
import { TooLargeError } from './hashed-write';
import { parseRange } from './http-range';

export interface GrantAuth { username: string; password: string }

export interface DownloadGrant {
  kind: 'download';
  transferId: string;
  /** The last URL segment given to the CPE (decoded); '' when the URL has none. */
  name: string;
  auth?: GrantAuth;
  /** Resolved per request: the library may have lost the file meanwhile. */
  file(): { path: string; size: number; sha256: string } | undefined;
  /** Bytes read for a response, as they go out. */
  onBytes(n: number): void;
  /** A response ended: bytes [start, end) went out; complete when nothing was cut. */
  onServed(start: number, end: number, complete: boolean): void;
}

export interface UploadGrant {
  kind: 'upload';
  transferId: string;
  auth?: GrantAuth;
  maxBytes: number;
  /** Stores the body (throws TooLargeError past maxBytes). */
  receive(body: AsyncIterable<Buffer>, contentType: string | undefined, name: string): Promise<void>;
  onStart?(): void;
}

export type Grant = DownloadGrant | UploadGrant;

export interface FileServerOptions {
  host: string;
  port: number;
  /** When the port is taken, listen on any free port instead of failing (default true). */
  fallbackToAnyPort?: boolean;
  warn?: (message: string) => void;
}

const TOKEN_RE = /^\/([tu])\/([0-9a-f]{32})(?:\/([^?#]*))?(?:\?.*)?$/;
const READ_CHUNK = 256 * 1024;
export const REALM = 'TR-069 Workbench files';

/** A new token: 128 random bits, hex. */
export function newToken(): string {
  return randomBytes(16).toString('hex');
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** Constant-time check of `Authorization: Basic …` (hashes first, so lengths do not leak either). */
export function basicAuthOk(header: string | undefined, auth: GrantAuth): boolean {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1]!, 'base64').toString('utf8');
  return timingSafeEqual(digest(given), digest(`${auth.username}:${auth.password}`));
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text) + 1), ...headers });
  res.end(`${text}\n`);
}

export class FileServer {
  readonly #grants = new Map<string, Grant>();
  readonly #sockets = new Set<Socket>();
  readonly #opts: FileServerOptions;
  #server: Server | null = null;

  constructor(opts: FileServerOptions) {
    this.#opts = opts;
  }

  async start(): Promise<AddressInfo> {
    try {
      return await this.#listen(this.#opts.port);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || this.#opts.port === 0 || this.#opts.fallbackToAnyPort === false) throw e;
      const addr = await this.#listen(0);
      this.#opts.warn?.(`file server: port ${this.#opts.port} is in use; listening on ${addr.port} instead`);
      return addr;
    }
  }

  address(): AddressInfo | null {
    const a = this.#server?.address();
    return a && typeof a === 'object' ? a : null;
  }

  grant(token: string, g: Grant): void {
    this.#grants.set(token, g);
  }

  revoke(token: string): void {
    this.#grants.delete(token);
  }

  has(token: string): boolean {
    return this.#grants.has(token);
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Transfers in flight are cut: the CPE reports 9017 or resumes with a Range.
    for (const s of this.#sockets) s.destroy();
    await closed;
  }

  #listen(port: number): Promise<AddressInfo> {
    const server = createServer((req, res) => this.#handle(req, res));
    // Large uploads over slow links: no limit on the whole request, only on its headers.
    server.requestTimeout = 0;
    server.headersTimeout = 60_000;
    server.on('connection', (s) => {
      this.#sockets.add(s);
      s.on('close', () => this.#sockets.delete(s));
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.#opts.host, () => {
        server.off('error', reject);
        server.on('error', (e) => this.#opts.warn?.(`file server: ${e.message}`));
        this.#server = server;
        resolve(server.address() as AddressInfo);
      });
    });
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const m = TOKEN_RE.exec(req.url ?? '');
    const grant = m ? this.#grants.get(m[2]!) : undefined;
    const wanted = m?.[1] === 't' ? 'download' : 'upload';
    if (!m || !grant || grant.kind !== wanted) {
      req.resume();
      plain(res, 404, 'not found');
      return;
    }
    const name = m[3] ? safeDecode(m[3]) : '';
    if (grant.kind === 'download' && name !== '' && name !== grant.name) {
      req.resume();
      plain(res, 404, 'not found');
      return;
    }
    if (grant.auth && !basicAuthOk(req.headers.authorization, grant.auth)) {
      req.resume();
      plain(res, 401, 'credentials required', { 'WWW-Authenticate': `Basic realm="${REALM}", charset="UTF-8"` });
      return;
    }
    if (grant.kind === 'download') {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        req.resume();
        plain(res, 405, 'GET or HEAD', { Allow: 'GET, HEAD' });
        return;
      }
      this.#serve(req, res, grant);
      return;
    }
    if (req.method !== 'PUT' && req.method !== 'POST') {
      req.resume();
      plain(res, 405, 'PUT or POST', { Allow: 'PUT, POST' });
      return;
    }
    void this.#receive(req, res, grant, name ?? '');
  }

  #serve(req: IncomingMessage, res: ServerResponse, g: DownloadGrant): void {
    const f = g.file();
    if (!f) {
      plain(res, 404, 'the file is no longer in the library');
      return;
    }
    const etag = `"${f.sha256.slice(0, 32)}"`;
    const ifRange = req.headers['if-range'];
    const range = ifRange !== undefined && ifRange !== etag ? { kind: 'full' as const } : parseRange(req.headers.range, f.size);
    if (range.kind === 'unsatisfiable') {
      plain(res, 416, 'range not satisfiable', { 'Content-Range': `bytes */${f.size}` });
      return;
    }
    const start = range.kind === 'partial' ? range.start : 0;
    const end = range.kind === 'partial' ? range.end : f.size - 1;
    const headers: Record<string, string> = {
      'Content-Type': 'application/octet-stream', 'Accept-Ranges': 'bytes', ETag: etag, 'Content-Length': String(end - start + 1),
    };
    if (range.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${f.size}`;
    res.writeHead(range.kind === 'partial' ? 206 : 200, headers);
    if (req.method === 'HEAD' || end < start) {
      res.end();
      return;
    }
    const stream = createReadStream(f.path, { start, end, highWaterMark: READ_CHUNK });
    let sent = 0;
    pipeline(stream, res, (err) => {
      // What is still buffered in the response never left: count only what did.
      const out = err ? Math.max(0, sent - res.writableLength) : sent;
      g.onServed(start, start + out, !err && out === end - start + 1);
    });
    stream.on('data', (c) => {
      sent += c.length;
      g.onBytes(c.length);
    });
  }

  async #receive(req: IncomingMessage, res: ServerResponse, g: UploadGrant, name: string): Promise<void> {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > g.maxBytes) {
      plain(res, 413, `at most ${g.maxBytes} bytes`, { Connection: 'close' });
      req.destroy();
      return;
    }
    g.onStart?.();
    try {
      await g.receive(req, req.headers['content-type'], name);
      plain(res, 200, 'received');
    } catch (e) {
      if (e instanceof TooLargeError) {
        plain(res, 413, `at most ${g.maxBytes} bytes`, { Connection: 'close' });
        res.on('finish', () => req.destroy());
      } else {
        this.#opts.warn?.(`file server: upload for transfer ${g.transferId} failed: ${(e as Error).message}`);
        plain(res, 500, 'the upload could not be stored');
      }
    }
  }
}
