// The IP Ping diagnostic of a virtual CPE: TR-181 Device:2.19
// Device.IP.Diagnostics.IPPing. and TR-098 IGD:1.14
// InternetGatewayDevice.IPPingDiagnostics. Simulated: no packet ever leaves
// the machine (ICMP would need raw sockets anyway); the outcome is a pure,
// deterministic function of the test parameters (pingResult below).
//
// The protocol (TR-181 DiagnosticsState data type, TR-098 IPPingDiagnostics.
// DiagnosticsState): the ACS sets the test parameters and DiagnosticsState =
// "Requested" (same SPV or earlier); the CPE runs the test after the session,
// sets the results and Complete (or an Error_ value), then opens a session
// with "8 DIAGNOSTICS COMPLETE" (TR-069 Amd 6 §3.7.1.5, a single event, no
// CommandKey). Writing another test parameter sets DiagnosticsState to None
// and terminates a test in progress; "Canceled" (TR-181 only) does the same;
// the other values are read-only (9007).
import { isIPv4, isIPv6 } from 'node:net';
import type { ParameterValueStruct } from '../../../shared/cwmp/types';
import { findParamDef } from '../datamodel/bbf-model';
import type { CpeState } from './cpe-state';
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

export interface PingResult {
  state: PingState;
  /** What the target turned out to be. */
  target: 'loopback' | 'unreachable' | 'remote' | null;
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

/** Single-label names that resolve (RFC 6761/2606 reserved names, home-network suffixes, RFC 8375); any dotted name resolves too. */
export const RESOLVABLE_SUFFIXES = ['test', 'example', 'example.com', 'example.net', 'example.org', 'home.arpa', 'lan'];
/**
 * A dotted DNS name (RFC 1123 labels) whose last label is not all digits
 * ("1.2.3" is a broken address, not a name): a trainer's "www.google.com"
 * resolves, in this simulated resolver, like it would on a real gateway.
 */
const DOTTED_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?=[a-z0-9-]*[a-z-])[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** RFC 5737 documentation networks (TEST-NET-1/2/3): every echo request times out. */
const TEST_NET = ['192.0.2.', '198.51.100.', '203.0.113.'];
const PER_REPLY_MS = 50;
const MAX_RUN_MS = 2000;
const RESOLVE_FAIL_MS = 50;
/** Replies simulated one by one; more repetitions repeat the same pattern. */
const MAX_SIMULATED = 1000;

/** FNV-1a, 32 bits: the same host gives the same times on every run and platform. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const under = (name: string, suffix: string): boolean => name === suffix || name.endsWith(`.${suffix}`);

/** An IP literal's family and kind, or null for a name. */
function literal(host: string): { family: 4 | 6; loopback: boolean; testNet: boolean } | null {
  let h = host;
  if (isIPv6(h)) {
    const canonical = new URL(`http://[${h}]/`).hostname.slice(1, -1);   // '0:0::1' -> '::1'; no lookup
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h.toLowerCase())?.[1];
    if (!mapped) return { family: 6, loopback: canonical === '::1', testNet: false };
    h = mapped;
  }
  if (!isIPv4(h)) return null;
  return { family: 4, loopback: h.startsWith('127.'), testNet: TEST_NET.some((p) => h.startsWith(p)) };
}

