// One CWMP session, as TR-069 Amd 6 §3.7 orders it: Inform → InformResponse,
// CPE requests answered, the CPE's empty POST, then ACS requests one at a time
// (each answered before the next), and an empty 204 to end. Everything here is
// transport-free: the listener hands in parsed envelopes and sends the replies.
import { randomUUID } from 'node:crypto';
import { cwmpFault, explainFault } from '../../../shared/cwmp/faults';
import type { CwmpParseError } from '../../../shared/cwmp/parse';
import { INTRODUCED_IN } from '../../../shared/cwmp/rpc-schema';
import type { AcsRequestName, CwmpEnvelope, CwmpFault, CwmpVersion } from '../../../shared/cwmp/types';
import { ACS_METHODS } from '../../../shared/cwmp/types';
import type { AnyTask, DeviceKey } from '../../../shared/model/records';
import { background } from '../runtime/background';
import type { EventBus } from '../runtime/events';
import type { DeviceStore } from '../store/device-store';
import { answerCpeRequest, isCpeRequest } from './cpe-requests';
import { applyInform, deviceKey, informProblem } from './inform';
import { isAnswerTo, type AnyRequest, type Job, type JobContext, type Step } from './job';
import { compatOf, learnedNote, setCompat, type SessionEnd } from './compat-learning';
import { createJob } from './jobs';
import { SessionRecords } from './session-records';
import { prepareRequest } from './outgoing';
import { recordTransferReport, type TransferHooks } from './transfer-outcomes';
import type { TaskQueue } from './task-queue';

export interface SessionContext {
  id: string;
  version: CwmpVersion;
  deviceId?: DeviceKey;
  root: string;
  remoteAddress?: string;
  state: 'awaiting-inform' | 'cpe' | 'acs' | 'ended';
  startedAt: number;
  lastSeen: number;
  job?: Job;
  task?: AnyTask;
  outstanding?: { id: string; name: AcsRequestName };
  seq: number;
  endAfterJob: boolean;
  /** Inform EventCodes of this session. */
  events?: string[];
  /** CWMP messages handled, and the tasks sent, for the session record. */
  messages: number;
  taskIds: string[];
  /** The ACS's last message (InformResponse, an RPC…) and whether it carried the XML declaration: evidence when the CPE goes away. */
  lastSent?: string;
  lastSentDeclaration?: boolean;
  /** The outstanding request's arguments (what a dropped session was asked). */
  outstandingArgs?: unknown;
  /** Notes for the session log on the next ACS message (a switch learned mid-session). */
  notes?: string[];
}

export type Reply =
  | { kind: 'envelope'; envelope: CwmpEnvelope; note?: string; endsSession?: boolean; xmlDeclaration?: boolean }
  | { kind: 'end'; note?: string }
  | { kind: 'http-error'; status: number; message: string };

/** Where transfer outcomes go (electron/core/transfers; transfer-outcomes.ts). */
export type { TransferHooks } from './transfer-outcomes';

/** Read at every message: the core changes the fields in place when Settings change. */
export interface EngineSettings {
  /** Send HoldRequests=true in every ACS message (A.4.2.2): the CPE must keep its own requests. */
  holdRequests?: boolean;
  /** Learn the whole tree of a new (or reset) device on its first session (default true). */
  autoDiscover?: boolean;
}

export function newSession(remoteAddress?: string): SessionContext {
  const now = Date.now();
  return {
    id: randomUUID().slice(0, 13), version: '1-0', root: 'Device.', remoteAddress, state: 'awaiting-inform',
    startedAt: now, lastSeen: now, seq: 0, endAfterJob: false, messages: 0, taskIds: [],
  };
}

export class SessionEngine {
  /** The device record's side of a session: how it ended, learned switches, discovery state. */
  private readonly records: SessionRecords;

  constructor(
    private store: DeviceStore,
    private queue: TaskQueue,
    private bus: EventBus,
    private settings: EngineSettings = {},
    private transfers?: TransferHooks,
  ) {
    this.records = new SessionRecords(store);
  }

  async onMessage(ctx: SessionContext, env: CwmpEnvelope | null): Promise<Reply> {
    return this.wire(ctx, await this.dispatch(ctx, env));
  }

  /**
   * The device's compatibility profile on every envelope (the XML
   * declaration), and what was sent last, for judging a session the CPE abandons.
   */
  private wire(ctx: SessionContext, r: Reply): Reply {
    if (r.kind !== 'envelope') return r;
    const xmlDeclaration = compatOf(this.store, ctx.deviceId).xmlDeclaration;
    ctx.lastSent = r.envelope.body?.name ?? 'empty';
    ctx.lastSentDeclaration = xmlDeclaration;
    const notes = [r.note, ...(ctx.notes?.splice(0) ?? [])].filter(Boolean);
    return { ...r, xmlDeclaration, note: notes.length ? notes.join('; ') : undefined };
  }

