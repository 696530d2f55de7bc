// The TraceRoute diagnostic of a virtual CPE: TR-181 Device:2.19
// Device.IP.Diagnostics.TraceRoute. and TR-098 IGD:1.14
// InternetGatewayDevice.TraceRouteDiagnostics., with the hops as rows of
// RouteHops.{i}. (TR-181 Host, HostAddress, ErrorCode, RTTimes; TR-098 the
// same names prefixed with "Hop"). The route is a pure, deterministic
// function of the test parameters (traceRoute below), on the ping's simulated
// resolver (diagnostics.ts); no probe ever leaves the machine. Every address
// it invents is one that is never routed on the Internet: RFC 6598 shared
// address space (100.64.0.0/10) for the ISP's routers, RFC 2544 benchmarking
// (198.18.0.0/15) for a named target, and for IPv6 RFC 3849 documentation
// (2001:db8::/32) and RFC 5180 benchmarking (2001:2::/48).
import { isIPv4, isIPv6 } from 'node:net';
import type { CpeState } from './cpe-state';
import { DiagnosticTest, hash, payloadUs, remoteRttUs, resolveHost, type DiagnosticsHost, type Target, type TestRun } from './diagnostics';
import type { Preset } from './presets';
import { createPrng } from './prng';

// --- the simulated test (pure) -------------------------------------------------------

export interface TraceRouteRequest {
  host: string;
  /** NumberOfTries: probes per hop (the model allows 1–3). */
  tries: number;
  /** Per probe, milliseconds: a later answer counts as none. */
  timeoutMs: number;
  dataBlockSize: number;
  /** MaxHopCount, the highest TTL sent (the model allows 1–64). */
  maxHopCount: number;
  /** TR-181 ProtocolVersion (TR-098: always Any). */
  protocolVersion?: string;
  /** The device's default gateway per family: hop 1 (else 100.64.0.1 / 2001:db8::1). */
  gateway?: { 4?: string; 6?: string };
}

/** Of the DiagnosticsState values both models declare (Error_Other: TR-181 only, for a ProtocolVersion mismatch). */
export type TraceRouteState = 'Complete' | 'Error_CannotResolveHostName' | 'Error_MaxHopCountExceeded' | 'Error_Other';

export interface RouteHop {
  /** The hop's reverse-DNS name, else its address; '' when nothing answered at this TTL. */
  host: string;
  /**
   * The address that answered; '' when none did. HostAddress "will contain the
   * last IP address of the host returned for this hop and the Host will
   * contain the Host Name returned from the reverse DNS query" (or, without
   * one, the address again).
   */
  address: string;
  /**
   * "directly from the ICMP CODE field": probes are ICMP echo requests, so a
   * router answers Time Exceeded code 0 and the target Echo Reply code 0; 0
   * too when nothing answered.
   */
  errorCode: number;
  /** One per try, milliseconds, at least 1; 0 = that try got no answer (TR-181 RTTimes). */
  rttMs: number[];
}

export interface TraceRouteResult {
  state: TraceRouteState;
  target: Target | null;
  family: 4 | 6 | null;
  hops: RouteHop[];
  /** The target's average answer time, ms; 0 when no route was determined (TR-181/TR-098 "MUST be zero"). */
  responseTimeMs: number;
  /** How long the simulated run takes, milliseconds (before VirtualCpeOptions.timeScale). */
  durationMs: number;
}

const PER_HOP_MS = 100;
const MAX_RUN_MS = 3000;
const FAIL_MS = 50;
const MIN_HOPS = 4;
const MAX_HOPS = 10;
/** FNV-1a of similar strings differs in few bits: the murmur3 finalizer spreads them (varied names and addresses). */
const mixed = (s: string): number => {
  let h = hash(s);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};
const NO_ANSWER = (tries: number): RouteHop => ({ host: '', address: '', errorCode: 0, rttMs: Array<number>(tries).fill(0) });

/** 100.64.0.0/10 (RFC 6598) or 2001:db8::/32 (RFC 3849), by hash. */
const ispAddress = (h: number, family: 4 | 6): string => family === 4
  ? `100.${64 + (h & 63)}.${(h >>> 6) & 255}.${1 + ((h >>> 14) % 254)}`
  : `2001:db8:${(h >>> 16).toString(16)}:${(h & 0xffff).toString(16)}::1`;

/** A named target's address: 198.18.0.0/15 (RFC 2544) or 2001:2::/48 (RFC 5180), by hash. */
export const targetAddress = (name: string, family: 4 | 6): string => {
  const h = mixed(`addr:${name}`);
  return family === 4
    ? `198.${18 + (h & 1)}.${(h >>> 1) & 255}.${1 + ((h >>> 9) % 254)}`
    : `2001:2:0:${(h & 0xffff).toString(16)}::${(1 + (h >>> 16)).toString(16)}`;
};

