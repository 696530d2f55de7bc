// The Electron-free core: store, session log, task queue, CWMP listener and
// the contract's handlers, wired once. Electron main, the headless entry and
// the integration tests all start exactly this.
import { networkInterfaces, homedir, platform } from 'node:os';
import { join } from 'node:path';
import type { AcsInfo, EventChannel, EventMap, Handlers } from '../../shared/api/contract';
import type { CpeAuthSettings } from '../lib/auth/cpe-auth';
import type { BodyLimits } from './acs/http-body';
import { CwmpListener } from './acs/listener';
import { SessionEngine, type EngineSettings } from './acs/session';
import { TaskQueue } from './acs/task-queue';
import { createHandlers, deviceContact, type SimControl } from './api/handlers';
import { DiagnosticsService } from './diagnostics/diagnostics-service';
import { MessageChecker } from './check/checker';
import { DeviceWarnings } from './check/device-warnings';
import { EventBus } from './runtime/events';
import { LogImports } from './log/imports';
import type { RetentionOptions } from './log/retention';
import { SessionLog } from './log/session-log';
import { createSettingsControl, type EffectiveSettings, type SettingsControl, type SettingsOverrides } from './settings/settings-control';
import { SettingsStore } from './settings/settings-store';
import { createSimControl } from '../sim/sim-control';
import { DeviceStore } from './store/device-store';
import { DEFAULT_FILE_SERVER_PORT, startFileTransfers, type FileTransfers } from './transfers/file-transfers';

export interface CoreOptions {
  dataDir: string;
  // Each of the following, when given, wins over settings.json for this run
  // (command-line flags, tests); see settings/settings-control.ts.
  cwmpPort?: number;
  cwmpHost?: string;
  /** CPE → ACS authentication (none by default, so a new CPE gets in). */
  auth?: CpeAuthSettings;
  /** ACS → CPE connection request credentials (also given to built-in virtual CPEs). */
  connectionRequest?: { username: string; password: string };
  holdRequests?: boolean;
  /** Discover new devices' trees automatically (default true). */
  autoDiscover?: boolean;
  sessionTimeoutMs?: number;
  /** A keep-alive CPE that closed its connection mid-session has dropped it after this long without a message (default 3 s). */
  dropGraceMs?: number;
  limits?: Partial<BodyLimits>;
  /** Start virtual CPEs with faster reboots/retries (tests). */
  simTiming?: { rebootDelayMs?: number };
  /**
   * Session log history kept on disk per device, in bytes (tests use caps
   * below one MiB). Like the options above it wins over Settings → Session log
   * for this run, until the user saves new caps there.
   */
  logRetention?: RetentionOptions;
  /** Schema verdicts and data-model warnings for captured messages, in a worker thread (default true). */
  checkMessages?: boolean;
  /** How long the schema checker waits to batch messages (default 5 s; tests shorten it). */
  checkLingerMs?: number;
  /** File server for Download/Upload (default 7548; 0 = any free port); it binds to the CWMP listener's host. */
  fileServerPort?: number;
  /** No TransferComplete for this long: the transfer ends as 'unknown' (default 30 min). */
  transferDeadlineMs?: number;
  /** How long past a diagnostic's own worst case (e.g. repetitions × timeout) to wait for "8 DIAGNOSTICS COMPLETE" (default 60 s). */
  diagnosticsMarginMs?: number;
}

export interface Core {
  handlers: Handlers;
  on<E extends EventChannel>(event: E, cb: (p: EventMap[E]) => void): () => void;
  info(): AcsInfo;
  stop(): Promise<void>;
  /** For tests and the headless entry: the parts, not for the renderer. */
  readonly store: DeviceStore;
  readonly log: SessionLog;
  readonly listener: CwmpListener;
  readonly sims: SimControl;
  readonly settings: SettingsControl;
  /** Schema/model checks of captured messages (idle() lets tests wait for verdicts). */
  readonly checker: MessageChecker;
  /** Firmware library, file server, transfers and uploads. */
  readonly transfers: FileTransfers;
}

export const VERSION = '0.1.0';

export function defaultDataDir(): string {
  const home = homedir();
  if (platform() === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'TR-069 Workbench');
  if (platform() === 'darwin') return join(home, 'Library', 'Application Support', 'TR-069 Workbench');
  return join(process.env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'tr069-workbench');
}

/** URLs a CPE could use: one per external IPv4 address, loopback last. */
export function acsUrls(host: string, port: number): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [`http://${host.includes(':') ? `[${host}]` : host}:${port}/`];
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(`http://${a.address}:${port}/`);
  }
  out.push(`http://127.0.0.1:${port}/`);
  return out;
}

/** Where the listener is reachable from this machine: loopback for a wildcard bind, else its one address. */
export function localAcsUrl(host: string, port: number): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return `http://127.0.0.1:${port}/`;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}

function authOf(e: EffectiveSettings): CpeAuthSettings {
  return { ...e.settings.cpeAuth, ...(e.realm ? { realm: e.realm } : {}) };
}

function definedOverrides(o: SettingsOverrides): SettingsOverrides {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as SettingsOverrides;
}

