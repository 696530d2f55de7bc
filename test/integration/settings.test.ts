// Settings through the contract against a real core: kept in settings.json
// across restarts, the CWMP listener moved live (a real virtual CPE follows),
// passwords never read back, bad values refused with nothing saved, a port
// already in use reported while the old listener keeps serving, and lower
// session log caps applied to the session files on disk at once.
import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { EventMap, WorkbenchApi } from '../../shared/api/contract';
import { createApi } from '../../shared/api/create-api';
import { inProcessTransport } from '../../shared/api/in-process';
import { settingsErrorsFromMessage } from '../../shared/api/settings-rules';
import { startCore, type Core, type CoreOptions } from '../../electron/core/core';
import { VirtualCpe } from '../../electron/sim/virtual-cpe';
import { post, waitFor } from '../support/harness';
import { expectAllSchemaValid } from '../support/schema';

const cleanups: (() => Promise<void>)[] = [];
// Every ACS message of every core booted here is schema-checked after its test; the file as a whole checks some.
const emitted: string[] = [];
let checked = 0;
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
  checked += await expectAllSchemaValid(emitted.splice(0));
});
afterAll(() => expect(checked).toBeGreaterThan(0));

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'wb-settings-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A core whose settings.json says loopback and any free port, so the stored values (not flags) are in force. */
async function boot(dataDir: string, opts: Partial<CoreOptions> = {}): Promise<{ core: Core; api: WorkbenchApi }> {
  const core = await startCore({ dataDir, simTiming: { rebootDelayMs: 50 }, ...opts });
  core.on('session.messageLogged', (m) => {
    if (m.direction === 'acs->cpe' && m.status === 200 && /^\s*(<\?xml|<[\w-]+:Envelope)/.test(m.body)) emitted.push(m.body);
  });
  const realStop = core.stop.bind(core);
  let stopped = false;
  const stop = async () => { if (!stopped) { stopped = true; await realStop(); } };
  cleanups.push(stop);
  // The validating transport: what Electron IPC and the WebSocket run.
  const api = createApi(inProcessTransport(core.handlers, (e, cb) => core.on(e, cb)));
  return { core: Object.assign(core, { stop }), api };
}

async function seed(dataDir: string, settings: object): Promise<void> {
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify(settings));
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

async function cpe(acsUrl: string, serial: string, extra: Partial<ConstructorParameters<typeof VirtualCpe>[0]> = {}): Promise<VirtualCpe> {
  const c = new VirtualCpe({ acsUrl, model: 'tr181', serialNumber: serial, rebootDelayMs: 50, timeScale: 0.01, retryScale: 0.01, ...extra });
  cleanups.push(() => c.stop());
  await c.start();
  return c;
}

const refused = (url: string) => post(url, '').then(() => false, (e: NodeJS.ErrnoException) => e.code === 'ECONNREFUSED');

