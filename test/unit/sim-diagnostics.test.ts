// The virtual CPE's simulated IP Ping (electron/sim/diagnostics-ping.ts): the
// pure result function and its host rules, the values it writes checked
// against the TR-181 Device:2.19 / TR-098 IGD:1.14 definitions, the generated
// defaults, and the DiagnosticsState write rules on a real CpeState. The
// protocol run (SPV, 8 DIAGNOSTICS COMPLETE) is in
// test/integration/virtual-cpe-diagnostics.test.ts.
import { describe, expect, it } from 'vitest';
import { findParamDef, loadDataModel } from '../../electron/lib/datamodel/bbf-model';
import { checkValue } from '../../shared/model/value-check';
import { CpeFault, CpeState } from '../../electron/sim/cpe-state';
import { ipPingObject, IpPingDiagnostics, pingResult, resultValues, type PingRequest } from '../../electron/sim/diagnostics-ping';
import { generateDevice } from '../../electron/sim/generate';
import { templateFor } from '../../electron/sim/templates';

const ping = (host: string, over: Partial<PingRequest> = {}) =>
  pingResult({ host, repetitions: 4, timeoutMs: 1000, dataBlockSize: 64, ...over });

describe('pingResult: host rules', () => {
  it('loopback (127.0.0.0/8, ::1, localhost, *.localhost): every reply, 0–1 ms', () => {
    for (const host of ['127.0.0.1', '127.9.8.7', '::1', '0:0:0:0:0:0:0:1', 'localhost', 'LOCALHOST.', 'cpe.localhost']) {
      const r = ping(host, { repetitions: 10 });
      expect(r, host).toMatchObject({ state: 'Complete', target: 'loopback', successCount: 10, failureCount: 0 });
      expect(r.maximumUs, host).toBeLessThanOrEqual(900);
      expect(Math.round(r.maximumUs / 1000), host).toBeLessThanOrEqual(1);
      expect(r.minimumUs).toBeGreaterThan(0);
    }
    expect(ping('::1').family).toBe(6);
    expect(ping('localhost', { protocolVersion: 'IPv6' }).family).toBe(6);
  });

  it('RFC 5737 TEST-NET-1/2/3: every request times out, the test still completes', () => {
    for (const host of ['192.0.2.1', '198.51.100.53', '203.0.113.10', '::ffff:192.0.2.9']) {
      expect(ping(host, { repetitions: 7 }), host).toMatchObject({
        state: 'Complete', target: 'unreachable', successCount: 0, failureCount: 7, averageUs: 0, minimumUs: 0, maximumUs: 0,
      });
    }
  });

  it('unresolvable: empty, RFC 6761 .invalid, unknown single labels, things that are not names', () => {
    for (const host of ['', '   ', 'nowhere.invalid', 'invalid', 'acs', '[::1]', '1.2.3', 'a..b', '-x.com', 'x_y.com']) {
      expect(ping(host), JSON.stringify(host)).toEqual({
        state: 'Error_CannotResolveHostName', target: null, family: null,
        successCount: 0, failureCount: 0, averageUs: 0, minimumUs: 0, maximumUs: 0, durationMs: 50,
      });
    }
  });

  it('other addresses and known names: every reply, 6.5–41.5 ms by host, deterministic', () => {
    const hosts = ['8.8.8.8', '2001:4860:4860::8888', 'acs.example.com', 'host.test', 'router.home.arpa', 'nas.lan', 'www.example', 'www.google.com', 'Speedtest.Net.'];
    const avgs = new Set<number>();
    for (const host of hosts) {
      const r = ping(host, { repetitions: 20 });
      expect(r, host).toMatchObject({ state: 'Complete', target: 'remote', successCount: 20, failureCount: 0 });
      expect(r.minimumUs).toBeGreaterThanOrEqual(6500);
      expect(r.maximumUs).toBeLessThanOrEqual(41_500 + 64);
      expect(r.minimumUs).toBeLessThanOrEqual(r.averageUs);
      expect(r.averageUs).toBeLessThanOrEqual(r.maximumUs);
      expect(ping(host, { repetitions: 20 })).toEqual(r);
      avgs.add(r.averageUs);
    }
    expect(avgs.size).toBe(hosts.length);
    // Same host, any case or trailing dot: same times; a bigger payload takes a little longer.
    expect(ping('ACS.Example.com.')).toEqual(ping('acs.example.com'));
    expect(ping('8.8.8.8', { dataBlockSize: 1400 }).averageUs).toBeGreaterThan(ping('8.8.8.8').averageUs);
  });

  it('replies slower than Timeout are failures', () => {
    const r = ping('8.8.8.8', { repetitions: 50, timeoutMs: 1 });
    expect(r).toMatchObject({ state: 'Complete', successCount: 0, failureCount: 50, averageUs: 0 });
    const full = ping('8.8.8.8', { repetitions: 50 });
    const cut = ping('8.8.8.8', { repetitions: 50, timeoutMs: Math.round(full.averageUs / 1000) });
    expect(cut.successCount).toBeGreaterThan(0);
    expect(cut.failureCount).toBeGreaterThan(0);
    expect(cut.successCount + cut.failureCount).toBe(50);
  });

  it('an address of the other family than ProtocolVersion: Error_Other', () => {
    expect(ping('8.8.8.8', { protocolVersion: 'IPv6' }).state).toBe('Error_Other');
    expect(ping('::1', { protocolVersion: 'IPv4' }).state).toBe('Error_Other');
    expect(ping('8.8.8.8', { protocolVersion: 'IPv4' }).state).toBe('Complete');
  });

  it('run time: 50 ms a repetition, at most 2 s; huge repetition counts stay cheap and add up', () => {
    expect(ping('8.8.8.8', { repetitions: 4 }).durationMs).toBe(200);
    expect(ping('192.0.2.1', { repetitions: 1000 }).durationMs).toBe(2000);
    const t0 = performance.now();
    const r = ping('8.8.8.8', { repetitions: 4294967295, timeoutMs: 20 });
    expect(performance.now() - t0).toBeLessThan(200);
    expect(r.successCount + r.failureCount).toBe(4294967295);
  });
});

