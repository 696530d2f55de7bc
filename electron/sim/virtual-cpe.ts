// A virtual CPE: a TR-069 Amd 6 device that boots, Informs its ACS, answers
// its requests, reboots, downloads firmware, notifies changes and retries
// like a real one (§3.7 session, §3.2.1.1 retries, §3.2.2 connection
// requests), with quirks to misbehave on purpose. It shares only the CWMP
// codec with the ACS; nothing here imports electron/core/acs.
import type { CwmpVersion, EventStruct, RpcBodies } from '../../shared/cwmp/types';
import { applyConfigFile, CpeLog, uploadBody } from './config-file';
import { ConnectionRequestServer, type CrRegistration } from './connection-request';
import { CpeState } from './cpe-state';
import { runCpeSession } from './cpe-session';
import { CpeTimers, periodicWaitMs, retryWaitMs } from './cpe-timers';
import type { CwmpClient } from './cwmp-client';
import { diagnosticsHooks, type DiagnosticTest } from './diagnostics';
import { IpPingDiagnostics } from './diagnostics-ping';
import { TraceRouteDiagnostics } from './diagnostics-traceroute';
import { applyIdentity, deviceIdOf, managementServer, type CpeIdentity } from './identity';
import { addEvents, ev } from './inform-events';
import { Listeners } from './listeners';
import type { Quirks } from './quirks';
import type { RpcHost } from './rpc-handlers';
import type { OutboxItem } from './session';
import { SoftwareModules } from './software-modules';
import { templateFor } from './templates';
import { TransferQueue, type TransferResult } from './transfers';
import type { SessionReport, VirtualCpeEvents, VirtualCpeOptions, VirtualCpeStats } from './virtual-cpe-options';

export type { RpcEvent, SessionReport, VirtualCpeEvents, VirtualCpeOptions, VirtualCpeStats } from './virtual-cpe-options';

export class VirtualCpe {
  readonly state: CpeState;
  readonly stats: VirtualCpeStats = {
    sessions: 0, failedSessions: 0, messagesSent: 0, messagesReceived: 0, faults: 0, connectionRequests: 0, reboots: 0, retryCount: 0,
  };
  readonly log = new CpeLog();
  private readonly listeners = new Listeners<VirtualCpeEvents>();
  private readonly quirks: Quirks;
  private readonly version: CwmpVersion;
  private readonly identity: CpeIdentity;
  private readonly transfers: TransferQueue;
  private readonly modules: SoftwareModules;
  /** IPPing and TraceRoute (diagnostics-*.ts). */
  private readonly diagnostics: DiagnosticTest[];
  private readonly host: RpcHost;
  private pendingEvents: EventStruct[] = [];
  private readonly outbox: OutboxItem[] = [];
  private waiters: ((r: SessionReport) => void)[] = [];
  private started = false;
  private running: Promise<void> | null = null;
  private again = false;
  private rebooting = false;
  private bootstrapped = false;
  private client: CwmpClient | null = null;
  private cr: { server: ConnectionRequestServer; reg: CrRegistration; own: boolean } | null = null;
  private readonly timers = new CpeTimers();
  private idSeq = 0;

