// The headless UI server over real sockets on port 0. The handlers are a
// small fake: the subject here is the transport (auth, framing, static files),
// not the core.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  EVENT_CHANNELS, INVOKE_CHANNELS, type EventChannel, type EventMap, type Handlers,
} from '../../shared/api/contract';
import { createApi } from '../../shared/api/create-api';
import { wsTransport } from '../../shared/api/ws-transport';
import type { DeviceSummary } from '../../shared/model/records';
import { API_PROTOCOL, startUiServer, type UiServer } from '../../electron/ui-server/ui-server';

const device: DeviceSummary = {
  id: '00D09E-IGD-0001',
  deviceId: { Manufacturer: 'Acme', OUI: '00D09E', ProductClass: 'IGD', SerialNumber: '0001' },
  cwmpVersion: 'urn:dslforum-org:cwmp-1-2', root: 'Device.', firstSeen: '2025-01-01T00:00:00Z', lastEvents: [],
  parameterCount: 3, discovery: { status: 'none' }, pendingTasks: 0,
};

function fakeCore() {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const handlers = Object.fromEntries(INVOKE_CHANNELS.map((c) => [c, async () => { throw new Error(`${c}: not in this fake`); }])) as unknown as Handlers;
  handlers['device.list'] = async () => [device];
  handlers['device.get'] = async ({ id }) => (id === device.id ? device : null);
  handlers['task.cancel'] = async () => { throw new Error('task.cancel: no such task'); };
  return {
    handlers,
    on<E extends EventChannel>(event: E, cb: (p: EventMap[E]) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const entry = cb as (p: unknown) => void;
      set.add(entry);
      return () => set.delete(entry);
    },
    emit<E extends EventChannel>(event: E, payload: EventMap[E]) {
      for (const cb of listeners.get(event) ?? []) cb(payload);
    },
    listenerCount: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
}

/** Raw GET so paths like /../x reach the server unnormalised (fetch would resolve them). */
function get(port: number, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolves with the HTTP status a refused upgrade got, or 101 when it opened. */
function upgradeStatus(url: string, options: WebSocket.ClientOptions = {}, protocols?: string[]): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, protocols, options);
    ws.on('open', () => { ws.close(); resolve(101); });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

function rawSocket(url: string): Promise<{ ws: WebSocket; next: () => Promise<Record<string, unknown>> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const queue: Record<string, unknown>[] = [];
    const waiters: ((m: Record<string, unknown>) => void)[] = [];
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as Record<string, unknown>;
      const w = waiters.shift();
      if (w) w(m);
      else queue.push(m);
    });
    ws.on('open', () => resolve({
      ws,
      next: () => new Promise((r) => { const m = queue.shift(); if (m) r(m); else waiters.push(r); }),
    }));
    ws.on('error', reject);
  });
}