/** Router names along the way: the access BRAS, aggregation, core, the peering edge. */
function routerName(i: number, n: number, h: number): string {
  const role = i === 2 ? 'bras' : i === n - 1 ? 'peer' : i === 3 ? 'agg' : 'core';
  return `${role}-${1 + (h % 8)}.isp.example.net`;
}

export function traceRoute(r: TraceRouteRequest): TraceRouteResult {
  const tries = Math.min(3, Math.max(1, Math.floor(r.tries)));
  const maxHops = Math.min(64, Math.max(1, Math.floor(r.maxHopCount)));
  const res = resolveHost(r.host, r.protocolVersion);
  if (!res.ok) return { state: res.state, target: null, family: null, hops: [], responseTimeMs: 0, durationMs: FAIL_MS };
  const { host, target, family } = res;
  const done = (state: TraceRouteState, hops: RouteHop[], responseTimeMs = 0): TraceRouteResult =>
    ({ state, target, family, hops, responseTimeMs, durationMs: Math.min(hops.length * PER_HOP_MS, MAX_RUN_MS) });
  // RFC 5737 TEST-NET: no answer at any TTL, up to MaxHopCount.
  if (target === 'unreachable') return done('Error_MaxHopCountExceeded', Array.from({ length: maxHops }, () => NO_ANSWER(tries)));

  // The path: name (or address), address, base round trip µs per hop.
  const rnd = createPrng(hash(`route:${host}`));
  const named = (address: string) => ({ host, address: res.literal ? host : address });
  let path: { host: string; address: string; baseUs: number; stepUs: number }[];
  if (target === 'loopback') {
    // The host itself, at TTL 1: 20–900 µs.
    path = [{ ...named(family === 6 ? '::1' : '127.0.0.1'), baseUs: 20, stepUs: 880 }];
  } else {
    const n = MIN_HOPS + (mixed(`hops:${host}`) % (MAX_HOPS - MIN_HOPS + 1));
    const given = r.gateway?.[family];
    const gw = given && (family === 4 ? isIPv4(given) : isIPv6(given)) ? given : family === 4 ? '100.64.0.1' : '2001:db8::1';
    // Rising with the hop: the gateway at 0.4–2 ms, the target at the ping's time for this host.
    const firstUs = 400 + (hash(`gw:${gw}`) % 1601);
    const lastUs = remoteRttUs(host) + payloadUs(r.dataBlockSize);
    const stepUs = (lastUs - firstUs) / (n - 1);
    path = Array.from({ length: n }, (_, k) => {
      const i = k + 1;
      const h = mixed(`hop:${host}:${i}`);
      const at = i === 1 ? { host: gw, address: gw }
        : i === n ? named(targetAddress(host, family))
          : { host: routerName(i, n, h), address: ispAddress(h, family) };
      return { ...at, baseUs: Math.round(firstUs + stepUs * k), stepUs: Math.floor(stepUs / 2) };
    });
  }

  // Each try answers within [base, base + step/2): later hops never answer faster.
  const limitUs = Math.max(1, r.timeoutMs) * 1000;
  const hops: RouteHop[] = path.slice(0, maxHops).map((p) => {
    const rttUs = Array.from({ length: tries }, () => p.baseUs + rnd.int(0, p.stepUs));
    if (rttUs.every((us) => us > limitUs)) return NO_ANSWER(tries);
    // "Round trip times of less than 1 milliseconds MUST be rounded up to 1."
    return { host: p.host, address: p.address, errorCode: 0, rttMs: rttUs.map((us) => (us > limitUs ? 0 : Math.max(1, Math.round(us / 1000)))) };
  });
  const last = hops.length === path.length ? hops[hops.length - 1]! : undefined;
  const answered = last?.rttMs.filter((ms) => ms > 0) ?? [];
  if (!answered.length) {
    // Not reached within MaxHopCount, or the target never answered in time (the TTL keeps rising).
    while (hops.length < maxHops) hops.push(NO_ANSWER(tries));
    return done('Error_MaxHopCountExceeded', hops);
  }
  return done('Complete', hops, Math.max(1, Math.round(answered.reduce((a, b) => a + b, 0) / answered.length)));
}

// --- the data model ------------------------------------------------------------------

/** The TraceRoute object of a root. */
export const traceRouteObject = (root: string): string =>
  root === 'InternetGatewayDevice.' ? 'InternetGatewayDevice.TraceRouteDiagnostics.' : `${root}IP.Diagnostics.TraceRoute.`;