  constructor(private readonly opts: VirtualCpeOptions) {
    this.quirks = opts.quirks ?? {};
    this.version = opts.cwmpVersion ?? (opts.model === 'tr181' ? '1-2' : '1-0');
    this.identity = {
      oui: opts.oui ?? '00D09E', productClass: opts.productClass ?? (opts.model === 'tr181' ? 'HGW-5000' : 'IGD-3000'),
      serialNumber: opts.serialNumber, manufacturer: opts.manufacturer, softwareVersion: opts.softwareVersion,
    };
    this.state = new CpeState(templateFor({ model: opts.model, profile: opts.profile, scale: opts.scale, seed: opts.seed }), this.quirks);
    this.applyDefaults();
    this.state.onChange((paths, source) => this.onStateChange(paths, source));
    this.transfers = new TransferQueue({
      delayMs: (s) => s * 1000 * (opts.timeScale ?? 1),
      currentVersion: () => this.state.get(`${this.state.root}DeviceInfo.SoftwareVersion`) ?? '',
      uploadBody: (type) => uploadBody(this.state, this.log, this.serialNumber, type),
      applyConfig: (body) => applyConfigFile(this.state, body),
      suppressTransferComplete: Boolean(this.quirks.noTransferComplete),
      transferFault: this.quirks.transferFault,
      rejectUnauthorized: opts.rejectUnauthorized,
      done: (r) => this.transferDone(r),
    });
    this.modules = new SoftwareModules(() => this.state, opts.rejectUnauthorized);
    const diagHost = (test: 'IPPing' | 'TraceRoute') => ({
      later: (ms: number, fn: () => void) => this.timers.later(ms * (opts.timeScale ?? 1), fn),
      // TR-069 Amd 6 §3.7.1.5: a finished test opens a session with 8 DIAGNOSTICS COMPLETE.
      completed: (state: string) => {
        this.listeners.emit('diagnostics', { test, state });
        void this.requestSession([ev('8 DIAGNOSTICS COMPLETE')], true);
      },
      log: (line: string) => this.log.add(line),
    });
    this.diagnostics = [new IpPingDiagnostics(this.state, diagHost('IPPing')), new TraceRouteDiagnostics(this.state, diagHost('TraceRoute'))];
    this.host = this.makeHost();
    // A shared (fleet) server is already listening: the URL is known before start().
    if (opts.connectionRequest?.server) this.attachConnectionRequest(opts.connectionRequest.server, false);
  }

  // --- public surface -------------------------------------------------------------

  get serialNumber(): string { return this.identity.serialNumber; }
  get cwmpVersion(): CwmpVersion { return this.version; }
  /** OUI-ProductClass-SerialNumber, the key most ACSs file a device under. */
  get deviceKey(): string { const d = deviceIdOf(this.state); return d.ProductClass ? `${d.OUI}-${d.ProductClass}-${d.SerialNumber}` : `${d.OUI}-${d.SerialNumber}`; }
  get parameterCount(): number { return this.state.parameterCount; }
  get connectionRequestUrl(): string { return this.cr?.reg.url ?? ''; }
  get busy(): boolean { return this.running !== null; }

  on<K extends keyof VirtualCpeEvents>(name: K, fn: (e: VirtualCpeEvents[K]) => void): () => void {
    return this.listeners.on(name, fn);
  }

  waitFor<K extends keyof VirtualCpeEvents>(name: K, match?: (e: VirtualCpeEvents[K]) => boolean, timeoutMs?: number): Promise<VirtualCpeEvents[K]> {
    return this.listeners.waitFor(name, match, timeoutMs);
  }

  /** Powers on: connection-request server up, then the boot Inform (0 BOOTSTRAP the very first time). */
  async start(): Promise<void> {
    if (this.started) return;
    if (!this.cr) {
      const c = this.opts.connectionRequest;
      this.attachConnectionRequest(c?.server ?? await ConnectionRequestServer.start({ host: c?.host, port: c?.port }), !c?.server);
    }
    this.started = true;
    this.state.bootTime = Date.now();
    this.schedulePeriodic();
    void this.requestSession(this.bootstrapped ? [ev('1 BOOT')] : [ev('0 BOOTSTRAP'), ev('1 BOOT')], true);
  }

