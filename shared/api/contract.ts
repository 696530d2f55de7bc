// The one IPC contract between the renderer (or any script) and the core.
// Channels are `domain.verb`; events are `domain.pastTense`. Electron IPC,
// the headless WebSocket and in-process tests all carry exactly these maps.
import type { AcsRequestName, RpcBodies } from '../cwmp/types';
import type {
  DeviceKey, DeviceOverview, DeviceSummary, LoggedMessage, ModelDescription, ModelWarning, ParameterRecord, SchemaVerdict,
  TaskRecord, TaskStatus,
} from '../model/records';
import type { CompatEntries, CompatSwitch } from '../model/compat';
import { TRANSFER_EVENT_CHANNELS, TRANSFER_INVOKE_CHANNELS, type TransferEventMap, type TransferInvokeMap } from './transfer-contract';
import {
  DIAGNOSTICS_EVENT_CHANNELS, DIAGNOSTICS_INVOKE_CHANNELS, type DiagnosticsEventMap, type DiagnosticsInvokeMap,
} from './diagnostics-contract';

export interface AcsInfo {
  version: string;
  /** Where the CWMP listener is bound. */
  cwmpHost: string;
  cwmpPort: number;
  /** URLs a CPE could use to reach this ACS (one per non-internal address, loopback last). */
  acsUrls: string[];
  dataDir: string;
}

export interface TaskEnqueueArgs<K extends AcsRequestName = AcsRequestName> {
  deviceId: DeviceKey;
  rpc: K;
  args: RpcBodies[K];
  /** Try a connection request right away (default true); otherwise wait for the next Inform. */
  contact?: boolean;
}

export interface ContactResult {
  method: 'connection-request' | 'next-inform';
  ok: boolean;
  /** HTTP status of the connection request, or why none was sent. */
  detail: string;
}

export interface SimInfo { id: DeviceKey; model: 'tr181' | 'tr098'; parameters: number; online: boolean }

export type CpeAuthScheme = 'none' | 'basic' | 'digest';

/**
 * The workbench settings as the API shows them. Passwords are write-only:
 * only whether one is set ever leaves the core.
 */
export interface Settings {
  /** CWMP listener address and port (0 = any free port). */
  cwmpHost: string;
  cwmpPort: number;
  /** CPE → ACS authentication (TR-069 §3.4.4). */
  cpeAuth: { scheme: CpeAuthScheme; username: string; passwordSet: boolean };
  /** ACS → CPE connection request credentials (§3.2.2). */
  connectionRequest: { username: string; passwordSet: boolean };
  /** Send HoldRequests=true in every ACS message (A.4.2.2). */
  holdRequests: boolean;
  /** A session with no message for this long is over. */
  sessionTimeoutSeconds: number;
  /**
   * Session log history kept on disk per device (issue 4): the newest
   * session files while they fit both limits; older ones are deleted.
   */
  logRetention: { maxSessionsPerDevice: number; maxMiBPerDevice: number };
  /** Read-only: where devices, logs and settings.json live. */
  dataDir: string;
  /** Fields set by a command-line flag for this run (the stored value is used on runs without the flag). */
  overridden: ('cwmpHost' | 'cwmpPort')[];
}

/** A partial change; passwords are given here and never read back. */
export interface SettingsUpdate {
  cwmpHost?: string;
  cwmpPort?: number;
  cpeAuth?: { scheme?: CpeAuthScheme; username?: string; password?: string };
  connectionRequest?: { username?: string; password?: string };
  holdRequests?: boolean;
  sessionTimeoutSeconds?: number;
  logRetention?: { maxSessionsPerDevice?: number; maxMiBPerDevice?: number };
}

/** Narrows the session log (log.list, log.export); every condition given must hold. */
export interface LogFilter {
  /** RPC element name as listed: 'Inform', 'GetParameterValuesResponse', 'Fault', 'empty'. */
  rpc?: string;
  /** SOAP Faults only (either direction). */
  faultsOnly?: boolean;
  /** Schema verdict 'invalid' only. */
  invalidOnly?: boolean;
  /** Case-insensitive text in the (redacted) body. */
  text?: string;
}

export interface LogListArgs extends LogFilter {
  deviceId?: DeviceKey;
  sessionId?: string;
  limit?: number;
  /** Paging back: only messages with a smaller seq (pass the oldest seq shown). */
  before?: number;
  /** 'live' (default) or an importId from log.import. */
  source?: string;
}

