// Diagnostics run by the CPE itself (ping and traceroute); the records, the
// limits and the host rule shared with the form are in diagnostics-contract.ts.
import * as z from 'zod';
import { PING_LIMITS, TRACEROUTE_LIMITS, pingHostProblem, type DiagnosticRecord } from '../diagnostics-contract';
import { deviceKey } from './devices';
import { int, obj, produced, ruled, type ChannelSchema, type EventSchema } from './fields';

/** Host name or IP address, as the CPE will resolve it (Host is string(256) in both models). */
const host = () => ruled((v) => (typeof v === 'string' ? pingHostProblem(v) : null), z.string({
  error: (iss) => (iss.input === undefined ? 'is required' : 'must be a string'),
}).max(PING_LIMITS.hostMax));

const pingArgs = obj({
  deviceId: deviceKey(),
  host: host(),
  /** NumberOfRepetitions (default 4). */
  repetitions: int(1, PING_LIMITS.repetitionsMax).optional(),
  /** Timeout per reply in milliseconds (default 1000). */
  timeoutMs: int(1, PING_LIMITS.timeoutMsMax).optional(),
  /** DataBlockSize in bytes (default 64). */
  dataBlockSize: int(1, PING_LIMITS.dataBlockSizeMax).optional(),
});

const traceRouteArgs = obj({
  deviceId: deviceKey(),
  host: host(),
  /** NumberOfTries per hop (default 3). */
  tries: int(1, TRACEROUTE_LIMITS.triesMax).optional(),
  /** Timeout per try in milliseconds (default 5000). */
  timeoutMs: int(1, TRACEROUTE_LIMITS.timeoutMsMax).optional(),
  /** MaxHopCount (default 30). */
  maxHops: int(1, TRACEROUTE_LIMITS.maxHopsMax).optional(),
  /** DataBlockSize in bytes (default 38). */
  dataBlockSize: int(1, TRACEROUTE_LIMITS.dataBlockSizeMax).optional(),
});

export type PingArgs = z.infer<typeof pingArgs>;
export type TraceRouteArgs = z.infer<typeof traceRouteArgs>;

// How a run works, said once for both channels in the README table.
const HOW = 'TR-181 `IP.Diagnostics.IPPing.` / `.TraceRoute.`, TR-098 `IPPingDiagnostics.` / `TraceRouteDiagnostics.`: '
  + 'the test parameters and `DiagnosticsState=Requested` in one SetParameterValues with a connection request; '
  + 'the results are read in the session the CPE opens with `8 DIAGNOSTICS COMPLETE` and arrive as diagnostics.updated; '
  + 'one run of each kind at a time per device';

export const DIAGNOSTICS_CHANNELS = {
  'diagnostics.ping': {
    description: `a ping run by the CPE: state, replies and min/avg/max round trip, or the CPE's error in words. ${HOW}`,
    args: pingArgs, result: produced<DiagnosticRecord>(),
  },
  'diagnostics.traceroute': {
    description: "a traceroute run by the CPE, as diagnostics.ping: the hops with their round trips, or the CPE's error in words",
    args: traceRouteArgs, result: produced<DiagnosticRecord>(),
  },
  'diagnostics.list': {
    description: "the device's recent runs, newest first; the last 20 are kept with the device, "
      + 'and a run waiting when the workbench restarts completes after it',
    args: obj({ deviceId: deviceKey() }), result: produced<DiagnosticRecord[]>(),
  },
} satisfies Record<string, ChannelSchema>;

export const DIAGNOSTICS_EVENTS = {
  'diagnostics.updated': { payload: produced<DiagnosticRecord>() },
} satisfies Record<string, EventSchema>;