  private attachConnectionRequest(server: ConnectionRequestServer, own: boolean): void {
    const reg = server.register({
      credentials: () => ({ username: this.ms('ConnectionRequestUsername'), password: this.ms('ConnectionRequestPassword') }),
      onRequest: () => this.onConnectionRequest(),
      onRejected: (reason) => {
        this.log.add(`connection request refused: ${reason}`);
        this.listeners.emit('connectionRequest', { accepted: false, reason });
      },
      // The crBasic / crDigestAlgorithm quirks: what real stacks ask for instead of Digest MD5 (§3.2.2).
      auth: this.quirks.crBasic ? { scheme: 'basic' } : { scheme: 'digest', algorithm: this.quirks.crDigestAlgorithm ?? 'MD5' },
      // The scheme only, never the credentials: enough to show whether a password arrived.
      onAuthorization: (scheme) => this.log.add(`connection request with ${scheme} credentials`),
    });
    this.cr = { server, reg, own };
    this.state.setInternal(`${this.state.root}ManagementServer.ConnectionRequestURL`, reg.url);
  }

  /** Powers off: timers stopped, a session in progress cut, the connection-request endpoint closed. */
  async stop(): Promise<void> {
    this.started = false;
    this.timers.clearAll();
    for (const d of this.diagnostics) d.abort('power off');
    this.transfers.clear();
    this.rebooting = false;
    this.client?.close();
    await this.running;
    for (const w of this.waiters.splice(0)) w({ ok: false, informAcked: false, error: 'stopped', events: [], messagesSent: 0, durationMs: 0 });
    if (this.cr) {
      this.cr.reg.unregister();
      if (this.cr.own) await this.cr.server.close();
      this.cr = null;
    }
  }

  /** Starts a session now (or right after the current one) with these events. */
  inform(events: readonly (string | EventStruct)[] = []): Promise<SessionReport> {
    return this.requestSession(events.map((e) => (typeof e === 'string' ? ev(e) : e)), true);
  }

  /**
   * A transfer the device made on its own (not asked by this ACS): reported
   * with AutonomousTransferComplete and 10 AUTONOMOUS TRANSFER COMPLETE
   * (TR-069 Amd 6 A.3.3.3, CWMP 1.1+), in a session started now.
   */
  autonomousTransfer(args: RpcBodies['AutonomousTransferComplete']): Promise<SessionReport> {
    this.outbox.push({ body: { name: 'AutonomousTransferComplete', args }, events: [ev('10 AUTONOMOUS TRANSFER COMPLETE')] });
    return this.requestSession([], true);
  }

  /**
   * A change made on the device itself (its web UI, a new DHCP lease...).
   * Active notification starts a session with 4 VALUE CHANGE (§3.2.1;
   * passive waits for the next one). Returns the notification level.
   */
  setLocal(path: string, value: string): number {
    const level = this.state.setLocal(path, value);
    if (level === 2) void this.requestSession([], false);
    return level;
  }

  // --- sessions -------------------------------------------------------------------

  private ms(name: string): string {
    return managementServer(this.state, name);
  }

  private requestSession(events: readonly EventStruct[], force: boolean): Promise<SessionReport> {
    addEvents(this.pendingEvents, events);
    if (!this.started) return Promise.resolve({ ok: false, informAcked: false, error: 'not started', events: [], messagesSent: 0, durationMs: 0 });
    const p = new Promise<SessionReport>((resolve) => this.waiters.push(resolve));
    this.kick(force);
    return p;
  }

  private kick(force: boolean): void {
    if (!this.started || this.rebooting) return;
    if (this.running) { this.again = true; return; }
    if (this.timers.retryPending) {
      if (!force) return;
      this.timers.clearRetry();
    }
    this.running = this.loop().finally(() => {
      this.running = null;
      // A request made while the loop was returning (e.g. by whoever awaited its last session) would wait for the next trigger.
      if (this.again) this.kick(false);
    });
  }