describe('IPPing in the data models', () => {
  for (const kind of ['tr181', 'tr098'] as const) {
    const model = loadDataModel(kind);
    const obj = ipPingObject(model.root);

    it(`${kind}: every value a test can leave fits ${obj}'s definitions`, () => {
      const results = ['127.0.0.1', '192.0.2.1', '8.8.8.8', 'x.invalid', '::1'].map((h) => ping(h, { protocolVersion: h === '::1' ? 'IPv4' : 'Any' }));
      expect(new Set(results.map((r) => r.state))).toEqual(new Set(['Complete', 'Error_CannotResolveHostName', 'Error_Other']));
      for (const r of results) {
        for (const [name, value] of Object.entries(resultValues(r, '203.0.113.10'))) {
          const def = findParamDef(model, obj + name)?.param;
          if (!def) { expect(kind === 'tr098' && /Detailed$|IPAddressUsed/.test(name), name).toBe(true); continue; }
          expect(checkValue(def, value), `${name}=${value}`).toBeNull();
        }
      }
    });

    it(`${kind}: generated idle, with the usual defaults`, () => {
      const dev = generateDevice(model);
      const v = (name: string) => dev.parameters.find((p) => p.path === obj + name)?.value;
      expect([v('DiagnosticsState'), v('Host'), v('NumberOfRepetitions'), v('Timeout'), v('DataBlockSize'), v('DSCP'), v('Interface')])
        .toEqual(['None', '', '4', '1000', '64', '0', '']);
      expect([v('SuccessCount'), v('FailureCount'), v('AverageResponseTime'), v('MinimumResponseTime'), v('MaximumResponseTime')])
        .toEqual(['0', '0', '0', '0', '0']);
      if (kind === 'tr181') {
        expect([v('ProtocolVersion'), v('IPAddressUsed'), v('AverageResponseTimeDetailed')]).toEqual(['Any', '', '0']);
        expect(dev.parameters.find((p) => p.path === 'Device.IP.Diagnostics.IPv4PingSupported')?.value).toBe('true');
      }
    });
  }
});

