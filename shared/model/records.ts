// Plain records that cross the process boundary: what the store keeps and
// what the API returns. No Node or DOM APIs here.
import type { CwmpFault, DeviceIdStruct, EventStruct, ParameterType, RpcBodies, AcsRequestName } from '../cwmp/types';

/** `OUI-ProductClass-SerialNumber` (TR-069 §3.4.4 style, as GenieACS and most ACSs key devices). */
export type DeviceKey = string;

export interface DeviceSummary {
  id: DeviceKey;
  deviceId: DeviceIdStruct;
  /** urn:dslforum-org:cwmp-1-N the CPE speaks. */
  cwmpVersion: string;
  /** `Device.` (TR-181) or `InternetGatewayDevice.` (TR-098). */
  root: string;
  softwareVersion?: string;
  hardwareVersion?: string;
  modelName?: string;
  connectionRequestURL?: string;
  ipAddress?: string;
  remoteAddress?: string;
  firstSeen: string;
  lastInform?: string;
  lastEvents: EventStruct[];
  parameterCount: number;
  discovery: DiscoveryState;
  pendingTasks: number;
  lastFault?: { code: number; message: string; at: string };
}

export interface DiscoveryState {
  status: 'none' | 'running' | 'done' | 'failed';
  /** Parameter names learnt / values fetched so far, for a progress bar. */
  names?: number;
  values?: number;
  startedAt?: string;
  finishedAt?: string;
  error?: string;
}

export interface ParameterRecord {
  path: string;
  /** Objects end with `.` and carry no value. */
  object: boolean;
  value?: string;
  type?: ParameterType;
  writable?: boolean;
  /** ISO time the value was last learnt from the CPE. */
  updated?: string;
  notification?: number;
  accessList?: string[];
}

export type TaskStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface TaskRecord<K extends AcsRequestName = AcsRequestName> {
  id: string;
  deviceId: DeviceKey;
  rpc: K;
  args: RpcBodies[K];
  status: TaskStatus;
  /** Who asked: 'user', 'api', 'discovery'. */
  origin: string;
  created: string;
  started?: string;
  finished?: string;
  /** The response body, for done tasks. */
  result?: unknown;
  fault?: CwmpFault['detail'] & { explanation: string };
  error?: string;
  attempts: number;
}

export type Direction = 'cpe->acs' | 'acs->cpe';

/** One HTTP message as captured on the wire (redacted before it leaves the core). */
export interface LoggedMessage {
  seq: number;
  /** ISO time the message was complete (request received / response sent). */
  time: string;
  sessionId: string;
  deviceId?: DeviceKey;
  direction: Direction;
  remoteAddress?: string;
  /** Request: method and URL; response: status. */
  method?: string;
  url?: string;
  status?: number;
  headers: Record<string, string>;
  body: string;
  /** Bytes on the wire before decompression. */
  size: number;
  cwmpId?: string;
  /** RPC element name, 'empty' for an empty body, or 'Fault'. */
  rpc?: string;
  faultCode?: number;
  /** Why the ACS answered as it did, for the reader of the log (e.g. "413: body over 64 MiB"). */
  note?: string;
  error?: string;
  /** True when secrets (passwords, Authorization credentials) were replaced by `***` before storage. */
  redacted?: boolean;
}
