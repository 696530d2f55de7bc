// The IP Ping diagnostic of a virtual CPE: TR-181 Device:2.19
// Device.IP.Diagnostics.IPPing. and TR-098 IGD:1.14
// InternetGatewayDevice.IPPingDiagnostics. The outcome is a pure,
// deterministic function of the test parameters (pingResult below); the
// resolver and the DiagnosticsState protocol are shared (diagnostics.ts).
import type { CpeState } from './cpe-state';
import { DiagnosticTest, hash, payloadUs, remoteRttUs, resolveHost, type DiagnosticsHost, type Target, type TestRun } from './diagnostics';
import type { Preset } from './presets';
import { createPrng } from './prng';

// --- the simulated test (pure) -------------------------------------------------------

export interface PingRequest {
  host: string;
  repetitions: number;
  /** Per reply, milliseconds. */
  timeoutMs: number;
  dataBlockSize: number;
  /** TR-181 ProtocolVersion (TR-098: always Any). */
  protocolVersion?: string;
}

export type PingState = 'Complete' | 'Error_CannotResolveHostName' | 'Error_Other';

/** One simulated IPPing run, in the units the simulation keeps (µs); the API's PingResult is what the CPE reported (ms). */
export interface SimulatedPing {
  state: PingState;
  /** What the target turned out to be. */
  target: Target | null;
  family: 4 | 6 | null;
  successCount: number;
  failureCount: number;
  /** Over the successful replies, microseconds; 0 when there were none (TR-181/TR-098 "MUST be zero"). */
  averageUs: number;
  minimumUs: number;
  maximumUs: number;
  /** How long the simulated run takes, milliseconds (before VirtualCpeOptions.timeScale). */
  durationMs: number;
}

const PER_REPLY_MS = 50;
const MAX_RUN_MS = 2000;
const RESOLVE_FAIL_MS = 50;
/** Replies simulated one by one; more repetitions repeat the same pattern. */
const MAX_SIMULATED = 1000;

export function pingResult(r: PingRequest): SimulatedPing {
  const n = Math.max(1, Math.floor(r.repetitions));
  const durationMs = Math.min(n * PER_REPLY_MS, MAX_RUN_MS);
  const fail = (state: PingState): SimulatedPing => ({
    state, target: null, family: null, successCount: 0, failureCount: 0, averageUs: 0, minimumUs: 0, maximumUs: 0,
    durationMs: state === 'Error_CannotResolveHostName' ? RESOLVE_FAIL_MS : durationMs,
  });
  const res = resolveHost(r.host, r.protocolVersion);
  if (!res.ok) return fail(res.state);
  const { host, target, family } = res;
  const base: SimulatedPing = {
    state: 'Complete', target, family, successCount: 0, failureCount: 0, averageUs: 0, minimumUs: 0, maximumUs: 0, durationMs,
  };
  if (target === 'unreachable') return { ...base, failureCount: n };
  // Round-trip times: loopback 20–900 µs; otherwise 8–40 ms by host, ±1.5 ms jitter,
  // plus the payload's serialisation both ways.
  const rnd = createPrng(hash(host));
  const baseUs = target === 'loopback' ? 0 : remoteRttUs(host);
  const extraUs = payloadUs(r.dataBlockSize);
  const limitUs = Math.max(1, r.timeoutMs) * 1000;
  const k = Math.min(n, MAX_SIMULATED);
  const ok: number[] = [];
  let okInCycle = 0;
  let okInRest = 0;
  for (let i = 0; i < k; i++) {
    const rtt = target === 'loopback' ? rnd.int(20, 900) : baseUs + rnd.int(-1500, 1500) + extraUs;
    if (rtt > limitUs) continue;   // arrived after Timeout: a failure
    ok.push(rtt);
    okInCycle++;
    if (i < n % k) okInRest++;
  }
  const successCount = Math.floor(n / k) * okInCycle + okInRest;
  if (!ok.length) return { ...base, failureCount: n };
  return {
    ...base, successCount, failureCount: n - successCount,
    averageUs: Math.round(ok.reduce((a, b) => a + b, 0) / ok.length), minimumUs: Math.min(...ok), maximumUs: Math.max(...ok),
  };
}

// --- the data model ------------------------------------------------------------------

/** The IPPing object of a root. */
export const ipPingObject = (root: string): string =>
  root === 'InternetGatewayDevice.' ? 'InternetGatewayDevice.IPPingDiagnostics.' : `${root}IP.Diagnostics.IPPing.`;

const RESULTS = ['SuccessCount', 'FailureCount', 'AverageResponseTime', 'MinimumResponseTime', 'MaximumResponseTime',
  'AverageResponseTimeDetailed', 'MinimumResponseTimeDetailed', 'MaximumResponseTimeDetailed'] as const;

/** Generated defaults: idle, the usual CPE test parameters, results 0 (generate.ts). */
export function ipPingPresets(obj: string): Record<string, Preset> {
  const v = (s: string): Preset => () => s;
  return {
    [`${obj}DiagnosticsState`]: v('None'),
    [`${obj}Interface`]: v(''),   // empty: the routing policy picks it
    [`${obj}ProtocolVersion`]: v('Any'),
    [`${obj}Host`]: v(''),
    [`${obj}NumberOfRepetitions`]: v('4'),
    [`${obj}Timeout`]: v('1000'),
    [`${obj}DataBlockSize`]: v('64'),
    [`${obj}DSCP`]: v('0'),   // "By default the CPE SHOULD set this value to zero"
    [`${obj}IPAddressUsed`]: v(''),
    ...Object.fromEntries(RESULTS.map((r) => [obj + r, v('0')])),
  };
}

/** The values a finished test leaves in the object (those the model lacks are skipped by the caller). */
export function resultValues(r: SimulatedPing, ipAddressUsed: string): Record<string, string> {
  const ms = (us: number) => String(Math.round(us / 1000));
  return {
    SuccessCount: String(r.successCount), FailureCount: String(r.failureCount),
    AverageResponseTime: ms(r.averageUs), MinimumResponseTime: ms(r.minimumUs), MaximumResponseTime: ms(r.maximumUs),
    AverageResponseTimeDetailed: String(r.averageUs), MinimumResponseTimeDetailed: String(r.minimumUs),
    MaximumResponseTimeDetailed: String(r.maximumUs),
    // Valid only when Complete (TR-181 IPAddressUsed).
    IPAddressUsed: r.state === 'Complete' ? ipAddressUsed : '',
    DiagnosticsState: r.state,
  };
}

// --- on the device -------------------------------------------------------------------

export class IpPingDiagnostics extends DiagnosticTest {
  constructor(state: CpeState, host: DiagnosticsHost) { super(state, host, 'IPPing'); }

  get obj(): string { return ipPingObject(this.state.root); }

  protected begin(): TestRun {
    const g = (name: string) => this.param(name);
    const req: PingRequest = {
      host: g('Host'), repetitions: Number(g('NumberOfRepetitions')) || 1, timeoutMs: Number(g('Timeout')) || 1,
      dataBlockSize: Number(g('DataBlockSize')) || 0, protocolVersion: g('ProtocolVersion') || 'Any',
    };
    const r = pingResult(req);
    return {
      durationMs: r.durationMs,
      started: `${req.repetitions} × ${req.host || '(no host)'}`,
      finish: () => {
        this.setResults(resultValues(r, this.sourceAddress(r.target, r.family, g('Interface'))));
        return { state: r.state, summary: `${r.successCount}/${r.successCount + r.failureCount} replies` };
      },
    };
  }
}
