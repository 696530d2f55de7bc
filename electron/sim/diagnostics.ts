// What the diagnostic tests of a virtual CPE share: the simulated resolver
// and its host rules, and the DiagnosticsState protocol. The tests themselves
// are diagnostics-ping.ts (TR-181 Device:2.19 Device.IP.Diagnostics.IPPing.,
// TR-098 IGD:1.14 InternetGatewayDevice.IPPingDiagnostics.) and
// diagnostics-traceroute.ts (Device.IP.Diagnostics.TraceRoute.,
// InternetGatewayDevice.TraceRouteDiagnostics.). Simulated: no packet ever
// leaves the machine (ICMP would need raw sockets anyway); each outcome is a
// pure, deterministic function of the test parameters.
//
// The protocol (TR-181 DiagnosticsState data type, TR-098 <Test>Diagnostics.
// DiagnosticsState): the ACS sets the test parameters and DiagnosticsState =
// "Requested" (same SPV or earlier); the CPE runs the test after the session,
// sets the results and Complete (or an Error_ value), then opens a session
// with "8 DIAGNOSTICS COMPLETE" (TR-069 Amd 6 §3.7.1.5, a single event, no
// CommandKey). Writing another test parameter sets DiagnosticsState to None
// and terminates a test in progress; "Canceled" (TR-181 only) does the same;
// the other values are read-only (9007).
import { isIPv4, isIPv6 } from 'node:net';
import type { ParameterValueStruct } from '../../shared/cwmp/types';
import { findParamDef } from '../lib/datamodel/bbf-model';
import type { CpeState } from './cpe-state';

// --- the simulated resolver (pure) ---------------------------------------------------

/** Single-label names that resolve (RFC 6761/2606 reserved names, home-network suffixes, RFC 8375); any dotted name resolves too. */
export const RESOLVABLE_SUFFIXES = ['test', 'example', 'example.com', 'example.net', 'example.org', 'home.arpa', 'lan'];
/**
 * A dotted DNS name (RFC 1123 labels) whose last label is not all digits
 * ("1.2.3" is a broken address, not a name): a trainer's "www.google.com"
 * resolves, in this simulated resolver, like it would on a real gateway.
 */
