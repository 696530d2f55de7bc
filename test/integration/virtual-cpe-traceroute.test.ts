// The virtual CPE's TraceRoute diagnostic end to end, against the scripted ACS
// (test/support/scripted-acs.ts): SetParameterValues with DiagnosticsState =
// "Requested", the run after the session, the new session with
// "8 DIAGNOSTICS COMPLETE" (TR-069 Amd 6 §3.7.1.5), the results and the
// RouteHops.{i}. rows read with GetParameterValues / GetParameterNames
// (TR-181 Device.IP.Diagnostics.TraceRoute., TR-098
// InternetGatewayDevice.TraceRouteDiagnostics.). Simulated: nothing but the
// CWMP exchange on 127.0.0.1 touches the network. The route rules are
// unit-tested in test/unit/sim-traceroute.test.ts.
import { describe, expect, it } from 'vitest';
import type { ParameterInfoStruct } from '../../shared/cwmp/types';
import { targetAddress, traceRoute } from '../../electron/sim/diagnostics-traceroute';
import type { VirtualCpe } from '../../electron/sim/virtual-cpe';
import { diagnosticsRunner, firstAnswer, gpv, response } from '../support/diagnostics-acs';
import { bodies, codes, useCpeHarness, type AcsSession } from '../support/scripted-acs';
import { expectAllSchemaValid } from '../support/schema';

const { acs, cpe, strictSerials } = useCpeHarness();

const TR181 = 'Device.IP.Diagnostics.TraceRoute.';
const TR098 = 'InternetGatewayDevice.TraceRouteDiagnostics.';
const UINT = new Set(['NumberOfTries', 'Timeout', 'DataBlockSize', 'DSCP', 'MaxHopCount']);

const { spvArgs, booted, run } = diagnosticsRunner({ acs, cpe, strictSerials }, { unsignedInt: UINT, parameterKey: 'trace' });

/** Rows named by GetParameterNames(RouteHops., NextLevel true). */
function rowsOf(s: AcsSession, obj: string): string[] {
  const b = response(s, 'GetParameterNamesResponse');
  return (b.args.ParameterList as ParameterInfoStruct[]).map((p) => p.Name.slice(obj.length));
}

/** The ACS requests a trace (woken by a connection request), then reads the object and its rows in the 8 DIAGNOSTICS COMPLETE session. */
async function traceroute(c: VirtualCpe, obj: string, values: Record<string, string>) {
  const r = await run(c, obj, values, [
    { name: 'GetParameterValues', args: { ParameterNames: [obj] } },
    { name: 'GetParameterNames', args: { ParameterPath: `${obj}RouteHops.`, NextLevel: true } },
  ]);
  return { ...r, results: gpv(r.diag, obj), rows: rowsOf(r.diag, obj) };
}

const hopNumbers = (results: Record<string, string>) =>
  [...new Set(Object.keys(results).map((k) => /^RouteHops\.(\d+)\./.exec(k)?.[1]).filter(Boolean).map(Number))].sort((a, b) => a - b);

