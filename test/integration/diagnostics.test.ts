// Ping from the CPE through the API (diagnostics.ping), end to end against
// virtual CPEs (TR-181 on cwmp-1-2, TR-098 on cwmp-1-0): the test parameters
// and DiagnosticsState=Requested in one SetParameterValues, the connection
// request, "8 DIAGNOSTICS COMPLETE", the results read in that session;
// errors the CPE reports, a CPE that refuses, one run at a time, a CPE that
// never reports. Every message the ACS sent is checked against the schema.
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnvelope, serializeEnvelope } from '../../shared/cwmp';
import type { DiagnosticRecord } from '../../shared/api/diagnostics-contract';
import type { VirtualCpe } from '../../electron/sim/virtual-cpe';
import { ipPingObject, traceRouteObject } from '../../electron/core/diagnostics/diagnostics-service';
import { CR_CREDENTIALS, post, startDiscoveredCpe, startHarness, waitFor, type Harness } from '../support/harness';
import { RPC_SAMPLES } from '../support/rpc-samples';

const CASES = [
  { model: 'tr181' as const, version: '1-2' as const, root: 'Device.' },
  { model: 'tr098' as const, version: '1-0' as const, root: 'InternetGatewayDevice.' },
];

describe.each(CASES)('ping from a $model CPE (cwmp-$version)', (c) => {
  let h: Harness;
  let cpe: VirtualCpe;
  let id: string;
  const updates: DiagnosticRecord[] = [];

  beforeAll(async () => {
    h = await startHarness({ connectionRequest: CR_CREDENTIALS });
    h.core.on('diagnostics.updated', (r) => updates.push(r));
    cpe = await startDiscoveredCpe(h, { model: c.model, version: c.version, serialNumber: `PING-${c.model}` });
    id = cpe.deviceKey;
  });
  afterAll(async () => {
    await cpe?.stop();
    await h.checkSchema();
    await h.close();
  });

  async function finished(runId: string): Promise<DiagnosticRecord> {
    return waitFor(() => {
      const r = h.core.handlers['diagnostics.list']({ deviceId: id }).then((l) => l.find((x) => x.id === runId));
      return r.then((x) => (x && x.state !== 'requested' && x.state !== 'reading' ? x : null));
    }, 'the ping to finish', 20_000);
  }

  it('pings loopback: every reply, times read from the CPE, the tree updated too', async () => {
    const run = await h.core.handlers['diagnostics.ping']({ deviceId: id, host: '127.0.0.1', repetitions: 3, timeoutMs: 500 });
    expect(run).toMatchObject({ state: 'requested', host: '127.0.0.1', repetitions: 3, timeoutMs: 500, dataBlockSize: 64 });
    const done = await finished(run.id);
    expect(done).toMatchObject({ state: 'done', cpeState: 'Complete', result: { successCount: 3, failureCount: 0 } });
    expect(done.result!.maximumMs).toBeGreaterThanOrEqual(done.result!.minimumMs);
    expect(done.taskIds).toHaveLength(2);
    // The SPV carried the test and Requested last; the GPV read the object.
    const [spv, gpv] = done.taskIds.map((t) => h.core.store.getTask(t)!);
    const obj = ipPingObject(c.root);
    expect((spv!.args as { ParameterList: { Name: string; Value: string }[] }).ParameterList.map((p) => [p.Name, p.Value])).toEqual([
      [`${obj}Host`, '127.0.0.1'], [`${obj}NumberOfRepetitions`, '3'], [`${obj}Timeout`, '500'], [`${obj}DataBlockSize`, '64'],
      [`${obj}DiagnosticsState`, 'Requested'],
    ]);
    expect(gpv).toMatchObject({ rpc: 'GetParameterValues', status: 'done', args: { ParameterNames: [obj] } });
    // It ran in the session the CPE opened with "8 DIAGNOSTICS COMPLETE".
    const session = h.core.store.sessions(id).find((s) => s.tasks?.includes(gpv!.id));
    expect(session?.events).toContain('8 DIAGNOSTICS COMPLETE');
    expect((await h.core.handlers['parameter.list']({ deviceId: id, path: `${obj}SuccessCount` }))[0]?.value).toBe('3');
    // Every step was announced.
    expect(updates.filter((u) => u.id === run.id).map((u) => u.state)).toEqual(expect.arrayContaining(['requested', 'reading', 'done']));
  });

  it('a name the CPE cannot resolve is reported in words', async () => {
    const run = await h.core.handlers['diagnostics.ping']({ deviceId: id, host: 'nothing.invalid' });
    const done = await finished(run.id);
    expect(done.state).toBe('failed');
    expect(done.cpeState).toMatch(/^Error_CannotResolveHostName$|^Error_/);
    expect(done.error).toMatch(/could not resolve "nothing\.invalid"|Error_/);
  });

  it('an unreachable address: the test completes with every request lost', async () => {
    const run = await h.core.handlers['diagnostics.ping']({ deviceId: id, host: '192.0.2.1', repetitions: 2, timeoutMs: 100 });
    const done = await finished(run.id);
    expect(done).toMatchObject({ state: 'done', cpeState: 'Complete', result: { successCount: 0, failureCount: 2 } });
  });

  it('traceroute: the hops the CPE found, in order, with their round trips', async () => {
    const run = await h.core.handlers['diagnostics.traceroute']({ deviceId: id, host: 'www.example.com', tries: 2, timeoutMs: 1000, maxHops: 30 });
    expect(run).toMatchObject({ kind: 'TraceRoute', state: 'requested', repetitions: 2, maxHops: 30 });
    const done = await finished(run.id);
    expect(done).toMatchObject({ state: 'done', cpeState: 'Complete' });
    const hops = done.route!.hops;
    expect(hops.length).toBeGreaterThanOrEqual(2);
    for (const hop of hops) {
      expect(hop.address).toMatch(/^[\d.:a-f]+$/);
      expect(hop.rttMs).toHaveLength(2);
    }
    // The tree agrees on the number of hops.
    const obj = traceRouteObject(c.root);
    expect(Number((await h.core.handlers['parameter.list']({ deviceId: id, path: `${obj}RouteHopsNumberOfEntries` }))[0]?.value)).toBe(hops.length);
    // A ping may run alongside: one object each.
    const unreachable = await h.core.handlers['diagnostics.traceroute']({ deviceId: id, host: '192.0.2.1', tries: 1, timeoutMs: 100, maxHops: 5 });
    const ping = await h.core.handlers['diagnostics.ping']({ deviceId: id, host: '127.0.0.1', repetitions: 1 });
    const [t, p] = await Promise.all([finished(unreachable.id), finished(ping.id)]);
    expect(t).toMatchObject({ state: 'failed', cpeState: 'Error_MaxHopCountExceeded', error: expect.stringMatching(/not reached within 5 hops/) });
    // Hops that never answered: no name, no address, no round trip (the CPE's 0s mean "no reply").
    expect(t.route!.hops).toHaveLength(5);
    expect(t.route!.hops.every((hop) => hop.rttMs.length === 0 && hop.host === '')).toBe(true);
    expect(p).toMatchObject({ state: 'done', result: { successCount: 1 } });
  });

  it('one run at a time per device; bad hosts and unknown devices are refused with reasons', async () => {
    const run = await h.core.handlers['diagnostics.ping']({ deviceId: id, host: '127.0.0.1', repetitions: 1 });
    await expect(h.core.handlers['diagnostics.ping']({ deviceId: id, host: '127.0.0.2' })).rejects.toThrow(/still running on this device/);
    await finished(run.id);
    await expect(h.core.handlers['diagnostics.ping']({ deviceId: id, host: 'http://example.com/' })).rejects.toThrow(/host: a host name or IP address only/);
    await expect(h.core.handlers['diagnostics.ping']({ deviceId: 'nope', host: '127.0.0.1' })).rejects.toThrow(/no device "nope"/);
    const list = await h.core.handlers['diagnostics.list']({ deviceId: id });
    expect(list[0]!.id).toBe(run.id); // newest first
  });
});