export function pingResult(r: PingRequest): PingResult {
  const host = r.host.trim().toLowerCase().replace(/\.$/, '');
  const n = Math.max(1, Math.floor(r.repetitions));
  const durationMs = Math.min(n * PER_REPLY_MS, MAX_RUN_MS);
  const fail = (state: PingState): PingResult => ({
    state, target: null, family: null, successCount: 0, failureCount: 0, averageUs: 0, minimumUs: 0, maximumUs: 0,
    durationMs: state === 'Error_CannotResolveHostName' ? RESOLVE_FAIL_MS : durationMs,
  });
  const lit = literal(host);
  const want = r.protocolVersion === 'IPv4' ? 4 : r.protocolVersion === 'IPv6' ? 6 : null;
  let family: 4 | 6;
  let target: 'loopback' | 'unreachable' | 'remote';
  if (lit) {
    // An address of the other family than ProtocolVersion asks for: the test cannot run.
    if (want && want !== lit.family) return fail('Error_Other');
    family = lit.family;
    target = lit.loopback ? 'loopback' : lit.testNet ? 'unreachable' : 'remote';
  } else if (under(host, 'localhost')) {
    family = want ?? 4;   // RFC 6761 §6.3: localhost names are the loopback address
    target = 'loopback';
  } else if (host && !under(host, 'invalid') && (DOTTED_NAME.test(host) || RESOLVABLE_SUFFIXES.some((s) => under(host, s)))) {
    family = want ?? 4;
    target = 'remote';
  } else {
    // Empty, RFC 6761 §6.4 .invalid, a single-label name this simulated resolver does not know, or not a name at all.
    return fail('Error_CannotResolveHostName');
  }
  const base: PingResult = {
    state: 'Complete', target, family, successCount: 0, failureCount: 0, averageUs: 0, minimumUs: 0, maximumUs: 0, durationMs,
  };
  if (target === 'unreachable') return { ...base, failureCount: n };
  // Round-trip times: loopback 20–900 µs; otherwise 8–40 ms by host, ±1.5 ms jitter,
  // plus the payload's serialisation both ways (about 100 Mbit/s).
  const rnd = createPrng(hash(host));
  const baseUs = target === 'loopback' ? 0 : 8000 + (hash(`rtt:${host}`) % 32001);
  const payloadUs = Math.round(Math.max(0, r.dataBlockSize) * 0.16);
  const limitUs = Math.max(1, r.timeoutMs) * 1000;
  const k = Math.min(n, MAX_SIMULATED);
  const ok: number[] = [];
  let okInCycle = 0;
  let okInRest = 0;
  for (let i = 0; i < k; i++) {
    const rtt = target === 'loopback' ? rnd.int(20, 900) : baseUs + rnd.int(-1500, 1500) + payloadUs;
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
export function resultValues(r: PingResult, ipAddressUsed: string): Record<string, string> {
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

export interface IpPingHost {
  /** Runs fn after ms (the run time, before timeScale); cleared when the CPE powers off. */
  later(ms: number, fn: () => void): void;
  /** A test finished (not when aborted): report it with 8 DIAGNOSTICS COMPLETE. */
  completed(state: string): void;
  log(line: string): void;
}

export class IpPingDiagnostics {
  /** Bumped by every start and abort: a timer of an older run does nothing. */
  private run = 0;
  private running = false;

  constructor(private readonly state: CpeState, private readonly host: IpPingHost) {}

  private get obj(): string { return ipPingObject(this.state.root); }

  /** SPV check (9007 reason): of DiagnosticsState, only Requested (and Canceled where the model has it) may be written. */
  refuse(name: string, value: string): string | null {
    if (name !== `${this.obj}DiagnosticsState`) return null;
    const declared = findParamDef(this.state.model, name)?.param.enumeration ?? [];
    const writable = ['Requested', 'Canceled'].filter((w) => declared.includes(w));
    return writable.includes(value) ? null : `DiagnosticsState can only be set to ${writable.join(' or ')}`;
  }

  /** After an SPV was applied: the action to run once the session is over, if a test was requested. */
  written(list: readonly ParameterValueStruct[]): (() => void) | undefined {
    const mine = list.filter((pv) => pv.Name.startsWith(this.obj));
    if (!mine.length) return undefined;
    const value = mine.find((pv) => pv.Name === `${this.obj}DiagnosticsState`)?.Value;
    // A new request restarts with the current parameters; Canceled, or any other test parameter
    // written, terminates what was pending or running and sets None (even after Complete).
    this.terminate(value === 'Requested' ? 'restarted' : value === 'Canceled' ? 'canceled' : 'test parameters changed');
    if (value !== 'Requested') {
      this.state.setInternal(`${this.obj}DiagnosticsState`, 'None');
      return undefined;
    }
    const run = this.run;
    // "When requested, the CPE SHOULD wait until after completion of the communication session".
    return () => this.start(run);
  }

  /**
   * Reboot, factory reset, power off: a pending or running test is lost and
   * DiagnosticsState goes back to None; finished results are kept.
   */
  abort(why: string): void {
    this.terminate(why);
    const path = `${this.obj}DiagnosticsState`;
    if (this.state.get(path) === 'Requested') this.state.setInternal(path, 'None');
  }

  private terminate(why: string): void {
    this.run++;
    if (this.running) this.host.log(`IPPing: test terminated (${why})`);
    this.running = false;
  }

  private start(run: number): void {
    if (run !== this.run || this.state.get(`${this.obj}DiagnosticsState`) !== 'Requested') return;
    const g = (name: string) => this.state.get(this.obj + name) ?? '';
    const req: PingRequest = {
      host: g('Host'), repetitions: Number(g('NumberOfRepetitions')) || 1, timeoutMs: Number(g('Timeout')) || 1,
      dataBlockSize: Number(g('DataBlockSize')) || 0, protocolVersion: g('ProtocolVersion') || 'Any',
    };
    const r = pingResult(req);
    this.running = true;
    this.host.log(`IPPing: ${req.repetitions} × ${req.host || '(no host)'} started`);
    this.host.later(r.durationMs, () => {
      if (run !== this.run) return;
      this.running = false;
      this.run++;
      const values = resultValues(r, this.sourceAddress(r, g('Interface')));
      // Results first, the state last; as the device's own changes they raise notification (TR-069 A.3.2.4).
      for (const [name, value] of Object.entries(values)) {
        if (this.state.has(this.obj + name)) this.state.setLocal(this.obj + name, value);
      }
      this.host.log(`IPPing: ${r.state}, ${r.successCount}/${r.successCount + r.failureCount} replies`);
      this.host.completed(r.state);
    });
  }

  /** TR-181 IPAddressUsed: the loopback address, else the chosen (or WAN) IP interface's first address of the family. */
  private sourceAddress(r: PingResult, iface: string): string {
    if (r.target === 'loopback') return r.family === 6 ? '::1' : '127.0.0.1';
    const ip = /^Device\.IP\.Interface\.\d+$/.test(iface.replace(/\.$/, '')) ? iface.replace(/\.$/, '') : 'Device.IP.Interface.1';
    return this.state.get(`${ip}.IPv${r.family ?? 4}Address.1.IPAddress`) ?? '';
  }
}