  private async dispatch(ctx: SessionContext, env: CwmpEnvelope | null): Promise<Reply> {
    ctx.lastSeen = Date.now();
    ctx.messages++;
    if (ctx.state === 'awaiting-inform') return this.onFirstMessage(ctx, env);
    if (!env || !env.body) {
      // Empty POST (§3.7.2.2): the CPE has no more requests; our turn.
      ctx.state = 'acs';
      return this.nextRequest(ctx);
    }
    const body = env.body;
    if (body.name === 'Fault' || body.name.endsWith('Response')) return this.onCpeAnswer(ctx, env);
    if (body.name === 'Inform') {
      return this.fault(ctx, env, 8003, 'Inform is only allowed as the first message of a session');
    }
    if (isCpeRequest(body.name)) {
      const answer = answerCpeRequest(body, env.header.ID);
      if (ctx.deviceId) await recordTransferReport(this.store, this.bus, this.transfers, ctx.deviceId, body);
      return { kind: 'envelope', envelope: { ...answer, version: ctx.version, header: this.header(env.header.ID) } };
    }
    // An ACS-side method sent by the CPE (e.g. Reboot): we do not implement it (A.5: fault 8000).
    return this.fault(ctx, env, 8000, `${body.name} is not a method the ACS implements`);
  }

  /** The device's `cookieless` switch (shared/model/compat.ts): the listener may find its session by address. */
  isCookieless(deviceId: DeviceKey | undefined): boolean {
    return compatOf(this.store, deviceId).cookieless;
  }

  /**
   * The CPE went on with its session on a new connection without the
   * session cookie and was found by its address: a fact about the device,
   * learned once (and said in the session log).
   */
  async learnCookieless(ctx: SessionContext): Promise<void> {
    if (!ctx.deviceId || this.isCookieless(ctx.deviceId)) return;
    const reason = 'the CPE went on with its session on a new connection without the session cookie (found by its address)';
    await setCompat(this.store, ctx.deviceId, 'cookieless', true, { source: 'learned', reason, sessionId: ctx.id });
    (ctx.notes ??= []).push(learnedNote('cookieless', true, reason));
  }

  /** A message that could not be parsed: the protocol answer, and the session goes on where it can. */
  async onParseError(ctx: SessionContext, err: CwmpParseError): Promise<Reply> {
    return this.wire(ctx, await this.parseErrorReply(ctx, err));
  }

  private async parseErrorReply(ctx: SessionContext, err: CwmpParseError): Promise<Reply> {
    ctx.lastSeen = Date.now();
    if (err.kind === 'dtd' || err.kind === 'malformed' || err.kind === 'not-envelope') {
      return { kind: 'http-error', status: 400, message: `${err.message}` };
    }
    // Parsed as SOAP but not a method we know: a CWMP fault, echoing the ID (A.5).
    const code = err.kind === 'unknown-rpc' ? 8000 : 8003;
    const version = err.detail.version ?? ctx.version;
    return {
      kind: 'envelope',
      envelope: { version, header: this.header(err.detail.id), body: { name: 'Fault', fault: cwmpFault(code, err.message) } },
      note: `answered fault ${code}: ${err.message}`,
    };
  }

  /** Clean up after the 204, a timeout or a dropped connection. */
  async end(ctx: SessionContext, reason: string, how: SessionEnd = 'other'): Promise<void> {
    if (ctx.state === 'ended') return;
    const wasOpen = ctx.state !== 'awaiting-inform';
    const outstanding = ctx.outstanding ? { name: ctx.outstanding.name, args: ctx.outstandingArgs } : undefined;
    ctx.state = 'ended';
    // What the way it ended proves (a learned compatibility switch), before the task is judged, so its retry follows it.
    const judged = ctx.deviceId && wasOpen ? await this.records.judge(ctx, how, outstanding) : undefined;
    if (ctx.task && ctx.task.status === 'running') {
      const why = judged ? `${judged}; ${reason}` : reason;
      const task = await this.queue.noAnswer(ctx.task, outstanding ? why : `session ended: ${why}`);
      if (ctx.deviceId) await this.records.setDiscovery(ctx.deviceId, ctx.task, task.status === 'queued' ? 'retrying' : 'failed', task.error ?? why);
    }
    ctx.task = undefined;
    ctx.job = undefined;
    if (ctx.deviceId) {
      background(this.store.putSession(ctx.deviceId, {
        sessionId: ctx.id, started: new Date(ctx.startedAt).toISOString(), ended: new Date().toISOString(),
        remoteAddress: ctx.remoteAddress, events: ctx.events, messages: ctx.messages, tasks: ctx.taskIds, outcome: judged ?? reason,
      }), 'session record');
      await this.store.sync();
    }
    if (wasOpen) this.bus.emit('session.ended', { sessionId: ctx.id, deviceId: ctx.deviceId, reason: judged ?? reason });
  }

