// The device repository: summaries, parameter trees, tasks, recent sessions,
// faults and diagnostic runs, one folder per device under `<dataDir>/devices/`.
// - A change is durable once its record is in the journal (journal.ts): one
//   append shared by every change made meanwhile, whatever the number of
//   devices or the size of their trees. device.json and parameters.json are
//   snapshots written by compaction (compaction.ts) a moment later.
// - Startup reads the small device.json files (device-files.ts) and replays
//   the journal; trees load on demand into an LRU cache (tree-cache.ts), and
//   changes to a tree not loaded wait until it is, so a periodic session of a
//   device nobody looks at loads nothing.
// - Summary fields the store knows better than any caller, `parameterCount`
//   and `pendingTasks`, are maintained here and override what callers pass.
// - Whoever changes a device record, the store tells `onSummaryChange`
//   (device.updated) once the change is durable (device-notifier.ts).
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Low } from 'lowdb';
import type { DiagnosticRecord } from '../../../shared/api/diagnostics-contract';
import type { AnyTask, DeviceSummary, ParameterRecord, TaskRecord, TaskStatus } from '../../../shared/model/records';
import { Compactor, type CompactionOptions } from './compaction';
import {
  type DeviceDoc, type FaultRecord, type SessionRecord, addFaultTo, newDoc, removeTask, setSummary, upsertDiagnostic, upsertSession,
  upsertTask,
} from './device-doc';
import { loadDeviceDocs } from './device-files';
import { DeviceNotifier } from './device-notifier';
import { Journal } from './journal';
import { type Warn, openJson } from './json-files';
import { KeyedQueue } from './keyed-queue';
import type { TableState } from './parameter-file';
import type { ParameterChange } from './parameter-table';
import { DEVICE_FILE, deviceDir, journalDir } from './paths';
import type { StoreRecord } from './store-records';
import { type TreeOwner, TreeCache, ensureDir } from './tree-cache';

export type { ParameterChange } from './parameter-table';
export type { FaultRecord, SessionRecord } from './device-doc';

export interface DeviceStoreOptions extends CompactionOptions {
  /** Parameter trees kept in memory (least recently used are dropped once saved). Default 64. */
  cacheDevices?: number;
  /** Where warnings go (corrupt files). Default console.warn. */
  warn?: Warn;
  /** A device record changed (summary, kept counts, last fault), whoever changed it: the whole summary, once per turn. */
  onSummaryChange?: (summary: DeviceSummary) => void;
}

export interface DeviceState extends TreeOwner {
  readonly db: Low<DeviceDoc>;
  /** device.json is behind the journal. */
  docDirty: boolean;
}

export class DeviceStore {
  readonly dataDir: string;
  readonly #warn: Warn;
  readonly #notifier: DeviceNotifier;
  readonly #queue = new KeyedQueue();
  readonly #devices = new Map<string, DeviceState>();
  readonly #trees: TreeCache<DeviceState>;
  /** task id → device id. */
  readonly #taskIndex = new Map<string, string>();
  #journal!: Journal;
  #compactor!: Compactor<DeviceState>;
  #closed = false;

