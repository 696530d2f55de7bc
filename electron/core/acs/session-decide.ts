// The session state machine as TR-069 Amd 6 §3.7 orders it, as a pure
// decision: given the session, one input (a CPE message, the end of the
// session…) and a read-only view of the world, what to answer and what must
// change (effects, run in order by effect-runner.ts before the answer goes
// out). The order of a session: Inform → InformResponse (§3.7.1.1); the CPE's
// requests answered (§3.7.2.1); its empty POST hands the turn to the ACS
// (§3.7.2.2), which sends its requests one at a time, each answered before
// the next (§3.7.2.4); an empty 204 ends it. No store, queue or event bus here.
import { cwmpFault, explainFault } from '../../../shared/cwmp/faults';
import type { CwmpParseError } from '../../../shared/cwmp/parse';
import { INTRODUCED_IN } from '../../../shared/cwmp/rpc-schema';
import type { AcsRequestName, CwmpBody, CwmpEnvelope, CwmpHeader, CwmpVersion } from '../../../shared/cwmp/types';
import { effectiveCompat } from '../../../shared/model/compat';
import type { AnyTask, TaskResult } from '../../../shared/model/records';
import { judgeEnd, learnedNote, type SessionEnd } from './compat-lessons';
import { answerCpeRequest, isCpeRequest } from './cpe-requests';
import { deviceKey, informFacts, informProblem } from './inform';
import { isAnswerTo, valuesToChanges, type AnyRequest, type JobView, type Step } from './job';
import { createJob } from './jobs';
import type { DiscoveryOutcome, Effect } from './session-effects';
import type { DecidedReply, Decision, Reply, SessionContext, SessionInput, SessionView } from './session-state';
import { asDone, asFailed, asRunning, asUnanswered, type FailureWhy } from './task-transitions';

type EnvelopeReply = Extract<Reply, { kind: 'envelope' }>;

/**
 * One step of the session: the session's own state advances in place (its
 * §3.7 state, the outstanding request, the job); everything else it changes
 * is in `effects`.
 */
export function decide(session: SessionContext, input: SessionInput, view: SessionView): Decision {
  const d = new Decider(session, view);
  const reply = d.run(input);
  return { reply, effects: d.effects };
}

class Decider {
  readonly effects: Effect[] = [];
  /** One time for everything this decision records. */
  private readonly at: string;

  constructor(private readonly s: SessionContext, private readonly view: SessionView) {
    this.at = new Date(view.clock()).toISOString();
  }

  run(input: SessionInput): DecidedReply | null {
    switch (input.kind) {
      case 'message': return this.onMessage(input.envelope);
      case 'parse-error': return this.onParseError(input.error);
      case 'refused':
        this.s.outstanding = undefined;
        return this.failTask({ error: input.error });
      case 'continue': return this.nextRequest();
      case 'found-by-address': this.foundByAddress(); return null;
      case 'end': this.end(input.reason, input.how); return null;
    }
  }

  private onMessage(env: CwmpEnvelope | null): DecidedReply {
    const s = this.s;
    s.lastSeen = this.view.clock();
    s.messages++;
    if (s.state === 'awaiting-inform') return this.onFirstMessage(env);
    if (!env || !env.body) {
      // Empty POST (§3.7.2.2): the CPE has no more requests; our turn.
      s.state = 'acs';
      return this.nextRequest();
    }
    const body = env.body;
    if (body.name === 'Fault' || body.name.endsWith('Response')) return this.onCpeAnswer(env, body);
    if (body.name === 'Inform') return this.fault(env, 8003, 'Inform is only allowed as the first message of a session');
    if (isCpeRequest(body.name)) {
      // A.3.3.2: once the CPE has TransferCompleteResponse it forgets the transfer, so its outcome is recorded first.
      if (s.deviceId && (body.name === 'TransferComplete' || body.name === 'AutonomousTransferComplete')) {
        this.effects.push({ kind: 'transfer-report', deviceId: s.deviceId, body });
      }
      const answer = answerCpeRequest(body, env.header.ID);
      return { kind: 'envelope', envelope: { ...answer, version: s.version, header: this.header(env.header.ID) } };
    }
    // An ACS-side method sent by the CPE (e.g. Reboot): we do not implement it (A.5: fault 8000).
    return this.fault(env, 8000, `${body.name} is not a method the ACS implements`);
  }

