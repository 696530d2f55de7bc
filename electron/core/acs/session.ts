// One CWMP session at the edge: the listener hands in parsed envelopes, the
// decision core (session-decide.ts) says what to answer and what changes,
// the effect runner (effect-runner.ts) makes those changes durable, and only
// then does the answer go back. Between the two sits the last check of an
// ACS request and its wire form for this device (outgoing.ts). Everything
// here is transport-free.
import type { CwmpParseError } from '../../../shared/cwmp/parse';
import type { CwmpEnvelope } from '../../../shared/cwmp/types';
import type { DeviceKey } from '../../../shared/model/records';
import type { EventBus } from '../runtime/events';
import type { DeviceStore } from '../store/device-store';
import { compatOf } from './compat-learning';
import type { SessionEnd } from './compat-lessons';
import { runEffects, type EffectDeps } from './effect-runner';
import { prepareRequest } from './outgoing';
import { decide } from './session-decide';
import { SessionRecords } from './session-records';
import type { Reply, SessionContext, SessionInput, SessionView, EngineSettings } from './session-state';
import type { TaskQueue } from './task-queue';
import type { TransferHooks } from './transfer-outcomes';

export { newSession, type EngineSettings, type Reply, type SessionContext } from './session-state';
export { negotiateVersion } from './session-decide';
/** Where transfer outcomes go (electron/core/transfers; transfer-outcomes.ts). */
export type { TransferHooks } from './transfer-outcomes';

export class SessionEngine {
  private readonly deps: EffectDeps;
  private readonly view: SessionView;

  constructor(
    private store: DeviceStore,
    queue: TaskQueue,
    bus: EventBus,
    settings: EngineSettings = {},
    transfers?: TransferHooks,
  ) {
    const records = new SessionRecords(store);
    this.deps = { store, queue, bus, records, transfers };
    this.view = {
      clock: () => Date.now(),
      settings,
      device: (id) => store.get(id),
      nextTask: (id) => queue.next(id),
      carriedNotes: (id) => records.carriedNotes(id),
    };
  }

  async onMessage(ctx: SessionContext, env: CwmpEnvelope | null): Promise<Reply> {
    return this.wire(ctx, await this.answer(ctx, { kind: 'message', envelope: env }));
  }

  /** A message that could not be parsed: the protocol answer, and the session goes on where it can. */
  async onParseError(ctx: SessionContext, err: CwmpParseError): Promise<Reply> {
    return this.wire(ctx, await this.answer(ctx, { kind: 'parse-error', error: err }));
  }

  /** The device's `cookieless` switch (shared/model/compat.ts): the listener may find its session by address. */
  isCookieless(deviceId: DeviceKey | undefined): boolean {
    return compatOf(this.store, deviceId).cookieless;
  }

  /** The CPE's session was found by its address, without the cookie: learned once, said in the session log. */
  async learnCookieless(ctx: SessionContext): Promise<void> {
    await this.settle(ctx, { kind: 'found-by-address' });
  }

  /** Clean up after the 204, a timeout or a dropped connection. */
  async end(ctx: SessionContext, reason: string, how: SessionEnd = 'other'): Promise<void> {
    await this.settle(ctx, { kind: 'end', reason, how });
  }

  private async answer(ctx: SessionContext, input: SessionInput): Promise<Reply> {
    const r = await this.settle(ctx, input);
    if (!r) throw new Error(`no answer to a ${input.kind}`); // a message always has one (session-decide.ts)
    return r;
  }

  /**
   * Decides, runs the decision's effects (durable before anything is sent),
   * and goes on until there is something to send: a decision that changed
   * the queue asks to continue once the change is made; a request the last
   * check refuses fails its task and the core decides again.
   */
  private async settle(ctx: SessionContext, input: SessionInput): Promise<Reply | null> {
    let decision = decide(ctx, input, this.view);
    let note: string | undefined;
    for (;;) {
      await runEffects(decision.effects, this.deps);
      const r = decision.reply;
      if (!r) return null;
      if (r.kind === 'continue') {
        note = r.note ?? note;
        decision = decide(ctx, { kind: 'continue' }, this.view);
        continue;
      }
      if (r.kind === 'request') {
        const prepared = await prepareRequest(this.store, ctx.deviceId!, ctx, compatOf(this.store, ctx.deviceId), r.request);
        if (!prepared.ok) {
          decision = decide(ctx, { kind: 'refused', error: prepared.error }, this.view);
          continue;
        }
        const envelope: CwmpEnvelope = { version: ctx.version, header: r.header, body: prepared.request };
        return withNote({ kind: 'envelope', envelope, note: r.note }, note);
      }
      return withNote(r, note);
    }
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
}

/** A note carried over from an earlier step of the same answer (an unexpected response) is what the log says. */
function withNote(r: Reply, note: string | undefined): Reply {
  return note === undefined || r.kind === 'http-error' ? r : { ...r, note };
}
