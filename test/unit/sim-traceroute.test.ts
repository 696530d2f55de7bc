// The virtual CPE's simulated TraceRoute (electron/sim/diagnostics-traceroute.ts):
// the pure route function and its host rules, the values it writes checked
// against the TR-181 Device:2.19 / TR-098 IGD:1.14 definitions, the generated
// defaults, and the RouteHops.{i}. rows on a real CpeState. The protocol run
// (SPV, 8 DIAGNOSTICS COMPLETE) is in test/integration/virtual-cpe-traceroute.test.ts.
import { isIPv4, isIPv6 } from 'node:net';
import { describe, expect, it } from 'vitest';
import { findParamDef, loadDataModel } from '../../electron/lib/datamodel/bbf-model';
import { checkValue } from '../../shared/model/value-check';
import { CpeFault, CpeState } from '../../electron/sim/cpe-state';
import { diagnosticsHooks } from '../../electron/sim/diagnostics';
import { IpPingDiagnostics, ipPingObject, pingResult } from '../../electron/sim/diagnostics-ping';
import {
  defaultGateways, hopValues, targetAddress, traceRoute, TraceRouteDiagnostics, traceRouteObject, traceRouteValues, type RouteHop,
  type TraceRouteRequest,
} from '../../electron/sim/diagnostics-traceroute';
import { generateDevice } from '../../electron/sim/generate';
import { templateFor } from '../../electron/sim/templates';

const trace = (host: string, over: Partial<TraceRouteRequest> = {}) =>
  traceRoute({ host, tries: 3, timeoutMs: 5000, dataBlockSize: 38, maxHopCount: 30, ...over });

/** 100.64.0.0/10 (RFC 6598): 100.64.0.0–100.127.255.255. */
const inSharedSpace = (a: string) => isIPv4(a) && a.startsWith('100.') && Number(a.split('.')[1]) >= 64 && Number(a.split('.')[1]) <= 127;
/** 198.18.0.0/15 (RFC 2544). */
const inBenchmarking = (a: string) => /^198\.(18|19)\.\d+\.\d+$/.test(a) && isIPv4(a);
const STAR = (tries: number): RouteHop => ({ host: '', address: '', errorCode: 0, rttMs: Array(tries).fill(0) });
const NAMES = ['www.example.com', 'acs.example.com', 'host.test', 'router.home.arpa', 'nas.lan', 'www.google.com', 'speedtest.net', 'a.b.c.example.org'];

