// A real core on real sockets (port 0, loopback), a real lowdb folder in a
// temp dir, and a record of every message the ACS sent so the suite can put
// each one before the schema referee.
import { mkdtemp, rm } from 'node:fs/promises';
import { request, Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore, type Core, type CoreOptions } from '../../electron/core/core';
import { VirtualCpe, type VirtualCpeOptions } from '../../electron/sim/virtual-cpe';
import type { LoggedMessage } from '../../shared/model/records';
import { expectAllSchemaValid } from './schema';

export interface Harness {
  core: Core;
  dataDir: string;
  acsUrl: string;
  /** Every message the ACS emitted with a SOAP body. */
  emitted: string[];
  logged: LoggedMessage[];
  restart(extra?: Partial<CoreOptions>): Promise<void>;
  close(): Promise<void>;
  /** Assert every emitted ACS message is valid against the official schema; throws when there were none. */
  checkSchema(): Promise<number>;
}

export async function startHarness(extra: Partial<CoreOptions> = {}): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tr069-wb-'));
  const emitted: string[] = [];
  const logged: LoggedMessage[] = [];
  let port = 0;
  // The file server too listens on a free port, and keeps it across restarts (URLs given to CPEs stay valid).
  let filePort = 0;
  const boot = async (more: Partial<CoreOptions>) => {
    const core = await startCore({
      dataDir, cwmpHost: '127.0.0.1', cwmpPort: port, fileServerPort: filePort, simTiming: { rebootDelayMs: 50 },
      // Verdicts within a fraction of a second, so tests that wait for them stay quick.
      checkLingerMs: 200, ...extra, ...more,
    });
    core.on('session.messageLogged', (m) => {
      logged.push(m);
      // Every SOAP body, with or without the XML declaration (a device's compatibility profile may drop it).
      if (m.direction === 'acs->cpe' && m.status === 200 && /^\s*(<\?xml|<[\w-]+:Envelope)/.test(m.body)) emitted.push(m.body);
    });
    port = core.info().cwmpPort;
    filePort = core.transfers.port();
    return core;
  };
  const h: Harness = {
    core: await boot({}),
    dataDir,
    acsUrl: '',
    emitted,
    logged,
    async restart(more = {}) {
      await h.core.stop();
      h.core = await boot(more);
    },
    async close() {
      await h.core.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
    async checkSchema() {
      // A suite that checks nothing proves nothing: zero checked messages is a failure, not a pass.
      if (emitted.length === 0) throw new Error('checkSchema: the ACS emitted no SOAP message in this test, so nothing was schema-checked');
      return expectAllSchemaValid(emitted);
    },
  };
  h.acsUrl = `http://127.0.0.1:${h.core.info().cwmpPort}/`;
  return h;
}

export interface RawResponse { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** A bare HTTP client for hand-made CPE messages (bad input tests). */
export function post(url: string, body: string | Buffer, headers: Record<string, string> = {}, agent?: Agent): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'Content-Type': 'text/xml; charset=utf-8', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function waitFor<T>(fn: () => T | Promise<T>, what: string, timeoutMs = 20_000, everyMs = 25): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A GET as a CPE would make it (no keep-alive); resolves with the status and the bytes received. */
export function httpGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    request(url, { headers, agent: false }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => { bytes += c.length; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
    }).on('error', reject).end();
  });
}

/** Connection-request credentials shared by a harness and the virtual CPEs it starts (startHarness({ connectionRequest: CR_CREDENTIALS })). */
export const CR_CREDENTIALS = { username: 'acs', password: 'workbench' };

/**
 * A started virtual CPE against the harness: TR-181, fast timers (reboots in
 * 50 ms, time and retries at 1/100), answering connection requests with
 * CR_CREDENTIALS; `extra` overrides any of it (quirks, model, version…).
 */
export async function startFastCpe(h: Harness, serialNumber: string, extra: Partial<VirtualCpeOptions> = {}): Promise<VirtualCpe> {
  const c = new VirtualCpe({
    acsUrl: h.acsUrl, model: 'tr181', serialNumber, rebootDelayMs: 50, timeScale: 0.01, retryScale: 0.01,
    connectionRequest: { host: '127.0.0.1', ...CR_CREDENTIALS }, ...extra,
  });
  await c.start();
  return c;
}

/** A virtual CPE against the harness, fast timers, answering connection requests; resolves once the ACS has discovered its tree. */
export async function startDiscoveredCpe(
  h: Harness, o: { model: 'tr181' | 'tr098'; version: '1-0' | '1-2'; serialNumber: string },
): Promise<VirtualCpe> {
  const cpe = new VirtualCpe({
    acsUrl: h.acsUrl, model: o.model, cwmpVersion: o.version, serialNumber: o.serialNumber,
    connectionRequest: { host: '127.0.0.1', ...CR_CREDENTIALS }, rebootDelayMs: 50, timeScale: 0.01,
  });
  await cpe.start();
  await waitFor(() => h.core.store.get(cpe.deviceKey)?.discovery.status === 'done', 'discovery');
  return cpe;
}