/** Generated defaults: idle, the values the models say a CPE SHOULD start with, results 0 (generate.ts). */
export function traceRoutePresets(obj: string): Record<string, Preset> {
  const v = (s: string): Preset => () => s;
  return {
    [`${obj}DiagnosticsState`]: v('None'),
    [`${obj}Interface`]: v(''),   // empty: the routing policy picks it
    [`${obj}ProtocolVersion`]: v('Any'),
    [`${obj}Host`]: v(''),
    [`${obj}NumberOfTries`]: v('3'),
    [`${obj}Timeout`]: v('5000'),
    [`${obj}DataBlockSize`]: v('38'),
    [`${obj}DSCP`]: v('0'),
    [`${obj}MaxHopCount`]: v('30'),
    [`${obj}IPAddressUsed`]: v(''),
    [`${obj}ResponseTime`]: v('0'),
  };
}

/** One RouteHops.{i}. row's values: TR-181 names, or TR-098's "Hop" ones. */
export function hopValues(kind: 'tr181' | 'tr098', hop: RouteHop): Record<string, string> {
  const p = kind === 'tr098' ? 'Hop' : '';
  return {
    [`${p}Host`]: hop.host, [`${p}HostAddress`]: hop.address, [`${p}ErrorCode`]: String(hop.errorCode), [`${p}RTTimes`]: hop.rttMs.join(','),
  };
}

/** The object's own results, DiagnosticsState last (RouteHopsNumberOfEntries follows the rows). */
export function traceRouteValues(r: TraceRouteResult, ipAddressUsed: string): Record<string, string> {
  return {
    ResponseTime: String(r.responseTimeMs),
    // Valid only when Complete (TR-181 IPAddressUsed).
    IPAddressUsed: r.state === 'Complete' ? ipAddressUsed : '',
    DiagnosticsState: r.state,
  };
}

/**
 * The default route's next hop per family: TR-181 Routing.Router.{i}.
 * IPv4Forwarding (empty DestIPAddress) / IPv6Forwarding (::/0 or empty
 * DestIPPrefix), TR-098 Layer3Forwarding.Forwarding (0.0.0.0 or empty).
 */
export function defaultGateways(state: CpeState): { 4?: string; 6?: string } {
  const out: { 4?: string; 6?: string } = {};
  const table = state.root === 'Device.' ? 'Device.Routing.Router.' : 'InternetGatewayDevice.Layer3Forwarding.';
  if (!state.isObject(table)) return out;
  for (const pv of state.getParameterValues([table])) {
    const m = /^(.*\.)(DestIPAddress|DestIPPrefix)$/.exec(pv.Name);
    if (!m || state.get(`${m[1]}Enable`) === 'false') continue;
    if (m[2] === 'DestIPPrefix' && !out[6] && (pv.Value === '' || pv.Value === '::/0')) {
      const hop = state.get(`${m[1]}NextHop`) ?? '';
      if (isIPv6(hop)) out[6] = hop;
    } else if (m[2] === 'DestIPAddress' && !out[4] && (pv.Value === '' || pv.Value === '0.0.0.0')) {
      const gw = state.get(`${m[1]}GatewayIPAddress`) ?? '';
      if (isIPv4(gw) && gw !== '0.0.0.0') out[4] = gw;
    }
  }
  return out;
}

// --- on the device -------------------------------------------------------------------

export class TraceRouteDiagnostics extends DiagnosticTest {
  constructor(state: CpeState, host: DiagnosticsHost) { super(state, host, 'TraceRoute'); }

  get obj(): string { return traceRouteObject(this.state.root); }

  protected begin(): TestRun {
    const g = (name: string) => this.param(name);
    const req: TraceRouteRequest = {
      host: g('Host'), tries: Number(g('NumberOfTries')) || 3, timeoutMs: Number(g('Timeout')) || 1,
      dataBlockSize: Number(g('DataBlockSize')) || 0, maxHopCount: Number(g('MaxHopCount')) || 30,
      protocolVersion: g('ProtocolVersion') || 'Any', gateway: defaultGateways(this.state),
    };
    const r = traceRoute(req);
    // Results are kept "until either this diagnostic is run again, or the CPE reboots"
    // (TR-181 DiagnosticsState): this run starts with no hops.
    const table = `${this.obj}RouteHops.`;
    this.state.clearInstances(table);
    return {
      durationMs: r.durationMs,
      started: `${req.host || '(no host)'}, at most ${req.maxHopCount} hops`,
      finish: () => {
        // Rows 1..n in TTL order; addInstance keeps RouteHopsNumberOfEntries in step.
        for (const hop of r.hops) {
          const n = this.state.addInstance(table);
          this.setResults(hopValues(this.state.kind, hop), `${table}${n}.`);
        }
        this.setResults(traceRouteValues(r, this.sourceAddress(r.target, r.family, g('Interface'))));
        return { state: r.state, summary: `${r.hops.length} hops` };
      },
    };
  }
}