describe('traceRoute: host rules', () => {
  it('loopback (127.0.0.0/8, ::1, localhost): 1 hop, the host itself, every try 1 ms (rounded up)', () => {
    for (const [host, hop] of [
      ['127.0.0.1', { host: '127.0.0.1', address: '127.0.0.1' }],
      ['127.9.8.7', { host: '127.9.8.7', address: '127.9.8.7' }],
      ['::1', { host: '::1', address: '::1' }],
      ['LOCALHOST.', { host: 'localhost', address: '127.0.0.1' }],
      ['cpe.localhost', { host: 'cpe.localhost', address: '127.0.0.1' }],
    ] as const) {
      expect(trace(host), host).toMatchObject({
        state: 'Complete', target: 'loopback', responseTimeMs: 1, durationMs: 100, hops: [{ ...hop, errorCode: 0, rttMs: [1, 1, 1] }],
      });
    }
    expect(trace('localhost', { protocolVersion: 'IPv6', tries: 2 }).hops).toEqual([{ host: 'localhost', address: '::1', errorCode: 0, rttMs: [1, 1] }]);
  });

  it('RFC 5737 TEST-NET: no answer at any TTL up to MaxHopCount, Error_MaxHopCountExceeded, ResponseTime 0', () => {
    for (const host of ['192.0.2.1', '198.51.100.53', '203.0.113.10', '::ffff:192.0.2.9']) {
      const r = trace(host);
      expect(r, host).toMatchObject({ state: 'Error_MaxHopCountExceeded', target: 'unreachable', responseTimeMs: 0, durationMs: 3000 });
      expect(r.hops).toEqual(Array(30).fill(STAR(3)));
    }
    expect(trace('192.0.2.1', { maxHopCount: 5, tries: 1 })).toMatchObject({ hops: Array(5).fill(STAR(1)), durationMs: 500 });
  });

  it('unresolvable (the ping resolver): Error_CannotResolveHostName, no hops', () => {
    for (const host of ['', '   ', 'nowhere.invalid', 'invalid', 'acs', '[::1]', '1.2.3', 'a..b', '-x.com', 'x_y.com']) {
      expect(trace(host), JSON.stringify(host)).toEqual({
        state: 'Error_CannotResolveHostName', target: null, family: null, hops: [], responseTimeMs: 0, durationMs: 50,
      });
      expect(pingResult({ host, repetitions: 1, timeoutMs: 1000, dataBlockSize: 64 }).state).toBe('Error_CannotResolveHostName');
    }
  });

  it('a name: 4–10 hops by host — the gateway, ISP routers in 100.64.0.0/10, the target in 198.18.0.0/15', () => {
    const lengths = new Set<number>();
    for (const host of NAMES) {
      const r = trace(host, { gateway: { 4: '203.0.113.1' } });
      expect(r.state, host).toBe('Complete');
      expect(r.hops.length).toBeGreaterThanOrEqual(4);
      expect(r.hops.length).toBeLessThanOrEqual(10);
      lengths.add(r.hops.length);
      const [first, ...rest] = r.hops;
      const last = rest.pop()!;
      expect(first).toMatchObject({ host: '203.0.113.1', address: '203.0.113.1', errorCode: 0 });
      for (const h of rest) {
        expect(h.host, host).toMatch(/^(bras|agg|core|peer)-[1-8]\.isp\.example\.net$/);
        expect(inSharedSpace(h.address), h.address).toBe(true);
        expect(h.errorCode).toBe(0);
      }
      expect(rest[0]!.host).toMatch(/^bras-/);
      expect(last).toMatchObject({ host, address: targetAddress(host, 4), errorCode: 0 });
      expect(inBenchmarking(last.address), last.address).toBe(true);
      // Rising with the hop; every try answered, at least 1 ms.
      for (let i = 1; i < r.hops.length; i++) {
        expect(Math.min(...r.hops[i]!.rttMs)).toBeGreaterThanOrEqual(Math.max(...r.hops[i - 1]!.rttMs));
      }
      for (const h of r.hops) expect(h.rttMs.every((ms) => ms >= 1) && h.rttMs.length === 3).toBe(true);
      // The target answers in the ping's time for the same host (8–40 ms + jitter + payload).
      const ping = pingResult({ host, repetitions: 20, timeoutMs: 5000, dataBlockSize: 38 });
      expect(Math.abs(r.responseTimeMs - ping.averageUs / 1000)).toBeLessThanOrEqual(Math.max(3, (ping.averageUs / 1000) / 8));
      expect(r.durationMs).toBe(r.hops.length * 100);
      // Deterministic, whatever the case or trailing dot.
      expect(trace(`${host.toUpperCase()}.`, { gateway: { 4: '203.0.113.1' } })).toEqual(r);
    }
    expect(lengths.size).toBeGreaterThanOrEqual(3);
  });

  it('an address: the literal is the last hop (no reverse name); without a gateway, hop 1 is 100.64.0.1', () => {
    const r = trace('8.8.8.8');
    expect(r.hops[0]).toMatchObject({ host: '100.64.0.1', address: '100.64.0.1' });
    expect(r.hops.at(-1)).toMatchObject({ host: '8.8.8.8', address: '8.8.8.8' });
    expect(r.state).toBe('Complete');
  });

  it('IPv6: a v6 route (RFC 3849 routers, RFC 5180 target); ProtocolVersion against the literal: Error_Other', () => {
    const r = trace('www.example.com', { protocolVersion: 'IPv6', gateway: { 4: '203.0.113.1' } });
    expect(r).toMatchObject({ state: 'Complete', family: 6 });
    expect(r.hops[0]!.host).toBe('2001:db8::1');
    for (const h of r.hops.slice(1, -1)) expect(isIPv6(h.address) && h.address.startsWith('2001:db8:'), h.address).toBe(true);
    expect(r.hops.at(-1)!.address).toMatch(/^2001:2:0:[0-9a-f]+::[0-9a-f]+$/);
    expect(isIPv6(r.hops.at(-1)!.address)).toBe(true);
    expect(trace('2001:4860:4860::8888', { gateway: { 6: 'fe80::1' } }).hops[0]!.host).toBe('fe80::1');
    expect(trace('8.8.8.8', { protocolVersion: 'IPv6' })).toMatchObject({ state: 'Error_Other', hops: [], responseTimeMs: 0 });
    expect(trace('::1', { protocolVersion: 'IPv4' }).state).toBe('Error_Other');
  });

  it('a path longer than MaxHopCount: the first MaxHopCount hops, Error_MaxHopCountExceeded, ResponseTime 0', () => {
    const full = trace('www.example.com');
    const n = full.hops.length;
    expect(trace('www.example.com', { maxHopCount: n })).toEqual(full);
    const cut = trace('www.example.com', { maxHopCount: n - 1 });
    expect(cut).toMatchObject({ state: 'Error_MaxHopCountExceeded', responseTimeMs: 0 });
    expect(cut.hops).toEqual(full.hops.slice(0, n - 1));
    expect(trace('www.example.com', { maxHopCount: 1 }).hops).toEqual(full.hops.slice(0, 1));
  });

  it('Timeout per probe: late answers are 0; a target that never answers in time means stars up to MaxHopCount', () => {
    const full = trace('acs.example.com', { maxHopCount: 12 });
    const target = full.hops.at(-1)!;
    const r = trace('acs.example.com', { maxHopCount: 12, timeoutMs: Math.min(...target.rttMs) - 1 });
    expect(r.state).toBe('Error_MaxHopCountExceeded');
    expect(r.hops).toHaveLength(12);
    expect(r.hops[0]).toEqual(full.hops[0]);
    expect(r.hops.slice(full.hops.length)).toEqual(Array(12 - full.hops.length).fill(STAR(3)));
    expect(r.hops[full.hops.length - 1]).toEqual(STAR(3));
    expect(r.durationMs).toBe(1200);
  });

  it('NumberOfTries gives the RTTimes per hop; run time 100 ms a hop, at most 3 s', () => {
    for (const tries of [1, 2, 3]) for (const h of trace('nas.lan', { tries }).hops) expect(h.rttMs).toHaveLength(tries);
    expect(trace('192.0.2.1', { maxHopCount: 64 }).durationMs).toBe(3000);
    expect(trace('192.0.2.1', { maxHopCount: 64 }).hops).toHaveLength(64);
  });
});