  private constructor(dataDir: string, opts: DeviceStoreOptions) {
    this.dataDir = dataDir;
    this.#warn = opts.warn ?? ((m) => console.warn(m));
    this.#notifier = new DeviceNotifier((id) => this.get(id), opts.onSummaryChange ?? (() => undefined));
    this.#trees = new TreeCache<DeviceState>({
      limit: Math.max(1, opts.cacheDevices ?? 64), queue: this.#queue, warn: this.#warn,
      current: (id) => this.#devices.get(id),
      loaded: (s, size) => {
        if (this.#countChanged(s.id, size)) this.#notifier.changed(s.id);
      },
      closed: () => this.#closed,
    });
  }

  static async open(dataDir: string, opts: DeviceStoreOptions = {}): Promise<DeviceStore> {
    const store = new DeviceStore(dataDir, opts);
    for (const { dir, db } of await loadDeviceDocs(dataDir, store.#warn)) store.#adopt(dir, db);
    const { journal, records } = await Journal.open(journalDir(dataDir), store.#warn);
    store.#journal = journal;
    for (const r of records) store.#replay(r as StoreRecord);
    store.#compactor = new Compactor(journal, {
      dirty: () => [...store.#devices.values()].filter((s) => s.docDirty || s.pending.length > 0 || store.#trees.peek(s.id)?.table.dirty),
      snapshot: (s) => store.#snapshot(s),
      warn: store.#warn,
    }, opts);
    // Fold what was replayed before anyone reads: trees with changes waiting are
    // loaded, so every summary's parameterCount is right from the start.
    if (records.length) {
      await store.#compactor.run().catch((err: unknown) => store.#warn(`store: compaction at start failed, the journal is kept: ${String(err)}`));
    }
    return store;
  }

  /** A device.json read at start. */
  #adopt(dir: string, db: Low<DeviceDoc>): void {
    const id = db.data.summary.id;
    if (this.#devices.has(id)) {
      this.#warn(`store: ${dir} holds device ${id} again; ignored`);
      return;
    }
    this.#devices.set(id, { id, dir, db, dirReady: true, docDirty: false, pending: [] });
    for (const t of db.data.tasks) this.#taskIndex.set(t.id, id);
  }

  // ---- devices ----

  list(): DeviceSummary[] {
    const out: DeviceSummary[] = [];
    for (const s of this.#devices.values()) out.push({ ...s.db.data.summary });
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  get(id: string): DeviceSummary | undefined {
    const s = this.#devices.get(id);
    return s ? { ...s.db.data.summary } : undefined;
  }

  /** Create or change the summary; durable before the promise resolves. */
  async putDevice(summary: DeviceSummary): Promise<void> {
    this.#open();
    const copy = structuredClone(summary);
    this.#setDevice(copy);
    await this.#log({ t: 'dev', s: copy });
    this.#notifier.changed(copy.id);
  }

  #setDevice(summary: DeviceSummary): DeviceState {
    let s = this.#devices.get(summary.id);
    if (!s) {
      const dir = deviceDir(this.dataDir, summary.id);
      s = { id: summary.id, dir, db: openJson<DeviceDoc>(join(dir, DEVICE_FILE), newDoc(summary)), dirReady: false, docDirty: true, pending: [] };
      this.#devices.set(summary.id, s);
    }
    const count = this.#trees.peek(summary.id)?.table.size ?? s.db.data.summary.parameterCount ?? 0;
    setSummary(s.db.data, summary, count);
    s.docDirty = true;
    return s;
  }

  /** Removes the device, its tasks and its folder. */
  async deleteDevice(id: string): Promise<boolean> {
    this.#open();
    if (!this.#devices.has(id)) return false;
    this.#forget(id);
    await this.#log({ t: 'del', id });
    // Queued behind any write of this device, so nothing recreates the folder afterwards.
    await this.#queue.run(id, () => rm(deviceDir(this.dataDir, id), { recursive: true, force: true }));
    return true;
  }

  #forget(id: string): void {
    const s = this.#devices.get(id);
    if (!s) return;
    this.#devices.delete(id);
    this.#trees.drop(id);
    for (const t of s.db.data.tasks) if (this.#taskIndex.get(t.id) === id) this.#taskIndex.delete(t.id);
  }

  // ---- parameters ----

  /** Merges facts learnt from the CPE; durable before the promise resolves. Loads nothing. */
  async applyParameters(id: string, changes: ParameterChange[], updated: string): Promise<void> {
    this.#open();
    const size = this.#trees.apply(this.#mustGet(id), { c: changes, u: updated });
    const counted = size !== undefined && this.#countChanged(id, size);
    await this.#log({ t: 'params', id, c: changes, u: updated });
    if (counted) this.#notifier.changed(id);
  }

  /** Removes `path` and everything below it; returns how many entries went. */
  async removeSubtree(id: string, path: string): Promise<number> {
    this.#open();
    const { table } = await this.#table(id);
    const removed = table.removeSubtree(path);
    if (removed > 0) {
      const counted = this.#countChanged(id, table.size);
      await this.#log({ t: 'rm', id, p: path });
      if (counted) this.#notifier.changed(id);
    }
    return removed;
  }

  async listParameters(id: string, path?: string, depth?: number): Promise<ParameterRecord[]> {
    if (!this.#devices.has(id)) return [];
    return (await this.#table(id)).table.list(path, depth);
  }

  /** Entries whose path/value satisfy `match`, natural order, at most `limit` (a scan of the stored table). */
  async searchParameters(id: string, match: (path: string, value: string | null) => boolean, limit: number): Promise<ParameterRecord[]> {
    if (!this.#devices.has(id)) return [];
    return (await this.#table(id)).table.search(match, limit);
  }

  async getParameter(id: string, path: string): Promise<ParameterRecord | undefined> {
    if (!this.#devices.has(id)) return undefined;
    return (await this.#table(id)).table.get(path);
  }

  /** From the loaded tree, else from the summary; loads the tree only if changes are waiting for it. */
  async parameterCount(id: string): Promise<number> {
    const s = this.#devices.get(id);
    if (!s) return 0;
    const cached = this.#trees.peek(id);
    if (cached) return cached.table.size;
    if (s.pending.length > 0) return (await this.#table(id)).table.size;
    return s.db.data.summary.parameterCount ?? 0;
  }

  /** Resolves when every change made so far is durable (in the journal). */
  sync(): Promise<void> {
    return this.#journal.sync();
  }

  /** Writes the snapshot files of every changed device now and drops the journal they make redundant. */
  compact(): Promise<void> {
    return this.#compactor.run();
  }

  // ---- tasks ----

  /** Oldest first (by `created`). */
  tasks(filter: { deviceId?: string; status?: TaskStatus } = {}): AnyTask[] {
    const states = filter.deviceId !== undefined
      ? [this.#devices.get(filter.deviceId)].filter((s): s is DeviceState => !!s)
      : [...this.#devices.values()];
    const out: AnyTask[] = [];
    for (const s of states) {
      for (const t of s.db.data.tasks) if (!filter.status || t.status === filter.status) out.push({ ...t });
    }
    return out.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));
  }

  getTask(taskId: string): AnyTask | undefined {
    const deviceId = this.#taskIndex.get(taskId);
    const t = deviceId !== undefined ? this.#devices.get(deviceId)?.db.data.tasks.find((x) => x.id === taskId) : undefined;
    return t ? { ...t } : undefined;
  }

  /** Insert or replace; durable on resolve (on disk before it is sent). Read back as its `rpc`'s kind: the queue checks args per RPC. */
  async putTask(task: TaskRecord): Promise<void> {
    this.#open();
    const s = this.#devices.get(task.deviceId);
    if (!s) throw new Error(`putTask: unknown device ${task.deviceId}`);
    const moved = this.#taskIndex.get(task.id);
    if (moved !== undefined && moved !== task.deviceId && this.#devices.has(moved)) {
      this.#untask(moved, task.id);
      void this.#log({ t: 'untask', id: moved, task: task.id }).then(() => this.#notifier.changed(moved), () => undefined); // one write with the next
    }
    const pendingBefore = s.db.data.summary.pendingTasks;
    const copy = structuredClone(task) as AnyTask;
    this.#putTask(s, copy);
    await this.#log({ t: 'task', id: task.deviceId, task: copy });
    if (s.db.data.summary.pendingTasks !== pendingBefore) this.#notifier.changed(task.deviceId); // the list shows it
  }

  #putTask(s: DeviceState, task: AnyTask): void {
    for (const dropped of upsertTask(s.db.data, task)) this.#taskIndex.delete(dropped);
    this.#taskIndex.set(task.id, s.id);
    s.docDirty = true;
  }

  #untask(deviceId: string, taskId: string): void {
    const s = this.#devices.get(deviceId);
    if (!s) return;
    removeTask(s.db.data, taskId);
    if (this.#taskIndex.get(taskId) === deviceId) this.#taskIndex.delete(taskId);
    s.docDirty = true;
  }

  // ---- sessions and faults (recent history, bounded) ----

  sessions(deviceId: string): SessionRecord[] {
    return (this.#devices.get(deviceId)?.db.data.sessions ?? []).map((r) => ({ ...r }));
  }

  /** Insert or replace by sessionId; the newest MAX_SESSIONS are kept. */
  putSession(deviceId: string, rec: SessionRecord): Promise<void> {
    const copy = structuredClone(rec);
    return this.#docChange(deviceId, { t: 'sess', id: deviceId, r: copy }, (doc) => upsertSession(doc, copy));
  }

  faults(deviceId: string): FaultRecord[] {
    return (this.#devices.get(deviceId)?.db.data.faults ?? []).map((r) => ({ ...r }));
  }

  /** Appends a fault (the newest MAX_FAULTS are kept) and sets the summary's lastFault. */
  async addFault(deviceId: string, fault: FaultRecord): Promise<void> {
    const copy = structuredClone(fault);
    await this.#docChange(deviceId, { t: 'fault', id: deviceId, f: copy }, (doc) => addFaultTo(doc, copy));
    this.#notifier.changed(deviceId);
  }

  /** Recent diagnostic runs of a device, newest first. */
  diagnostics(deviceId: string): DiagnosticRecord[] {
    return (this.#devices.get(deviceId)?.db.data.diagnostics ?? []).map((r) => structuredClone(r));
  }

  /** Inserts or replaces a run by id (the newest MAX_DIAGNOSTICS are kept). */
  putDiagnostic(rec: DiagnosticRecord): Promise<void> {
    const copy = structuredClone(rec);
    return this.#docChange(rec.deviceId, { t: 'diag', id: rec.deviceId, r: copy }, (doc) => upsertDiagnostic(doc, copy));
  }

  /** Writes every snapshot, removes the journal and waits for all writes; the store refuses changes afterwards. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#compactor.close();
    await this.#journal.close();
    await this.#queue.idle();
  }

  // ---- internals ----
  #open(): void {
    if (this.#closed) throw new Error('DeviceStore is closed');
  }

  #mustGet(id: string): DeviceState {
    const s = this.#devices.get(id);
    if (!s) throw new Error(`unknown device ${id}`);
    return s;
  }

  /** A change to one device's document: made now, durable when the promise resolves. */
  async #docChange(deviceId: string, rec: StoreRecord, apply: (doc: DeviceDoc) => void): Promise<void> {
    this.#open();
    const s = this.#mustGet(deviceId);
    apply(s.db.data);
    s.docDirty = true;
    await this.#log(rec);
  }

  #log(rec: StoreRecord): Promise<void> {
    const done = this.#journal.append(rec);
    this.#compactor.changed();
    return done;
  }

  /** A record from the journal, at start: the same changes as the live methods make. */
  #replay(r: StoreRecord): void {
    if (r.t === 'dev') {
      this.#setDevice(r.s);
      return;
    }
    if (r.t === 'del') {
      this.#forget(r.id);
      void this.#queue.run(r.id, () => rm(deviceDir(this.dataDir, r.id), { recursive: true, force: true })).catch(() => undefined);
      return;
    }
    const s = this.#devices.get(r.id);
    if (!s) return; // its device.json was unreadable, or it was deleted later
    s.docDirty = true;
    switch (r.t) {
      case 'task': this.#putTask(s, r.task); break;
      case 'untask': this.#untask(r.id, r.task); break;
      case 'sess': upsertSession(s.db.data, r.r); break;
      case 'fault': addFaultTo(s.db.data, r.f); break;
      case 'diag': upsertDiagnostic(s.db.data, r.r); break;
      case 'params': s.pending.push({ c: r.c, u: r.u }); break;
      case 'rm': s.pending.push({ p: r.p }); break;
      default: this.#warn(`store: journal record of unknown kind ${JSON.stringify((r as { t?: unknown }).t)} ignored`);
    }
  }

  /** Keeps the summary's parameterCount; true if it changed. */
  #countChanged(id: string, size: number): boolean {
    const s = this.#devices.get(id);
    if (!s || s.db.data.summary.parameterCount === size) return false;
    s.db.data.summary.parameterCount = size;
    s.docDirty = true;
    return true;
  }

  #table(id: string): Promise<TableState> {
    return this.#trees.get(this.#mustGet(id));
  }

  /** Brings one device's files up to the journal (compaction). Throws if a write fails: the journal is then kept. */
  async #snapshot(s: DeviceState): Promise<void> {
    if (s.pending.length > 0 || this.#trees.peek(s.id)) {
      const ts = await this.#trees.get(s).catch((err: unknown) => {
        if (this.#devices.get(s.id) === s) throw err;
      });
      if (!ts || this.#devices.get(s.id) !== s) return; // deleted meanwhile
      await this.#trees.write(s, ts);
    }
    if (s.docDirty) await this.#saveDoc(s);
  }

  #saveDoc(s: DeviceState): Promise<void> {
    return this.#queue.run(s.id, async () => {
      if (this.#devices.get(s.id) !== s || !s.docDirty) return; // deleted meanwhile, or written already
      await ensureDir(s);
      s.docDirty = false; // changes made while writing set it again
      try {
        await s.db.write(); // serializes synchronously, then writes temp + rename
      } catch (err) {
        s.docDirty = true;
        throw err;
      }
    });
  }
}