describe('settings', () => {
  it('persist across a restart in settings.json, and the stored listener address is used', async () => {
    const dir = await tempDir();
    await seed(dir, { cwmpHost: '127.0.0.1', cwmpPort: 0 });
    const first = await boot(dir);
    expect(first.core.info().cwmpPort).toBeGreaterThan(0);
    const port = await freePort();
    await first.api.invoke('settings.update', {
      cwmpPort: port, holdRequests: true, sessionTimeoutSeconds: 45,
      cpeAuth: { scheme: 'digest', username: 'cpe-user', password: 's3cret-cpe' },
      connectionRequest: { username: 'cr-user', password: 's3cret-cr' },
    });
    await first.core.stop();

    const onDisk = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'));
    expect(onDisk).toMatchObject({ cwmpHost: '127.0.0.1', cwmpPort: port, holdRequests: true, sessionTimeoutSeconds: 45 });

    const second = await boot(dir);
    expect(second.core.info().cwmpPort).toBe(port);
    expect(await second.api.invoke('settings.get', {})).toEqual({
      cwmpHost: '127.0.0.1', cwmpPort: port, holdRequests: true, sessionTimeoutSeconds: 45,
      cpeAuth: { scheme: 'digest', username: 'cpe-user', passwordSet: true },
      connectionRequest: { username: 'cr-user', passwordSet: true },
      logRetention: { maxSessionsPerDevice: 1000, maxMiBPerDevice: 256 },
      dataDir: dir, overridden: [],
    });
    // The stored CPE credentials are in force: a CPE with them gets in, one without is challenged.
    const acs = `http://127.0.0.1:${port}/`;
    const good = await cpe(acs, 'AUTH-OK', { username: 'cpe-user', password: 's3cret-cpe' });
    await waitFor(() => second.core.store.get(good.deviceKey), 'authenticated CPE stored');
    expect((await post(acs, '')).status).toBe(401);
  });

  it('moves the listener live to a new port; a real CPE informs there and the old port is closed', async () => {
    const dir = await tempDir();
    await seed(dir, { cwmpHost: '127.0.0.1', cwmpPort: 0 });
    const { core, api } = await boot(dir);
    const oldUrl = core.info().acsUrls[0];
    const events: EventMap['settings.updated'][] = [];
    api.on('settings.updated', (s) => events.push(s));

    const port = await freePort();
    const result = await api.invoke('settings.update', { cwmpPort: port });
    expect(result.cwmpPort).toBe(port);
    const newUrl = `http://127.0.0.1:${port}/`;
    expect(core.info()).toMatchObject({ cwmpPort: port, acsUrls: [newUrl] });
    expect((await api.invoke('acs.info', {})).acsUrls).toEqual([newUrl]);
    await waitFor(() => events.length === 1, 'settings.updated event');
    expect(events[0].cwmpPort).toBe(port);
    expect(await refused(oldUrl)).toBe(true);

    const c = await cpe(newUrl, 'MOVED');
    await waitFor(() => core.store.get(c.deviceKey)?.discovery.status === 'done', 'discovery on the new port');
    // Discovery also learnt the periodic interval, which the device list uses for "online".
    expect(core.store.get(c.deviceKey)?.periodicInformInterval).toBe(3600);
  });

  it('re-points running built-in virtual CPEs to the new port', async () => {
    const dir = await tempDir();
    await seed(dir, { cwmpHost: '127.0.0.1', cwmpPort: 0 });
    const { core, api } = await boot(dir);
    const [sim] = await api.invoke('sim.start', { count: 1, model: 'tr098' });
    await waitFor(() => core.store.get(sim.id)?.discovery.status === 'done', 'sim discovered');
    const oldUrl = core.info().acsUrls[0];
    const port = await freePort();
    await api.invoke('settings.update', { cwmpPort: port });
    expect(await refused(oldUrl)).toBe(true);
    const before = core.store.get(sim.id)!.lastInform;
    // A connection request makes the sim start a session: it must reach the listener on the new port.
    const contact = await api.invoke('device.contact', { id: sim.id });
    expect(contact.ok).toBe(true);
    await waitFor(() => core.store.get(sim.id)!.lastInform !== before, 'inform on the new port');
  });

  it('never returns a password (get, update result, event, acs.info)', async () => {
    const dir = await tempDir();
    await seed(dir, { cwmpHost: '127.0.0.1', cwmpPort: 0 });
    const { api } = await boot(dir);
    const seen: string[] = [];
    api.on('settings.updated', (s) => seen.push(JSON.stringify(s)));
    const res = await api.invoke('settings.update', {
      cpeAuth: { scheme: 'basic', username: 'u', password: 'PW-cpe-81723' },
      connectionRequest: { password: 'PW-cr-99120' },
    });
    seen.push(JSON.stringify(res), JSON.stringify(await api.invoke('settings.get', {})), JSON.stringify(await api.invoke('acs.info', {})));
    await waitFor(() => seen.length === 4, 'event');
    for (const text of seen) {
      expect(text).not.toContain('PW-cpe-81723');
      expect(text).not.toContain('PW-cr-99120');
      expect(text).not.toMatch(/"password"/);
    }
    expect(res.cpeAuth.passwordSet).toBe(true);
    expect(res.connectionRequest).toEqual({ username: 'acs', passwordSet: true });
  });

  it('refuses bad values with a message per field and saves nothing', async () => {
    const dir = await tempDir();
    await seed(dir, { cwmpHost: '127.0.0.1', cwmpPort: 0 });
    const { core, api } = await boot(dir);
    const before = await readFile(join(dir, 'settings.json'), 'utf8');
    const cases: [unknown, string, string][] = [
      [{ cwmpPort: 70000 }, 'cwmpPort', 'a port number from 0 to 65535'],
      [{ cwmpPort: -1 }, 'cwmpPort', 'a port number'],
      [{ cwmpHost: 'evil host/' }, 'cwmpHost', 'an IP address or host name'],
      [{ sessionTimeoutSeconds: 0 }, 'sessionTimeoutSeconds', 'whole seconds from 5 to 3600'],
      [{ cpeAuth: { scheme: 'kerberos' } }, 'cpeAuth.scheme', 'one of none, basic, digest'],
      [{ connectionRequest: { password: 'x'.repeat(300) } }, 'connectionRequest.password', 'at most 256 characters'],
      [{ logRetention: { maxSessionsPerDevice: 0 } }, 'logRetention.maxSessionsPerDevice', 'a whole number from 1 to 100000'],
      [{ logRetention: { maxMiBPerDevice: 102_401 } }, 'logRetention.maxMiBPerDevice', 'whole MiB from 1 to 102400'],
    ];
    for (const [args, field, text] of cases) {
      // Through the transport (validate.ts) and straight into the core (its own check).
      for (const call of [() => api.invoke('settings.update', args as never), () => core.handlers['settings.update'](args as never)]) {
        const err = await call().then(() => null, (e: Error) => e.message);
        expect(err, JSON.stringify(args)).not.toBeNull();
        expect(settingsErrorsFromMessage(err!)[field as 'cwmpPort'], err!).toContain(text);
      }
    }
    // Only the result can tell: basic auth with no password stored.
    const err = await api.invoke('settings.update', { cpeAuth: { scheme: 'basic' } }).then(() => '', (e: Error) => e.message);
    expect(settingsErrorsFromMessage(err)['cpeAuth.password']).toMatch(/a password is needed for basic/);
    expect(await readFile(join(dir, 'settings.json'), 'utf8')).toBe(before);
    expect((await api.invoke('settings.get', {})).cpeAuth.scheme).toBe('none');
  });

  it('reports a port in use (EADDRINUSE), keeps the old listener serving, and saves nothing', async () => {
    const dir = await tempDir();
    await seed(dir, { cwmpHost: '127.0.0.1', cwmpPort: 0 });
    const { core, api } = await boot(dir);
    const oldUrl = core.info().acsUrls[0];
    const oldPort = core.info().cwmpPort;
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => blocker.close(() => r())));
    const busy = (blocker.address() as { port: number }).port;

    const err = await api.invoke('settings.update', { cwmpPort: busy, holdRequests: true }).then(() => '', (e: Error) => e.message);
    expect(err).toMatch(new RegExp(`cwmpPort: port ${busy} is already in use on 127\\.0\\.0\\.1.*The listener stays on 127\\.0\\.0\\.1:${oldPort}`));
    expect(core.info().cwmpPort).toBe(oldPort);
    const s = await api.invoke('settings.get', {});
    expect(s).toMatchObject({ cwmpPort: 0, holdRequests: false });
    const c = await cpe(oldUrl, 'STILL-HERE');
    await waitFor(() => core.store.get(c.deviceKey), 'inform on the old port');
  });

  it('moves to another address on the same port, and refuses an address this machine does not have', async () => {
    const dir = await tempDir();
    await seed(dir, { cwmpHost: '127.0.0.1', cwmpPort: 0 });
    const { core, api } = await boot(dir);
    const port = core.info().cwmpPort;
    // 0.0.0.0:P collides with our own 127.0.0.1:P: the listener closes first, then binds.
    await api.invoke('settings.update', { cwmpHost: '0.0.0.0', cwmpPort: port });
    expect(core.info()).toMatchObject({ cwmpHost: '0.0.0.0', cwmpPort: port });
    expect(core.info().acsUrls.at(-1)).toBe(`http://127.0.0.1:${port}/`);
    const c = await cpe(`http://127.0.0.1:${port}/`, 'WILDCARD');
    await waitFor(() => core.store.get(c.deviceKey), 'inform on the wildcard listener');

    const err = await api.invoke('settings.update', { cwmpHost: '192.0.2.77' }).then(() => '', (e: Error) => e.message);
    expect(settingsErrorsFromMessage(err).cwmpHost).toMatch(/192\.0\.2\.77 is not an address of this machine\. The listener stays on 0\.0\.0\.0:\d+\./);
    expect(core.info().cwmpHost).toBe('0.0.0.0');
  });

  it('command-line values win for the run, are reported as overridden, and are dropped once changed in Settings', async () => {
    const dir = await tempDir();
    await seed(dir, { cwmpHost: '127.0.0.1', cwmpPort: 1 });
    const { core, api } = await boot(dir, { cwmpHost: '127.0.0.1', cwmpPort: 0, logRetention: { maxSessionsPerDevice: 7 } });
    expect(core.info().cwmpPort).toBeGreaterThan(1);
    expect(await api.invoke('settings.get', {})).toMatchObject({
      cwmpPort: 0, overridden: ['cwmpHost', 'cwmpPort'], logRetention: { maxSessionsPerDevice: 7, maxMiBPerDevice: 256 },
    });
    const port = await freePort();
    expect(await api.invoke('settings.update', { cwmpPort: port })).toMatchObject({ cwmpPort: port, overridden: [] });
    // The session log caps given at start stay this run's only: not written to settings.json.
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toMatchObject({
      cwmpPort: port, logRetention: { maxSessionsPerDevice: 1000 },
    });
    expect(core.settings.effective().logRetention.maxSessionsPerDevice).toBe(7);
    await api.invoke('settings.update', { logRetention: { maxSessionsPerDevice: 9 } });
    expect(core.settings.effective().logRetention.maxSessionsPerDevice).toBe(9);
  });

  it('lowering the session log cap deletes the oldest session files of a device at once; the cap persists across a restart', async () => {
    const dir = await tempDir();
    const port = await freePort();
    await seed(dir, { cwmpHost: '127.0.0.1', cwmpPort: port });
    const acs = `http://127.0.0.1:${port}/`;
    const started: string[] = []; // session ids, oldest first
    const track = (core: Core) => core.on('session.started', (e) => started.push(e.sessionId));

    const a = await boot(dir);
    track(a.core);
    // Real time (no periodic Inform during the test): only the sessions asked for below.
    const c = await cpe(acs, 'RETAIN', { timeScale: 1 });
    await waitFor(() => a.core.store.get(c.deviceKey)?.discovery.status === 'done', 'discovered');
    for (let i = 0; i < 4; i++) expect((await c.inform(['2 PERIODIC'])).ok).toBe(true);
    const fileOf = (id: string) => basename(a.core.log.sessionFile(c.deviceKey, id));
    const folder = dirname(a.core.log.sessionFile(c.deviceKey, started[0]));
    const onDisk = () => readdirSync(folder).sort();
    const newest = (n: number) => started.slice(-n).map(fileOf).sort();
    await a.core.stop(); // every session file closed: none is being written from here on
    expect(started.length).toBeGreaterThanOrEqual(5);
    expect(onDisk()).toEqual(newest(started.length));

    const b = await boot(dir);
    track(b.core);
    const saved = await b.api.invoke('settings.update', { logRetention: { maxSessionsPerDevice: 3 } });
    expect(saved.logRetention).toEqual({ maxSessionsPerDevice: 3, maxMiBPerDevice: 256 });
    // No session has run in this core, so only the Save can have deleted them (and well before any idle pass).
    await waitFor(() => JSON.stringify(onDisk()) === JSON.stringify(newest(3)), 'the oldest session files deleted', 10_000); // generous: a loaded CI machine
    for (let i = 0; i < 2; i++) expect((await c.inform(['2 PERIODIC'])).ok).toBe(true);
    await b.core.stop();
    // Stopped well before those two files went idle (5 s) and were looked at: 5 on disk, over the cap.
    expect(onDisk()).toHaveLength(5);
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')).logRetention).toEqual({ maxSessionsPerDevice: 3, maxMiBPerDevice: 256 });

    // Restarted: the saved cap is shown and applied (the start sweep keeps the newest 3, both new sessions among them).
    const d = await boot(dir);
    expect((await d.api.invoke('settings.get', {})).logRetention).toEqual({ maxSessionsPerDevice: 3, maxMiBPerDevice: 256 });
    expect(d.core.settings.effective().logRetention).toEqual({ maxSessionsPerDevice: 3, maxBytesPerDevice: 256 * 1024 * 1024 });
    await waitFor(() => JSON.stringify(onDisk()) === JSON.stringify(newest(3)), 'the restarted core under the saved cap', 10_000);
  });

  it('applies HoldRequests and CPE authentication to the next session without a restart', async () => {
    const dir = await tempDir();
    await seed(dir, { cwmpHost: '127.0.0.1', cwmpPort: 0 });
    const { core, api } = await boot(dir);
    const url = core.info().acsUrls[0];
    const bodies: string[] = [];
    core.on('session.messageLogged', (m) => { if (m.rpc === 'InformResponse') bodies.push(m.body); });
    const c = await cpe(url, 'LIVE', { username: 'lab', password: 'lab-pass' });
    await waitFor(() => core.store.get(c.deviceKey)?.discovery.status === 'done', 'discovered');
    expect(bodies.at(-1)).not.toMatch(/HoldRequests/);

    await api.invoke('settings.update', { holdRequests: true, cpeAuth: { scheme: 'basic', username: 'lab', password: 'lab-pass' } });
    expect((await post(url, '')).status).toBe(401);
    const n = bodies.length;
    await c.inform(['2 PERIODIC']);
    await waitFor(() => bodies.length > n, 'second session');
    expect(bodies.at(-1)).toMatch(/HoldRequests[^>]*>true</);
  });

  it('a hand-edited settings.json with bad values starts with defaults for those fields', async () => {
    const dir = await tempDir();
    await seed(dir, {
      cwmpHost: '127.0.0.1', cwmpPort: 0, sessionTimeoutSeconds: 'soon', cpeAuth: { scheme: 'digest', username: 'x', password: '' },
      logRetention: { maxSessionsPerDevice: 0, maxMiBPerDevice: 512 },
    });
    const warnings: string[] = [];
    const orig = console.warn;
    console.warn = (m: string) => warnings.push(m);
    try {
      const { api } = await boot(dir);
      expect(await api.invoke('settings.get', {})).toMatchObject({
        sessionTimeoutSeconds: 30, cpeAuth: { scheme: 'none' }, logRetention: { maxSessionsPerDevice: 1000, maxMiBPerDevice: 512 },
      });
    } finally {
      console.warn = orig;
    }
    expect(warnings.join('\n')).toMatch(/sessionTimeoutSeconds ignored/);
    expect(warnings.join('\n')).toMatch(/CPE authentication is off/);
    expect(warnings.join('\n')).toMatch(/logRetention\.maxSessionsPerDevice ignored/);
  });
});
