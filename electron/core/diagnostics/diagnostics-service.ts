// Diagnostics run by the CPE (what support staff ask for first when "the
// internet is down"): ping and traceroute, the objects in kinds.ts. The ACS
// writes the test's parameters with DiagnosticsState = "Requested" in one
// SetParameterValues and wakes the CPE (connection request); the CPE runs the
// test after the session and opens a new one with the event
// "8 DIAGNOSTICS COMPLETE" (TR-069 Amd 6 §3.7.1.5); the ACS then reads the
// object in that same session (GetParameterValues) and reports the results
// in words. The event does not say which test finished: every test of the
// device waiting for it is read, and one still "Requested" keeps waiting.
//
// Runs are kept with the device (the store's journal, the newest 20), so a
// restart loses none: a run still waiting is picked up again and completes
// when the CPE reports. The values the CPE reported also land in the
// parameter tree like any other.
import { randomUUID } from 'node:crypto';
import type { DiagnosticRecord, PingArgs, TraceRouteArgs } from '../../../shared/api/diagnostics-contract';
import { pingHostProblem } from '../../../shared/api/diagnostics-contract';
import type { ParameterValueStruct } from '../../../shared/cwmp/types';
import type { DeviceKey, TaskRecord } from '../../../shared/model/records';
import type { TaskQueue } from '../acs/task-queue';
import type { EventBus } from '../runtime/events';
import type { DeviceStore } from '../store/device-store';
import { IP_PING, TRACE_ROUTE, type DiagnosticKind } from './kinds';

export { ipPingObject, traceRouteObject } from './kinds';

/** Beyond the test's own worst case: the CPE's session set-up, a slow resolver. */
const COMPLETION_MARGIN_MS = 60_000;
const KINDS: Record<DiagnosticRecord['kind'], DiagnosticKind> = { IPPing: IP_PING, TraceRoute: TRACE_ROUTE };
const WHAT: Record<DiagnosticRecord['kind'], string> = { IPPing: 'a ping', TraceRoute: 'a traceroute' };

/** The CPE's error states in words (TR-181 2.19 / TR-098 DiagnosticsState enumerations). */
function cpeErrorText(state: string, rec: DiagnosticRecord): string {
  switch (state) {
    case 'Error_CannotResolveHostName': return `the CPE could not resolve "${rec.host}" (Error_CannotResolveHostName)`;
    case 'Error_MaxHopCountExceeded': return `"${rec.host}" was not reached within ${rec.maxHops ?? 30} hops (Error_MaxHopCountExceeded)`;
    case 'Error_NoRouteToHost': return `the CPE has no route to "${rec.host}" (Error_NoRouteToHost)`;
    case 'Error_Internal': return 'the CPE hit an internal error running the test (Error_Internal)';
    case 'Error_Other': return 'the CPE could not run the test (Error_Other)';
    case 'None': return 'the test was cancelled on the CPE (DiagnosticsState went back to None)';
    default: return `the CPE reported DiagnosticsState "${state}"`;
  }
}

export class DiagnosticsService {
  /** Runs not finished yet, by id (finished ones live in the store only). */
  readonly #pending = new Map<string, DiagnosticRecord>();
  readonly #byTask = new Map<string, DiagnosticRecord>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #off: (() => void)[];

