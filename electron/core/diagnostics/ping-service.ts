// A ping run by the CPE (what support staff ask for first when "the internet
// is down"): TR-181 Device.IP.Diagnostics.IPPing., TR-098
// InternetGatewayDevice.IPPingDiagnostics. The ACS writes the test's
// parameters with DiagnosticsState = "Requested" in one SetParameterValues and
// wakes the CPE (connection request); the CPE runs the test after the session
// and opens a new one with the event "8 DIAGNOSTICS COMPLETE" (TR-069 Amd 6
// §3.7.1.5); the ACS then reads the object in that same session
// (GetParameterValues) and reports the counts and times in words.
//
// Runs are kept in memory (the last RUNS_KEPT per device); the values the
// CPE reported also land in the parameter tree like any other.
import { randomUUID } from 'node:crypto';
import type { DiagnosticRecord, PingArgs, PingResult } from '../../../shared/api/diagnostics-contract';
import { pingHostProblem } from '../../../shared/api/diagnostics-contract';
import type { ParameterValueStruct } from '../../../shared/cwmp/types';
import type { DeviceKey, TaskRecord } from '../../../shared/model/records';
import type { TaskQueue } from '../acs/task-queue';
import type { EventBus } from '../events';
import type { DeviceStore } from '../store/device-store';

const RUNS_KEPT = 20;
/** Beyond the test's own worst case (repetitions × timeout): the CPE's session set-up, a slow resolver. */
const COMPLETION_MARGIN_MS = 60_000;

/** The IPPing object of a data model root. */
export function ipPingObject(root: string): string {
  return root === 'InternetGatewayDevice.' ? 'InternetGatewayDevice.IPPingDiagnostics.' : `${root}IP.Diagnostics.IPPing.`;
}

/** The CPE's error states in words (TR-181 2.19 / TR-098 DiagnosticsState enumerations). */
function cpeErrorText(state: string, host: string): string {
  switch (state) {
    case 'Error_CannotResolveHostName': return `the CPE could not resolve "${host}" (Error_CannotResolveHostName)`;
    case 'Error_Internal': return 'the CPE hit an internal error running the test (Error_Internal)';
    case 'Error_Other': return 'the CPE could not run the test (Error_Other)';
    case 'None': return 'the test was cancelled on the CPE (DiagnosticsState went back to None)';
    default: return `the CPE reported DiagnosticsState "${state}"`;
  }
}