describe('TraceRoute in the data models', () => {
  for (const kind of ['tr181', 'tr098'] as const) {
    const model = loadDataModel(kind);
    const obj = traceRouteObject(model.root);

    it(`${kind}: every value a run can leave fits ${obj}'s definitions`, () => {
      const results = [
        trace('127.0.0.1', { tries: 1 }), trace('192.0.2.1'), trace('www.example.com'), trace('x.invalid'), trace('nas.lan', { maxHopCount: 2 }),
        trace('www.example.com', { protocolVersion: 'IPv6', dataBlockSize: 65535 }), trace('acs.example.com', { timeoutMs: 15 }),
      ];
      const states = new Set(results.map((r) => r.state));
      expect(states).toEqual(new Set(['Complete', 'Error_MaxHopCountExceeded', 'Error_CannotResolveHostName']));
      expect(findParamDef(model, `${obj}DiagnosticsState`)?.param.enumeration).toEqual(expect.arrayContaining([...states]));
      for (const r of results) {
        for (const [name, value] of Object.entries(traceRouteValues(r, '203.0.113.10'))) {
          const def = findParamDef(model, obj + name)?.param;
          if (!def) { expect(kind === 'tr098' && name === 'IPAddressUsed', name).toBe(true); continue; }
          expect(checkValue(def, value), `${name}=${value}`).toBeNull();
        }
        for (const hop of r.hops) {
          for (const [name, value] of Object.entries(hopValues(kind, hop))) {
            const def = findParamDef(model, `${obj}RouteHops.1.${name}`)?.param;
            expect(def, name).toBeDefined();
            expect(checkValue(def!, value), `${name}=${value}`).toBeNull();
          }
        }
      }
      expect(Object.keys(hopValues(kind, STAR(3)))).toEqual(kind === 'tr181'
        ? ['Host', 'HostAddress', 'ErrorCode', 'RTTimes'] : ['HopHost', 'HopHostAddress', 'HopErrorCode', 'HopRTTimes']);
    });

    it(`${kind}: generated idle, with the model's SHOULD defaults, no hops`, () => {
      const dev = generateDevice(model);
      const v = (name: string) => dev.parameters.find((p) => p.path === obj + name)?.value;
      expect([v('DiagnosticsState'), v('Host'), v('NumberOfTries'), v('Timeout'), v('DataBlockSize'), v('DSCP'), v('MaxHopCount'), v('Interface')])
        .toEqual(['None', '', '3', '5000', '38', '0', '30', '']);
      expect([v('ResponseTime'), v('RouteHopsNumberOfEntries')]).toEqual(['0', '0']);
      expect(dev.parameters.some((p) => p.path.startsWith(`${obj}RouteHops.`))).toBe(false);
      if (kind === 'tr181') {
        expect([v('ProtocolVersion'), v('IPAddressUsed')]).toEqual(['Any', '']);
        expect(dev.parameters.find((p) => p.path === 'Device.IP.Diagnostics.IPv4TraceRouteSupported')?.value).toBe('true');
      }
    });
  }
});