describe('ping with a hand-made CPE', () => {
  let h: Harness;
  let agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const serial = 'PING-HANDMADE';
  const id = `${RPC_SAMPLES.Inform.DeviceId.OUI}-${RPC_SAMPLES.Inform.DeviceId.ProductClass}-${serial}`;
  const inform = (event: string) => serializeEnvelope({
    version: '1-2', header: { ID: `inf-${event}` },
    body: { name: 'Inform', args: {
      ...RPC_SAMPLES.Inform, DeviceId: { ...RPC_SAMPLES.Inform.DeviceId, SerialNumber: serial }, Event: [{ EventCode: event, CommandKey: '' }],
      ParameterList: [{ Name: 'Device.RootDataModelVersion', Value: '2.19', Type: 'string' }],
    } },
  });
  /** One session: Inform, then whatever the ACS asks is answered by `answer`, until the 204. */
  async function session(event: string, answer: (req: ReturnType<typeof parseEnvelope>) => string): Promise<string[]> {
    expect((await post(h.acsUrl, inform(event), {}, agent)).status).toBe(200);
    const asked: string[] = [];
    let r = await post(h.acsUrl, '', {}, agent);
    while (r.status === 200) {
      const req = parseEnvelope(r.body);
      asked.push(req.body?.name ?? 'empty');
      r = await post(h.acsUrl, answer(req), {}, agent);
    }
    expect(r.status).toBe(204);
    return asked;
  }
  const spvFault = (req: ReturnType<typeof parseEnvelope>) => serializeEnvelope({
    version: '1-2', header: { ID: req.header.ID },
    body: { name: 'Fault', fault: { faultcode: 'Client', faultstring: 'CWMP fault', detail: {
      FaultCode: 9003, FaultString: 'Invalid arguments',
      SetParameterValuesFault: [{ ParameterName: 'Device.IP.Diagnostics.IPPing.Host', FaultCode: 9005, FaultString: 'Invalid parameter name' }],
    } } },
  });
  const spvOk = (req: ReturnType<typeof parseEnvelope>) => serializeEnvelope({
    version: '1-2', header: { ID: req.header.ID }, body: { name: 'SetParameterValuesResponse', args: { Status: 0 } },
  });

  beforeAll(async () => {
    h = await startHarness({ autoDiscover: false, diagnosticsMarginMs: 300 });
    await session('1 BOOT', () => { throw new Error('nothing to ask yet'); });
  });
  afterAll(async () => {
    agent.destroy();
    await h.checkSchema();
    await h.close();
  });

  async function settled(runId: string): Promise<DiagnosticRecord> {
    return waitFor(async () => {
      const r = (await h.core.handlers['diagnostics.list']({ deviceId: id })).find((x) => x.id === runId);
      return r && r.state !== 'requested' && r.state !== 'reading' ? r : null;
    }, 'the run to settle');
  }

  it('a CPE that refuses the SetParameterValues: the run fails with the fault in words', async () => {
    const run = await h.core.handlers['diagnostics.ping']({ deviceId: id, host: '127.0.0.1' });
    expect(await session('2 PERIODIC', spvFault)).toEqual(['SetParameterValues']);
    const done = await settled(run.id);
    expect(done.state).toBe('failed');
    expect(done.error).toMatch(/^the CPE refused the test: .*(9003|9005)/);
  });

  it('a CPE that accepts but never reports "8 DIAGNOSTICS COMPLETE": timeout, said so', async () => {
    const run = await h.core.handlers['diagnostics.ping']({ deviceId: id, host: '127.0.0.1', repetitions: 1, timeoutMs: 100 });
    expect(await session('2 PERIODIC', spvOk)).toEqual(['SetParameterValues']);
    const done = await settled(run.id);
    expect(done).toMatchObject({ state: 'timeout', error: expect.stringMatching(/no "8 DIAGNOSTICS COMPLETE" from the CPE within/) });
    // A later report of that old test does not revive it, and asks nothing.
    expect(await session('8 DIAGNOSTICS COMPLETE', () => { throw new Error('nothing should be asked'); })).toEqual([]);
  });

  it('a run waiting when the workbench restarts completes after it; finished runs are kept too', async () => {
    const run = await h.core.handlers['diagnostics.ping']({ deviceId: id, host: '127.0.0.1', repetitions: 2, timeoutMs: 60_000 });
    expect(await session('2 PERIODIC', spvOk)).toEqual(['SetParameterValues']);
    const before = await h.core.handlers['diagnostics.list']({ deviceId: id });
    agent.destroy();
    await h.restart({ autoDiscover: false });
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const after = await h.core.handlers['diagnostics.list']({ deviceId: id });
    expect(after.map((r) => [r.id, r.state])).toEqual(before.map((r) => [r.id, r.state]));
    expect(after[0]).toMatchObject({ id: run.id, state: 'requested' });
    const obj = ipPingObject('Device.');
    const values: [string, string][] = [['DiagnosticsState', 'Complete'], ['SuccessCount', '2'], ['FailureCount', '0'],
      ['AverageResponseTime', '3'], ['MinimumResponseTime', '2'], ['MaximumResponseTime', '4']];
    const asked = await session('8 DIAGNOSTICS COMPLETE', (req) => {
      expect(req.body).toMatchObject({ name: 'GetParameterValues', args: { ParameterNames: [obj] } });
      return serializeEnvelope({ version: '1-2', header: { ID: req.header.ID }, body: { name: 'GetParameterValuesResponse', args: {
        ParameterList: values.map(([n, v]) => ({ Name: obj + n, Value: v, Type: n === 'DiagnosticsState' ? 'string' as const : 'unsignedInt' as const })),
      } } });
    });
    expect(asked).toEqual(['GetParameterValues']);
    const done = await settled(run.id);
    expect(done).toMatchObject({ state: 'done', result: { successCount: 2, failureCount: 0, averageMs: 3, minimumMs: 2, maximumMs: 4 } });
  });
});
