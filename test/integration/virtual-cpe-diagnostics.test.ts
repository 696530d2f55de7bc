// The virtual CPE's IP Ping diagnostic end to end, against the scripted ACS
// (test/support/scripted-acs.ts): SetParameterValues with DiagnosticsState =
// "Requested", the test after the session, the new session with
// "8 DIAGNOSTICS COMPLETE" (TR-069 Amd 6 §3.7.1.5), the results read with
// GetParameterValues (TR-181 Device.IP.Diagnostics.IPPing., TR-098
// InternetGatewayDevice.IPPingDiagnostics.). Simulated: nothing but the
// CWMP exchange on 127.0.0.1 touches the network. The result rules are
// unit-tested in test/unit/sim-diagnostics.test.ts.
import { describe, expect, it } from 'vitest';
import type { VirtualCpe } from '../../electron/sim/virtual-cpe';
import { diagnosticsRunner, firstAnswer, gpv } from '../support/diagnostics-acs';
import { bodies, codes, useCpeHarness } from '../support/scripted-acs';
import { expectAllSchemaValid } from '../support/schema';

const { acs, cpe, strictSerials } = useCpeHarness();

const TR181 = 'Device.IP.Diagnostics.IPPing.';
const TR098 = 'InternetGatewayDevice.IPPingDiagnostics.';
const UINT = new Set(['NumberOfRepetitions', 'Timeout', 'DataBlockSize', 'DSCP']);

const { spvArgs, booted, run } = diagnosticsRunner({ acs, cpe, strictSerials }, { unsignedInt: UINT, parameterKey: 'ping' });

/** The ACS requests a ping (woken by a connection request), then reads the object in the 8 DIAGNOSTICS COMPLETE session. */
async function ping(c: VirtualCpe, obj: string, values: Record<string, string>) {
  const r = await run(c, obj, values, [{ name: 'GetParameterValues', args: { ParameterNames: [obj] } }]);
  return { ...r, results: gpv(r.diag, obj) };
}

describe('virtual CPE IP Ping (TR-181 Device.IP.Diagnostics.IPPing.)', () => {
  it('loopback: SPV status 0, then a session with 8 DIAGNOSTICS COMPLETE alone; Complete, every reply, 0–1 ms', async () => {
    const c = await booted('D0001');
    const { spv, diag, finished, results } = await ping(c, TR181, { Host: '127.0.0.1', NumberOfRepetitions: '5', Timeout: '1000', DataBlockSize: '64' });
    expect(bodies(spv)).toEqual(['Inform', 'empty', 'SetParameterValuesResponse']);
    expect(firstAnswer(spv)).toEqual({ name: 'SetParameterValuesResponse', args: { Status: 0 } });
    expect(diag.inform.Event).toEqual([{ EventCode: '8 DIAGNOSTICS COMPLETE', CommandKey: '' }]);
    expect(finished).toEqual({ test: 'IPPing', state: 'Complete' });
    expect(results).toMatchObject({
      DiagnosticsState: 'Complete', Host: '127.0.0.1', NumberOfRepetitions: '5', SuccessCount: '5', FailureCount: '0', IPAddressUsed: '127.0.0.1',
    });
    for (const t of ['AverageResponseTime', 'MinimumResponseTime', 'MaximumResponseTime']) expect(Number(results[t]), t).toBeLessThanOrEqual(1);
    expect(Number(results.MaximumResponseTimeDetailed)).toBeGreaterThanOrEqual(Number(results.MinimumResponseTimeDetailed));
    expect(Number(results.MaximumResponseTimeDetailed)).toBeLessThan(1000);
  });

  it('a name under .invalid: Error_CannotResolveHostName, counts 0, still reported with 8 DIAGNOSTICS COMPLETE', async () => {
    const c = await booted('D0002');
    const { diag, results } = await ping(c, TR181, { Host: 'gateway.invalid' });
    expect(codes(diag)).toEqual(['8 DIAGNOSTICS COMPLETE']);
    expect(results).toMatchObject({ DiagnosticsState: 'Error_CannotResolveHostName', SuccessCount: '0', FailureCount: '0', AverageResponseTime: '0', IPAddressUsed: '' });
  });

  it('RFC 5737 TEST-NET: every request times out, Complete with FailureCount = repetitions; other hosts reply in 8–40 ms', async () => {
    const c = await booted('D0003');
    const lost = await ping(c, TR181, { Host: '198.51.100.7', NumberOfRepetitions: '3' });
    expect(lost.results).toMatchObject({ DiagnosticsState: 'Complete', SuccessCount: '0', FailureCount: '3', MinimumResponseTime: '0', MaximumResponseTimeDetailed: '0' });
    const ok = await ping(c, TR181, { Host: '8.8.8.8', NumberOfRepetitions: '4' });
    // IPAddressUsed: the WAN interface's address (each virtual CPE has its own).
    const wan = c.state.get('Device.IP.Interface.1.IPv4Address.1.IPAddress');
    expect(wan).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(ok.results).toMatchObject({ DiagnosticsState: 'Complete', SuccessCount: '4', FailureCount: '0', IPAddressUsed: wan });
    expect(Number(ok.results.AverageResponseTime)).toBeGreaterThanOrEqual(6);
    expect(Number(ok.results.AverageResponseTime)).toBeLessThanOrEqual(42);
  });

  it('DiagnosticsState other than Requested/Canceled is refused (9003 with 9007); nothing is applied', async () => {
    const c = await booted('D0004');
    acs.queue('D0004', { name: 'SetParameterValues', args: spvArgs(TR181, { Host: '127.0.0.1', DiagnosticsState: 'Complete' }) });
    const s = acs.session('D0004');
    await c.inform(['6 CONNECTION REQUEST']);
    const f = firstAnswer(await s);
    expect(f?.name === 'Fault' && f.fault.detail).toMatchObject({
      FaultCode: 9003, SetParameterValuesFault: [{ ParameterName: `${TR181}DiagnosticsState`, FaultCode: 9007 }],
    });
    expect(c.state.get(`${TR181}Host`)).toBe('');
  });

  it('Host written while the test runs: terminated, DiagnosticsState None, no 8 DIAGNOSTICS COMPLETE', async () => {
    // 40 repetitions run 2 s × timeScale 0.25 = 500 ms: time for a session in between.
    const c = await booted('D0005', { timeScale: 0.25 });
    const finished: string[] = [];
    c.on('diagnostics', (e) => finished.push(e.state));
    acs.queue('D0005', { name: 'SetParameterValues', args: spvArgs(TR181, { Host: '8.8.8.8', NumberOfRepetitions: '40', DiagnosticsState: 'Requested' }) });
    await c.inform(['6 CONNECTION REQUEST']);
    expect(c.state.get(`${TR181}DiagnosticsState`)).toBe('Requested');
    acs.queue('D0005', { name: 'SetParameterValues', args: spvArgs(TR181, { Host: '8.8.4.4' }) });
    const mid = acs.session('D0005');
    await c.inform(['6 CONNECTION REQUEST']);
    expect(firstAnswer(await mid)).toEqual({ name: 'SetParameterValuesResponse', args: { Status: 0 } });
    expect(c.log.text()).toContain('IPPing: test terminated (test parameters changed)');
    await new Promise((r) => setTimeout(r, 800));
    acs.queue('D0005', { name: 'GetParameterValues', args: { ParameterNames: [`${TR181}DiagnosticsState`] } });
    const after = acs.session('D0005');
    await c.inform(['6 CONNECTION REQUEST']);
    expect(gpv(await after, TR181)).toEqual({ DiagnosticsState: 'None' });
    expect(finished).toEqual([]);
    expect(acs.sessions.filter((s) => s.serial === 'D0005').some((s) => codes(s).includes('8 DIAGNOSTICS COMPLETE'))).toBe(false);
  });

  it('Canceled while requested: None, no 8 DIAGNOSTICS COMPLETE', async () => {
    const c = await booted('D0006', { timeScale: 0.25 });
    acs.queue('D0006',
      { name: 'SetParameterValues', args: spvArgs(TR181, { Host: '127.0.0.1', DiagnosticsState: 'Requested' }) },
      { name: 'SetParameterValues', args: spvArgs(TR181, { DiagnosticsState: 'Canceled' }) });
    await c.inform(['6 CONNECTION REQUEST']);
    expect(c.state.get(`${TR181}DiagnosticsState`)).toBe('None');
    await new Promise((r) => setTimeout(r, 300));
    expect(acs.sessions.filter((s) => s.serial === 'D0006').map(codes)).toEqual([['0 BOOTSTRAP', '1 BOOT'], ['6 CONNECTION REQUEST']]);
  });
});