  private async onFirstMessage(ctx: SessionContext, env: CwmpEnvelope | null): Promise<Reply> {
    if (!env || env.body?.name !== 'Inform') {
      const what = env?.body ? env.body.name : 'an empty message';
      return { kind: 'http-error', status: 400, message: `no session: a session starts with an Inform (TR-069 §3.7.1), got ${what}` };
    }
    const inform = env.body.args;
    ctx.version = env.version;
    const problem = informProblem(inform);
    if (problem) {
      ctx.state = 'ended';
      return { ...(await this.fault(ctx, env, 8003, problem)), endsSession: true } as Reply;
    }
    const use = negotiateVersion(ctx.version, env.header.SupportedCWMPVersions);
    if (use === null) {
      ctx.state = 'ended';
      const msg = `no CWMP version in common: the CPE supports ${env.header.SupportedCWMPVersions}, the ACS 1.0–1.4`;
      return { ...(await this.fault(ctx, env, 8006, msg)), endsSession: true } as Reply;
    }
    const id = deviceKey(inform);
    ctx.deviceId = id;
    ctx.events = (inform.Event ?? []).map((e) => e.EventCode);
    const outcome = await applyInform(this.store, inform, {
      version: env.version, remoteAddress: ctx.remoteAddress, now: new Date().toISOString(), pendingTasks: this.queue.pending(id),
    });
    ctx.root = outcome.summary.root;
    ctx.state = 'cpe';
    const carried = this.records.takeCarried(id);
    if (carried) (ctx.notes ??= []).push(...carried);
    this.bus.emit('session.started', { sessionId: ctx.id, deviceId: id, remoteAddress: ctx.remoteAddress });
    if (this.settings.autoDiscover !== false && (outcome.isNew || outcome.bootstrap || outcome.summary.discovery.status === 'none')) {
      await this.queue.enqueueDiscovery(id, ctx.root); // one at a time: returns the one queued already
    }
    return {
      kind: 'envelope',
      envelope: {
        version: ctx.version,
        header: { ...this.header(env.header.ID), ...(use ? { UseCWMPVersion: use } : {}) },
        body: { name: 'InformResponse', args: { MaxEnvelopes: 1 } },
      },
      note: use ? `CWMP version negotiated: ${use} (CPE supports ${env.header.SupportedCWMPVersions})` : undefined,
    };
  }

  private async onCpeAnswer(ctx: SessionContext, env: CwmpEnvelope): Promise<Reply> {
    const body = env.body!;
    const out = ctx.outstanding;
    if (!out || !ctx.job || !ctx.task) {
      // Nothing was asked: log it and carry on with our queue.
      const r = await this.nextRequest(ctx);
      return withNote(r, `unexpected ${body.name}: no request was outstanding`);
    }
    if (env.header.ID !== undefined && env.header.ID !== out.id) {
      // A response to something else: we cannot trust it, so ours counts as unanswered (re-sent only where safe).
      const msg = `response cwmp:ID "${env.header.ID}" does not match the outstanding request "${out.id}" (${out.name})`;
      await this.queue.noAnswer(ctx.task, msg);
      ctx.task = undefined;
      ctx.job = undefined;
      ctx.outstanding = undefined;
      return { kind: 'end', note: `${msg}; ending the session` };
    }
    ctx.outstanding = undefined;
    ctx.outstandingArgs = undefined;
    const jctx = this.jobContext(ctx);
    let step: Step | null;
    if (body.name === 'Fault') {
      step = await ctx.job.onFault(jctx, body.fault);
      if (!step) return this.failTask(ctx, { fault: body.fault });
    } else if (isAnswerTo(out.name, body)) {
      step = await ctx.job.onResponse(jctx, body);
    } else {
      step = { failed: `expected ${out.name}Response, the CPE sent ${body.name}` };
    }
    return this.follow(ctx, step);
  }

  private async follow(ctx: SessionContext, step: Step): Promise<Reply> {
    if ('request' in step) return this.send(ctx, step.request);
    const task = ctx.task!;
    if ('failed' in step) return this.failTask(ctx, { error: step.failed });
    ctx.task = await this.queue.markDone(task, step.done);
    await this.records.setDiscovery(ctx.deviceId!, task, 'done', undefined, step.done);
    if (step.followUp) {
      // Rule 1: the change is recorded above; reading its result is a task of its own, whose failure never re-runs it.
      await this.queue.enqueueDiscovery(ctx.deviceId!, step.followUp, 'follow-up');
    }
    if (ctx.job?.endsSession) ctx.endAfterJob = true;
    ctx.job = undefined;
    ctx.task = undefined;
    return this.nextRequest(ctx);
  }