  private onFirstMessage(env: CwmpEnvelope | null): DecidedReply {
    const s = this.s;
    if (!env || env.body?.name !== 'Inform') {
      const what = env?.body ? env.body.name : 'an empty message';
      return { kind: 'http-error', status: 400, message: `no session: a session starts with an Inform (TR-069 §3.7.1), got ${what}` };
    }
    const inform = env.body.args;
    s.version = env.version;
    const problem = informProblem(inform);
    if (problem) {
      s.state = 'ended';
      return { ...this.fault(env, 8003, problem), endsSession: true };
    }
    const use = negotiateVersion(s.version, env.header.SupportedCWMPVersions);
    if (use === null) {
      s.state = 'ended';
      const msg = `no CWMP version in common: the CPE supports ${env.header.SupportedCWMPVersions}, the ACS 1.0–1.4`;
      return { ...this.fault(env, 8006, msg), endsSession: true };
    }
    const id = deviceKey(inform);
    s.deviceId = id;
    s.events = (inform.Event ?? []).map((e) => e.EventCode);
    const facts = informFacts(inform, this.view.device(id), { version: env.version, remoteAddress: s.remoteAddress, now: this.at });
    this.effects.push({ kind: 'inform', summary: facts.summary, dropTree: facts.bootstrap, changes: valuesToChanges(inform.ParameterList), at: this.at });
    s.root = facts.summary.root;
    s.state = 'cpe';
    const carried = this.view.carriedNotes(id);
    if (carried?.length) {
      (s.notes ??= []).push(...carried);
      this.effects.push({ kind: 'notes-delivered', deviceId: id });
    }
    this.effects.push({ kind: 'session-started', sessionId: s.id, deviceId: id, remoteAddress: s.remoteAddress });
    const discovery = facts.summary.discovery.status;
    if (this.view.settings.autoDiscover !== false && (facts.isNew || facts.bootstrap || discovery === 'none')) {
      this.effects.push({ kind: 'enqueue-discovery', deviceId: id, path: s.root, origin: 'discovery' }); // one at a time: the queue keeps one
    }
    return {
      kind: 'envelope',
      envelope: {
        version: s.version,
        header: { ...this.header(env.header.ID), ...(use ? { UseCWMPVersion: use } : {}) },
        body: { name: 'InformResponse', args: { MaxEnvelopes: 1 } },
      },
      note: use ? `CWMP version negotiated: ${use} (CPE supports ${env.header.SupportedCWMPVersions})` : undefined,
    };
  }

  /** A response or a fault: to the outstanding request (§3.7.2.4), or to nothing the ACS asked. */
  private onCpeAnswer(env: CwmpEnvelope, body: CwmpBody): DecidedReply {
    const s = this.s;
    const out = s.outstanding;
    const job = s.job;
    const task = s.task;
    if (!out || !job || !task) {
      // Nothing was asked: log it and carry on with our queue.
      return withNote(this.nextRequest(), `unexpected ${body.name}: no request was outstanding`);
    }
    if (env.header.ID !== undefined && env.header.ID !== out.id) {
      // A response to something else: we cannot trust it, so ours counts as unanswered (re-sent only where safe).
      const msg = `response cwmp:ID "${env.header.ID}" does not match the outstanding request "${out.id}" (${out.name})`;
      this.effects.push({ kind: 'save-task', task: asUnanswered(task, msg, this.at) });
      s.task = undefined;
      s.job = undefined;
      s.outstanding = undefined;
      return { kind: 'end', note: `${msg}; ending the session` };
    }
    s.outstanding = undefined;
    const view = this.jobView();
    if (body.name === 'Fault') {
      const step = job.onFault(view, body.fault);
      return step ? this.follow(step) : this.failTask({ fault: body.fault });
    }
    if (isAnswerTo(out.name, body)) return this.follow(job.onResponse(view, body));
    return this.follow({ effects: [], failed: `expected ${out.name}Response, the CPE sent ${body.name}` });
  }