describe('TraceRoute on a CpeState: RouteHops rows, writes', () => {
  const setup = (kind: 'tr181' | 'tr098') => {
    const state = new CpeState(templateFor({ model: kind }));
    const timers: (() => void)[] = [];
    const done: string[] = [];
    const host = { later: (_ms: number, fn: () => void) => timers.push(fn), completed: (s: string) => done.push(s), log: () => undefined };
    const hooks = diagnosticsHooks([new IpPingDiagnostics(state, host), new TraceRouteDiagnostics(state, host)]);
    const obj = traceRouteObject(state.root);
    const spv = (values: Record<string, string>, o = obj) => {
      const list = Object.entries(values).map(([n, v]) => ({ Name: o + n, Value: v, Type: state.entry(o + n)!.type }));
      state.setParameterValues(list, '', hooks.refuse);
      return hooks.written(list);
    };
    const flush = () => { for (const fn of timers.splice(0)) fn(); };
    const run = (values: Record<string, string>) => {
      spv({ ...values, DiagnosticsState: 'Requested' })!();
      flush();
    };
    const rows = () => state.getParameterNames(`${obj}RouteHops.`, true).map((p) => p.Name.slice(obj.length));
    return { state, done, spv, run, flush, rows, obj, get: (n: string) => state.get(obj + n) };
  };

  it('the default route gives hop 1: 203.0.113.1 on both models', () => {
    expect(defaultGateways(new CpeState(templateFor({ model: 'tr181' })))[4]).toBe('203.0.113.1');
    expect(defaultGateways(new CpeState(templateFor({ model: 'tr098' })))[4]).toBe('203.0.113.1');
  });

  for (const kind of ['tr181', 'tr098'] as const) {
    it(`${kind}: rows 1..n with the hops, RouteHopsNumberOfEntries; a new run replaces them, numbered from 1 again`, () => {
      const t = setup(kind);
      const p = kind === 'tr098' ? 'Hop' : '';
      t.run({ Host: 'www.example.com' });
      const expected = trace('www.example.com', { gateway: { 4: '203.0.113.1' } });
      expect(t.done).toEqual(['Complete']);
      expect(t.rows()).toEqual(expected.hops.map((_, i) => `RouteHops.${i + 1}.`));
      expect(t.get('RouteHopsNumberOfEntries')).toBe(String(expected.hops.length));
      expect([t.get('RouteHops.1.' + `${p}Host`), t.get(`RouteHops.${expected.hops.length}.${p}HostAddress`)])
        .toEqual(['203.0.113.1', targetAddress('www.example.com', 4)]);
      expect(t.get(`RouteHops.2.${p}RTTimes`)).toBe(expected.hops[1]!.rttMs.join(','));
      expect(t.get('ResponseTime')).toBe(String(expected.responseTimeMs));
      if (kind === 'tr181') expect(t.get('IPAddressUsed')).toBe(t.state.get('Device.IP.Interface.1.IPv4Address.1.IPAddress'));
      // GetParameterValues on the object reads the rows' parameters.
      const names = t.state.getParameterValues([t.obj]).map((v) => v.Name.slice(t.obj.length));
      expect(names).toEqual(expect.arrayContaining([`RouteHops.1.${p}Host`, `RouteHops.1.${p}RTTimes`, `RouteHops.${expected.hops.length}.${p}ErrorCode`]));

      t.run({ Host: '127.0.0.1' });
      expect(t.rows()).toEqual(['RouteHops.1.']);
      expect([t.get('RouteHopsNumberOfEntries'), t.get(`RouteHops.1.${p}Host`), t.get('DiagnosticsState')]).toEqual(['1', '127.0.0.1', 'Complete']);
      t.run({ Host: 'x.invalid' });
      expect(t.rows()).toEqual([]);
      expect([t.get('RouteHopsNumberOfEntries'), t.get('ResponseTime'), t.get('DiagnosticsState')]).toEqual(['0', '0', 'Error_CannotResolveHostName']);
      expect(t.done).toEqual(['Complete', 'Complete', 'Error_CannotResolveHostName']);
      // A result table: the ACS cannot add rows.
      expect(() => t.state.addObject(`${t.obj}RouteHops.`, '')).toThrow(CpeFault);
    });
  }

  it('only Requested (and Canceled on TR-181) may be written; TraceRoute and IPPing run and abort independently', () => {
    const t181 = setup('tr181');
    for (const v of ['None', 'Complete', 'Error_MaxHopCountExceeded']) {
      let fault: unknown;
      try { t181.spv({ DiagnosticsState: v }); } catch (e) { fault = e; }
      expect(fault).toBeInstanceOf(CpeFault);
      expect((fault as CpeFault).spv?.[0]).toMatchObject({ ParameterName: `${t181.obj}DiagnosticsState`, FaultCode: 9007 });
    }
    const t098 = setup('tr098');
    expect(() => t098.spv({ DiagnosticsState: 'Canceled' })).toThrow(CpeFault);

    // A trace and a ping requested together; a TraceRoute parameter written meanwhile ends the trace only.
    const t = setup('tr181');
    const a = t.spv({ Host: '127.0.0.1', DiagnosticsState: 'Requested' })!;
    const b = t.spv({ Host: '127.0.0.1', DiagnosticsState: 'Requested' }, ipPingObject('Device.'))!;
    a();
    b();
    t.spv({ MaxHopCount: '5' });
    expect(t.get('DiagnosticsState')).toBe('None');
    const ping = ipPingObject('Device.');
    expect(t.state.get(`${ping}DiagnosticsState`)).toBe('Requested');
    t.flush();
    expect(t.done).toEqual(['Complete']);
    expect([t.state.get(`${ping}DiagnosticsState`), t.get('DiagnosticsState'), t.get('RouteHopsNumberOfEntries')]).toEqual(['Complete', 'None', '0']);
  });
});