/** The exact sentence log.export wants in confirmUnredacted (the UI asks for it in a confirmation dialog). */
export const UNREDACTED_CONFIRMATION = 'I understand this export contains secrets';

export interface LogExportArgs {
  /** Neither deviceId nor sessionId: every device's history on disk (within the size cap). */
  deviceId?: DeviceKey;
  sessionId?: string;
  /** An importId: export (redacted) from an imported bundle instead of the live log. */
  source?: string;
  filter?: LogFilter;
  /** Secrets left in: only with confirmUnredacted === UNREDACTED_CONFIRMATION. */
  unredacted?: boolean;
  confirmUnredacted?: string;
}

export interface LogExportResult {
  /** Suggested file name, e.g. 'tr069-log-00D09E-HGW-1-20260101T120000Z.cwmplog.json.gz'. */
  fileName: string;
  /** The bundle (gzip-compressed JSON document, electron/core/log/bundle.ts), base64. */
  bytes: string;
  messages: number;
  redacted: boolean;
}

export interface LogImportArgs {
  fileName: string;
  /** The bundle file (gzip or plain JSON), base64. */
  bytes: string;
  /** A bundle over the 1 MiB argument cap is sent in parts, in order; absent = the whole file. */
  part?: { uploadId: string; index: number; count: number };
}

export interface LogImportResult {
  /** log.list { source: importId } browses it; '' while a multi-part upload is incomplete. */
  importId: string;
  messages: number;
  /** Multi-part uploads: parts received so far. */
  partsReceived?: number;
}

export interface LogImportInfo {
  importId: string;
  fileName: string;
  /** When it was imported, and when the bundle was made. */
  imported: string;
  exported?: string;
  messages: number;
  devices: string[];
  /** What the exporting workbench knew of each device: its compatibility profile (when and why learned) and last session problem. */
  deviceProfiles?: Record<string, { compat?: CompatEntries; lastSessionProblem?: { at: string; sessionId: string; text: string } }>;
}

/** A message's schema verdict and model warnings arrived (they come after session.messageLogged). */
export interface MessageChecked {
  seq: number;
  sessionId: string;
  deviceId?: DeviceKey;
  schema: SchemaVerdict;
  modelWarnings: ModelWarning[];
  modelWarningsOmitted?: number;
}

/** invoke map: channel → { args; result }. Firmware and transfer channels: transfer-contract.ts. */
export interface InvokeMap extends TransferInvokeMap, DiagnosticsInvokeMap {
  'acs.info': { args: Record<string, never>; result: AcsInfo };
  'device.list': { args: Record<string, never>; result: DeviceSummary[] };
  'device.get': { args: { id: DeviceKey }; result: DeviceSummary | null };
  'device.delete': { args: { id: DeviceKey }; result: { deleted: boolean } };
  'device.discover': { args: { id: DeviceKey; path?: string }; result: TaskRecord };
  'device.contact': { args: { id: DeviceKey }; result: ContactResult };
  /**
   * Sets one switch of the device's compatibility profile (shared/model/compat.ts),
   * applied from its next message on; `value` null returns the switch to its default.
   */
  'device.setCompat': { args: { id: DeviceKey; switch: CompatSwitch; value: boolean | number | string | null }; result: DeviceSummary };
  /** Parameters and objects under `path` (default: the whole tree); `depth` 1 = direct children only. */
  'parameter.list': { args: { deviceId: DeviceKey; path?: string; depth?: number }; result: ParameterRecord[] };
  /** What support staff ask first (WAN IP, uptime, firmware, Wi-Fi, hosts), from the stored parameters. */
  'device.overview': { args: { id: DeviceKey }; result: DeviceOverview };
  /** Parameters and objects whose path or value contains `query` (case-insensitive), natural order, at most `limit` (default 200). */
  'parameter.search': { args: { deviceId: DeviceKey; query: string; limit?: number }; result: ParameterRecord[] };
  /** The official BBF model's definition of a concrete path (the device's root picks TR-181 or TR-098); null when the model has none. */
  'model.describe': { args: { deviceId: DeviceKey; path: string }; result: ModelDescription | null };
  'task.enqueue': { args: TaskEnqueueArgs; result: TaskRecord };
  'task.list': { args: { deviceId?: DeviceKey; status?: TaskStatus }; result: TaskRecord[] };
  'task.cancel': { args: { id: string }; result: TaskRecord | null };
  'task.retry': { args: { id: string }; result: TaskRecord };
  /** Captured messages, newest `limit` (default 1000) in seq order, redacted; a device's older sessions come from disk. */
  'log.list': { args: LogListArgs; result: LoggedMessage[] };
  /** One message whole (log.list cuts bodies over 256 KiB), redacted; null when it is gone (retention). */
  'log.get': { args: { sessionId: string; seq: number; source?: string }; result: LoggedMessage | null };
  /** One bundle file: raw messages with headers, a JSON index, verdicts and warnings; redacted unless confirmed. */
  'log.export': { args: LogExportArgs; result: LogExportResult };
  /** Loads a bundle read-only (kept in memory, a few at most); browse it with log.list { source }. */
  'log.import': { args: LogImportArgs; result: LogImportResult };
  'log.imports': { args: Record<string, never>; result: LogImportInfo[] };
  /** The latest data-model warnings per parameter path of a device (for the tree's warning icons). */
  'model.warnings': { args: { deviceId: DeviceKey }; result: ModelWarning[] };
  /** `quirks`: virtual CPE quirks by name ('rejectXmlDeclaration', 'crDigestAlgorithm=SHA-256'…; see electron/sim/quirks.ts). */
  'sim.start': { args: { count: number; model?: 'tr181' | 'tr098'; scale?: number; quirks?: string[] }; result: SimInfo[] };
  'sim.list': { args: Record<string, never>; result: SimInfo[] };
  'sim.stop': { args: { id?: DeviceKey }; result: { stopped: number } };
  'settings.get': { args: Record<string, never>; result: Settings };
  /** Applies live (a new host/port restarts the listener; on failure the old one stays) and persists. */
  'settings.update': { args: SettingsUpdate; result: Settings };
}