describe('UI server', () => {
  let dir: string;
  let server: UiServer;
  const core = fakeCore();
  let api: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ui-server-'));
    const renderer = join(dir, 'renderer');
    await mkdir(join(renderer, 'assets'), { recursive: true });
    await writeFile(join(renderer, 'index.html'), '<!doctype html><title>app</title>');
    await writeFile(join(renderer, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(renderer, 'assets', 'style.css'), 'body{}');
    await writeFile(join(renderer, '.env'), 'SECRET=1');
    await writeFile(join(dir, 'secret.txt'), 'top secret');
    server = await startUiServer({ core, rendererDir: renderer });
    api = `ws://127.0.0.1:${server.port}/api`;
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('returns a random 32-byte hex token and a loopback URL', () => {
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('serves static files with content types, CSP and nosniff', async () => {
    const js = await get(server.port, '/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe('console.log(1)');
    expect(js.headers['x-content-type-options']).toBe('nosniff');
    const csp = String(js.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:*");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect((await get(server.port, '/assets/style.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    const index = await get(server.port, '/');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<title>app</title>');
    expect(index.headers['content-security-policy']).toBe(csp);
  });

  it('falls back to index.html for routes, 404 for missing assets and dotfiles', async () => {
    expect((await get(server.port, '/devices/abc?token=x')).body).toContain('<title>app</title>');
    expect((await get(server.port, '/assets/missing.js')).status).toBe(404);
    expect((await get(server.port, '/.env')).status).toBe(404);
  });

  it.each([
    '/../package.json', '/%2e%2e/package.json', '/%2E%2E/secret.txt', '/assets/../../secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..%5csecret.txt', '/%00', '/%zz',
  ])('refuses traversal %s', async (path) => {
    const res = await get(server.port, path);
    expect(res.status).toBe(400);
    expect(res.body).not.toContain('top secret');
    expect(res.body).not.toContain('"name"');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/', method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('x');
    });
    expect(status).toBe(405);
  });

  it('requires the token', async () => {
    expect(await upgradeStatus(api)).toBe(401);
    expect(await upgradeStatus(`${api}?token=${'0'.repeat(64)}`)).toBe(401);
    expect(await upgradeStatus(`${api}?token=${server.token.slice(0, 10)}`)).toBe(401);
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/other?token=${server.token}`)).toBe(404);
    expect(await upgradeStatus(`${api}?token=${server.token}`)).toBe(101);
  });

  it('accepts the token as a WebSocket subprotocol', async () => {
    expect(await upgradeStatus(api, {}, [API_PROTOCOL, 'wrong'])).toBe(401);
    const ws = new WebSocket(api, [API_PROTOCOL, server.token]);
    await new Promise((r, j) => { ws.on('open', r); ws.on('error', j); });
    expect(ws.protocol).toBe(API_PROTOCOL);
    ws.close();
  });

  it('checks the Origin of browser connections', async () => {
    const url = `${api}?token=${server.token}`;
    expect(await upgradeStatus(url, { origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(url, { origin: `http://evil.example:${server.port}` })).toBe(403);
    expect(await upgradeStatus(url, { origin: `http://127.0.0.1:${server.port}` })).toBe(101);
    expect(await upgradeStatus(url, { origin: `http://localhost:${server.port}` })).toBe(101);
  });

  it('answers calls through the typed client transport', async () => {
    const t = wsTransport(`${api}?token=${server.token}`, { WebSocket });
    const client = createApi(t);
    await expect(client.invoke('device.list', {})).resolves.toEqual([device]);
    await expect(client.invoke('device.get', { id: 'nope' })).resolves.toBeNull();
    await expect(client.invoke('task.cancel', { id: 't' })).rejects.toThrow('task.cancel: no such task');
    await expect(client.invoke('device.get', { id: 7 } as never)).rejects.toThrow('device.get: args.id must be a string');
    t.close();
  });

  it('answers malformed messages with an error and keeps the connection', async () => {
    const { ws, next } = await rawSocket(`${api}?token=${server.token}`);
    ws.send('{not json');
    expect(await next()).toEqual({ id: null, error: 'bad JSON' });
    ws.send('[1,2]');
    expect(await next()).toMatchObject({ id: null, error: expect.stringContaining('must be an object') });
    ws.send(JSON.stringify({ id: { x: 1 }, channel: 'device.list', args: {} }));
    expect(await next()).toMatchObject({ id: null, error: expect.stringContaining('id must be') });
    ws.send(JSON.stringify({ id: 1, channel: 'device.nuke', args: {} }));
    expect(await next()).toEqual({ id: 1, error: 'unknown channel "device.nuke"' });
    ws.send(JSON.stringify({ id: 2, channel: 'constructor', args: {} }));
    expect(await next()).toEqual({ id: 2, error: 'unknown channel "constructor"' });
    ws.send(JSON.stringify({ id: 'three', channel: 'task.enqueue', args: { deviceId: 'a', rpc: 'Inform', args: {} } }));
    expect(await next()).toMatchObject({ id: 'three', error: expect.stringMatching(/^task\.enqueue: args\.rpc must be one of GetRPCMethods, /) });
    ws.send(JSON.stringify({ id: 4, channel: 'device.get' }));
    expect(await next()).toEqual({ id: 4, error: 'device.get: args.id is required' });
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await next()).toMatchObject({ id: null, error: expect.stringContaining('binary') });
    ws.send(JSON.stringify({ id: 5, channel: 'device.list', args: {} }));
    expect(await next()).toEqual({ id: 5, result: [device] });
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });

  it('closes a connection that sends an oversized message', async () => {
    const { ws } = await rawSocket(`${api}?token=${server.token}`);
    const code = await new Promise<number>((resolve) => {
      ws.on('close', (c) => resolve(c));
      ws.send(JSON.stringify({ id: 1, channel: 'device.get', args: { id: 'x'.repeat(2 * 1024 * 1024) } }));
    });
    expect(code).toBe(1009);
  });

  it('pushes core events and unsubscribes when the client leaves', async () => {
    const before = core.listenerCount();
    const t = wsTransport(`${api}?token=${server.token}`, { WebSocket });
    await t.ready;
    // One subscription per event channel of the contract.
    expect(core.listenerCount()).toBe(before + EVENT_CHANNELS.length);
    const client = createApi(t);
    const updated: DeviceSummary[] = [];
    const deleted: { id: string }[] = [];
    const got = new Promise<void>((resolve) => {
      client.on('device.updated', (d) => updated.push(d));
      client.on('device.deleted', (d) => { deleted.push(d); resolve(); });
    });
    core.emit('device.updated', device);
    core.emit('device.deleted', { id: device.id });
    await got;
    expect(updated).toEqual([device]);
    expect(deleted).toEqual([{ id: device.id }]);
    t.close();
    await expect.poll(() => core.listenerCount()).toBe(before);
  });
});

describe('UI server options', () => {
  const core = fakeCore();

  it('refuses a non-loopback bind unless allowRemote is set', async () => {
    await expect(startUiServer({ core, host: '0.0.0.0', rendererDir: tmpdir() })).rejects.toThrow(/loopback/);
  });

  it('uses a given token and rejects unsafe ones', async () => {
    const s = await startUiServer({ core, rendererDir: tmpdir(), token: 'given-token-123' });
    expect(s.token).toBe('given-token-123');
    await s.close();
    await expect(startUiServer({ core, rendererDir: tmpdir(), token: 'a b' })).rejects.toThrow(/token/);
  });

  it('serves a placeholder page when the renderer is not built', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'ui-empty-'));
    const s = await startUiServer({ core, rendererDir: empty });
    try {
      const res = await get(s.port, '/');
      expect(res.status).toBe(200);
      expect(res.body).toContain('not been built');
      expect(res.body).toContain('npm run build');
      expect(res.headers['content-security-policy']).toBeTruthy();
    } finally {
      await s.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});