describe('virtual CPE IP Ping (TR-098 InternetGatewayDevice.IPPingDiagnostics.)', () => {
  it('a known name: Complete, every reply, the TR-098 parameters only; Canceled is not a TR-098 value (9007)', async () => {
    const c = await booted('D0098', { model: 'tr098' });
    const { spv, diag, results } = await ping(c, TR098, { Host: 'acs.example.com', NumberOfRepetitions: '4', Timeout: '500' });
    expect(spv.posts[0]!.raw).toContain('urn:dslforum-org:cwmp-1-0');
    expect(firstAnswer(spv)).toEqual({ name: 'SetParameterValuesResponse', args: { Status: 0 } });
    expect(codes(diag)).toEqual(['8 DIAGNOSTICS COMPLETE']);
    expect(Object.keys(results).sort()).toEqual([
      'AverageResponseTime', 'DSCP', 'DataBlockSize', 'DiagnosticsState', 'FailureCount', 'Host', 'Interface',
      'MaximumResponseTime', 'MinimumResponseTime', 'NumberOfRepetitions', 'SuccessCount', 'Timeout',
    ]);
    expect(results).toMatchObject({ DiagnosticsState: 'Complete', SuccessCount: '4', FailureCount: '0' });
    const [min, avg, max] = ['MinimumResponseTime', 'AverageResponseTime', 'MaximumResponseTime'].map((n) => Number(results[n]));
    expect(min).toBeGreaterThanOrEqual(6);
    expect(min).toBeLessThanOrEqual(avg!);
    expect(avg).toBeLessThanOrEqual(max!);
    expect(max).toBeLessThanOrEqual(42);

    acs.queue('D0098', { name: 'SetParameterValues', args: spvArgs(TR098, { DiagnosticsState: 'Canceled' }) });
    const s = acs.session('D0098');
    await c.inform(['6 CONNECTION REQUEST']);
    const f = firstAnswer(await s);
    expect(f?.name === 'Fault' && f.fault.detail.SetParameterValuesFault?.[0]?.FaultCode).toBe(9007);
  });

  it('TEST-NET on TR-098: Complete with every request lost', async () => {
    const c = await booted('D0099', { model: 'tr098' });
    const { results } = await ping(c, TR098, { Host: '192.0.2.1', NumberOfRepetitions: '2' });
    expect(results).toMatchObject({ DiagnosticsState: 'Complete', SuccessCount: '0', FailureCount: '2', AverageResponseTime: '0' });
  });
});

it('every message the CPEs of this file sent is schema-valid', async () => {
  const xmls = acs.posts.filter((p) => strictSerials.has(p.serial) && p.raw.trim()).map((p) => p.raw);
  expect(xmls.length).toBeGreaterThan(40);
  expect(await expectAllSchemaValid(xmls, 'CPE message')).toBe(xmls.length);
});
