// The file server on a real socket (127.0.0.1, port 0): only registered
// tokens lead to a file, traversal in any spelling goes nowhere, credentials
// are enforced, ranges and HEAD work, uploads are capped and streamed.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileServer, newToken, type DownloadGrant } from '../../electron/core/files/file-server';
import { UploadStore } from '../../electron/core/files/upload-store';
import { waitFor } from '../support/harness';

interface Res { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }

function http(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: Buffer): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A request line sent byte for byte (no client-side normalization of `..`). */
function raw(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s: Socket = connect(port, '127.0.0.1', () => s.end(`${line}\r\nHost: x\r\nConnection: close\r\n\r\n`));
    let out = '';
    s.on('data', (c) => { out += c.toString('latin1'); });
    s.on('end', () => resolve(out));
    s.on('error', reject);
  });
}

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

describe('file server', () => {
  let dir: string;
  let server: FileServer;
  let port: number;
  let uploads: UploadStore;
  const body = Buffer.from(Array.from({ length: 100_000 }, (_, i) => i % 251));
  const token = newToken();
  const locked = newToken();
  const upToken = newToken();
  const served: [number, number, boolean][] = [];
  let bytes = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wb-fs-'));
    await writeFile(join(dir, 'fw.bin'), body);
    await writeFile(join(dir, 'secret.txt'), 'do not serve');
    uploads = await UploadStore.open(dir);
    server = new FileServer({ host: '127.0.0.1', port: 0 });
    port = (await server.start()).port;
    const grant: DownloadGrant = {
      kind: 'download', transferId: 't1', name: 'fw 1.bin',
      file: () => ({ path: join(dir, 'fw.bin'), size: body.length, sha256: createHash('sha256').update(body).digest('hex') }),
      onBytes: (n) => { bytes += n; },
      onServed: (s, e, c) => served.push([s, e, c]),
    };
    server.grant(token, grant);
    server.grant(locked, { ...grant, auth: { username: 'cpe', password: 's3cret' } });
    server.grant(upToken, {
      kind: 'upload', transferId: 't2', maxBytes: 1000,
      receive: async (b, contentType) => { await uploads.receive({ deviceId: 'OUI-PC-SN/1', fileType: '1 Vendor Configuration File', body: b, contentType, maxBytes: 1000 }); },
    });
  });
  afterAll(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves a registered token, with or without its file name, and counts the bytes', async () => {
    const r = await http(port, 'GET', `/t/${token}/fw%201.bin`);
    expect(r.status).toBe(200);
    expect(r.body.equals(body)).toBe(true);
    expect(r.headers['accept-ranges']).toBe('bytes');
    expect(r.headers['content-length']).toBe(String(body.length));
    expect((await http(port, 'GET', `/t/${token}`)).body.length).toBe(body.length);
    await waitFor(() => bytes === 2 * body.length && served.length >= 2 && served.slice(-2).every((x) => x[2]), 'both responses to be counted', 5_000);
    expect(served.slice(-2)).toEqual([[0, body.length, true], [0, body.length, true]]);
    expect(bytes).toBe(2 * body.length);
  });

  it('HEAD and single ranges; a bad range is 416 with the size', async () => {
    const head = await http(port, 'HEAD', `/t/${token}`);
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(body.length));
    expect(head.body.length).toBe(0);
    const part = await http(port, 'GET', `/t/${token}`, { Range: 'bytes=1000-1999' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 1000-1999/${body.length}`);
    expect(part.body.equals(body.subarray(1000, 2000))).toBe(true);
    const tail = await http(port, 'GET', `/t/${token}`, { Range: 'bytes=-10' });
    expect(tail.body.equals(body.subarray(-10))).toBe(true);
    // The server counts a response once its stream has finished, which may be just after the client has read the body.
    await waitFor(() => served.at(-1)?.[0] === body.length - 10, 'the tail range to be counted', 5_000);
    expect(served.at(-1)).toEqual([body.length - 10, body.length, true]);
    for (const range of [`bytes=${body.length}-`, 'bytes=9-3', 'bytes=x-']) {
      const bad = await http(port, 'GET', `/t/${token}`, { Range: range });
      expect(bad.status, range).toBe(416);
      expect(bad.headers['content-range']).toBe(`bytes */${body.length}`);
    }
    expect((await http(port, 'GET', `/t/${token}`, { Range: 'bytes=0-1,5-6' })).status).toBe(200);
  });

  it('unknown tokens, other names and traversal in any spelling are 404', async () => {
    const paths = [
      `/t/${newToken()}/fw%201.bin`, `/t/${token}/other.bin`, `/t/${token.slice(0, 31)}`, `/t/${token.toUpperCase()}`,
      '/t/../../etc/passwd', '/t/%2e%2e/%2e%2e/etc/passwd', '/t/..%2f..%2fetc%2fpasswd', `/t/${token}/../../secret.txt`,
      `/t/${token}/..%2f..%2fsecret.txt`, `/t/${token}/%2e%2e%2fsecret.txt`, '/secret.txt', '/', `/u/${token}`, `/t/${upToken}`,
      `/t//${token}`, `/t/${token}%00`, '/t/%252e%252e/secret.txt',
    ];
    for (const p of paths) {
      const line = await raw(port, `GET ${p} HTTP/1.1`);
      expect(line.split('\r\n')[0], p).toBe('HTTP/1.1 404 Not Found');
      expect(line).not.toContain('do not serve');
      expect(line).not.toContain('root:');
    }
  });

  it('credentials: none or wrong is 401 with a Basic challenge; right is 200', async () => {
    const none = await http(port, 'GET', `/t/${locked}`);
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Basic realm="TR-069 Workbench files"/);
    expect((await http(port, 'GET', `/t/${locked}`, { Authorization: basic('cpe', 'wrong') })).status).toBe(401);
    expect((await http(port, 'GET', `/t/${locked}`, { Authorization: basic('other', 's3cret') })).status).toBe(401);
    expect((await http(port, 'GET', `/t/${locked}`, { Authorization: 'Digest username="cpe"' })).status).toBe(401);
    const ok = await http(port, 'GET', `/t/${locked}`, { Authorization: basic('cpe', 's3cret') });
    expect(ok.status).toBe(200);
    expect(ok.body.equals(body)).toBe(true);
  });

  it('methods: downloads take GET/HEAD, uploads PUT/POST', async () => {
    const put = await http(port, 'PUT', `/t/${token}`, {}, Buffer.from('x'));
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, HEAD');
    expect((await http(port, 'GET', `/u/${upToken}`)).status).toBe(405);
  });

  it('receives an upload to the device folder, refuses one over the cap (declared or streamed)', async () => {
    const cfg = Buffer.from('<config><a>1</a></config>');
    expect((await http(port, 'PUT', `/u/${upToken}`, { 'Content-Type': 'text/xml' }, cfg)).status).toBe(200);
    const [rec] = uploads.list('OUI-PC-SN/1');
    expect(rec).toMatchObject({ size: cfg.length, fileType: '1 Vendor Configuration File' });
    expect(rec!.name).toMatch(/^\d{8}T\d{6}Z-vendor-config\.xml$/);
    expect(await readFile(join(dir, 'uploads', 'OUI-PC-SN%2F1', rec!.name))).toEqual(cfg);
    const read = await uploads.read(rec!.id);
    expect(read).toMatchObject({ text: cfg.toString(), binary: false, more: false, length: cfg.length });
    expect((await http(port, 'POST', `/u/${upToken}`, {}, Buffer.alloc(1001))).status).toBe(413);
    // Chunked (no Content-Length): cut when the cap is passed, nothing kept.
    const streamed = await new Promise<number>((resolve) => {
      const req = request({ host: '127.0.0.1', port, method: 'PUT', path: `/u/${upToken}`, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(-1));
      for (let i = 0; i < 5; i++) req.write(Buffer.alloc(400));
      req.end();
    });
    expect([413, -1]).toContain(streamed);
    expect(uploads.list('OUI-PC-SN/1')).toHaveLength(1);
  });

  it('a revoked token is gone', async () => {
    const t = newToken();
    server.grant(t, { kind: 'download', transferId: 'x', name: '', file: () => undefined, onBytes: () => {}, onServed: () => {} });
    expect((await http(port, 'GET', `/t/${t}`)).status).toBe(404); // file gone from the library
    server.revoke(t);
    expect(server.has(t)).toBe(false);
  });

  it('falls back to a free port when the asked one is taken', async () => {
    const other = new FileServer({ host: '127.0.0.1', port, warn: () => {} });
    const addr: AddressInfo = await other.start();
    expect(addr.port).not.toBe(port);
    await other.stop();
  });
});