  constructor(
    private readonly store: DeviceStore,
    private readonly queue: TaskQueue,
    private readonly bus: EventBus,
    private readonly contact: (deviceId: DeviceKey) => Promise<unknown>,
    private readonly marginMs: number = COMPLETION_MARGIN_MS,
  ) {
    this.#off = [
      bus.on('task.updated', (t) => this.#onTask(t)),
      bus.on('session.started', (s) => this.#onSession(s.deviceId)),
    ];
    // Runs a restart interrupted wait again, with their own worst case from now.
    for (const d of store.list()) {
      for (const rec of store.diagnostics(d.id)) {
        if (rec.state !== 'requested' && rec.state !== 'reading') continue;
        this.#track(rec);
        this.#arm(rec, KINDS[rec.kind].worstCaseMs(rec) + this.marginMs);
      }
    }
  }

  list(deviceId: DeviceKey): DiagnosticRecord[] {
    return this.store.diagnostics(deviceId);
  }

  ping(a: PingArgs): Promise<DiagnosticRecord> {
    return this.#start(a.deviceId, {
      kind: 'IPPing', host: a.host, repetitions: a.repetitions ?? 4, timeoutMs: a.timeoutMs ?? 1000, dataBlockSize: a.dataBlockSize ?? 64,
    });
  }

  traceRoute(a: TraceRouteArgs): Promise<DiagnosticRecord> {
    return this.#start(a.deviceId, {
      kind: 'TraceRoute', host: a.host, repetitions: a.tries ?? 3, timeoutMs: a.timeoutMs ?? 5000, dataBlockSize: a.dataBlockSize ?? 38,
      maxHops: a.maxHops ?? 30,
    });
  }

  close(): void {
    for (const off of this.#off) off();
    for (const t of this.#timers.values()) clearTimeout(t);
    this.#timers.clear();
  }

  async #start(deviceId: DeviceKey, test: Pick<DiagnosticRecord, 'kind' | 'host' | 'repetitions' | 'timeoutMs' | 'dataBlockSize' | 'maxHops'>): Promise<DiagnosticRecord> {
    const dev = this.store.get(deviceId);
    if (!dev) throw new Error(`no device "${deviceId}"`);
    const problem = pingHostProblem(test.host);
    if (problem) throw new Error(`host: ${problem}`);
    // One object per kind on the CPE: writing it while its test runs cancels that test (TR-181 descriptions).
    const busy = [...this.#pending.values()].find((r) => r.deviceId === deviceId && r.kind === test.kind);
    if (busy) throw new Error(`${WHAT[test.kind]} to ${busy.host} is still running on this device (started ${busy.requested}); wait for its result`);
    const rec: DiagnosticRecord = {
      id: randomUUID(), deviceId, ...test, host: test.host.trim(), state: 'requested', requested: new Date().toISOString(), taskIds: [],
    };
    const kind = KINDS[rec.kind];
    const obj = kind.object(dev.root);
    const list: ParameterValueStruct[] = kind.params(rec).map(([name, value, type]) => ({ Name: obj + name, Value: value, Type: type }));
    // Last, so a CPE applying the list in order starts the test with the new parameters.
    list.push({ Name: `${obj}DiagnosticsState`, Value: 'Requested', Type: 'string' });
    const task = await this.queue.enqueue(deviceId, 'SetParameterValues', { ParameterList: list, ParameterKey: `diag-${rec.id.slice(0, 8)}` }, 'diagnostics');
    rec.taskIds.push(task.id);
    this.#track(rec);
    this.#emit(rec);
    void this.contact(deviceId).catch(() => undefined); // otherwise it runs at the next Inform
    return structuredClone(rec);
  }

  #onTask(t: TaskRecord): void {
    const rec = this.#byTask.get(t.id);
    if (!rec || (rec.state !== 'requested' && rec.state !== 'reading')) return;
    if (t.status === 'failed' || t.status === 'cancelled') {
      const what = t.rpc === 'SetParameterValues' ? 'the CPE refused the test' : 'the results could not be read';
      this.#finish(rec, 'failed', { error: t.status === 'cancelled' ? 'the request was cancelled' : `${what}: ${t.error ?? 'no reason given'}` });
      return;
    }
    if (t.status !== 'done') return;
    if (t.rpc === 'SetParameterValues') {
      // Accepted: the CPE runs it after this session. Its worst case, plus a margin, is how long we wait.
      this.#arm(rec, KINDS[rec.kind].worstCaseMs(rec) + this.marginMs);
      this.#emit(rec);
    } else if (t.rpc === 'GetParameterValues') {
      this.#read(rec, (t.result as { ParameterList?: ParameterValueStruct[] } | undefined)?.ParameterList ?? []);
    }
  }

  /** A session of the device began: if it carries "8 DIAGNOSTICS COMPLETE", read every test waiting for it, in it. */
  #onSession(deviceId: DeviceKey): void {
    const dev = this.store.get(deviceId);
    if (!dev || !dev.lastEvents.some((e) => e.EventCode === '8 DIAGNOSTICS COMPLETE')) return;
    for (const rec of this.#pending.values()) {
      if (rec.deviceId !== deviceId || rec.state !== 'requested') continue;
      const spv = rec.taskIds[0] !== undefined ? this.store.getTask(rec.taskIds[0]) : undefined;
      if (spv?.status !== 'done') continue; // an older test's report; this one has not been accepted yet
      rec.state = 'reading';
      // Queued synchronously while the Inform is handled, so it goes out in this same session.
      void this.queue.enqueue(deviceId, 'GetParameterValues', { ParameterNames: [KINDS[rec.kind].object(dev.root)] }, 'diagnostics').then((task) => {
        rec.taskIds.push(task.id);
        this.#byTask.set(task.id, rec);
        this.#emit(rec); // saved with its reading task, so a restart can follow it
      }, (err: unknown) => this.#finish(rec, 'failed', { error: `the results could not be requested: ${String(err)}` }));
    }
  }

  #read(rec: DiagnosticRecord, list: ParameterValueStruct[]): void {
    const dev = this.store.get(rec.deviceId);
    const obj = dev ? KINDS[rec.kind].object(dev.root) : '';
    const values = new Map<string, string>();
    for (const p of list) if (p.Name.startsWith(obj)) values.set(p.Name.slice(obj.length), p.Value);
    const cpeState = values.get('DiagnosticsState') ?? '';
    if (cpeState === 'Requested') {
      // The report was another test's: this one is still running on the CPE.
      rec.state = 'requested';
      this.#emit(rec);
      return;
    }
    const results = KINDS[rec.kind].read(rec, values);
    if (cpeState === 'Complete') this.#finish(rec, 'done', { cpeState, ...results });
    else this.#finish(rec, 'failed', { cpeState, ...results, error: cpeErrorText(cpeState, rec) });
  }

  #arm(rec: DiagnosticRecord, ms: number): void {
    clearTimeout(this.#timers.get(rec.id));
    const t = setTimeout(() => {
      this.#timers.delete(rec.id);
      if (rec.state === 'requested' || rec.state === 'reading') {
        this.#finish(rec, 'timeout', { error: `no "8 DIAGNOSTICS COMPLETE" from the CPE within ${Math.round(ms / 1000)} s` });
      }
    }, ms);
    t.unref();
    this.#timers.set(rec.id, t);
  }

  #track(rec: DiagnosticRecord): void {
    this.#pending.set(rec.id, rec);
    for (const t of rec.taskIds) this.#byTask.set(t, rec);
  }

  #finish(rec: DiagnosticRecord, state: DiagnosticRecord['state'], extra: Partial<DiagnosticRecord>): void {
    clearTimeout(this.#timers.get(rec.id));
    this.#timers.delete(rec.id);
    this.#pending.delete(rec.id);
    for (const t of rec.taskIds) this.#byTask.delete(t);
    Object.assign(rec, extra, { state, finished: new Date().toISOString() });
    this.#emit(rec);
  }

  /** Kept with the device (durable), then told to every window. */
  #emit(rec: DiagnosticRecord): void {
    this.store.putDiagnostic(rec).catch((err: unknown) => console.warn(`diagnostics: run ${rec.id} not saved: ${String(err)}`));
    this.bus.emit('diagnostics.updated', structuredClone(rec));
  }
}
