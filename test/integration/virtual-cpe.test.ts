// The virtual CPE alone, against a minimal scripted ACS written here with
// node:http (it answers InformResponse, sends a scripted list of requests,
// answers the CPE's own requests, then 204) and a small file server. Real
// sockets on 127.0.0.1, port 0. The real ACS engine has its own tests.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseEnvelope, serializeEnvelope, UNKNOWN_TIME } from '../../shared/cwmp';
import type { CwmpBody, CwmpEnvelope, CwmpHeader, RpcBodies } from '../../shared/cwmp/types';
import { startFleet } from '../../electron/core/sim/fleet';
import { VirtualCpe, type VirtualCpeOptions } from '../../electron/core/sim/virtual-cpe';
import { expectAllSchemaValid, validateMessages } from '../support/schema';

// --- the scripted ACS ------------------------------------------------------------

interface Post { serial: string; raw: string; env: CwmpEnvelope | null; headers: http.IncomingHttpHeaders; port: number }
interface AcsSession { id: string; serial: string; inform: RpcBodies['Inform']; posts: Post[]; ended: boolean }
type Scripted = { body: CwmpBody; header?: CwmpHeader } | { raw: (id: string) => string };

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

class ScriptedAcs {
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

// --- a file server for Download/Upload ---------------------------------------------

const FIRMWARE = Buffer.concat([Buffer.from('version=5.6.0-lab\n'), Buffer.alloc(200_000, 7)]);
const uploads: { path: string; body: Buffer; headers: http.IncomingHttpHeaders }[] = [];
let files: http.Server;
let filesUrl = '';

async function startFiles(): Promise<void> {
  files = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '';
      if (url.startsWith('/protected/') && req.headers.authorization !== `Basic ${Buffer.from('fw:pw').toString('base64')}`) {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="files"', 'Content-Length': '0' }).end();
        return;
      }
      if (req.method === 'PUT' && url.startsWith('/upload/')) {
        uploads.push({ path: url, body: Buffer.concat(chunks), headers: req.headers });
        res.writeHead(201, { 'Content-Length': '0' }).end();
        return;
      }
      if (req.method === 'GET' && /^\/(protected\/)?fw\//.test(url)) {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(FIRMWARE.length) }).end(FIRMWARE);
        return;
      }
      res.writeHead(404, { 'Content-Length': '0' }).end();
    });
  });
  await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
}

// --- harness -------------------------------------------------------------------------

const acs = new ScriptedAcs();
const cpes: VirtualCpe[] = [];
/** CPEs whose messages must all be schema-valid (no quirks that change the XML). */
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

const codes = (s: AcsSession) => s.inform.Event.map((e) => e.EventCode);
const param = (s: AcsSession, name: string) => s.inform.ParameterList.find((p) => p.Name === name)?.Value;
const bodies = (s: AcsSession) => s.posts.map((p) => p.env?.body?.name ?? 'empty');

beforeAll(async () => {
  await acs.start();
  await startFiles();
});

afterAll(async () => {
  await Promise.all(cpes.map((c) => c.stop()));
  await acs.close();
  await new Promise<void>((r) => { files.close(() => r()); files.closeAllConnections(); });
});

