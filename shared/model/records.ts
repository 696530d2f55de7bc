// Plain records that cross the process boundary: what the store keeps and
// what the API returns. No Node or DOM APIs here.
import type { AcsRequestName, CwmpFault, DeviceIdStruct, EventStruct, ParameterType, RpcBodies, RpcName } from '../cwmp/types';
import type { CompatEntries } from './compat';
import type { TransferClaim } from './transfers';

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
  /**
   * ManagementServer.PeriodicInformInterval in seconds, when known (from the
   * Inform or the discovered tree): lets the UI tell "quiet" from "offline".
   */
  periodicInformInterval?: number;
  /** The device's compatibility profile: switches not at their default (shared/model/compat.ts). */
  compat?: CompatEntries;
  /**
   * The last session ended with the CPE going silent or closing the
   * connection where an answer was due (e.g. right after InformResponse):
   * what happened, in words, for the device page and its tasks.
   */
  lastSessionProblem?: { at: string; sessionId: string; text: string };
}

export interface DiscoveryState {
  /** 'partial': it finished, but many parameters have no value; `error` says how far it got and why. */
  status: 'none' | 'running' | 'done' | 'partial' | 'failed';
  /** Parameter names learnt / values fetched so far, for a progress bar. */
  names?: number;
  values?: number;
  /** Leaf parameters (not objects) the names listed: what `values` should reach. */
  leaves?: number;
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

/**
 * 'unknown': a state-changing request was sent and its answer never came; it
 * is not re-sent automatically (it may have been applied), see task-queue.ts.
 */
export type TaskStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'unknown';

/** The element that answers a request: every CWMP method has one, named `<Method>Response` (TR-069 A.3.1). */
export type ResponseName<K extends RpcName> = Extract<`${K}Response`, RpcName>;
/** The body of the answer to request K. */
export type ResponseBody<K extends RpcName> = RpcBodies[ResponseName<K>];

/** A list answer as a task keeps it: at most a few hundred entries (the tree has all), `total` saying how many came. */
type Clipped<B> = B extends { ParameterList: readonly unknown[] } ? B | (B & { total: number; truncated: true }) : B;

/** What a discovery (origin 'discovery' or 'follow-up', a GetParameterNames task) ends with: counts, and how complete. */
export interface DiscoveryResult {
  parameters: number;
  names: number;
  /** Leaves the names listed (absent in records older than it). */
  leaves?: number;
  /** Set when fewer than 90 % of the leaves came with a value ('partial'). */
  incomplete?: string;
}

/** The workbench's verdict on a transfer the CPE claims, beside its answer (electron/core/transfers/transfer-claims.ts). */
export interface TransferEvidence {
  verdict: TransferClaim['verdict'];
  transferId: string;
  bytesServed: number;
  size?: number;
  text: string;
}

/**
 * Download, Upload, ScheduleDownload: the response (absent when it never
 * came), the CPE's TransferComplete matched by CommandKey (A.3.3.2), and the
 * file server's evidence.
 */
export interface TransferTaskResult extends Partial<RpcBodies['DownloadResponse']> {
  TransferComplete?: RpcBodies['TransferComplete'];
  Evidence?: TransferEvidence;
}

/** What a task of kind K keeps as its result: the answer to its request, clipped, and what comes after it. */
export type TaskResult<K extends AcsRequestName> =
  K extends 'Download' | 'Upload' | 'ScheduleDownload' ? TransferTaskResult
  : K extends 'GetParameterNames' ? Clipped<ResponseBody<K>> | DiscoveryResult
  : Clipped<ResponseBody<K>>;

/**
 * A queued request of one kind and what became of it: `TaskRecord<'AddObject'>`
 * has AddObject's arguments and result. `TaskRecord` alone is the loose form
 * (any RPC's arguments, any result), kept for the API contract; code that
 * handles tasks by kind takes `AnyTask`, where checking `task.rpc` types
 * `task.args` and `task.result` as that RPC's.
 */
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
  result?: TaskResult<K>;
  fault?: CwmpFault['detail'] & { explanation: string };
  error?: string;
  attempts: number;
}

/** A task of any of the kinds in K, discriminated by `rpc` (every kind when K is left out). */
export type AnyTask<K extends AcsRequestName = AcsRequestName> = { [P in K]: TaskRecord<P> }[K];

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
  /** True when secrets (passwords, Authorization credentials) were replaced by `***` in this copy. */
  redacted?: boolean;
  /** Check against the official BBF schema of the message's namespace (set later by a worker; 'pending' until then). */
  schema?: SchemaVerdict;
  /** Data-model check (TR-181/TR-098) of the parameters the message carries; at most 500 listed. */
  modelWarnings?: ModelWarning[];
  /** Model warnings beyond the listed ones. */
  modelWarningsOmitted?: number;
  /** A SOAP Fault (either direction) in words: "9005 Invalid parameter name: …". */
  faultText?: string;
  /** SetParameterValuesFault entries (TR-069 A.5), each explained. */
  parameterFaults?: { parameter: string; code: number; text: string }[];
  /** Messages loaded from a bundle carry the importId they belong to (absent on live traffic). */
  source?: string;
  /**
   * A request refused with 401: the device its Inform body names (OUI-ProductClass-Serial). Who it says it
   * is, not proven, so it never becomes `deviceId` (the session stays unassigned); lists and filters use it.
   */
  claimedDeviceId?: DeviceKey;
  /**
   * HTTP authentication (TR-069 §3.4.4), on a refused request and its 401: 'challenge' is the expected first
   * step of the handshake (no credentials yet, or a stale nonce); 'rejected' is a failure (wrong credentials,
   * or a repeated challenge the CPE did not answer).
   */
  auth?: 'challenge' | 'rejected';
}

