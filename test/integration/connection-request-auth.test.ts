// Connection-request authentication (TR-069 §3.2.2) end to end: a real core
// wakes virtual CPEs whose endpoint asks for Basic (crBasic) or Digest with
// SHA-256 / MD5-sess / SHA-256-sess (crDigestAlgorithm), and hand-made CPE
// listeners that record every request, to prove the password never left the
// ACS when it must not. Real sockets on 127.0.0.1, port 0.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSED_BASIC_DETAIL } from '../../electron/core/acs/connection-request';
import { chooseChallenge, DigestServer } from '../../electron/lib/auth/digest';
import type { Quirks } from '../../electron/sim/quirks';
import { VirtualCpe } from '../../electron/sim/virtual-cpe';
import { CR_CREDENTIALS, startHarness, waitFor, type Harness } from '../support/harness';
import { summary } from '../support/store-fixtures';

const REFUSAL = 'the CPE asked for Basic authentication over plain HTTP; the password was not sent (TR-069 §3.2.2 asks for Digest). '
  + 'Allow "Basic connection request over plain HTTP" in the device\'s compatibility profile if you trust this network';

let h: Harness;
const cpes: VirtualCpe[] = [];
const servers: http.Server[] = [];

beforeAll(async () => {
  h = await startHarness({ connectionRequest: CR_CREDENTIALS });
});

afterAll(async () => {
  for (const c of cpes) await c.stop();
  for (const s of servers) await new Promise((r) => { s.close(r); s.closeAllConnections(); });
  // Every CWMP message the ACS emitted in this file, before the schema referee.
  expect(await h.checkSchema()).toBeGreaterThan(0);
  await h.close();
});

async function discoveredCpe(serial: string, quirks: Quirks): Promise<VirtualCpe> {
  const c = new VirtualCpe({
    acsUrl: h.acsUrl, model: 'tr181', serialNumber: serial, rebootDelayMs: 50, timeScale: 0.01, retryScale: 0.01,
    connectionRequest: { host: '127.0.0.1', ...CR_CREDENTIALS }, quirks,
  });
  cpes.push(c);
  await c.start();
  await waitFor(() => h.core.store.get(c.deviceKey)?.discovery.status === 'done' && !c.busy, `${serial} discovered`);
  return c;
}

const crSession = (id: string) => waitFor(
  () => h.logged.find((m) => m.deviceId === id && m.rpc === 'Inform' && m.body.includes('6 CONNECTION REQUEST')),
  `a 6 CONNECTION REQUEST session from ${id}`,
);

