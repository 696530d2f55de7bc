// Bad input from a CPE: each gets the right protocol answer, is visible in
// the session log, and the next good session works.
import { Agent } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cwmpFault, parseEnvelope, serializeEnvelope } from '../../shared/cwmp';
import type { CwmpEnvelope, RpcBodies } from '../../shared/cwmp/types';
import { startHarness, post, type Harness } from '../support/harness';
import { RPC_SAMPLES } from '../support/rpc-samples';

let h: Harness;
beforeAll(async () => { h = await startHarness({ limits: { maxRawBytes: 8 << 20, maxDecodedBytes: 16 << 20, timeoutMs: 1500 } }); });
afterAll(async () => { await h.checkSchema(); await h.close(); });

function inform(serial: string, over: Partial<RpcBodies['Inform']> = {}, version: CwmpEnvelope['version'] = '1-2'): string {
  return serializeEnvelope({ version, header: { ID: `inf-${serial}` }, body: { name: 'Inform', args: { ...RPC_SAMPLES.Inform, DeviceId: { ...RPC_SAMPLES.Inform.DeviceId, SerialNumber: serial }, ...over } } });
}

/** A complete good session: Inform, empty POST, answer whatever the ACS asks with a fault, until 204. */
async function goodSession(serial: string): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const r1 = await post(h.acsUrl, inform(serial), {}, agent);
  expect(r1.status).toBe(200);
  expect(parseEnvelope(r1.body).body?.name).toBe('InformResponse');
  let r = await post(h.acsUrl, '', {}, agent);
  let rounds = 0;
  while (r.status === 200 && rounds++ < 10) {
    const req = parseEnvelope(r.body);
    const fault = serializeEnvelope({ version: '1-2', header: { ID: req.header.ID }, body: { name: 'Fault', fault: { faultcode: 'Server', faultstring: 'CWMP fault', detail: { FaultCode: 9002, FaultString: 'busy' } } } });
    r = await post(h.acsUrl, fault, {}, agent);
  }
  agent.destroy();
  return r.status;
}

const lastLogged = () => h.logged[h.logged.length - 1];