export class PingService {
  readonly #runs = new Map<DeviceKey, DiagnosticRecord[]>();
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
  }

  list(deviceId: DeviceKey): DiagnosticRecord[] {
    return (this.#runs.get(deviceId) ?? []).map((r) => structuredClone(r));
  }

  async ping(a: PingArgs): Promise<DiagnosticRecord> {
    const dev = this.store.get(a.deviceId);
    if (!dev) throw new Error(`no device "${a.deviceId}"`);
    const problem = pingHostProblem(a.host);
    if (problem) throw new Error(`host: ${problem}`);
    // The CPE has one IPPing object: writing it while a test runs cancels that test (TR-181 IPPing description).
    const busy = this.#runs.get(a.deviceId)?.find((r) => r.state === 'requested' || r.state === 'reading');
    if (busy) throw new Error(`a ping to ${busy.host} is still running on this device (started ${busy.requested}); wait for its result`);
    const rec: DiagnosticRecord = {
      id: randomUUID(), deviceId: a.deviceId, kind: 'IPPing', host: a.host.trim(), repetitions: a.repetitions ?? 4,
      timeoutMs: a.timeoutMs ?? 1000, dataBlockSize: a.dataBlockSize ?? 64, state: 'requested', requested: new Date().toISOString(), taskIds: [],
    };
    const obj = ipPingObject(dev.root);
    const list: ParameterValueStruct[] = [
      { Name: `${obj}Host`, Value: rec.host, Type: 'string' },
      { Name: `${obj}NumberOfRepetitions`, Value: String(rec.repetitions), Type: 'unsignedInt' },
      { Name: `${obj}Timeout`, Value: String(rec.timeoutMs), Type: 'unsignedInt' },
      { Name: `${obj}DataBlockSize`, Value: String(rec.dataBlockSize), Type: 'unsignedInt' },
      // Last, so a CPE applying the list in order starts the test with the new parameters.
      { Name: `${obj}DiagnosticsState`, Value: 'Requested', Type: 'string' },
    ];
    const task = await this.queue.enqueue(a.deviceId, 'SetParameterValues', { ParameterList: list, ParameterKey: `ping-${rec.id.slice(0, 8)}` }, 'diagnostics');
    rec.taskIds.push(task.id);
    this.#byTask.set(task.id, rec);
    const runs = this.#runs.get(a.deviceId) ?? [];
    runs.unshift(rec);
    for (const old of runs.splice(RUNS_KEPT)) for (const t of old.taskIds) this.#byTask.delete(t);
    this.#runs.set(a.deviceId, runs);
    this.#emit(rec);
    void this.contact(a.deviceId).catch(() => undefined); // otherwise it runs at the next Inform
    return structuredClone(rec);
  }

  close(): void {
    for (const off of this.#off) off();
    for (const t of this.#timers.values()) clearTimeout(t);
    this.#timers.clear();
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
      this.#arm(rec, rec.repetitions * rec.timeoutMs + this.marginMs);
      this.#emit(rec);
    } else if (t.rpc === 'GetParameterValues') {
      this.#read(rec, (t.result as { ParameterList?: ParameterValueStruct[] } | undefined)?.ParameterList ?? []);
    }
  }

  /** A session of the device began: if it carries "8 DIAGNOSTICS COMPLETE", read the results in it. */
  #onSession(deviceId: DeviceKey): void {
    const rec = this.#runs.get(deviceId)?.find((r) => r.state === 'requested');
    const dev = this.store.get(deviceId);
    if (!rec || !dev || !dev.lastEvents.some((e) => e.EventCode === '8 DIAGNOSTICS COMPLETE')) return;
    const spv = rec.taskIds[0] !== undefined ? this.store.getTask(rec.taskIds[0]) : undefined;
    if (spv?.status !== 'done') return; // an older test's report; ours has not been accepted yet
    rec.state = 'reading';
    this.#emit(rec);
    // Queued synchronously while the Inform is handled, so it goes out in this same session.
    void this.queue.enqueue(deviceId, 'GetParameterValues', { ParameterNames: [ipPingObject(dev.root)] }, 'diagnostics').then((task) => {
      rec.taskIds.push(task.id);
      this.#byTask.set(task.id, rec);
    }, (err: unknown) => this.#finish(rec, 'failed', { error: `the results could not be requested: ${String(err)}` }));
  }

  #read(rec: DiagnosticRecord, list: ParameterValueStruct[]): void {
    const v = (name: string): string | undefined => list.find((p) => p.Name.endsWith(`.${name}`))?.Value;
    const n = (name: string): number => {
      const x = Number(v(name));
      return Number.isFinite(x) ? x : 0;
    };
    const cpeState = v('DiagnosticsState') ?? '';
    const result: PingResult = {
      successCount: n('SuccessCount'), failureCount: n('FailureCount'),
      averageMs: n('AverageResponseTime'), minimumMs: n('MinimumResponseTime'), maximumMs: n('MaximumResponseTime'),
    };
    if (cpeState === 'Complete') this.#finish(rec, 'done', { cpeState, result });
    else this.#finish(rec, 'failed', { cpeState, error: cpeErrorText(cpeState, rec.host) });
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

  #finish(rec: DiagnosticRecord, state: DiagnosticRecord['state'], extra: Partial<DiagnosticRecord>): void {
    clearTimeout(this.#timers.get(rec.id));
    this.#timers.delete(rec.id);
    Object.assign(rec, extra, { state, finished: new Date().toISOString() });
    this.#emit(rec);
  }

  #emit(rec: DiagnosticRecord): void {
    this.bus.emit('diagnostics.updated', structuredClone(rec));
  }
}