export async function startCore(opts: CoreOptions): Promise<Core> {
  const bus = new EventBus();
  // Every change to a device record, whoever made it (a session, the API, compaction learning a count), reaches the UI.
  const store = await DeviceStore.open(opts.dataDir, { onSummaryChange: (s) => bus.emit('device.updated', s) });
  // settings.json, with this run's options (command-line flags, tests) on top.
  // Read before the session log starts: its first retention sweep must use the user's caps.
  const settingsStore = await SettingsStore.open(opts.dataDir);
  const overrides = definedOverrides({
    cwmpHost: opts.cwmpHost, cwmpPort: opts.cwmpPort, cpeAuth: opts.auth, connectionRequest: opts.connectionRequest,
    holdRequests: opts.holdRequests, sessionTimeoutMs: opts.sessionTimeoutMs, logRetention: opts.logRetention,
  });
  // The targets are closures over parts made below: called only on settings.update, after start.
  const settings = createSettingsControl({
    store: settingsStore, dataDir: opts.dataDir, overrides, bus,
    targets: {
      moveListener: async (host, port) => { await listener.rebind(host, port); },
      listening: () => `${current().settings.cwmpHost}:${listener.address()?.port ?? '?'}`,
      setAuth: (auth) => listener.setAuth(auth),
      setSessionTimeoutMs: (ms) => listener.setSessionTimeout(ms),
      // The engine keeps this object and reads it at every message, so the change applies to the next one.
      setHoldRequests: (on) => { engineSettings.holdRequests = on; },
      // Not awaited: the sweep runs behind the save, one retention pass at a time (log/retention.ts).
      setLogRetention: (caps) => { void log.setRetention(caps); },
      changed: (eff) => sims.retarget(simOptions(eff)),
    },
  });
  const current = () => settings.effective();
  const eff = current();
  const log = new SessionLog({ dataDir: opts.dataDir, logRetention: eff.logRetention });
  log.onMessage((m) => bus.emit('session.messageLogged', m));
  // Every SOAP message is checked off the session's path (ARCHITECTURE.md, step 5); the
  // verdict lands on the record, in its session file and in an event.
  const modelWarnings = new DeviceWarnings();
  const checker = new MessageChecker({ watch: (id) => modelWarnings.keys(id), lingerMs: opts.checkLingerMs });
  if (opts.checkMessages !== false) log.setChecker((item) => checker.submit(item));
  checker.onResult((r) => {
    const checked = log.applyCheck(r);
    if (!checked) return;
    // The tree shows what the device says about itself; a bad value we sent stays on our message.
    if (checked.deviceId !== undefined && r.direction === 'cpe->acs') modelWarnings.apply(checked.deviceId, checked.modelWarnings, r.cleared);
    bus.emit('session.messageChecked', checked);
  });
  bus.on('device.deleted', ({ id }) => modelWarnings.forget(id));
  const imports = new LogImports();
  const queue = new TaskQueue(store, bus);
  await queue.recover();
  const engineSettings: EngineSettings = { holdRequests: eff.settings.holdRequests, autoDiscover: opts.autoDiscover };
  // Firmware library, file server (its own port) and transfer records; TransferComplete reaches them through the engine.
  const transfers = await startFileTransfers({
    dataDir: opts.dataDir, host: eff.settings.cwmpHost, port: opts.fileServerPort ?? DEFAULT_FILE_SERVER_PORT,
    deadlineMs: opts.transferDeadlineMs, store, queue, bus, connectionRequestCredentials: () => current().settings.connectionRequest,
  });
  const engine = new SessionEngine(store, queue, bus, engineSettings, transfers.hooks);
  const listener = new CwmpListener(engine, log, {
    host: eff.settings.cwmpHost, port: eff.settings.cwmpPort, auth: authOf(eff),
    sessionTimeoutMs: eff.sessionTimeoutMs, limits: opts.limits, dropGraceMs: opts.dropGraceMs,
  });
  await listener.start().catch(async (e: unknown) => {
    await transfers.stop();
    throw e;
  });
  // Contact before this moment says nothing about whether a device is still there (shared/model/presence.ts).
  const startedAt = new Date().toISOString();
  const boundPort = () => listener.address()?.port ?? current().settings.cwmpPort;
  const info = (): AcsInfo => {
    const host = current().settings.cwmpHost;
    const filePort = transfers.port();
    return {
      version: VERSION, cwmpHost: host, cwmpPort: boundPort(), acsUrls: acsUrls(host, boundPort()), dataDir: opts.dataDir,
      serverTime: new Date().toISOString(), startedAt,
      // The file server binds the listener's address at start; its URLs are the ACS URLs on its own port.
      fileServer: { port: filePort, listening: transfers.server.address() !== null, urls: acsUrls(host, filePort) },
    };
  };
  // Built-in virtual CPEs run here and reach the listener on loopback (or its one address).
  const simOptions = (e: EffectiveSettings) => ({
    acsUrl: localAcsUrl(e.settings.cwmpHost, boundPort()), acsAuth: authOf(e),
    connectionRequest: e.settings.connectionRequest, rebootDelayMs: opts.simTiming?.rebootDelayMs,
  });
  const sims = createSimControl(simOptions(eff));
  const crCredentials = () => current().settings.connectionRequest;
  const diagnostics = new DiagnosticsService(store, queue, bus, deviceContact(store, crCredentials), opts.diagnosticsMarginMs);
  const handlers = createHandlers({
    store, queue, log, bus, info, connectionRequestCredentials: crCredentials, sims, settings,
    imports, modelWarnings, transfers: transfers.handlers, diagnostics,
  });
  return {
    handlers, store, log, listener, sims, info, settings, checker, transfers,
    on: (event, cb) => bus.on(event, cb),
    async stop() {
      diagnostics.close();
      await sims.stop();
      await listener.stop();
      await transfers.stop();
      await checker.close();
      await log.close();
      await store.close();
    },
  };
}