  /** One session at a time (§3.7.1): what arrives meanwhile waits for the next. */
  private async loop(): Promise<void> {
    while (this.started && !this.rebooting) {
      this.again = false;
      const waiters = this.waiters.splice(0);
      const { report, after } = await this.runOnce();
      for (const w of waiters) w(report);
      for (const a of after) {
        try { a(); } catch (e) { this.log.add(`post-session action failed: ${(e as Error).message}`); }
      }
      // §3.2.1.1: a session that fails before it completes is retried with back-off.
      if (!report.ok && this.started) {
        this.scheduleRetry();
        return;
      }
      if (report.ok) this.stats.retryCount = 0;
      if (!this.again) return;
    }
  }

  private runOnce(): Promise<{ report: SessionReport; after: (() => void)[] }> {
    return runCpeSession({
      state: this.state, quirks: this.quirks, opts: this.opts, version: this.version, stats: this.stats, log: this.log,
      listeners: this.listeners, host: this.host, pendingEvents: this.pendingEvents, outbox: this.outbox,
      nextId: () => String(++this.idSeq),
      setClient: (client) => { this.client = client; },
      onInformAcked: (delivered, changed, codes) => {
        this.pendingEvents = this.pendingEvents.filter((e) => !delivered.includes(e));
        this.state.clearChanges(changed);
        if (codes.includes('0 BOOTSTRAP')) this.bootstrapped = true;
      },
    });
  }

  /** §3.2.1.1 back-off; RetryCount goes up with each attempt, back to 0 after a successful session. */
  private scheduleRetry(): void {
    this.stats.retryCount++;
    const wait = retryWaitMs(this.stats.retryCount, Number(this.ms('CWMPRetryMinimumWaitInterval')) || 5,
      Number(this.ms('CWMPRetryIntervalMultiplier')) || 2000);
    this.timers.setRetry(wait * (this.opts.retryScale ?? 1), () => this.kick(false));
  }

  /** Periodic Inform (§3.2.1, ManagementServer.PeriodicInform*). */
  private schedulePeriodic(): void {
    this.timers.clearPeriodic();
    const interval = Number(this.ms('PeriodicInformInterval'));
    if (!this.started || this.ms('PeriodicInformEnable') !== 'true' || !(interval > 0)) return;
    const scale = this.opts.timeScale ?? 1;
    // PeriodicInformTime alignment only makes sense on the real clock.
    const wait = scale === 1 ? periodicWaitMs(interval, this.ms('PeriodicInformTime')) : interval * 1000 * scale;
    this.timers.setPeriodic(wait, () => {
      void this.requestSession([ev('2 PERIODIC')], false);
      this.schedulePeriodic();
    });
  }

  private onStateChange(paths: string[], source: 'acs' | 'local'): void {
    const ms = `${this.state.root}ManagementServer.`;
    if (paths.some((p) => p.startsWith(`${ms}PeriodicInform`))) this.schedulePeriodic();
    // §3.7.1.5: a new ACS URL means a new bootstrap with that ACS.
    if (source === 'acs' && paths.includes(`${ms}URL`)) {
      this.bootstrapped = false;
      addEvents(this.pendingEvents, [ev('0 BOOTSTRAP')]);
    }
  }

  private onConnectionRequest(): 'accepted' | 'unavailable' {
    if (!this.started || this.rebooting) return 'unavailable';
    this.stats.connectionRequests++;
    this.log.add('connection request');
    this.listeners.emit('connectionRequest', { accepted: true });
    void this.requestSession([ev('6 CONNECTION REQUEST')], true);
    return 'accepted';
  }

  // --- device actions ---------------------------------------------------------------

  private applyDefaults(): void {
    const c = this.opts.connectionRequest;
    applyIdentity(this.state, this.identity, {
      acsUrl: this.opts.acsUrl, username: this.opts.username, password: this.opts.password,
      connectionRequestUrl: this.cr?.reg.url, connectionRequestUsername: c?.username, connectionRequestPassword: c?.password,
      periodicInformInterval: this.opts.periodicInformInterval,
    });
    if (this.quirks.vendorParameter) this.state.setInternal(`${this.state.root}X_ACME_Debug`, 'off', 'string', true);
  }

