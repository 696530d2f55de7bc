// WebSocket client transport: the renderer uses it in a plain browser
// (headless mode), tests use it from Node with the `ws` package. The
// constructor is a parameter so this file needs neither the DOM nor `ws`.
// Wire format: → {id, channel, args}; ← {id, result} | {id, error}; ← {event, payload}.
import type { Transport } from './contract';

/** The part of a WebSocket this transport uses; the browser's and `ws`'s both fit. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: string, listener: (ev: any) => void): void; // eslint-disable-line @typescript-eslint/no-explicit-any
}
export type WebSocketCtor = new (url: string, protocols?: string | string[]) => WebSocketLike;

export interface WsTransportOptions {
  /** Defaults to the global WebSocket (browsers, Node 22+). */
  WebSocket?: WebSocketCtor;
  /** Reject a call that gets no answer in this time (default 60 s). */
  timeoutMs?: number;
}

export interface WsTransport extends Transport {
  /** Resolves once connected; rejects if the connection fails first. */
  ready: Promise<void>;
  close(): void;
}

const OPEN = 1;

export class TransportClosedError extends Error {
  override name = 'TransportClosedError';
}

interface Pending { resolve(v: unknown): void; reject(e: Error): void; timer: ReturnType<typeof setTimeout> }

export function wsTransport(url: string, options: WsTransportOptions = {}): WsTransport {
  const Ctor = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketCtor }).WebSocket;
  if (!Ctor) throw new Error('no WebSocket implementation: pass options.WebSocket');
  const timeoutMs = options.timeoutMs ?? 60_000;
  const socket = new Ctor(url);
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  // Calls made before the socket opens wait here instead of failing.
  const outbox: string[] = [];
  let nextId = 1;
  let closed = false;

  const ready = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => {
      for (const msg of outbox.splice(0)) socket.send(msg);
      resolve();
    });
    socket.addEventListener('close', (ev: { code?: number; reason?: string }) => {
      closed = true;
      const why = new TransportClosedError(`connection closed (${ev?.code ?? '?'}${ev?.reason ? `: ${ev.reason}` : ''})`);
      reject(why);
      for (const [id, p] of pending) {
        clearTimeout(p.timer);
        p.reject(why);
        pending.delete(id);
      }
    });
  });
  // A failed connect surfaces as 'close'; avoid an unhandled rejection when nobody awaits `ready`.
  ready.catch(() => undefined);

  socket.addEventListener('message', (ev: { data: unknown }) => {
    let msg: unknown;
    try {
      msg = JSON.parse(typeof ev.data === 'string' ? ev.data : String(ev.data));
    } catch {
      return; // the server only sends JSON; ignore anything else
    }
    if (typeof msg !== 'object' || msg === null) return;
    const m = msg as { id?: unknown; result?: unknown; error?: unknown; event?: unknown; payload?: unknown };
    if (typeof m.event === 'string') {
      for (const cb of listeners.get(m.event) ?? []) {
        try {
          cb(m.payload);
        } catch (err) {
          console.error(`listener for ${m.event} failed`, err);
        }
      }
      return;
    }
    if (typeof m.id !== 'number') return;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    clearTimeout(p.timer);
    if (m.error !== undefined) p.reject(new Error(String(m.error)));
    else p.resolve(m.result);
  });

  return {
    ready,
    invoke(channel, args) {
      if (closed) return Promise.reject(new TransportClosedError('connection closed'));
      const id = nextId++;
      const text = JSON.stringify({ id, channel, args });
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${channel}: no answer within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
        if (socket.readyState === OPEN) socket.send(text);
        else outbox.push(text);
      });
    },
    on(channel, cb) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      // Wrap so the same callback registered twice gets two independent subscriptions.
      const entry = (payload: unknown) => cb(payload);
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
    close() {
      socket.close(1000, 'client closed');
    },
  };
}