  private async failTask(ctx: SessionContext, why: { fault?: CwmpFault; error?: string }): Promise<Reply> {
    const task = ctx.task!;
    // The device's fault history first, so whoever sees the task fail also sees the fault.
    if (why.fault) {
      const { FaultCode, FaultString } = why.fault.detail;
      await this.store.addFault(ctx.deviceId!, {
        at: new Date().toISOString(), code: FaultCode, message: explainFault(FaultCode, FaultString), sessionId: ctx.id, taskId: task.id, rpc: task.rpc,
      });
    }
    const failed = await this.queue.markFailed(task, why);
    await this.records.setDiscovery(ctx.deviceId!, task, 'failed', failed.error);
    ctx.job = undefined;
    ctx.task = undefined;
    return this.nextRequest(ctx);
  }

  private async nextRequest(ctx: SessionContext): Promise<Reply> {
    if (ctx.endAfterJob) return { kind: 'end', note: 'the device reboots after this session' };
    for (;;) {
      const task = this.queue.next(ctx.deviceId!);
      if (!task) return { kind: 'end' };
      const introduced = INTRODUCED_IN[task.rpc] ?? 0;
      if (introduced > Number(ctx.version.slice(2))) {
        await this.queue.markFailed(task, { error: `${task.rpc} does not exist in CWMP cwmp-${ctx.version}, the version this device speaks` });
        continue;
      }
      ctx.task = await this.queue.markRunning(task);
      ctx.taskIds.push(task.id);
      ctx.job = createJob(ctx.task);
      if (task.origin === 'discovery') await this.records.setDiscovery(ctx.deviceId!, task, 'running');
      const step = await ctx.job.start(this.jobContext(ctx));
      return this.follow(ctx, step);
    }
  }

  private async send(ctx: SessionContext, request: AnyRequest): Promise<Reply> {
    const id = `${ctx.id}.${++ctx.seq}`;
    const prepared = await prepareRequest(this.store, ctx.deviceId!, ctx, compatOf(this.store, ctx.deviceId), request);
    if (!prepared.ok) return this.failTask(ctx, { error: prepared.error });
    ctx.outstanding = { id, name: request.name };
    ctx.outstandingArgs = prepared.request.args;
    return {
      kind: 'envelope',
      envelope: { version: ctx.version, header: this.header(id), body: prepared.request },
    };
  }

  private async fault(ctx: SessionContext, env: CwmpEnvelope, code: number, message: string): Promise<Reply> {
    return {
      kind: 'envelope',
      envelope: { version: ctx.version, header: this.header(env.header.ID), body: { name: 'Fault', fault: cwmpFault(code, message) } },
      note: `answered fault ${code}: ${message}`,
    };
  }

  private header(id: string | undefined): CwmpEnvelope['header'] {
    const h: CwmpEnvelope['header'] = { ID: id ?? '' };
    if (this.settings.holdRequests) h.HoldRequests = true;
    return h;
  }

  private jobContext(ctx: SessionContext): JobContext {
    const deviceId = ctx.deviceId!;
    return {
      store: this.store, deviceId, root: ctx.root, now: () => new Date().toISOString(),
      compat: compatOf(this.store, deviceId),
      learn: async (sw, value, reason) => {
        await setCompat(this.store, deviceId, sw, value, { source: 'learned', reason, sessionId: ctx.id });
        (ctx.notes ??= []).push(learnedNote(sw, value, reason));
      },
      progress: (p) => {
        const d = this.store.get(deviceId);
        if (!d) return;
        const summary = { ...d, discovery: { ...d.discovery, status: 'running' as const, ...p } };
        background(this.store.putDevice(summary), 'discovery progress'); // the store tells the UI
      },
    };
  }
}

/**
 * CWMP 1.4 version negotiation (TR-069 Amd 6 §3.7.1.1 / A.4.2.5): a CPE that
 * lists SupportedCWMPVersions gets UseCWMPVersion, the highest version both
 * support; undefined when the CPE did not ask (or speaks cwmp-1-0/1-1, whose
 * schemas have no such header); null when there is none in common (fault 8006).
 */
export function negotiateVersion(ns: CwmpVersion, supported: string | undefined): string | undefined | null {
  if (supported === undefined || ns === '1-0' || ns === '1-1') return undefined;
  const ours = ['1.0', '1.1', '1.2', '1.3', '1.4'];
  const common = supported.split(',').map((v) => v.trim()).filter((v) => ours.includes(v));
  return common.length ? common.sort().pop()! : null;
}

function withNote(r: Reply, note: string): Reply {
  return r.kind === 'http-error' ? r : { ...r, note };
}

export const ACS_REQUESTS = new Set<string>(ACS_METHODS);