describe('DiagnosticsState writes (TR-181 DiagnosticsState data type, TR-098 IPPingDiagnostics)', () => {
  const setup = (kind: 'tr181' | 'tr098') => {
    const state = new CpeState(templateFor({ model: kind }));
    const timers: (() => void)[] = [];
    const done: string[] = [];
    const diag = new IpPingDiagnostics(state, { later: (_ms, fn) => timers.push(fn), completed: (s) => done.push(s), log: () => undefined });
    const obj = ipPingObject(state.root);
    const spv = (values: Record<string, string>) => {
      const list = Object.entries(values).map(([n, v]) => ({ Name: obj + n, Value: v, Type: state.entry(obj + n)!.type }));
      state.setParameterValues(list, '', (n, v) => diag.refuse(n, v));
      return diag.written(list);
    };
    return { state, timers, done, spv, get: (n: string) => state.get(obj + n) };
  };
  const faultOf = (fn: () => unknown) => {
    try { fn(); } catch (e) { if (e instanceof CpeFault) return e; throw e; }
    throw new Error('expected a CpeFault');
  };

  it('only Requested (and Canceled on TR-181) may be written: 9003 with 9007 for the others', () => {
    const t181 = setup('tr181');
    for (const v of ['None', 'Complete', 'Error_Internal']) {
      const f = faultOf(() => t181.spv({ DiagnosticsState: v }));
      expect(f.code).toBe(9003);
      expect(f.spv?.[0]).toMatchObject({ ParameterName: 'Device.IP.Diagnostics.IPPing.DiagnosticsState', FaultCode: 9007 });
    }
    expect(t181.spv({ DiagnosticsState: 'Canceled' })).toBeUndefined();
    expect(t181.get('DiagnosticsState')).toBe('None');
    const t098 = setup('tr098');
    expect(faultOf(() => t098.spv({ DiagnosticsState: 'Canceled' })).spv?.[0]?.FaultCode).toBe(9007);
    // Atomic (A.3.2.1): the refused SPV changed nothing.
    expect(faultOf(() => t098.spv({ Host: 'a.test', DiagnosticsState: 'None' })).code).toBe(9003);
    expect(t098.get('Host')).toBe('');
  });

  it('runs after the session; a test parameter written before then or meanwhile terminates it, None, no completion', () => {
    const t = setup('tr181');
    const after = t.spv({ Host: '127.0.0.1', NumberOfRepetitions: '3', DiagnosticsState: 'Requested' })!;
    expect(t.get('DiagnosticsState')).toBe('Requested');
    expect(t.timers).toHaveLength(0);   // nothing before the session ends
    after();
    t.timers.shift()!();
    expect(t.done).toEqual(['Complete']);
    expect([t.get('DiagnosticsState'), t.get('SuccessCount'), t.get('FailureCount'), t.get('IPAddressUsed')]).toEqual(['Complete', '3', '0', '127.0.0.1']);
    // Requested, then Host in a later SPV of the same session: the request is gone.
    const stale = t.spv({ DiagnosticsState: 'Requested' })!;
    t.spv({ Host: '8.8.8.8' });
    expect(t.get('DiagnosticsState')).toBe('None');
    stale();
    expect(t.timers).toHaveLength(0);
    // Running, then DataBlockSize: terminated.
    t.spv({ DiagnosticsState: 'Requested' })!();
    t.spv({ DataBlockSize: '100' });
    t.timers.shift()!();
    expect(t.done).toEqual(['Complete']);
    expect(t.get('DiagnosticsState')).toBe('None');
    // Requested again while running: restarted with the current parameters, one completion.
    t.spv({ DiagnosticsState: 'Requested' })!();
    t.spv({ NumberOfRepetitions: '2', DiagnosticsState: 'Requested' })!();
    for (const fn of t.timers.splice(0)) fn();
    expect(t.done).toEqual(['Complete', 'Complete']);
    expect([t.get('SuccessCount'), t.get('IPAddressUsed')]).toEqual(['2', '203.0.113.10']);
  });
});