/**
 * 'n/a': no SOAP body (empty POST, 204, 401, HTTP errors). 'pending': queued
 * for the checker. 'skipped': the checker was overloaded and dropped it.
 */
export type SchemaVerdictKind = 'valid' | 'invalid' | 'n/a' | 'pending' | 'skipped';

export interface SchemaVerdict {
  verdict: SchemaVerdictKind;
  /** xmllint's messages, with the line in the message body when it gave one. */
  errors?: { line?: number; message: string }[];
  /** The schema file checked against, e.g. 'cwmp-1-4.xsd'. */
  schema?: string;
  /** e.g. the non-standard cwmp-1-3 namespace was checked as cwmp-1-2. */
  note?: string;
}

export type ModelWarningKind = 'unknown-parameter' | 'vendor-extension' | 'bad-value' | 'writable-mismatch';

export interface ModelWarning {
  path: string;
  kind: ModelWarningKind;
  /** vendor-extension and writable-mismatch are 'info'; unknown-parameter and bad-value 'warning'. */
  severity: 'info' | 'warning';
  message: string;
}

/**
 * What support staff ask first about a device, computed in the core from the
 * stored parameters (TR-181 `Device.` and TR-098 `InternetGatewayDevice.`
 * paths differ; see electron/core/api/overview.ts). Every field is optional:
 * a device not yet discovered, or one that does not implement an object,
 * simply leaves it out.
 */
export interface DeviceOverview {
  id: DeviceKey;
  model: 'tr181' | 'tr098';
  manufacturer?: string;
  modelName?: string;
  productClass?: string;
  serialNumber?: string;
  softwareVersion?: string;
  hardwareVersion?: string;
  /** DeviceInfo.UpTime as last read, seconds since the boot before that read. */
  uptimeSeconds?: number;
  /**
   * When the device booted: the read time minus UpTime, or the last Inform
   * when it carried 1 BOOT / 0 BOOTSTRAP after that read (TR-069 §3.7.1.5).
   */
  bootedAt?: string;
  wan?: OverviewWan;
  wifi: OverviewSsid[];
  /** Hosts currently active on the LAN (Host.{i}.Active), else the table size. */
  connectedHosts?: number;
  /** All Host entries the device lists (HostNumberOfEntries). */
  knownHosts?: number;
  connectionRequestURL?: string;
  lastInform?: string;
  lastEvents: string[];
  parameterCount: number;
  discovery: DiscoveryState;
}

export interface OverviewWan {
  /** The interface or connection object the address comes from. */
  path: string;
  ipAddress?: string;
  /** TR-181 IP.Interface Status (Up, Down…) or TR-098 ConnectionStatus (Connected…). */
  status?: string;
  /** e.g. 'PPPoE', 'IPoE', 'IP_Routed'. */
  connectionType?: string;
  name?: string;
  /** TR-181 IPv6 global address when there is one. */
  ipv6Address?: string;
}

export interface OverviewSsid {
  /** SSID or WLANConfiguration object path. */
  path: string;
  ssid: string;
  enabled?: boolean;
  status?: string;
  /** '2.4GHz', '5GHz', '6GHz'. */
  band?: string;
  channel?: string;
  /** The Radio object it sits on (TR-181 LowerLayers). */
  radio?: string;
}

export interface ModelRange { min?: number; max?: number; step?: number }

/**
 * A parameter or object as the official BBF data model defines it (TR-106
 * Annex A), looked up by its concrete path: what the editor needs to
 * validate a value before anything is sent.
 */
export interface ModelDescription {
  /** Generic path in the model, e.g. 'Device.WiFi.SSID.{i}.SSID'. */
  genericPath: string;
  /** e.g. 'Device:2.19'. */
  spec: string;
  object: boolean;
  description?: string;
  /** Parameters: TR-106 base type ('string' for comma-separated lists). */
  type?: ParameterType;
  /** Parameters: access readWrite; objects: instances may be added/deleted (creatable). */
  writable: boolean;
  /** Objects: a multi-instance table (or one of its instances). */
  multiInstance?: boolean;
  /** Objects: AddObject/DeleteObject allowed by the model (access readWrite on the table). */
  creatable?: boolean;
  enumeration?: string[];
  pattern?: string[];
  ranges?: ModelRange[];
  minLength?: number;
  maxLength?: number;
  /** Comma-separated list value (TR-106 3.2.3): checks apply per item. */
  list?: boolean;
  itemType?: ParameterType;
  itemMaxLength?: number;
  units?: string;
  defaultValue?: string;
  /** Named BBF data type, e.g. 'IPv4Address'. */
  dataType?: string;
  /** hidden/secured: reads back as an empty string. */
  hidden?: boolean;
  status?: string;
}