describe('virtual CPE TraceRoute (TR-181 Device.IP.Diagnostics.TraceRoute.)', () => {
  it('loopback: SPV status 0, then 8 DIAGNOSTICS COMPLETE alone; Complete, one hop (the host itself), 1 ms', async () => {
    const c = await booted('T0001');
    const { spv, diag, finished, results, rows } = await traceroute(c, TR181, { Host: '127.0.0.1', NumberOfTries: '2' });
    expect(bodies(spv)).toEqual(['Inform', 'empty', 'SetParameterValuesResponse']);
    expect(firstAnswer(spv)).toEqual({ name: 'SetParameterValuesResponse', args: { Status: 0 } });
    expect(diag.inform.Event).toEqual([{ EventCode: '8 DIAGNOSTICS COMPLETE', CommandKey: '' }]);
    expect(finished).toEqual({ test: 'TraceRoute', state: 'Complete' });
    expect(rows).toEqual(['RouteHops.1.']);
    expect(results).toMatchObject({
      DiagnosticsState: 'Complete', Host: '127.0.0.1', NumberOfTries: '2', MaxHopCount: '30', Timeout: '5000', DataBlockSize: '38',
      ResponseTime: '1', RouteHopsNumberOfEntries: '1', IPAddressUsed: '127.0.0.1',
      'RouteHops.1.Host': '127.0.0.1', 'RouteHops.1.HostAddress': '127.0.0.1', 'RouteHops.1.ErrorCode': '0', 'RouteHops.1.RTTimes': '1,1',
    });
  });

  it('a name: N hops as RouteHops.1..N (gateway, ISP routers, the target), a new run replaces them from 1', async () => {
    const c = await booted('T0002');
    const { results, rows } = await traceroute(c, TR181, { Host: 'www.example.com' });
    const expected = traceRoute({ host: 'www.example.com', tries: 3, timeoutMs: 5000, dataBlockSize: 38, maxHopCount: 30, gateway: { 4: '203.0.113.1' } });
    const n = expected.hops.length;
    expect(n).toBeGreaterThanOrEqual(4);
    expect(rows).toEqual(Array.from({ length: n }, (_, i) => `RouteHops.${i + 1}.`));
    expect(hopNumbers(results)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    const wan = c.state.get('Device.IP.Interface.1.IPv4Address.1.IPAddress');
    expect(c.state.get('Device.Routing.Router.1.IPv4Forwarding.1.GatewayIPAddress')).toBe('203.0.113.1');
    expect(results).toMatchObject({
      DiagnosticsState: 'Complete', RouteHopsNumberOfEntries: String(n), ResponseTime: String(expected.responseTimeMs), IPAddressUsed: wan,
      // Hop 1: the WAN default gateway (Routing.Router.1.IPv4Forwarding.1), no reverse name.
      'RouteHops.1.Host': '203.0.113.1', 'RouteHops.1.HostAddress': '203.0.113.1',
      [`RouteHops.${n}.Host`]: 'www.example.com', [`RouteHops.${n}.HostAddress`]: targetAddress('www.example.com', 4),
    });
    for (let i = 2; i < n; i++) {
      expect(results[`RouteHops.${i}.Host`]).toMatch(/^[a-z]+-\d\.isp\.example\.net$/);
      expect(results[`RouteHops.${i}.HostAddress`]).toMatch(/^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.\d+\.\d+$/);
    }
    for (let i = 1; i <= n; i++) expect(results[`RouteHops.${i}.RTTimes`]).toBe(expected.hops[i - 1]!.rttMs.join(','));

    const again = await traceroute(c, TR181, { Host: 'localhost' });
    expect(again.rows).toEqual(['RouteHops.1.']);
    expect(hopNumbers(again.results)).toEqual([1]);
    expect(again.results).toMatchObject({ RouteHopsNumberOfEntries: '1', 'RouteHops.1.Host': 'localhost', 'RouteHops.1.HostAddress': '127.0.0.1' });
  });

  it('RFC 5737 TEST-NET: MaxHopCount hops without an answer, Error_MaxHopCountExceeded, ResponseTime 0', async () => {
    const c = await booted('T0003');
    const { diag, results, rows } = await traceroute(c, TR181, { Host: '198.51.100.7', MaxHopCount: '6' });
    expect(codes(diag)).toEqual(['8 DIAGNOSTICS COMPLETE']);
    expect(rows).toHaveLength(6);
    expect(results).toMatchObject({ DiagnosticsState: 'Error_MaxHopCountExceeded', RouteHopsNumberOfEntries: '6', ResponseTime: '0', IPAddressUsed: '' });
    for (let i = 1; i <= 6; i++) {
      expect([results[`RouteHops.${i}.Host`], results[`RouteHops.${i}.HostAddress`], results[`RouteHops.${i}.ErrorCode`], results[`RouteHops.${i}.RTTimes`]])
        .toEqual(['', '', '0', '0,0,0']);
    }
  });

  it('a name under .invalid: Error_CannotResolveHostName, no hops, still reported with 8 DIAGNOSTICS COMPLETE', async () => {
    const c = await booted('T0004');
    const { diag, results, rows } = await traceroute(c, TR181, { Host: 'gateway.invalid' });
    expect(codes(diag)).toEqual(['8 DIAGNOSTICS COMPLETE']);
    expect(rows).toEqual([]);
    expect(results).toMatchObject({ DiagnosticsState: 'Error_CannotResolveHostName', RouteHopsNumberOfEntries: '0', ResponseTime: '0' });
  });

  it('DiagnosticsState other than Requested/Canceled is refused (9003 with 9007); nothing is applied', async () => {
    const c = await booted('T0005');
    acs.queue('T0005', { name: 'SetParameterValues', args: spvArgs(TR181, { Host: '127.0.0.1', DiagnosticsState: 'Error_MaxHopCountExceeded' }) });
    const s = acs.session('T0005');
    await c.inform(['6 CONNECTION REQUEST']);
    const f = firstAnswer(await s);
    expect(f?.name === 'Fault' && f.fault.detail).toMatchObject({
      FaultCode: 9003, SetParameterValuesFault: [{ ParameterName: `${TR181}DiagnosticsState`, FaultCode: 9007 }],
    });
    expect(c.state.get(`${TR181}Host`)).toBe('');
  });

  it('Host written while the trace runs: terminated, DiagnosticsState None, no 8 DIAGNOSTICS COMPLETE', async () => {
    // 30 silent hops run 3 s × timeScale 0.25 = 750 ms: time for a session in between.
    const c = await booted('T0006', { timeScale: 0.25 });
    const finished: string[] = [];
    c.on('diagnostics', (e) => finished.push(e.state));
    acs.queue('T0006', { name: 'SetParameterValues', args: spvArgs(TR181, { Host: '192.0.2.1', DiagnosticsState: 'Requested' }) });
    await c.inform(['6 CONNECTION REQUEST']);
    expect(c.state.get(`${TR181}DiagnosticsState`)).toBe('Requested');
    acs.queue('T0006', { name: 'SetParameterValues', args: spvArgs(TR181, { Host: 'www.example.com' }) });
    const mid = acs.session('T0006');
    await c.inform(['6 CONNECTION REQUEST']);
    expect(firstAnswer(await mid)).toEqual({ name: 'SetParameterValuesResponse', args: { Status: 0 } });
    expect(c.log.text()).toContain('TraceRoute: test terminated (test parameters changed)');
    await new Promise((r) => setTimeout(r, 1000));
    acs.queue('T0006', { name: 'GetParameterValues', args: { ParameterNames: [TR181] } });
    const after = acs.session('T0006');
    await c.inform(['6 CONNECTION REQUEST']);
    expect(gpv(await after, TR181)).toMatchObject({ DiagnosticsState: 'None', Host: 'www.example.com', RouteHopsNumberOfEntries: '0' });
    expect(finished).toEqual([]);
    expect(acs.sessions.filter((s) => s.serial === 'T0006').some((s) => codes(s).includes('8 DIAGNOSTICS COMPLETE'))).toBe(false);
  });
});

describe('virtual CPE TraceRoute (TR-098 InternetGatewayDevice.TraceRouteDiagnostics.)', () => {
  it('a known name: Complete, RouteHops rows with the Hop* names; Canceled is not a TR-098 value (9007)', async () => {
    const c = await booted('T0098', { model: 'tr098' });
    const { spv, diag, results, rows } = await traceroute(c, TR098, { Host: 'acs.example.com', NumberOfTries: '3' });
    expect(spv.posts[0]!.raw).toContain('urn:dslforum-org:cwmp-1-0');
    expect(firstAnswer(spv)).toEqual({ name: 'SetParameterValuesResponse', args: { Status: 0 } });
    expect(codes(diag)).toEqual(['8 DIAGNOSTICS COMPLETE']);
    const n = rows.length;
    expect(n).toBeGreaterThanOrEqual(4);
    expect(Object.keys(results).filter((k) => !k.startsWith('RouteHops.')).sort()).toEqual([
      'DSCP', 'DataBlockSize', 'DiagnosticsState', 'Host', 'Interface', 'MaxHopCount', 'NumberOfTries', 'ResponseTime', 'RouteHopsNumberOfEntries', 'Timeout',
    ]);
    expect(Object.keys(results).filter((k) => k.startsWith('RouteHops.1.')).sort())
      .toEqual(['RouteHops.1.HopErrorCode', 'RouteHops.1.HopHost', 'RouteHops.1.HopHostAddress', 'RouteHops.1.HopRTTimes']);
    expect(results).toMatchObject({
      DiagnosticsState: 'Complete', RouteHopsNumberOfEntries: String(n),
      // Hop 1: Layer3Forwarding's default route.
      'RouteHops.1.HopHost': '203.0.113.1', [`RouteHops.${n}.HopHost`]: 'acs.example.com', [`RouteHops.${n}.HopHostAddress`]: targetAddress('acs.example.com', 4),
    });
    expect(Number(results.ResponseTime)).toBeGreaterThanOrEqual(6);
    expect(results[`RouteHops.${n}.HopRTTimes`]).toMatch(/^\d+,\d+,\d+$/);

    acs.queue('T0098', { name: 'SetParameterValues', args: spvArgs(TR098, { DiagnosticsState: 'Canceled' }) });
    const s = acs.session('T0098');
    await c.inform(['6 CONNECTION REQUEST']);
    const f = firstAnswer(await s);
    expect(f?.name === 'Fault' && f.fault.detail.SetParameterValuesFault?.[0]?.FaultCode).toBe(9007);
  });

  it('TEST-NET on TR-098: Error_MaxHopCountExceeded with MaxHopCount silent hops; then unresolvable: no hops', async () => {
    const c = await booted('T0099', { model: 'tr098' });
    const lost = await traceroute(c, TR098, { Host: '203.0.113.99', MaxHopCount: '3', NumberOfTries: '1' });
    expect(lost.rows).toEqual(['RouteHops.1.', 'RouteHops.2.', 'RouteHops.3.']);
    expect(lost.results).toMatchObject({
      DiagnosticsState: 'Error_MaxHopCountExceeded', ResponseTime: '0', RouteHopsNumberOfEntries: '3',
      'RouteHops.3.HopHost': '', 'RouteHops.3.HopHostAddress': '', 'RouteHops.3.HopErrorCode': '0', 'RouteHops.3.HopRTTimes': '0',
    });
    const unknown = await traceroute(c, TR098, { Host: 'nas' });
    expect(unknown.rows).toEqual([]);
    expect(unknown.results).toMatchObject({ DiagnosticsState: 'Error_CannotResolveHostName', RouteHopsNumberOfEntries: '0' });
  });
});

it('every message the CPEs of this file sent is schema-valid', async () => {
  const xmls = acs.posts.filter((p) => strictSerials.has(p.serial) && p.raw.trim()).map((p) => p.raw);
  expect(xmls.length).toBeGreaterThan(40);
  expect(await expectAllSchemaValid(xmls, 'CPE message')).toBe(xmls.length);
});
