// The diagnostics part of the contract: tests run by the CPE itself, started
// from the device page in one click: ping (TR-181 Device.IP.Diagnostics.IPPing.,
// TR-098 InternetGatewayDevice.IPPingDiagnostics.) and traceroute (TR-181
// Device.IP.Diagnostics.TraceRoute., TR-098 TraceRouteDiagnostics.); the CPE
// reports with the event "8 DIAGNOSTICS COMPLETE" (TR-069 Amd 6 §3.7.1.5).
// The channels and their argument schemas are in schema/diagnostics.ts; the
// argument types are re-exported here for the existing importers.
import type { DeviceKey } from '../model/records';

export type { PingArgs, TraceRouteArgs } from './schema/diagnostics';

/** How a diagnostic run stands, as the ACS sees it. */
export type DiagnosticState =
  /** SetParameterValues queued or sent; waiting for "8 DIAGNOSTICS COMPLETE". */
  | 'requested'
  /** The CPE reported completion; reading the results. */
  | 'reading'
  /** Results read; the CPE's own DiagnosticsState is in `cpeState` (Complete, or an Error_… value). */
  | 'done'
  /** The request was refused (a fault), or the results could not be read. */
  | 'failed'
  /** No "8 DIAGNOSTICS COMPLETE" in time. */
  | 'timeout';

export interface RouteHop {
  /** Name of the hop if the CPE resolved it, else its address. */
  host: string;
  address: string;
  /** Round-trip times of the tries that got a reply, milliseconds (empty: the hop never answered). */
  rttMs: number[];
  /** The hop's ICMP error code, 0 when none. */
  errorCode: number;
}

export interface TraceRouteResult {
  /** Milliseconds to the destination as the CPE measured it. */
  responseTimeMs: number;
  hops: RouteHop[];
}

export interface PingResult {
  successCount: number;
  failureCount: number;
  /** Milliseconds, as the CPE reported them. */
  averageMs: number;
  minimumMs: number;
  maximumMs: number;
}

export interface DiagnosticRecord {
  id: string;
  deviceId: DeviceKey;
  kind: 'IPPing' | 'TraceRoute';
  host: string;
  /** NumberOfRepetitions (ping) or NumberOfTries per hop (traceroute). */
  repetitions: number;
  /** MaxHopCount (traceroute). */
  maxHops?: number;
  timeoutMs: number;
  dataBlockSize: number;
  state: DiagnosticState;
  requested: string;
  finished?: string;
  /** The CPE's DiagnosticsState once read: Complete, Error_CannotResolveHostName, … */
  cpeState?: string;
  result?: PingResult;
  route?: TraceRouteResult;
  /** What went wrong, in words (with the fault, if any). */
  error?: string;
  /** The tasks that carried it (SetParameterValues, then GetParameterValues). */
  taskIds: string[];
}

/** Limits shared by the API check and the form. */
export const PING_LIMITS = { hostMax: 256, repetitionsMax: 100, timeoutMsMax: 60_000, dataBlockSizeMax: 65_535 } as const;
export const TRACEROUTE_LIMITS = { triesMax: 3, timeoutMsMax: 60_000, maxHopsMax: 64, dataBlockSizeMax: 65_535 } as const;

/** Why a host cannot be sent as Host (string(256) in both models), or null. */
export function pingHostProblem(host: string): string | null {
  const h = host.trim();
  if (h === '') return 'enter a host name or IP address';
  if (h.length > PING_LIMITS.hostMax) return `at most ${PING_LIMITS.hostMax} characters`;
  if (/[\s/\\@?#]/.test(h) || /[\u0000-\u001f\u007f]/.test(h)) return 'a host name or IP address only (no spaces, URL or path)'; // eslint-disable-line no-control-regex
  return null;
}