  /** Reboot: the session is over, the device is gone for rebootDelayMs, then Informs 1 BOOT (+ extra events). */
  private reboot(reason: VirtualCpeEvents['reboot']['reason'], extra: EventStruct[], onBoot?: () => void): void {
    if (this.rebooting || !this.started) return;
    this.rebooting = true;
    this.stats.reboots++;
    this.timers.clearPeriodic();
    this.timers.clearRetry();
    for (const d of this.diagnostics) d.abort('reboot');
    // Volatile single events die with the old boot; BOOTSTRAP and M events survive (§3.7.1.5).
    this.pendingEvents = this.pendingEvents.filter((e) => e.EventCode === '0 BOOTSTRAP' || e.EventCode.startsWith('M '));
    this.log.add(`reboot (${reason})`);
    this.listeners.emit('reboot', { reason });
    this.timers.later(this.opts.rebootDelayMs ?? 1000, () => {
      this.rebooting = false;
      if (!this.started) return;
      onBoot?.();
      this.state.bootTime = Date.now();
      this.schedulePeriodic();
      void this.requestSession([ev('1 BOOT'), ...extra], true);
    });
  }

  private transferDone(r: TransferResult): void {
    this.log.add(`${r.kind} ${r.commandKey}: ${r.outcome.fault.FaultCode ? `fault ${r.outcome.fault.FaultCode}` : 'done'}`);
    this.listeners.emit('transfer', { kind: r.kind, commandKey: r.commandKey, faultCode: r.outcome.fault.FaultCode, bytes: r.outcome.bytes });
    if (r.transferComplete) this.outbox.push({ body: { name: 'TransferComplete', args: r.transferComplete }, events: r.events });
    const v = r.installVersion;
    if (v !== undefined) {
      // A firmware image "installs" by rebooting into it (A.3.2.8: TransferComplete after the reboot).
      this.reboot('Firmware', [], () => this.state.setInternal(`${this.state.root}DeviceInfo.SoftwareVersion`, v));
    } else if (r.transferComplete) {
      void this.requestSession([], true);
    }
  }

  private makeHost(): RpcHost {
    // The host's getters (state) must read the live field: an object literal's getter has no lexical `this`.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    const diag = diagnosticsHooks(this.diagnostics);
    return {
      get state() { return self.state; },
      version: this.version,
      downloadNotFetched: Boolean(this.quirks.downloadNotFetched),
      reboot: (key) => () => this.reboot('Reboot', [ev('M Reboot', key)]),
      factoryReset: () => () => {
        this.transfers.clear();
        this.modules.clear();
        this.outbox.length = 0;
        this.pendingEvents = [];
        this.bootstrapped = false;
        // A.4.1.4: back to factory defaults, then a first contact again (0 BOOTSTRAP).
        this.reboot('FactoryReset', [ev('0 BOOTSTRAP')], () => {
          this.state.factoryReset();
          this.applyDefaults();
        });
      },
      scheduleInform: (delay, key) => () =>
        this.timers.later(delay * 1000 * (this.opts.timeScale ?? 1), () => void this.requestSession([ev('3 SCHEDULED'), ev('M ScheduleInform', key)], true)),
      transfer: (_kind, args) => this.transfers.accept(args),
      queuedTransfers: () => this.transfers.list(),
      cancelTransfer: (key) => this.transfers.cancel(key),
      changeDuState: (args) => () => {
        void this.modules.apply(args.Operations).then((results) => {
          if (!this.started) return;
          this.outbox.push({
            body: { name: 'DUStateChangeComplete', args: { Results: results, CommandKey: args.CommandKey } },
            events: [ev('11 DU STATE CHANGE COMPLETE'), ev('M ChangeDUState', args.CommandKey)],
          });
          void this.requestSession([], true);
        });
      },
      refuseWrite: (name, value) => diag.refuse(name, value),
      afterWrite: (list) => diag.written(list),
    };
  }
}