/** event map: channel → payload. */
export interface EventMap extends TransferEventMap, DiagnosticsEventMap {
  'session.messageLogged': LoggedMessage;
  'session.started': { sessionId: string; deviceId: DeviceKey; remoteAddress?: string };
  'session.ended': { sessionId: string; deviceId?: DeviceKey; reason: string };
  'device.updated': DeviceSummary;
  'device.deleted': { id: DeviceKey };
  'task.updated': TaskRecord;
  'settings.updated': Settings;
  'session.messageChecked': MessageChecked;
}

export type InvokeChannel = keyof InvokeMap;
export type EventChannel = keyof EventMap;
export type ArgsOf<C extends InvokeChannel> = InvokeMap[C]['args'];
export type ResultOf<C extends InvokeChannel> = InvokeMap[C]['result'];

/** What a transport must provide (Electron IPC, WebSocket, in-process). */
export interface Transport {
  invoke(channel: string, args: unknown): Promise<unknown>;
  on(channel: string, cb: (payload: unknown) => void): () => void;
}

/** The typed API the renderer sees as `window.api`. */
export interface WorkbenchApi {
  invoke<C extends InvokeChannel>(channel: C, args: ArgsOf<C>): Promise<ResultOf<C>>;
  on<E extends EventChannel>(event: E, cb: (payload: EventMap[E]) => void): () => void;
}

/** Server side: one handler per channel, registered in a single loop by every transport. */
export type Handlers = { [C in InvokeChannel]: (args: ArgsOf<C>) => Promise<ResultOf<C>> };

export const INVOKE_CHANNELS: readonly InvokeChannel[] = [
  'acs.info', 'device.list', 'device.get', 'device.delete', 'device.discover', 'device.contact', 'device.setCompat',
  'parameter.list', 'device.overview', 'parameter.search', 'model.describe', 'task.enqueue', 'task.list', 'task.cancel', 'task.retry', 'log.list',
  'sim.start', 'sim.list', 'sim.stop', 'settings.get', 'settings.update',
  'log.get', 'log.export', 'log.import', 'log.imports', 'model.warnings',
  ...TRANSFER_INVOKE_CHANNELS,
  ...DIAGNOSTICS_INVOKE_CHANNELS,
];
export const EVENT_CHANNELS: readonly EventChannel[] = [
  'session.messageLogged', 'session.started', 'session.ended', 'device.updated', 'device.deleted', 'task.updated',
  'settings.updated', 'session.messageChecked',
  ...TRANSFER_EVENT_CHANNELS,
  ...DIAGNOSTICS_EVENT_CHANNELS,
];