const DOTTED_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?=[a-z0-9-]*[a-z-])[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** RFC 5737 documentation networks (TEST-NET-1/2/3): nothing there ever answers. */
const TEST_NET = ['192.0.2.', '198.51.100.', '203.0.113.'];

/** FNV-1a, 32 bits: the same host gives the same times and routes on every run and platform. */
export function hash(s: string): number {
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

export type Target = 'loopback' | 'unreachable' | 'remote';

export type Resolved =
  | { ok: true; /** Lower case, no trailing dot. */ host: string; target: Target; family: 4 | 6; /** Host was an IP address. */ literal: boolean }
  | { ok: false; state: 'Error_CannotResolveHostName' | 'Error_Other' };

/**
 * The simulated resolver: loopback (127.0.0.0/8, ::1, RFC 6761 §6.3 localhost
 * names), unreachable (RFC 5737 TEST-NET), remote (any other address, dotted
 * names, the RESOLVABLE_SUFFIXES); everything else cannot be resolved.
 * `protocolVersion` is TR-181's ProtocolVersion (Any, IPv4, IPv6).
 */
export function resolveHost(raw: string, protocolVersion?: string): Resolved {
  const host = raw.trim().toLowerCase().replace(/\.$/, '');
  const lit = literal(host);
  const want = protocolVersion === 'IPv4' ? 4 : protocolVersion === 'IPv6' ? 6 : null;
  if (lit) {
    // An address of the other family than ProtocolVersion asks for: the test cannot run.
    if (want && want !== lit.family) return { ok: false, state: 'Error_Other' };
    return { ok: true, host, family: lit.family, target: lit.loopback ? 'loopback' : lit.testNet ? 'unreachable' : 'remote', literal: true };
  }
  if (under(host, 'localhost')) return { ok: true, host, family: want ?? 4, target: 'loopback', literal: false };
  if (host && !under(host, 'invalid') && (DOTTED_NAME.test(host) || RESOLVABLE_SUFFIXES.some((s) => under(host, s)))) {
    return { ok: true, host, family: want ?? 4, target: 'remote', literal: false };
  }
  // Empty, RFC 6761 §6.4 .invalid, a single-label name this simulated resolver does not know, or not a name at all.
  return { ok: false, state: 'Error_CannotResolveHostName' };
}

/** A remote host's base round-trip time, microseconds: 8–40 ms, fixed per host (ping and traceroute agree). */
export const remoteRttUs = (host: string): number => 8000 + (hash(`rtt:${host}`) % 32001);
/** The payload's serialisation both ways (about 100 Mbit/s), microseconds. */
export const payloadUs = (dataBlockSize: number): number => Math.round(Math.max(0, dataBlockSize) * 0.16);

// --- the protocol on the device ------------------------------------------------------

export interface DiagnosticsHost {
  /** Runs fn after ms (the run time, before timeScale); cleared when the CPE powers off. */
  later(ms: number, fn: () => void): void;
  /** A test finished (not when aborted): report it with 8 DIAGNOSTICS COMPLETE. */
  completed(state: string): void;
  log(line: string): void;
}

/** A test about to run: how long it takes, and what it leaves when it finishes. */
export interface TestRun {
  durationMs: number;
  /** Log line at the start. */
  started: string;
  /** Writes the results (the state last); returns the final DiagnosticsState and a log line. */
  finish(): { state: string; summary: string };
}

/** One diagnostic object (IPPing, TraceRoute): the DiagnosticsState rules, run and abort. */
export abstract class DiagnosticTest {
  /** Bumped by every start and abort: a timer of an older run does nothing. */
  private run = 0;
  private running = false;

  constructor(protected readonly state: CpeState, private readonly host: DiagnosticsHost, readonly test: string) {}

  /** The test's object ('Device.IP.Diagnostics.IPPing.'). */
  abstract get obj(): string;
  /** Reads the test parameters and prepares the run (called once the session is over). */
  protected abstract begin(): TestRun;

  protected param(name: string): string { return this.state.get(this.obj + name) ?? ''; }

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
    if (this.running) this.host.log(`${this.test}: test terminated (${why})`);
    this.running = false;
  }

  private start(run: number): void {
    if (run !== this.run || this.state.get(`${this.obj}DiagnosticsState`) !== 'Requested') return;
    const t = this.begin();
    this.running = true;
    this.host.log(`${this.test}: ${t.started} started`);
    this.host.later(t.durationMs, () => {
      if (run !== this.run) return;
      this.running = false;
      this.run++;
      // Results first, the state last; as the device's own changes they raise notification (TR-069 A.3.2.4).
      const { state, summary } = t.finish();
      this.host.log(`${this.test}: ${state}, ${summary}`);
      this.host.completed(state);
    });
  }

  /** Sets the results the model has (TR-098 lacks some TR-181 ones), in order. */
  protected setResults(values: Record<string, string>, base = this.obj): void {
    for (const [name, value] of Object.entries(values)) {
      if (this.state.has(base + name)) this.state.setLocal(base + name, value);
    }
  }

  /** TR-181 IPAddressUsed: the loopback address, else the chosen (or WAN) IP interface's first address of the family. */
  protected sourceAddress(target: Target | null, family: 4 | 6 | null, iface: string): string {
    if (target === 'loopback') return family === 6 ? '::1' : '127.0.0.1';
    const ip = /^Device\.IP\.Interface\.\d+$/.test(iface.replace(/\.$/, '')) ? iface.replace(/\.$/, '') : 'Device.IP.Interface.1';
    return this.state.get(`${ip}.IPv${family ?? 4}Address.1.IPAddress`) ?? '';
  }
}

/** The device's diagnostic objects, as one SPV hook: the first refusal wins; every requested test runs. */
export function diagnosticsHooks(tests: readonly DiagnosticTest[]): {
  refuse(name: string, value: string): string | null;
  written(list: readonly ParameterValueStruct[]): (() => void) | undefined;
} {
  return {
    refuse: (name, value) => tests.reduce<string | null>((why, t) => why ?? t.refuse(name, value), null),
    written: (list) => {
      const actions = tests.map((t) => t.written(list)).filter((a): a is () => void => !!a);
      return actions.length ? () => { for (const a of actions) a(); } : undefined;
    },
  };
}