/** A CPE's connection-request listener by hand: answers from `reply`, records each request's Authorization header. */
async function rawCpe(reply: (authorization: string | undefined, n: number) => { status: number; challenge?: string }) {
  const seen: (string | undefined)[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    seen.push(req.headers.authorization);
    const r = reply(req.headers.authorization, seen.length);
    res.writeHead(r.status, { ...(r.challenge ? { 'WWW-Authenticate': r.challenge } : {}), 'Content-Length': '0' }).end();
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cr/raw`;
  const id = `00D09E-RAW-${servers.length}`;
  await h.core.store.putDevice(summary(id, { connectionRequestURL: url }));
  return { id, seen };
}

const userAllowsBasic = async (id: string) => {
  const dev = h.core.store.get(id)!;
  const at = new Date().toISOString();
  await h.core.store.putDevice({ ...dev, compat: { basicConnectionRequest: { value: true, source: 'user', at, reason: 'set by the user' } } });
};

describe('connection request: Basic over plain HTTP', () => {
  it('is refused until the user allows it for the device; then the CPE is woken and opens 6 CONNECTION REQUEST', async () => {
    expect(REFUSED_BASIC_DETAIL).toBe(REFUSAL);
    const c = await discoveredCpe('CR-BASIC', { crBasic: true });
    const refused = await h.core.handlers['device.contact']({ id: c.deviceKey });
    expect(refused).toEqual({ method: 'next-inform', ok: false, detail: `${REFUSAL}; tasks will run at the next Inform` });
    // The endpoint saw the first GET only: no Authorization header, so no password, ever arrived.
    expect(c.log.text()).not.toMatch(/connection request with/);
    expect(c.stats.connectionRequests).toBe(0);

    await userAllowsBasic(c.deviceKey);
    const woken = await h.core.handlers['device.contact']({ id: c.deviceKey });
    expect(woken).toMatchObject({ method: 'connection-request', ok: true });
    await crSession(c.deviceKey);
    expect(c.log.text()).toMatch(/connection request with Basic credentials/);
    expect(c.stats.connectionRequests).toBe(1);
  });

  it('a hand-made CPE asking for Basic gets one request without credentials, never a second', async () => {
    const cpe = await rawCpe(() => ({ status: 401, challenge: 'Basic realm="cpe"' }));
    const r = await h.core.handlers['device.contact']({ id: cpe.id });
    expect(r.ok).toBe(false);
    expect(r.detail).toContain(REFUSAL);
    expect(cpe.seen).toEqual([undefined]);
  });

  it('offered Basic and Digest (Basic listed first), the ACS answers Digest', async () => {
    const digest = new DigestServer();
    const cpe = await rawCpe((authorization) => {
      const v = digest.verify({ header: authorization, method: 'GET', uri: '/cr/raw', realm: 'cpe', ...CR_CREDENTIALS });
      return v.ok ? { status: 200 } : { status: 401, challenge: `Basic realm="cpe", ${digest.challenge({ realm: 'cpe' })}` };
    });
    const r = await h.core.handlers['device.contact']({ id: cpe.id });
    expect(r).toMatchObject({ method: 'connection-request', ok: true });
    expect(cpe.seen).toHaveLength(2);
    expect(cpe.seen[1]).toMatch(/^Digest /);
  });
});

describe('connection request: Digest algorithms (RFC 7616)', () => {
  for (const alg of ['SHA-256', 'MD5-sess', 'SHA-256-sess']) {
    it(`a virtual CPE challenging with ${alg} is woken`, async () => {
      const c = await discoveredCpe(`CR-${alg}`, { crDigestAlgorithm: alg });
      const challenge = await new Promise<string | undefined>((resolve, reject) => {
        http.get(c.connectionRequestUrl, (res) => { res.resume(); resolve(res.headers['www-authenticate']); }).on('error', reject);
      });
      expect(chooseChallenge(challenge).digest?.algorithm).toBe(alg);
      const r = await h.core.handlers['device.contact']({ id: c.deviceKey });
      expect(r).toMatchObject({ method: 'connection-request', ok: true });
      await crSession(c.deviceKey);
      expect(c.log.text()).toMatch(/connection request with Digest credentials/);
      expect(c.log.text()).not.toMatch(/connection request refused/);
    });
  }

  it('offered MD5 and SHA-256, the ACS signs with SHA-256', async () => {
    const sha = new DigestServer();
    const cpe = await rawCpe((authorization) => {
      const v = sha.verify({ header: authorization, method: 'GET', uri: '/cr/raw', realm: 'cpe', algorithm: 'SHA-256', ...CR_CREDENTIALS });
      return v.ok ? { status: 204 } : { status: 401, challenge: `${sha.challenge({ realm: 'cpe', algorithm: 'MD5' })}, ${sha.challenge({ realm: 'cpe', algorithm: 'SHA-256' })}` };
    });
    expect(await h.core.handlers['device.contact']({ id: cpe.id })).toMatchObject({ ok: true, detail: 'CPE accepted (HTTP 204); it will open a session' });
    expect(cpe.seen[1]).toMatch(/algorithm=SHA-256,/);
  });

  it('a stale nonce (stale=true) is answered again with the new one (RFC 7616 §3.3)', async () => {
    const digest = new DigestServer();
    let first: string | undefined;
    const cpe = await rawCpe((authorization, n) => {
      // The first nonce is "forgotten" at once: the right answer to it meets stale=true.
      if (n === 1) return { status: 401, challenge: (first = new DigestServer().challenge({ realm: 'cpe' })) };
      const v = digest.verify({ header: authorization, method: 'GET', uri: '/cr/raw', realm: 'cpe', ...CR_CREDENTIALS });
      return v.ok ? { status: 200 } : { status: 401, challenge: digest.challenge({ realm: 'cpe', stale: v.stale }) };
    });
    expect(await h.core.handlers['device.contact']({ id: cpe.id })).toMatchObject({ ok: true });
    expect(cpe.seen).toHaveLength(3);
    expect(cpe.seen[1]).toContain(chooseChallenge(first).digest!.params.nonce);
  });

  it('an algorithm the workbench does not implement: said in words, no credentials sent', async () => {
    const cpe = await rawCpe(() => ({ status: 401, challenge: 'Digest realm="cpe", nonce="n1", qop="auth", algorithm=SHA-512-256' }));
    const r = await h.core.handlers['device.contact']({ id: cpe.id });
    expect(r).toEqual({
      method: 'next-inform', ok: false,
      detail: 'the CPE offered Digest algorithm SHA-512-256, which the workbench does not implement; tasks will run at the next Inform',
    });
    expect(cpe.seen).toEqual([undefined]);
  });

  it('wrong credentials: one answer, then the refusal is reported', async () => {
    const digest = new DigestServer();
    const cpe = await rawCpe((authorization) => {
      const v = digest.verify({ header: authorization, method: 'GET', uri: '/cr/raw', realm: 'cpe', username: 'acs', password: 'other' });
      return v.ok ? { status: 200 } : { status: 401, challenge: digest.challenge({ realm: 'cpe' }) };
    });
    const r = await h.core.handlers['device.contact']({ id: cpe.id });
    expect(r.detail).toBe('the CPE rejected the connection-request credentials (401); tasks will run at the next Inform');
    expect(cpe.seen).toHaveLength(2);
  });
});
