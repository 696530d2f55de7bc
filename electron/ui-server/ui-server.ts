// The headless UI server: serves the built renderer and carries the API
// contract over a WebSocket at /api. It binds to loopback and every API
// connection must present a random token, because any web page the user
// visits could otherwise reach a port on 127.0.0.1 and drive the ACS.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { EVENT_CHANNELS } from '../../shared/api/contract';
import {
  MAX_ARGS_BYTES, isInvokeChannel, isPlainObject, registerHandlers, type RegisteredHandler,
} from '../../shared/api/validate';
import type { Core } from './core-port';
import { staticFiles } from './ui-static';

/** Largest WebSocket message accepted: the argument limit plus room for the envelope. */
export const MAX_MESSAGE_BYTES = MAX_ARGS_BYTES + 4096;
/** A client that lets this much unsent data pile up is dropped rather than grow memory without bound. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
/** Offered by clients that send the token as a subprotocol; echoed so browsers accept the handshake. */
export const API_PROTOCOL = 'tr069-workbench';

export const CSP = [
  "default-src 'self'",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "img-src 'self' data:",
  // MUI/emotion injects <style> elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface UiServerOptions {
  core: Pick<Core, 'handlers' | 'on'>;
  host?: string;
  port?: number;
  rendererDir: string;
  /** Defaults to 32 random bytes as hex. */
  token?: string;
  /** Permit a non-loopback bind (the token then travels in clear text over the network). */
  allowRemote?: boolean;
}

export interface UiServer {
  /** Base URL, without the token. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  return typeof header === 'string' ? header.split(',').map((p) => p.trim()).filter(Boolean) : [];
}

function refuse(socket: Socket, status: number, reason: string): void {
  socket.on('error', () => undefined);
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n`
    + `Content-Length: ${reason.length + 1}\r\n\r\n${reason}\n`, () => socket.destroy());
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function startUiServer(opts: UiServerOptions): Promise<UiServer> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !opts.allowRemote) {
    throw new Error(`refusing to serve the UI on ${host}: only loopback addresses unless allowRemote is set`);
  }
  const token = opts.token ?? randomBytes(32).toString('hex');
  if (!/^[A-Za-z0-9._~-]{8,256}$/.test(token)) {
    throw new Error('token must be 8–256 characters of A-Z a-z 0-9 . _ ~ -');
  }
  const tokenDigest = digest(token);
  // Hash both sides so timingSafeEqual gets equal lengths and the length of the token does not leak.
  const tokenMatches = (candidate: string | null | undefined) =>
    typeof candidate === 'string' && timingSafeEqual(digest(candidate), tokenDigest);

  const table = new Map<string, RegisteredHandler>();
  registerHandlers(opts.core.handlers, (channel, fn) => table.set(channel, fn));

  const baseHeaders = {
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    // The page URL carries the token: never send it on as a Referer.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  };
  const serveStatic = staticFiles(opts.rendererDir, baseHeaders);
  const server = createServer((req, res) => {
    if ((req.url ?? '').split('?', 1)[0] === '/api') {
      res.writeHead(426, { ...baseHeaders, 'Content-Type': 'text/plain', Upgrade: 'websocket' });
      res.end('WebSocket only\n');
      return;
    }
    serveStatic(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, baseHeaders);
      res.end();
    });
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    perMessageDeflate: false,
    handleProtocols: (protocols) => {
      if (protocols.has(API_PROTOCOL)) return API_PROTOCOL;
      for (const p of protocols) if (tokenMatches(p)) return p;
      return false;
    },
  });

  let port = 0;
  const ownOrigins = () => [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`];
  function originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true; // not a browser: the token alone decides
    // Not the Host header alone: a DNS-rebinding page would match its own Host.
    if (ownOrigins().includes(origin)) return true;
    return !!opts.allowRemote && origin === `http://${req.headers.host}`;
  }

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return refuse(socket, 400, 'Bad Request');
    }
    if (url.pathname !== '/api') return refuse(socket, 404, 'Not Found');
    if (!originAllowed(req)) return refuse(socket, 403, 'Forbidden');
    const authorised = tokenMatches(url.searchParams.get('token')) || offeredProtocols(req).some(tokenMatches);
    if (!authorised) return refuse(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    const send = (msg: object) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        ws.close(1013, 'client too slow');
        return;
      }
      ws.send(JSON.stringify(msg));
    };
    const unsubscribe = EVENT_CHANNELS.map((event) =>
      opts.core.on(event, (payload) => {
        try {
          send({ event, payload });
        } catch {
          // An unserialisable payload is the core's bug; do not let it break the emitter.
        }
      }),
    );
    ws.on('close', () => unsubscribe.forEach((off) => off()));
    ws.on('error', () => ws.terminate());
    ws.on('message', (data: RawData, isBinary: boolean) => {
      void handleMessage(data, isBinary, send);
    });
  });

  async function handleMessage(data: RawData, isBinary: boolean, send: (msg: object) => void): Promise<void> {
    if (isBinary) return send({ id: null, error: 'binary messages are not supported' });
    let msg: unknown;
    try {
      msg = JSON.parse(rawText(data));
    } catch {
      return send({ id: null, error: 'bad JSON' });
    }
    if (!isPlainObject(msg)) return send({ id: null, error: 'message must be an object {id, channel, args}' });
    const { id, channel, args } = msg;
    if (!(typeof id === 'number' && Number.isFinite(id)) && !(typeof id === 'string' && id.length <= 64)) {
      return send({ id: null, error: 'id must be a number or a string of at most 64 characters' });
    }
    const fn = isInvokeChannel(channel) ? table.get(channel) : undefined;
    if (!fn) {
      const name = typeof channel === 'string' ? JSON.stringify(channel.slice(0, 64)) : typeof channel;
      return send({ id, error: `unknown channel ${name}` });
    }
    let result: unknown;
    try {
      result = await fn(args);
    } catch (err) {
      return send({ id, error: errorMessage(err) });
    }
    try {
      send({ id, result: result ?? null });
    } catch (err) {
      send({ id, error: `${channel}: result could not be sent (${errorMessage(err)})` });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}/`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.close(1001, 'server shutting down');
        wss.close();
        server.close(() => resolve());
        // Give clients a moment for the close handshake, then cut what is left.
        setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
          server.closeAllConnections();
        }, 200).unref();
      }),
  };
}
