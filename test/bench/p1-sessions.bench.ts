// P1: sessions/s for Inform + one GetParameterValues (30 parameters) + 204,
// 200 CPEs at once, every session's changes persisted, against a bare
// node:http server answering the same three round trips with same-sized bodies.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { startCore } from '../../electron/core/core';
import { serializeEnvelope } from '../../shared/cwmp';
import { gpvParams, makeCpe, runRound } from './cpe-client';
import { ratios, record, stat } from './record';

const CPES = 200;
const ROUNDS = 5;

async function baselineServer(): Promise<{ server: Server; url: string }> {
  const params = gpvParams();
  const informResponse = serializeEnvelope({ version: '1-2', header: { ID: 'x' }, body: { name: 'InformResponse', args: { MaxEnvelopes: 1 } } });
  const gpv = serializeEnvelope({ version: '1-2', header: { ID: 'sess.1' }, body: { name: 'GetParameterValues', args: { ParameterNames: params.map((p) => p.Name) } } });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (body.includes(':Inform>')) res.writeHead(200, { 'Content-Type': 'text/xml', 'Set-Cookie': 's=1' }).end(informResponse);
      else if (body.length === 0) res.writeHead(200, { 'Content-Type': 'text/xml' }).end(gpv);
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

it('P1 sessions per second', async () => {
  const params = gpvParams();
  const names = params.map((p) => p.Name);
  const dir = await mkdtemp(join(tmpdir(), 'p1-'));
  const core = await startCore({ dataDir: dir, cwmpHost: '127.0.0.1', cwmpPort: 0 });
  const acsUrl = `http://127.0.0.1:${core.info().cwmpPort}/`;
  const base = await baselineServer();
  const acsCpes = Array.from({ length: CPES }, (_, i) => makeCpe(`P1-${i}`, params));
  const baseCpes = Array.from({ length: CPES }, (_, i) => makeCpe(`P1B-${i}`, params));
  // First contact creates each device (and its discovery task, which the bench CPE would not answer): clear it.
  for (const c of acsCpes) {
    await runSessionUntilKnown(acsUrl, c);
  }
  const ids = core.store.list().map((d) => d.id);
  const acsRates: number[] = [];
  const baseRates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const id of ids) await core.handlers['task.enqueue']({ deviceId: id, rpc: 'GetParameterValues', args: { ParameterNames: names }, contact: false });
    const tb = await runRound(base.url, baseCpes);
    const ta = await runRound(acsUrl, acsCpes);
    baseRates.push(CPES / (tb / 1000));
    acsRates.push(CPES / (ta / 1000));
  }
  await core.stop();
  await new Promise((r) => base.server.close(r));
  await rm(dir, { recursive: true, force: true });
  const r = ratios(acsRates.slice(1), baseRates.slice(1));
  record({
    id: 'P1', measure: `sessions/s, Inform + GPV (30 params) + 204, ${CPES} concurrent CPEs, persisted`,
    baseline: `bare node:http, same round trips (${stat(baseRates.slice(1)).median.toFixed(0)} sessions/s)`,
    unit: '× baseline', value: stat(acsRates.slice(1)), baselineValue: stat(baseRates.slice(1)), ratio: r, goal: '≥ 0.50', met: r.median >= 0.5,
    notes: `ACS ${stat(acsRates.slice(1)).median.toFixed(0)} sessions/s median`,
  });
});

/** Inform once so the device exists, then fail its discovery task so the timed rounds only see our GPVs. */
async function runSessionUntilKnown(url: string, cpe: ReturnType<typeof makeCpe>): Promise<void> {
  const { request } = await import('node:http');
  const send = (body: string) => new Promise<{ status: number; body: string }>((resolve, reject) => {
    const headers: Record<string, string> = { 'Content-Type': 'text/xml' };
    if (cpe.cookie) headers.Cookie = cpe.cookie;
    const req = request(url, { method: 'POST', agent: cpe.agent, headers }, (res) => {
      const set = res.headers['set-cookie'];
      if (set) cpe.cookie = set[0].split(';')[0];
      let b = '';
      res.on('data', (c) => { b += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b }));
    });
    req.on('error', reject);
    req.end(body);
  });
  cpe.cookie = undefined;
  await send(cpe.inform);
  let r = await send('');
  while (r.status === 200) {
    const id = /<cwmp:ID[^>]*>([^<]*)</.exec(r.body)?.[1] ?? '';
    r = await send(serializeEnvelope({ version: '1-2', header: { ID: id }, body: { name: 'Fault', fault: { faultcode: 'Server', faultstring: 'CWMP fault', detail: { FaultCode: 9002, FaultString: 'bench' } } } }));
  }
}