describe('bad input from CPEs', () => {
  it('DOCTYPE / entity bomb: 400 before any parsing, logged, next session fine', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
      <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>&c;</soap:Body></soap:Envelope>`;
    const r = await post(h.acsUrl, bomb);
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/DOCTYPE/);
    expect(lastLogged()).toMatchObject({ direction: 'acs->cpe', status: 400 });
    expect(h.logged.some((m) => m.direction === 'cpe->acs' && /DOCTYPE/.test(m.error ?? ''))).toBe(true);
    expect(await goodSession('AFTER-BOMB')).toBe(204);
  });

  it('a body over the cap (100 MB declared, or a gzip bomb) gets 413', async () => {
    const big = Buffer.alloc(100 * 1024 * 1024, 0x20);
    const r = await post(h.acsUrl, big);
    expect(r.status).toBe(413);
    expect(lastLogged().note).toMatch(/limit/);
    // A gzip bomb: small on the wire, huge inflated.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    const g = await post(h.acsUrl, bomb, { 'Content-Encoding': 'gzip' });
    expect(g.status).toBe(413);
    expect(g.body).toMatch(/decompressed/);
    expect(await goodSession('AFTER-BIG')).toBe(204);
  });

  it('truncated XML: 400 with the parser message', async () => {
    const r = await post(h.acsUrl, inform('TRUNC').slice(0, 300));
    expect(r.status).toBe(400);
    expect(h.logged.filter((m) => m.direction === 'cpe->acs').pop()?.error).toBeTruthy();
    expect(await goodSession('AFTER-TRUNC')).toBe(204);
  });

  it('wrong namespace: SOAP fault 8003; unknown RPC: fault 8000 with the ID echoed', async () => {
    const wrongNs = inform('NS').replace('urn:dslforum-org:cwmp-1-2', 'urn:example:not-cwmp');
    const r = await post(h.acsUrl, wrongNs);
    expect(r.status).toBe(200);
    const env = parseEnvelope(r.body);
    expect(env.body).toMatchObject({ name: 'Fault', fault: { detail: { FaultCode: 8003 } } });
    const unknown = inform('UNK').replace(/cwmp:Inform>/g, 'cwmp:Inflate>');
    const u = parseEnvelope((await post(h.acsUrl, unknown)).body);
    expect(u.body).toMatchObject({ name: 'Fault', fault: { detail: { FaultCode: 8000 } } });
    expect(u.header.ID).toBe('inf-UNK');
    expect(await goodSession('AFTER-NS')).toBe(204);
  });

  it('an Inform without DeviceId: fault 8003, no device created', async () => {
    const xml = inform('X').replace(/<DeviceId>[\s\S]*?<\/DeviceId>/, '');
    const r = await post(h.acsUrl, xml);
    const env = parseEnvelope(r.body);
    expect(env.body).toMatchObject({ name: 'Fault', fault: { detail: { FaultCode: 8003 } } });
    expect(env.body?.name === 'Fault' && env.body.fault.detail.FaultString).toMatch(/DeviceId/);
    expect(h.core.store.list().some((d) => d.id.endsWith('-X'))).toBe(false);
  });

  /** Answers whatever else the ACS asks with fault 9000 until it ends the session (204), so no session stays open. */
  async function drain(first: { status: number; body: string }, agent: Agent): Promise<void> {
    let r = first;
    for (let i = 0; r.status === 200 && i < 20; i++) {
      const q = parseEnvelope(r.body);
      r = await post(h.acsUrl, serializeEnvelope({ version: '1-2', header: { ID: q.header.ID }, body: { name: 'Fault', fault: cwmpFault(9000, 'not supported') } }), {}, agent);
    }
    expect(r.status).toBe(204);
  }

  it('a response with the wrong cwmp:ID: a read is asked again next session; a Reboot is not re-sent (it may have been applied)', async () => {
    const serial = 'WRONGID';
    expect(await goodSession(serial)).toBe(204); // creates the device (its discovery faults)
    const id = h.core.store.list().find((d) => d.id.endsWith(serial))!.id;
    const task = await h.core.handlers['task.enqueue']({ deviceId: id, rpc: 'GetRPCMethods', args: {}, contact: false });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    await post(h.acsUrl, inform(serial), {}, agent);
    const req = parseEnvelope((await post(h.acsUrl, '', {}, agent)).body);
    expect(req.body?.name).toBe('GetRPCMethods');
    const wrong = serializeEnvelope({ version: '1-2', header: { ID: 'not-' + req.header.ID }, body: { name: 'GetRPCMethodsResponse', args: { MethodList: [] } } });
    const r = await post(h.acsUrl, wrong, {}, agent);
    expect(r.status).toBe(204);
    expect(lastLogged().note).toMatch(/does not match/);
    expect(h.core.store.getTask(task.id)).toMatchObject({ status: 'queued' });
    // Next session: the ACS asks again and this time gets the right ID.
    await post(h.acsUrl, inform(serial), {}, agent);
    const again = parseEnvelope((await post(h.acsUrl, '', {}, agent)).body);
    expect(again.body?.name).toBe('GetRPCMethods');
    const ok = serializeEnvelope({ version: '1-2', header: { ID: again.header.ID }, body: { name: 'GetRPCMethodsResponse', args: { MethodList: [] } } });
    await drain(await post(h.acsUrl, ok, {}, agent), agent);
    expect(h.core.store.getTask(task.id)).toMatchObject({ status: 'done' });
    // A Reboot answered with the wrong ID may have been carried out: it ends 'unknown' and is never sent again.
    const reboot = await h.core.handlers['task.enqueue']({ deviceId: id, rpc: 'Reboot', args: { CommandKey: 'r1' }, contact: false });
    await post(h.acsUrl, inform(serial), {}, agent);
    const rq = parseEnvelope((await post(h.acsUrl, '', {}, agent)).body);
    expect(rq.body?.name).toBe('Reboot');
    await post(h.acsUrl, serializeEnvelope({ version: '1-2', header: { ID: 'not-' + rq.header.ID }, body: { name: 'RebootResponse', args: {} } }), {}, agent);
    expect(h.core.store.getTask(reboot.id)).toMatchObject({ status: 'unknown' });
    expect(h.core.store.getTask(reboot.id)!.error).toMatch(/not re-sent: Reboot is not idempotent/);
    await post(h.acsUrl, inform(serial), {}, agent);
    const after = await post(h.acsUrl, '', {}, agent);
    expect(after.body).not.toMatch(/<cwmp:Reboot>/);
    await drain(after, agent);
    agent.destroy();
  });

  it('a slow body is cut off with 408 and the listener lives on', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(h.acsUrl, { method: 'POST', headers: { 'Content-Type': 'text/xml', 'Content-Length': '1000' } }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
      req.on('error', reject);
      req.write('<soap:Envelope');
    });
    expect(status).toBe(408);
    expect(await goodSession('AFTER-SLOW')).toBe(204);
  });

  it('a message with no session gets a clear HTTP error', async () => {
    const empty = await post(h.acsUrl, '');
    expect(empty.status).toBe(400);
    expect(empty.body).toMatch(/starts with an Inform/);
  });
});
