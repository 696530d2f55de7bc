// What differs between the diagnostics a CPE runs for the ACS: where the
// test object is, the parameters that start it, how long it may take, and
// how its results read. TR-181 2.19 Device.IP.Diagnostics.{IPPing,TraceRoute}.,
// TR-098 1.14 InternetGatewayDevice.{IPPing,TraceRoute}Diagnostics.
import type { DiagnosticRecord, RouteHop } from '../../../shared/api/diagnostics-contract';
import type { ParameterType } from '../../../shared/cwmp/types';

export interface DiagnosticKind {
  /** The test object of a data model root. */
  object(root: string): string;
  /** SetParameterValues entries, names relative to the object; DiagnosticsState = Requested is added last. */
  params(rec: DiagnosticRecord): [name: string, value: string, type: ParameterType][];
  /** The test's own worst case, milliseconds. */
  worstCaseMs(rec: DiagnosticRecord): number;
  /** The results from the object's values (names relative to the object). */
  read(rec: DiagnosticRecord, v: Map<string, string>): Pick<DiagnosticRecord, 'result' | 'route'>;
}

const tr098 = (root: string) => root === 'InternetGatewayDevice.';

function num(v: Map<string, string>, name: string): number {
  const x = Number(v.get(name));
  return Number.isFinite(x) ? x : 0;
}

export function ipPingObject(root: string): string {
  return tr098(root) ? 'InternetGatewayDevice.IPPingDiagnostics.' : `${root}IP.Diagnostics.IPPing.`;
}

export function traceRouteObject(root: string): string {
  return tr098(root) ? 'InternetGatewayDevice.TraceRouteDiagnostics.' : `${root}IP.Diagnostics.TraceRoute.`;
}

export const IP_PING: DiagnosticKind = {
  object: ipPingObject,
  params: (r) => [
    ['Host', r.host, 'string'], ['NumberOfRepetitions', String(r.repetitions), 'unsignedInt'],
    ['Timeout', String(r.timeoutMs), 'unsignedInt'], ['DataBlockSize', String(r.dataBlockSize), 'unsignedInt'],
  ],
  worstCaseMs: (r) => r.repetitions * r.timeoutMs,
  read: (_r, v) => ({
    result: {
      successCount: num(v, 'SuccessCount'), failureCount: num(v, 'FailureCount'),
      averageMs: num(v, 'AverageResponseTime'), minimumMs: num(v, 'MinimumResponseTime'), maximumMs: num(v, 'MaximumResponseTime'),
    },
  }),
};

export const TRACE_ROUTE: DiagnosticKind = {
  object: traceRouteObject,
  params: (r) => [
    ['Host', r.host, 'string'], ['NumberOfTries', String(r.repetitions), 'unsignedInt'], ['Timeout', String(r.timeoutMs), 'unsignedInt'],
    ['DataBlockSize', String(r.dataBlockSize), 'unsignedInt'], ['MaxHopCount', String(r.maxHops ?? 30), 'unsignedInt'],
  ],
  worstCaseMs: (r) => (r.maxHops ?? 30) * r.repetitions * r.timeoutMs,
  read: (_r, v) => {
    // RouteHops.{i}.: TR-181 names Host, HostAddress, ErrorCode, RTTimes; TR-098 prefixes them with Hop.
    const rows = new Map<number, Map<string, string>>();
    for (const [name, value] of v) {
      const m = /^RouteHops\.(\d+)\.(?:Hop)?(Host|HostAddress|ErrorCode|RTTimes)$/.exec(name);
      if (!m) continue;
      const i = Number(m[1]);
      if (!rows.has(i)) rows.set(i, new Map());
      rows.get(i)!.set(m[2]!, value);
    }
    const hops: RouteHop[] = [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, h]) => ({
      host: h.get('Host') || h.get('HostAddress') || '',
      address: h.get('HostAddress') ?? '',
      // TR-181 RTTimes: one per try, rounded up to 1 ms; 0 means the try got no reply.
      rttMs: (h.get('RTTimes') ?? '').split(',').map((x) => Number(x.trim())).filter((x) => Number.isFinite(x) && x > 0),
      errorCode: Number(h.get('ErrorCode') ?? 0) || 0,
    }));
    return { route: { responseTimeMs: num(v, 'ResponseTime'), hops } };
  },
};