  private follow(step: Step): DecidedReply {
    const s = this.s;
    for (const e of step.effects) {
      // A switch learned mid-session is said on the next ACS message, the first that follows it.
      if (e.kind === 'learn') (s.notes ??= []).push(learnedNote(e.switch, e.value, e.reason));
      this.effects.push(e);
    }
    if ('request' in step) return this.send(step.request);
    if ('failed' in step) return this.failTask({ error: step.failed });
    const task = s.task!;
    this.effects.push({ kind: 'save-task', task: asDone(task, step.done, this.at) });
    this.discovery(task, 'done', undefined, step.done);
    if (step.followUp) {
      // Rule 1: the change is recorded above; reading its result is a task of its own, whose failure never re-runs it.
      this.effects.push({ kind: 'enqueue-discovery', deviceId: s.deviceId!, path: step.followUp, origin: 'follow-up' });
    }
    // TR-069 A.3.2.7/A.4.1.5: the CPE reboots (or resets) after the session ends, so end it now.
    if (s.job?.endsSession) s.endAfterJob = true;
    s.job = undefined;
    s.task = undefined;
    return this.nextRequest();
  }

  private failTask(why: FailureWhy): DecidedReply {
    const s = this.s;
    const task = s.task;
    if (!task) return this.nextRequest();
    // The device's fault history first, so whoever sees the task fail also sees the fault.
    if (why.fault) {
      const { FaultCode, FaultString } = why.fault.detail;
      this.effects.push({
        kind: 'fault', deviceId: s.deviceId!,
        fault: { at: this.at, code: FaultCode, message: explainFault(FaultCode, FaultString), sessionId: s.id, taskId: task.id, rpc: task.rpc },
      });
    }
    const failed = asFailed(task, why, this.at);
    this.effects.push({ kind: 'save-task', task: failed });
    this.discovery(task, 'failed', failed.error);
    s.job = undefined;
    s.task = undefined;
    return this.nextRequest();
  }

  /** The ACS's turn (§3.7.2.2): its next queued request, or the 204 that ends the session. */
  private nextRequest(): DecidedReply {
    const s = this.s;
    if (s.endAfterJob) return { kind: 'end', note: 'the device reboots after this session' };
    // The queue is read once this decision's changes to it are made.
    if (this.effects.length > 0) return { kind: 'continue' };
    const task = this.view.nextTask(s.deviceId!);
    if (!task) return { kind: 'end' };
    const introduced = INTRODUCED_IN[task.rpc] ?? 0;
    if (introduced > Number(s.version.slice(2))) {
      const error = `${task.rpc} does not exist in CWMP cwmp-${s.version}, the version this device speaks`;
      this.effects.push({ kind: 'save-task', task: asFailed(task, { error }, this.at) });
      return { kind: 'continue' };
    }
    // On disk as running before it is sent: a crash while it is out leaves it judged by the re-send rule.
    const running = asRunning(task, this.at);
    this.effects.push({ kind: 'save-task', task: running });
    s.task = running;
    s.taskIds.push(task.id);
    s.job = createJob(running);
    this.discovery(task, 'running');
    return this.follow(s.job.start(this.jobView()));
  }

  private send(request: AnyRequest): DecidedReply {
    const s = this.s;
    const id = `${s.id}.${++s.seq}`;
    s.outstanding = { id, name: request.name, request };
    return { kind: 'request', header: this.header(id), request };
  }

  private onParseError(err: CwmpParseError): DecidedReply {
    this.s.lastSeen = this.view.clock();
    if (err.kind === 'dtd' || err.kind === 'malformed' || err.kind === 'not-envelope') {
      return { kind: 'http-error', status: 400, message: `${err.message}` };
    }
    // Parsed as SOAP but not a method we know: a CWMP fault, echoing the ID (A.5).
    const code = err.kind === 'unknown-rpc' ? 8000 : 8003;
    const version = err.detail.version ?? this.s.version;
    return {
      kind: 'envelope',
      envelope: { version, header: this.header(err.detail.id), body: { name: 'Fault', fault: cwmpFault(code, err.message) } },
      note: `answered fault ${code}: ${err.message}`,
    };
  }

  /**
   * The CPE went on with its session on a new connection without the
   * session cookie and was found by its address: a fact about the device,
   * learned once (and said in the session log).
   */
  private foundByAddress(): void {
    const s = this.s;
    if (!s.deviceId || effectiveCompat(this.view.device(s.deviceId)?.compat).cookieless) return;
    const reason = 'the CPE went on with its session on a new connection without the session cookie (found by its address)';
    this.effects.push({ kind: 'learn', deviceId: s.deviceId, switch: 'cookieless', value: true, reason, sessionId: s.id });
    (s.notes ??= []).push(learnedNote('cookieless', true, reason));
  }

