// File transfers from request to outcome (TR-069 Amd 6 A.3.2.8 Download,
// A.4.1.5 Upload, A.4.1.8 ScheduleDownload, A.3.3.2 TransferComplete):
//
//   waiting (bulk) → queued → sent (the CPE accepted: Status 1) → in progress
//   (bytes served / arriving) → succeeded | failed (TransferComplete, a
//   Status 0 answer, or a fault to the RPC) | unknown (no TransferComplete by
//   the deadline: the evidence is recorded) | disputed (the CPE reported
//   success, the file server saw no complete fetch) | cancelled.
//
// The CPE's word alone never makes a transfer done: a success claim (Status 0
// or TransferComplete without a fault) is held against the bytes our file
// server served for the transfer's token (transfer-claims.ts).
//
// A transfer is matched by its CommandKey, unique per transfer: the task
// carrying the RPC (through task.updated), TransferComplete, and the
// M Download/M Upload event of the reboot. Records live in transfers.json
// and tokens are granted again at start, so a transfer survives a restart.
import { randomUUID } from 'node:crypto';
import type { RpcBodies } from '../../../shared/cwmp/types';
import type { DeviceSummary, TaskRecord } from '../../../shared/model/records';
import type { TransferDownloadArgs, TransferUploadArgs } from '../../../shared/api/contract';
import type { TransferRecord, TransferState } from '../../../shared/model/transfers';
import { background } from '../runtime/background';
import type { EventBus } from '../runtime/events';
import type { TaskQueue } from '../acs/task-queue';
import type { DeviceStore } from '../store/device-store';
import type { FileServer } from '../files/file-server';
import type { FirmwareLibrary } from '../files/library';
import { chooseFileHost, type HostChoice, type Interfaces } from '../files/reachability';
import type { UploadStore } from '../files/upload-store';
import { describeTransfer, evidenceOf, faultInfo } from './outcome';
import { bytesSeen, DEFAULT_CLAIM_GRACE_MS, evidenceAgrees, newClaim, servedByWorkbench, taskWithEvidence } from './transfer-claims';
import { TransferDeadlines } from './transfer-deadlines';
import { TransferGrants } from './transfer-grants';
import { isFinal, publicTransfer, type StoredTransfer, type TransferStore } from './transfer-store';
import { downloadRecord, rpcFor, uploadRecord } from './transfer-requests';

export interface TransferServiceDeps {
  store: DeviceStore;
  queue: TaskQueue;
  bus: EventBus;
  library: FirmwareLibrary;
  uploads: UploadStore;
  server: FileServer;
  records: TransferStore;
  /** Where the file server listens. */
  bindHost(): string;
  port(): number;
  /** A connection request now (failures are fine: the task waits for the next Inform). */
  contact(deviceId: string): Promise<void>;
  /** Default time without TransferComplete before 'unknown'. */
  deadlineMs: number;
  /** How long a success claim the evidence does not back yet waits before it is disputed (default 2 s). */
  claimGraceMs?: number;
  interfaces?: () => Interfaces;
}


const ACTIVE: readonly TransferState[] = ['queued', 'sent', 'in-progress'];
const TRANSFER_RPCS = new Set(['Download', 'ScheduleDownload', 'Upload', 'CancelTransfer']);

export function cwmpMinor(d: DeviceSummary): number {
  const m = /cwmp-1-(\d)/.exec(d.cwmpVersion);
  return m ? Number(m[1]) : 0;
}

export class TransferService {
  readonly #d: TransferServiceDeps;
  readonly #deadlines = new TransferDeadlines((t) => this.#expire(t));
  readonly #grants: TransferGrants;
  readonly #unsubscribe: (() => void)[] = [];