describe('virtual CPE sessions', () => {
  it('bootstrap Inform: events, DeviceId, Forced Inform parameters, cwmp-1-2, one keep-alive connection, cookies echoed', async () => {
    const c = cpe('T0001', { sendGetRPCMethods: true });
    acs.queue('T0001', { name: 'GetParameterValues', args: { ParameterNames: ['Device.DeviceInfo.SerialNumber'] } });
    const done = acs.session('T0001');
    await c.start();
    const s = await done;
    expect(codes(s)).toEqual(['0 BOOTSTRAP', '1 BOOT']);
    expect(s.inform.DeviceId).toMatchObject({ OUI: '00D09E', SerialNumber: 'T0001', ProductClass: 'HGW-5000' });
    expect(s.inform.RetryCount).toBe(0);
    expect(s.inform.ParameterList.map((p) => p.Name)).toEqual([
      'Device.RootDataModelVersion', 'Device.DeviceInfo.HardwareVersion', 'Device.DeviceInfo.SoftwareVersion',
      'Device.DeviceInfo.ProvisioningCode', 'Device.ManagementServer.ParameterKey', 'Device.ManagementServer.ConnectionRequestURL',
      'Device.IP.Interface.1.IPv4Address.1.IPAddress',
    ]);
    expect(param(s, 'Device.ManagementServer.ConnectionRequestURL')).toBe(c.connectionRequestUrl);
    expect(s.posts[0]!.raw).toContain('urn:dslforum-org:cwmp-1-2');
    expect(bodies(s)).toEqual(['Inform', 'GetRPCMethods', 'empty', 'GetParameterValuesResponse']);
    const gpv = s.posts[3]!.env!;
    expect(gpv.header.ID).toMatch(/^acs-/);
    if (gpv.body?.name !== 'GetParameterValuesResponse') throw new Error('expected a GPV response');
    expect(gpv.body.args.ParameterList).toEqual([{ Name: 'Device.DeviceInfo.SerialNumber', Value: 'T0001', Type: 'string' }]);
    // Cookie from the InformResponse returned on every later POST; one TCP connection for the session.
    expect(s.posts.slice(1).every((p) => p.headers.cookie === `acs-session=${s.id}`)).toBe(true);
    expect(new Set(s.posts.map((p) => p.port)).size).toBe(1);
  });

  it('TR-098: cwmp-1-0, DeviceSummary and the WAN ExternalIPAddress in the Inform', async () => {
    const c = cpe('T0098', { model: 'tr098' });
    const done = acs.session('T0098');
    await c.start();
    const s = await done;
    expect(s.posts[0]!.raw).toContain('urn:dslforum-org:cwmp-1-0');
    const names = s.inform.ParameterList.map((p) => p.Name);
    expect(names).toContain('InternetGatewayDevice.DeviceSummary');
    expect(names).toContain('InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress');
    expect(names).toContain('InternetGatewayDevice.ManagementServer.ConnectionRequestURL');
  });

  it('HoldRequests: the CPE keeps its requests until the ACS stops holding them', async () => {
    const c = cpe('T0002', { sendGetRPCMethods: true });
    acs.informHeader.set('T0002', { HoldRequests: true });
    acs.queue('T0002',
      { body: { name: 'GetParameterValues', args: { ParameterNames: ['Device.DeviceInfo.UpTime'] } }, header: { HoldRequests: true } },
      { body: { name: 'GetParameterValues', args: { ParameterNames: ['Device.DeviceInfo.UpTime'] } } });
    const ended = c.waitFor('sessionEnd');
    await c.start();
    expect((await ended).ok).toBe(true);
    const s = acs.sessions.find((x) => x.serial === 'T0002')!;
    // The ACS's 204 ends its requests; the CPE then sends the request it held back.
    expect(bodies(s)).toEqual(['Inform', 'empty', 'GetParameterValuesResponse', 'GetParameterValuesResponse', 'GetRPCMethods', 'empty']);
  });

  it('answers unknown methods with fault 9000 and faults in place of bad arguments, echoing cwmp:ID', async () => {
    const c = cpe('T0003');
    acs.queue('T0003',
      { raw: (id) => `<?xml version="1.0"?><soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="urn:dslforum-org:cwmp-1-2"><soap-env:Header><cwmp:ID soap-env:mustUnderstand="1">${id}</cwmp:ID></soap-env:Header><soap-env:Body><cwmp:X_Frobnicate/></soap-env:Body></soap-env:Envelope>` },
      { name: 'SetParameterValues', args: { ParameterList: [{ Name: 'Device.DeviceInfo.SerialNumber', Value: 'x', Type: 'string' }], ParameterKey: 'k' } },
      { name: 'GetParameterNames', args: { ParameterPath: 'Device.Nope.', NextLevel: true } });
    const done = acs.session('T0003');
    await c.start();
    const s = await done;
    const faults = s.posts.slice(2).map((p) => p.env!);
    expect(faults.map((f) => (f.body?.name === 'Fault' ? f.body.fault.detail.FaultCode : 0))).toEqual([9000, 9003, 9005]);
    expect(faults.every((f) => /^acs-/.test(f.header.ID ?? ''))).toBe(true);
    const spv = faults[1]!.body;
    expect(spv?.name === 'Fault' && spv.fault.detail.SetParameterValuesFault?.[0]?.FaultCode).toBe(9008);
  });

  it('Reboot: responds, ends the session, comes back with 1 BOOT + M Reboot and a fresh UpTime', async () => {
    const c = cpe('T0004');
    await Promise.all([acs.session('T0004'), c.start()]);
    acs.queue('T0004', { name: 'Reboot', args: { CommandKey: 'rb-1' } });
    const first = acs.session('T0004');
    const booted = acs.session('T0004', (s) => codes(s).includes('1 BOOT'));
    c.state.bootTime -= 3600_000;
    await c.inform(['6 CONNECTION REQUEST']);
    expect(bodies(await first)).toEqual(['Inform', 'empty', 'RebootResponse']);
    const s = await booted;
    expect(codes(s)).toEqual(['1 BOOT', 'M Reboot']);
    expect(s.inform.Event[1]!.CommandKey).toBe('rb-1');
    expect(Number(c.state.get('Device.DeviceInfo.UpTime'))).toBeLessThan(60);
  });

  it('Download of a firmware image: TransferComplete with real times, reboot into the new SoftwareVersion', async () => {
    const c = cpe('T0005');
    await Promise.all([acs.session('T0005'), c.start()]);
    const before = c.state.get('Device.DeviceInfo.SoftwareVersion');
    acs.queue('T0005', { name: 'Download', args: {
      CommandKey: 'dl-1', FileType: '1 Firmware Upgrade Image', URL: `${filesUrl}/protected/fw/image.bin`, Username: 'fw', Password: 'pw',
      FileSize: FIRMWARE.length, TargetFileName: 'image.bin', DelaySeconds: 0, SuccessURL: '', FailureURL: '',
    } });
    const t0 = Date.now() - 1000;
    const first = acs.session('T0005');
    const after = acs.session('T0005', (s) => codes(s).includes('7 TRANSFER COMPLETE'));
    await c.inform(['6 CONNECTION REQUEST']);
    const dl = (await first).posts[2]!.env!.body;
    expect(dl?.name === 'DownloadResponse' && dl.args).toEqual({ Status: 1, StartTime: UNKNOWN_TIME, CompleteTime: UNKNOWN_TIME });
    const s = await after;
    expect(codes(s)).toEqual(['1 BOOT', '7 TRANSFER COMPLETE', 'M Download']);
    expect(s.inform.Event[2]!.CommandKey).toBe('dl-1');
    expect(param(s, 'Device.DeviceInfo.SoftwareVersion')).toBe('5.6.0-lab');
    expect(before).not.toBe('5.6.0-lab');
    const tc = s.posts.find((p) => p.env?.body?.name === 'TransferComplete')!.env!.body;
    if (tc?.name !== 'TransferComplete') throw new Error('no TransferComplete');
    expect(tc.args.CommandKey).toBe('dl-1');
    expect(tc.args.FaultStruct).toEqual({ FaultCode: 0, FaultString: '' });
    const [start, end] = [Date.parse(tc.args.StartTime), Date.parse(tc.args.CompleteTime)];
    expect(start).toBeGreaterThanOrEqual(t0);
    expect(end).toBeGreaterThanOrEqual(start);
    expect(end).toBeLessThanOrEqual(Date.now());
  });

  it('failed downloads report 9016 (not found), 9018 (wrong size), 9012 (credentials) without a reboot', async () => {
    const c = cpe('T0006');
    await Promise.all([acs.session('T0006'), c.start()]);
    const dl = (key: string, url: string, size = 0) => ({ name: 'Download', args: {
      CommandKey: key, FileType: '1 Firmware Upgrade Image', URL: url, Username: '', Password: '', FileSize: size, TargetFileName: '',
      DelaySeconds: 0, SuccessURL: '', FailureURL: '' } }) as CwmpBody;
    acs.queue('T0006', dl('nf', `${filesUrl}/missing.bin`), dl('sz', `${filesUrl}/fw/a.bin`, 5), dl('au', `${filesUrl}/protected/fw/a.bin`));
    const reported = new Map<string, number>();
    const all = new Promise<void>((resolve) => {
      const check = (s: AcsSession) => {
        for (const p of s.posts) if (p.env?.body?.name === 'TransferComplete') reported.set(p.env.body.args.CommandKey, p.env.body.args.FaultStruct.FaultCode);
        return reported.size === 3;
      };
      const wait = () => void acs.session('T0006', check).then(() => resolve(), wait);
      wait();
    });
    await c.inform(['6 CONNECTION REQUEST']);
    await all;
    expect(Object.fromEntries(reported)).toEqual({ nf: 9016, sz: 9018, au: 9012 });
    expect(c.stats.reboots).toBe(0);
  });

  it('Upload: PUT of the configuration file, then TransferComplete with M Upload', async () => {
    const c = cpe('T0007');
    await Promise.all([acs.session('T0007'), c.start()]);
    acs.queue('T0007', { name: 'Upload', args: { CommandKey: 'up-1', FileType: '1 Vendor Configuration File', URL: `${filesUrl}/upload/T0007.xml`, Username: '', Password: '', DelaySeconds: 0 } });
    const after = acs.session('T0007', (s) => codes(s).includes('M Upload'));
    await c.inform(['6 CONNECTION REQUEST']);
    const s = await after;
    expect(codes(s)).toEqual(['7 TRANSFER COMPLETE', 'M Upload']);
    const up = uploads.find((u) => u.path === '/upload/T0007.xml')!;
    expect(up.headers['content-type']).toBe('text/xml');
    expect(up.body.toString()).toContain('<Parameter name="Device.WiFi.SSID.1.SSID" type="string">');
    expect(up.body.toString()).not.toContain('ConnectionRequestPassword');
  });

  it('connection request: Digest 401 without or with wrong credentials, 200 with the right ones, then 6 CONNECTION REQUEST', async () => {
    const c = cpe('T0008');
    await Promise.all([acs.session('T0008'), c.start()]);
    const url = new URL(c.connectionRequestUrl);
    const get = (authorization?: string) => new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get(url, { headers: authorization ? { Authorization: authorization } : {} }, (res) => { res.resume(); resolve(res); }).on('error', reject);
    });
    const r1 = await get();
    expect(r1.statusCode).toBe(401);
    const challenge = String(r1.headers['www-authenticate']);
    expect(challenge).toMatch(/^Digest /);
    expect(challenge).toMatch(/qop="auth"/);
    const realm = /realm="([^"]*)"/.exec(challenge)![1]!;
    const nonce = /nonce="([^"]*)"/.exec(challenge)![1]!;
    const sign = (user: string, pass: string, nc: string) => {
      const resp = md5(`${md5(`${user}:${realm}:${pass}`)}:${nonce}:${nc}:abcdef:auth:${md5(`GET:${url.pathname}`)}`);
      return `Digest username="${user}", realm="${realm}", nonce="${nonce}", uri="${url.pathname}", qop=auth, nc=${nc}, cnonce="abcdef", response="${resp}", algorithm=MD5`;
    };
    expect((await get(sign('cr-user', 'wrong', '00000001'))).statusCode).toBe(401);
    const next = acs.session('T0008', (s) => codes(s).includes('6 CONNECTION REQUEST'));
    expect((await get(sign('cr-user', 'cr-pass', '00000001'))).statusCode).toBe(200);
    expect(codes(await next)).toEqual(['6 CONNECTION REQUEST']);
    // Replaying the same nonce count is refused.
    expect((await get(sign('cr-user', 'cr-pass', '00000001'))).statusCode).toBe(401);
  });

  it('active notification: a local change of a parameter set to notification 2 starts a 4 VALUE CHANGE session', async () => {
    const c = cpe('T0009');
    acs.queue('T0009', { name: 'SetParameterAttributes', args: { ParameterList: [{ Name: 'Device.WiFi.SSID.1.SSID', NotificationChange: true, Notification: 2, AccessListChange: false, AccessList: [] }] } });
    await Promise.all([acs.session('T0009'), c.start()]);
    const next = acs.session('T0009', (s) => codes(s).includes('4 VALUE CHANGE'));
    expect(c.setLocal('Device.WiFi.SSID.1.SSID', 'Changed-On-Web-UI')).toBe(2);
    const s = await next;
    expect(codes(s)).toEqual(['4 VALUE CHANGE']);
    expect(param(s, 'Device.WiFi.SSID.1.SSID')).toBe('Changed-On-Web-UI');
  });

  it('ScheduleInform, queued transfers, CancelTransfer (9021 once started), FactoryReset', async () => {
    const c = cpe('T0010');
    await Promise.all([acs.session('T0010'), c.start()]);
    const dl = (key: string, delay: number) => ({ name: 'Download', args: {
      CommandKey: key, FileType: '1 Firmware Upgrade Image', URL: `${filesUrl}/fw/x.bin`, Username: '', Password: '', FileSize: 0,
      TargetFileName: 'x.bin', DelaySeconds: delay, SuccessURL: '', FailureURL: '' } }) as CwmpBody;
    acs.queue('T0010', { name: 'ScheduleInform', args: { DelaySeconds: 10, CommandKey: 'si-1' } }, dl('later', 100_000),
      { name: 'GetAllQueuedTransfers', args: {} }, { name: 'CancelTransfer', args: { CommandKey: 'later' } },
      { name: 'CancelTransfer', args: { CommandKey: 'later' } }, { name: 'GetQueuedTransfers', args: {} });
    const scheduled = acs.session('T0010', (s) => codes(s).includes('3 SCHEDULED'));
    const s1 = acs.session('T0010');
    await c.inform(['6 CONNECTION REQUEST']);
    const p = (await s1).posts.map((x) => x.env?.body);
    const all = p[4];
    expect(all?.name === 'GetAllQueuedTransfersResponse' && all.args.TransferList).toEqual([
      { CommandKey: 'later', State: 1, IsDownload: true, FileType: '1 Firmware Upgrade Image', FileSize: 0, TargetFileName: 'x.bin' }]);
    expect(p[5]?.name).toBe('CancelTransferResponse');
    expect(p[6]?.name === 'Fault' && p[6].fault.detail.FaultCode).toBe(9003);
    expect(p[7]?.name === 'GetQueuedTransfersResponse' && p[7].args.TransferList).toEqual([]);
    const s = await scheduled;
    expect(s.inform.Event).toEqual([{ EventCode: '3 SCHEDULED', CommandKey: '' }, { EventCode: 'M ScheduleInform', CommandKey: 'si-1' }]);
    // Started transfers cannot be cancelled.
    acs.queue('T0010', dl('now', 0));
    const done = acs.session('T0010', (x) => codes(x).includes('M Download'));
    await c.inform(['6 CONNECTION REQUEST']);
    await done;
    acs.queue('T0010', { name: 'CancelTransfer', args: { CommandKey: 'now' } });
    const s3 = await c.inform(['6 CONNECTION REQUEST']).then(() => acs.sessions.filter((x) => x.serial === 'T0010').at(-1)!);
    const f = s3.posts[2]!.env!.body;
    expect(f?.name === 'Fault' && f.fault.detail.FaultCode).toBe(9021);
    // FactoryReset: 0 BOOTSTRAP + 1 BOOT and the default values back.
    c.state.setParameterValues([{ Name: 'Device.WiFi.SSID.1.SSID', Value: 'custom' }], 'k');
    acs.queue('T0010', { name: 'FactoryReset', args: {} });
    const boot = acs.session('T0010', (x) => codes(x).includes('0 BOOTSTRAP'));
    await c.inform(['6 CONNECTION REQUEST']);
    expect(codes(await boot)).toEqual(['0 BOOTSTRAP', '1 BOOT']);
    expect(c.state.get('Device.WiFi.SSID.1.SSID')).not.toBe('custom');
    expect(c.state.get('Device.ManagementServer.ParameterKey')).toBe('');
  });

  it('ChangeDUState: DUStateChangeComplete later with 11 DU STATE CHANGE COMPLETE + M ChangeDUState', async () => {
    const c = cpe('T0011');
    await Promise.all([acs.session('T0011'), c.start()]);
    acs.queue('T0011', { name: 'ChangeDUState', args: { CommandKey: 'du-1', Operations: [
      { Op: 'Install', URL: `${filesUrl}/fw/app-1.2.0.ipk`, UUID: '', Username: '', Password: '', ExecutionEnvRef: '' },
      { Op: 'Uninstall', UUID: '6b2c3f0e-1f3c-4c71-8f5e-0c1d2e3f4a5b', Version: '', ExecutionEnvRef: '' }] } });
    const done = acs.session('T0011', (s) => codes(s).includes('11 DU STATE CHANGE COMPLETE'));
    await c.inform(['6 CONNECTION REQUEST']);
    const s = await done;
    expect(s.inform.Event[1]).toEqual({ EventCode: 'M ChangeDUState', CommandKey: 'du-1' });
    const du = s.posts.find((p) => p.env?.body?.name === 'DUStateChangeComplete')!.env!.body;
    if (du?.name !== 'DUStateChangeComplete') throw new Error('no DUStateChangeComplete');
    expect(du.args.Results.map((r) => [r.CurrentState, r.Fault.FaultCode])).toEqual([['Installed', 0], ['Uninstalled', 9028]]);
  });

  it('ACS authentication: Digest and Basic challenges answered; failures retried with backoff and RetryCount', async () => {
    acs.auth = { scheme: 'Digest', username: 'cpe', password: 'secret' };
    const c = cpe('T0012', { username: 'cpe', password: 'secret' });
    const done = acs.session('T0012');
    await c.start();
    const s = await done;
    expect(s.posts.every((p) => /^Digest /.test(p.headers.authorization ?? ''))).toBe(true);
    acs.auth = { scheme: 'Basic', username: 'cpe', password: 'secret' };
    const done2 = acs.session('T0012');
    await c.inform(['6 CONNECTION REQUEST']);
    expect((await done2).posts[0]!.headers.authorization).toMatch(/^Basic /);
    acs.auth = undefined;
    acs.failInforms = 2;
    const retried = acs.session('T0012', (x) => x.inform.RetryCount === 2);
    const r = await c.inform(['6 CONNECTION REQUEST']);
    expect(r.ok).toBe(false);
    expect(codes(await retried)).toContain('6 CONNECTION REQUEST');
    expect(c.stats.failedSessions).toBe(2);
  });

  it('periodic Inform on the interval; the ACS turning PeriodicInformEnable off stops it', async () => {
    const c = cpe('T0013', { periodicInformInterval: 20, timeScale: 0.01 });
    await Promise.all([acs.session('T0013'), c.start()]);
    const periodic = await acs.session('T0013', (s) => codes(s).includes('2 PERIODIC'));
    expect(codes(periodic)).toEqual(['2 PERIODIC']);
    acs.queue('T0013', { name: 'SetParameterValues', args: { ParameterList: [{ Name: 'Device.ManagementServer.PeriodicInformEnable', Value: 'false', Type: 'boolean' }], ParameterKey: 'off' } });
    await acs.session('T0013', (s) => s.posts.some((p) => p.env?.body?.name === 'SetParameterValuesResponse'));
    const count = acs.sessions.filter((s) => s.serial === 'T0013').length;
    await new Promise((r) => setTimeout(r, 600));
    expect(acs.sessions.filter((s) => s.serial === 'T0013').length).toBe(count);
    expect(c.state.get('Device.ManagementServer.ParameterKey')).toBe('off');
  });

  it('a fleet of 50 CPEs all inform, with distinct serial numbers and one connection-request port', async () => {
    const fleet = await startFleet({ acsUrl: acs.url, count: 50, model: 'tr181', serialPrefix: 'F', periodicInformInterval: 0 });
    try {
      for (const c of fleet.cpes) strictSerials.add(c.serialNumber);
      await Promise.all(fleet.cpes.map((c) => acs.session(c.serialNumber, () => true, 30_000)));
      const serials = new Set(acs.sessions.filter((s) => s.serial.startsWith('F')).map((s) => s.serial));
      expect(serials.size).toBe(50);
      expect(serials.has('F000001')).toBe(true);
      expect(new Set(fleet.cpes.map((c) => new URL(c.connectionRequestUrl).port)).size).toBe(1);
      await vi.waitFor(() => expect(fleet.summary()).toMatchObject({ cpes: 50, sessions: 50, failedSessions: 0, busy: 0 }));
    } finally {
      await fleet.stop();
    }
  });

  it('quirks: gzip, latin-1, no keep-alive with cookies, noXsiType, dropAfterChallenge, vendor parameter', async () => {
    acs.auth = { scheme: 'Digest', username: 'q', password: 'q' };
    const c = cpe('Q0001', {
      username: 'q', password: 'q',
      quirks: { gzip: true, charset: 'iso-8859-1', newConnectionPerRequest: true, noXsiType: true, dropAfterChallenge: true, vendorParameter: true },
    });
    acs.queue('Q0001', { name: 'GetParameterValues', args: { ParameterNames: ['Device.X_ACME_Debug'] } });
    const done = acs.session('Q0001');
    await c.start();
    const s = await done;
    acs.auth = undefined;
    expect(s.posts[0]!.headers['content-encoding']).toBe('gzip');
    expect(s.posts[0]!.headers['content-type']).toMatch(/ISO-8859-1/);
    expect(s.posts[0]!.raw).not.toContain('xsi:type');
    expect(param(s, 'Device.X_ACME_Debug')).toBe('off');
    expect(new Set(s.posts.map((p) => p.port)).size).toBe(s.posts.length);
    expect(bodies(s)).toEqual(['Inform', 'empty', 'GetParameterValuesResponse']);
  });

  it('quirks: noTransferComplete reboots into the new firmware without reporting; namespace and utf-16 on the wire', async () => {
    const c = cpe('Q0003', { quirks: { noTransferComplete: true, namespace: 'urn:dslforum-org:cwmp-1-3', charset: 'utf-16' } });
    const first = acs.session('Q0003');
    const sent: string[] = [];
    c.on('message', (m) => { if (m.direction === 'out') sent.push(m.body); });
    await c.start();
    await first;
    acs.queue('Q0003', { name: 'Download', args: {
      CommandKey: 'dl-q', FileType: '1 Firmware Upgrade Image', URL: `${filesUrl}/fw/fw-7.0.1.bin`, Username: '', Password: '',
      FileSize: 0, TargetFileName: '', DelaySeconds: 0, SuccessURL: '', FailureURL: '' } });
    const booted = acs.session('Q0003', (s) => codes(s).includes('1 BOOT'));
    await c.inform(['6 CONNECTION REQUEST']);
    const s = await booted;
    expect(codes(s)).toEqual(['1 BOOT']);
    expect(param(s, 'Device.DeviceInfo.SoftwareVersion')).toBe('5.6.0-lab');
    expect(bodies(s)).not.toContain('TransferComplete');
    expect(sent[0]).toContain('xmlns:cwmp="urn:dslforum-org:cwmp-1-3"');
    expect(s.posts[0]!.headers['content-type']).toMatch(/UTF-16/);
  });

  it('every message the CPEs sent is schema-valid; the invalidMessage quirk is not', async () => {
    const c = cpe('Q0002', { quirks: { invalidMessage: true } });
    const done = acs.session('Q0002');
    await c.start();
    const bad = (await done).posts[0]!.raw;
    expect((await validateMessages([bad]))[0]!.ok).toBe(false);
    const xmls = acs.posts.filter((p) => strictSerials.has(p.serial) && p.raw.trim()).map((p) => p.raw);
    expect(xmls.length).toBeGreaterThan(100);
    expect(await expectAllSchemaValid(xmls, 'CPE message')).toBe(xmls.length);
  });
});