  /** After the 204, a timeout or a dropped connection: what it proves, and what becomes of the request still out. */
  private end(reason: string, how: SessionEnd): void {
    const s = this.s;
    if (s.state === 'ended') return;
    const wasOpen = s.state !== 'awaiting-inform';
    const outstanding = s.outstanding?.request;
    s.state = 'ended';
    // What the way it ended proves (a learned compatibility switch), before the task is judged, so its retry follows it.
    const judged = s.deviceId && wasOpen ? this.judge(how, outstanding) : undefined;
    if (s.task && s.task.status === 'running') {
      const why = judged ? `${judged}; ${reason}` : reason;
      const task = asUnanswered(s.task, outstanding ? why : `session ended: ${why}`, this.at);
      this.effects.push({ kind: 'save-task', task });
      this.discovery(s.task, task.status === 'queued' ? 'retrying' : 'failed', task.error ?? why);
    }
    s.task = undefined;
    s.job = undefined;
    if (s.deviceId) {
      this.effects.push({
        kind: 'session-record', deviceId: s.deviceId,
        record: {
          sessionId: s.id, started: new Date(s.startedAt).toISOString(), ended: this.at, remoteAddress: s.remoteAddress,
          events: s.events, messages: s.messages, tasks: s.taskIds, outcome: judged ?? reason,
        },
      });
    }
    if (wasOpen) this.effects.push({ kind: 'session-ended', sessionId: s.id, deviceId: s.deviceId, reason: judged ?? reason });
  }

  /**
   * A session the CPE abandoned (closed, went silent, or replaced by a new
   * Inform): the device record says what happened, and a switch the failure
   * proves is learned (noted on the device's next session). A session that
   * ended normally clears the problem. Returns the words for the task that
   * was waiting, if any.
   */
  private judge(how: SessionEnd, outstanding: AnyRequest | undefined): string | undefined {
    const s = this.s;
    const id = s.deviceId!;
    const d = this.view.device(id);
    if (!d) return undefined;
    const verdict = judgeEnd(how, {
      cpeMessages: s.messages, lastSent: s.lastSent, outstanding, sentXmlDeclaration: s.lastSentDeclaration ?? true,
    }, effectiveCompat(d.compat), s.id);
    if (!verdict) {
      if (how === 'complete' && d.lastSessionProblem) this.effects.push({ kind: 'session-problem', deviceId: id, problem: null });
      return undefined;
    }
    if (verdict.lesson) {
      const { s: sw, value, reason } = verdict.lesson;
      this.effects.push({ kind: 'learn', deviceId: id, switch: sw, value, reason, sessionId: s.id });
      // Logged with the next session's InformResponse, the first message that follows the switch.
      this.effects.push({ kind: 'carry-note', deviceId: id, note: learnedNote(sw, value, reason) });
    }
    this.effects.push({ kind: 'session-problem', deviceId: id, problem: { at: this.at, sessionId: s.id, text: verdict.text } });
    return verdict.text;
  }

  /** A discovery task's state on the device record (only discoveries: follow-up reads are tasks like any other). */
  private discovery(task: AnyTask, outcome: DiscoveryOutcome, error?: string, result?: TaskResult<AcsRequestName>): void {
    if (task.origin !== 'discovery') return;
    this.effects.push({ kind: 'discovery-state', deviceId: this.s.deviceId!, task, outcome, error, result });
  }

  private fault(env: CwmpEnvelope, code: number, message: string): EnvelopeReply {
    return {
      kind: 'envelope',
      envelope: { version: this.s.version, header: this.header(env.header.ID), body: { name: 'Fault', fault: cwmpFault(code, message) } },
      note: `answered fault ${code}: ${message}`,
    };
  }

  /** cwmp:ID echoed (A.4.2.1); HoldRequests when Settings say so (A.4.2.2: the CPE must keep its own requests). */
  private header(id: string | undefined): CwmpHeader {
    const h: CwmpHeader = { ID: id ?? '' };
    if (this.view.settings.holdRequests) h.HoldRequests = true;
    return h;
  }

  private jobView(): JobView {
    const id = this.s.deviceId!;
    return { deviceId: id, sessionId: this.s.id, root: this.s.root, now: this.at, compat: effectiveCompat(this.view.device(id)?.compat) };
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

function withNote(r: DecidedReply, note: string): DecidedReply {
  return r.kind === 'http-error' ? r : { ...r, note };
}