  constructor(deps: TransferServiceDeps) {
    this.#d = deps;
    this.#grants = new TransferGrants({
      server: deps.server, uploads: deps.uploads, library: deps.library, bus: deps.bus, records: deps.records,
      changed: (t) => this.#changed(t),
      evidence: (t) => this.#onEvidence(t),
    });
    this.#unsubscribe.push(
      deps.bus.on('task.updated', (t) => this.#onTask(t)),
      deps.bus.on('session.started', (s) => this.#onSession(s.deviceId)),
    );
  }

  /** After a restart: tokens granted again, deadlines armed, bulk pushes resumed. */
  recover(): void {
    const bulks = new Set<string>();
    for (const t of this.#d.records.all()) {
      if (t.token && (!isFinal(t) || t.state === 'unknown' || t.state === 'disputed')) this.#grants.grant(t);
      if (!isFinal(t) && t.deadline) this.#deadlines.arm(t);
      if (t.bulkId && t.state === 'waiting') bulks.add(t.bulkId);
    }
    for (const b of bulks) this.pump(b);
  }

  list(filter: { deviceId?: string; bulkId?: string } = {}): TransferRecord[] {
    return this.#d.records.all()
      .filter((t) => (filter.deviceId === undefined || t.deviceId === filter.deviceId) && (filter.bulkId === undefined || t.bulkId === filter.bulkId))
      .map(publicTransfer)
      .reverse();
  }

  get(id: string): TransferRecord | undefined {
    const t = this.#d.records.get(id);
    return t ? publicTransfer(t) : undefined;
  }

  /** Transfers not finished that use a library file (it cannot be removed meanwhile). */
  inUse(fileId: string): number {
    return this.#d.records.all().filter((t) => t.fileId === fileId && (t.state === 'waiting' || ACTIVE.includes(t.state))).length;
  }

  device(id: string): DeviceSummary {
    const d = this.#d.store.get(id);
    if (!d) throw new Error(`no device "${id}"`);
    return d;
  }

  /** The file server's port. */
  port(): number {
    return this.#d.port();
  }

  hostFor(d: DeviceSummary): HostChoice {
    return chooseFileHost({ bindHost: this.#d.bindHost(), port: this.#d.port(), remoteAddress: d.remoteAddress, interfaces: this.#d.interfaces?.() });
  }

  /** A new Download (or ScheduleDownload) record; started at once unless it waits in a bulk push. */
  async download(args: TransferDownloadArgs, bulk?: { id: string; concurrency: number }): Promise<TransferRecord> {
    const dev = this.device(args.deviceId);
    const file = this.#d.library.get(args.fileId);
    if (!file) throw new Error(`no file ${args.fileId} in the library`);
    if (args.windows && cwmpMinor(dev) < 2) {
      throw new Error(`ScheduleDownload needs CWMP 1.2 or later; ${dev.id} speaks ${dev.cwmpVersion.replace(/^.*cwmp-/, 'cwmp-')}`);
    }
    const t = downloadRecord(args, dev.id, file, { ...this.hostFor(dev), port: this.#d.port() }, bulk);
    this.#d.records.add(t);
    this.#grants.grant(t);
    if (bulk) await this.#changed(t);
    else await this.#start(t);
    return publicTransfer(t);
  }

  async upload(args: TransferUploadArgs): Promise<TransferRecord> {
    const dev = this.device(args.deviceId);
    const t = uploadRecord(args, dev.id, { ...this.hostFor(dev), port: this.#d.port() });
    this.#d.records.add(t);
    this.#grants.grant(t);
    await this.#start(t);
    return publicTransfer(t);
  }

  /** Starts waiting items of a bulk push while fewer than its concurrency are active. */
  pump(bulkId: string): void {
    const items = this.#d.records.all().filter((t) => t.bulkId === bulkId);
    let free = (items[0]?.bulkConcurrency ?? 1) - items.filter((t) => ACTIVE.includes(t.state)).length;
    for (const t of items) {
      if (free <= 0) break;
      if (t.state !== 'waiting') continue;
      free--;
      void this.#start(t).catch((e: unknown) => console.error(`bulk ${bulkId}: ${String(e)}`));
    }
  }

  /** The RPC, queued (the record is 'queued' before the first await, so a pump never starts it twice). */
  async #start(t: StoredTransfer): Promise<void> {
    t.state = 'queued';
    t.softwareVersionBefore ??= this.#d.store.get(t.deviceId)?.softwareVersion;
    if (t.bulkId) {
      // A device that never calls must not hold a slot of the bulk push forever.
      t.deadline = new Date(Date.now() + (t.deadlineMs ?? this.#d.deadlineMs)).toISOString();
      this.#deadlines.arm(t);
    }
    await this.#changed(t);
    const rpc = rpcFor(t);
    try {
      const task = await this.#d.queue.enqueue(t.deviceId, rpc.name, rpc.args, 'transfer');
      t.taskId ??= task.id;
    } catch (e) {
      return this.#finish(t, 'failed', { error: `the ${t.kind} request was refused: ${(e as Error).message}` });
    }
    await this.#changed(t);
    void this.#d.contact(t.deviceId).catch(() => undefined);
  }

  /** A.4.1.9 CancelTransfer (CWMP 1.2+) once the CPE has the request; before that the task is simply withdrawn. */
  async cancel(id: string): Promise<TransferRecord> {
    const t = this.#d.records.get(id);
    if (!t) throw new Error(`no transfer ${id}`);
    if (isFinal(t)) return publicTransfer(t);
    if (t.state === 'waiting') {
      await this.#finish(t, 'cancelled', { error: 'cancelled before it started' });
      return publicTransfer(t);
    }
    const task = t.taskId ? this.#d.store.getTask(t.taskId) : undefined;
    if (t.state === 'queued' && (!task || task.status === 'queued')) {
      if (task) await this.#d.queue.cancel(task.id);
      await this.#finish(t, 'cancelled', { error: 'withdrawn before it was sent' });
      return publicTransfer(t);
    }
    const dev = this.device(t.deviceId);
    if (cwmpMinor(dev) < 2) {
      throw new Error(`CancelTransfer needs CWMP 1.2 or later (TR-069 Amd 3); ${dev.id} speaks ${dev.cwmpVersion.replace(/^.*cwmp-/, 'cwmp-')}, so the CPE cannot be asked to drop it`);
    }
    const c = await this.#d.queue.enqueue(t.deviceId, 'CancelTransfer', { CommandKey: t.commandKey }, 'transfer');
    t.cancelTaskId = c.id;
    await this.#changed(t);
    void this.#d.contact(t.deviceId).catch(() => undefined);
    return publicTransfer(t);
  }

  /** A.3.3.2: the outcome, matched by CommandKey. Persisted before the CPE gets its TransferCompleteResponse. */
  async transferComplete(deviceId: string, tc: RpcBodies['TransferComplete']): Promise<void> {
    const t = this.#d.records.byCommandKey(deviceId, tc.CommandKey);
    if (!t || t.state === 'succeeded' || t.state === 'failed') return;
    t.startTime = tc.StartTime;
    t.completeTime = tc.CompleteTime;
    t.sentAt ??= new Date().toISOString();
    t.softwareVersionAfter = this.#d.store.get(deviceId)?.softwareVersion ?? t.softwareVersionAfter;
    const code = Number(tc.FaultStruct?.FaultCode ?? 0);
    t.error = undefined;
    if (code) await this.#finish(t, 'failed', { fault: faultInfo(code, tc.FaultStruct.FaultString) });
    else await this.#claimed(t, 'TransferComplete');
  }

  /** A transfer the CPE made on its own: recorded, matched to nothing. */
  async autonomousTransferComplete(deviceId: string, a: RpcBodies['AutonomousTransferComplete']): Promise<void> {
    const code = Number(a.FaultStruct?.FaultCode ?? 0);
    const now = new Date().toISOString();
    const t: StoredTransfer = {
      id: randomUUID(), deviceId, kind: 'AutonomousTransferComplete', state: code ? 'failed' : 'succeeded', commandKey: '',
      fileType: a.FileType, url: a.TransferURL, size: a.FileSize, targetFileName: a.TargetFileName, created: now, finished: now,
      startTime: a.StartTime, completeTime: a.CompleteTime, bytesServed: 0, fullyServed: false, summary: '',
      softwareVersionAfter: this.#d.store.get(deviceId)?.softwareVersion,
      autonomous: { announceURL: a.AnnounceURL, transferURL: a.TransferURL, isDownload: a.IsDownload, fileSize: a.FileSize, targetFileName: a.TargetFileName },
      ...(code ? { fault: faultInfo(code, a.FaultStruct.FaultString) } : {}),
    };
    this.#d.records.add(t);
    await this.#changed(t);
  }

  async stop(): Promise<void> {
    for (const u of this.#unsubscribe) u();
    this.#deadlines.clearAll();
  }

  // ---- what the rest of the core tells us ----

  #onTask(task: TaskRecord): void {
    if (!TRANSFER_RPCS.has(task.rpc)) return;
    const key = (task.args as { CommandKey?: string }).CommandKey ?? '';
    const t = this.#d.records.byCommandKey(task.deviceId, key);
    if (!t || t.kind === 'AutonomousTransferComplete') return;
    if (task.rpc === 'CancelTransfer') {
      if (task.id !== t.cancelTaskId || isFinal(t)) return;
      if (task.status === 'done') void this.#finish(t, 'cancelled', { error: 'the CPE dropped it (CancelTransfer)' });
      else if (task.status === 'failed') {
        t.error = `CancelTransfer refused: ${task.fault?.explanation ?? task.error ?? 'no reason given'}`;
        t.cancelTaskId = undefined;
        background(this.#changed(t), 'transfer');
      }
      return;
    }
    if (task.status === 'done' && t.sentAt === undefined && !isFinal(t)) {
      t.taskId = task.id;
      t.sentAt = task.finished ?? new Date().toISOString();
      const r = (task.result ?? {}) as { Status?: number; StartTime?: string; CompleteTime?: string };
      t.responseStatus = t.kind === 'ScheduleDownload' ? 1 : Number(r.Status ?? 1);
      if (t.responseStatus === 0) {
        // A.3.2.8: Status 0 — the transfer completed and was applied; no TransferComplete follows. Checked against the evidence.
        t.startTime = r.StartTime;
        t.completeTime = r.CompleteTime;
        t.softwareVersionAfter = this.#d.store.get(t.deviceId)?.softwareVersion;
        background(this.#claimed(t, 'Status 0'), 'transfer');
        return;
      }
      if (t.state === 'queued') t.state = 'sent';
      const waitSeconds = (t.delaySeconds ?? 0) + Math.max(0, ...(t.windows ?? []).map((w) => w.WindowEnd));
      t.deadline = new Date(Date.parse(t.sentAt) + waitSeconds * 1000 + (t.deadlineMs ?? this.#d.deadlineMs)).toISOString();
      this.#deadlines.arm(t);
      background(this.#changed(t), 'transfer');
    } else if ((task.status === 'failed' || task.status === 'cancelled') && t.sentAt === undefined && !isFinal(t) && task.id === (t.taskId ?? task.id)) {
      if (task.status === 'cancelled') void this.#finish(t, 'cancelled', { error: 'its task was cancelled' });
      else void this.#finish(t, 'failed', task.fault
        ? { fault: { code: task.fault.FaultCode, string: task.fault.FaultString, explanation: task.fault.explanation } }
        : { error: task.error ?? 'the request failed' });
    }
  }

  /** Each Inform: a reboot after the request was accepted, and the SoftwareVersion now. */
  #onSession(deviceId: string): void {
    const dev = this.#d.store.get(deviceId);
    if (!dev) return;
    const now = new Date().toISOString();
    for (const t of this.#d.records.all()) {
      if (t.deviceId !== deviceId || !t.sentAt || !(ACTIVE.includes(t.state) || t.state === 'unknown' || t.state === 'disputed')) continue;
      const ours = dev.lastEvents.some((e) => e.EventCode === `M ${t.kind}` && e.CommandKey === t.commandKey);
      const boot = ours || dev.lastEvents.some((e) => e.EventCode === '1 BOOT');
      if (dev.softwareVersion !== undefined) t.softwareVersionAfter = dev.softwareVersion;
      if (boot && !t.evidence?.rebootedAt) t.evidence = { ...evidenceOf(t), rebootedAt: now, bootEvents: dev.lastEvents.map((e) => e.EventCode) };
      else if (t.evidence) t.evidence = evidenceOf(t);
      background(this.#changed(t), 'transfer');
    }
  }

  // ---- the CPE's word against the evidence ----

  /**
   * The CPE says the transfer is done (A.3.2.8 Status 0, A.3.3.2 FaultCode 0).
   * Done at once when the file server saw the whole file go out (or the
   * upload arrive); with no evidence to hold (not our URL), done but marked
   * unverified; otherwise judged after a short grace period, since the last
   * bytes may still be on their way.
   */
  async #claimed(t: StoredTransfer, via: 'Status 0' | 'TransferComplete'): Promise<void> {
    t.claim = newClaim(t, via, new Date().toISOString());
    if (!servedByWorkbench(t) || evidenceAgrees(t)) return this.#judge(t);
    // A claim after 'unknown' (a late TransferComplete) is judged like any other; the URL is still granted.
    if (t.state === 'queued' || isFinal(t)) t.state = t.bytesServed > 0 ? 'in-progress' : 'sent';
    t.deadline = new Date(Date.now() + (this.#d.claimGraceMs ?? DEFAULT_CLAIM_GRACE_MS)).toISOString();
    this.#deadlines.arm(t);
    await this.#changed(t);
  }

  /** The verdict on a pending claim, now. */
  async #judge(t: StoredTransfer): Promise<void> {
    const claim = t.claim!;
    claim.bytesServed = bytesSeen(t);
    if (!servedByWorkbench(t)) claim.verdict = 'unverified';
    else claim.verdict = evidenceAgrees(t) ? 'confirmed' : 'disputed';
    await this.#finish(t, claim.verdict === 'disputed' ? 'disputed' : 'succeeded', {});
  }

  /** New evidence from the file server (a response ended, an upload arrived): it may settle or overturn a claim. */
  #onEvidence(t: StoredTransfer): void {
    if (!t.claim || !evidenceAgrees(t)) return;
    if (t.claim.verdict === 'pending' && !isFinal(t)) {
      background(this.#judge(t), 'transfer');
    } else if (t.claim.verdict === 'disputed' && t.state === 'disputed') {
      // The fetch completed after all: done, with the note that the claim came first.
      t.claim = { ...t.claim, verdict: 'late', bytesServed: bytesSeen(t), confirmedAt: new Date().toISOString() };
      background(this.#finish(t, 'succeeded', {}), 'transfer');
    }
  }

  /**
   * The task that carried the RPC shows the verdict too (its result gets
   * `Evidence`). Called in the same tick as the state change, so nobody sees
   * the transfer judged and its task not (putTask updates memory at once).
   */
  async #noteOnTask(t: StoredTransfer): Promise<void> {
    const task = t.taskId ? this.#d.store.getTask(t.taskId) : undefined;
    if (!task || !t.claim || t.claim.verdict === 'pending') return;
    const saved = taskWithEvidence(task, publicTransfer(t));
    const written = this.#d.store.putTask(saved);
    this.#d.bus.emit('task.updated', saved);
    await written;
  }

  // ---- endings ----

  /** The deadline passed without TransferComplete. */
  async #expire(t: StoredTransfer): Promise<void> {
    if (t.state === 'queued' && t.bulkId) {
      const task = t.taskId ? this.#d.store.getTask(t.taskId) : undefined;
      if (task && task.status !== 'queued') return; // being sent right now: its answer re-arms the deadline
      if (task) await this.#d.queue.cancel(task.id);
      return this.#finish(t, 'failed', { error: 'the device did not open a session before the deadline; the request was withdrawn unsent' });
    }
    if (t.state !== 'sent' && t.state !== 'in-progress') return;
    if (t.claim?.verdict === 'pending') return this.#judge(t);
    t.softwareVersionAfter = this.#d.store.get(t.deviceId)?.softwareVersion ?? t.softwareVersionAfter;
    await this.#finish(t, 'unknown', {});
  }

  async #finish(t: StoredTransfer, state: TransferState, why: { fault?: TransferRecord['fault']; error?: string }): Promise<void> {
    t.state = state;
    t.finished = new Date().toISOString();
    if (why.fault) t.fault = why.fault;
    if (why.error) t.error = why.error;
    if (t.sentAt) t.evidence = evidenceOf(t);
    this.#deadlines.clear(t.id);
    this.#grants.end(t, state);
    t.summary = describeTransfer(t);
    const noted = t.claim ? this.#noteOnTask(t).catch((e: unknown) => console.error(`transfer ${t.id}: task not annotated: ${String(e)}`)) : undefined;
    await this.#changed(t);
    await noted;
    if (t.bulkId) this.pump(t.bulkId);
  }

  async #changed(t: StoredTransfer): Promise<void> {
    t.summary = describeTransfer(t);
    this.#d.bus.emit('transfer.updated', publicTransfer(t));
    await this.#d.records.save();
  }
}
