// The options, events and counters of a virtual CPE (virtual-cpe.ts), apart
// so that callers (fleet, CLI, the app's sim control) can import the types alone.
import type { CwmpVersion } from '../../shared/cwmp/types';
import type { ConnectionRequestServer } from './connection-request';
import type { Quirks } from './quirks';

export interface VirtualCpeOptions {
  acsUrl: string;
  model: 'tr181' | 'tr098';
  profile?: 'gateway' | 'full';
  scale?: number;
  seed?: number;
  serialNumber: string;
  oui?: string;
  productClass?: string;
  manufacturer?: string;
  softwareVersion?: string;
  /** Namespace spoken: default '1-2' for TR-181, '1-0' for TR-098. */
  cwmpVersion?: CwmpVersion;
  /** CWMP 1.4 SupportedCWMPVersions header in the Inform (e.g. '1.0,1.1,1.2,1.3,1.4'). */
  supportedCWMPVersions?: string;
  /** Credentials for the ACS (Basic or Digest, whichever it challenges with). */
  username?: string;
  password?: string;
  /** Seconds; 0 or absent = no periodic Inform. */
  periodicInformInterval?: number;
  connectionRequest?: { host?: string; port?: number; username: string; password: string; server?: ConnectionRequestServer };
  quirks?: Quirks;
  /** How long a reboot takes (default 1000 ms). */
  rebootDelayMs?: number;
  /** Multiplies protocol delays: DelaySeconds, time windows, the periodic interval, a diagnostic's run time (default 1). */
  timeScale?: number;
  /** Multiplies the §3.2.1.1 retry waits (default 1: 5–10 s for the first retry). */
  retryScale?: number;
  /** Also send GetRPCMethods in the bootstrap session (A.3.1). */
  sendGetRPCMethods?: boolean;
  httpTimeoutMs?: number;
  rejectUnauthorized?: boolean;
}

export interface SessionReport {
  ok: boolean;
  informAcked: boolean;
  error?: string;
  events: string[];
  messagesSent: number;
  durationMs: number;
}

export interface RpcEvent { name: string; direction: 'acs' | 'cpe'; fault?: number; faultString?: string }

export interface VirtualCpeEvents {
  sessionStart: { events: string[]; retryCount: number };
  sessionEnd: SessionReport;
  rpc: RpcEvent;
  fault: RpcEvent & { fault: number };
  message: { direction: 'out' | 'in'; body: string; status?: number };
  reboot: { reason: 'Reboot' | 'FactoryReset' | 'Firmware' };
  transfer: { kind: string; commandKey: string; faultCode: number; bytes: number };
  connectionRequest: { accepted: boolean; reason?: string };
  /** A diagnostic test finished (DiagnosticsState Complete or Error_...); 8 DIAGNOSTICS COMPLETE follows. */
  diagnostics: { test: 'IPPing' | 'TraceRoute'; state: string };
}

export interface VirtualCpeStats {
  sessions: number; failedSessions: number; messagesSent: number; messagesReceived: number;
  faults: number; connectionRequests: number; reboots: number; retryCount: number;
}
