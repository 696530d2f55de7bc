// The device repository: summaries, parameter trees, tasks, recent sessions
// and faults, one folder per device under `<dataDir>/devices/`.
//
// - Startup reads only the small device.json files; parameter trees are
//   loaded on demand and kept in an LRU cache of `cacheDevices` devices.
// - Every write touches only the files of one device, so its cost does not
//   grow with the number of devices in the store.
// - Writes are atomic (lowdb/steno: temp file + rename) and serialized per
//   device (KeyedQueue), so two writes of one file never interleave while
//   different devices write in parallel. Loads go through the same queue, so
//   a tree evicted from the cache is never read back before its last write
//   has landed.
// - Summary fields the store knows better than any caller, `parameterCount`
//   and `pendingTasks`, are maintained here and override what callers pass.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Low } from 'lowdb';
import type { DeviceSummary, ParameterRecord, TaskRecord, TaskStatus } from '../../../shared/model/records';
import {
  type DeviceDoc, type FaultRecord, type SessionRecord, MAX_FAULTS, MAX_SESSIONS, isPending, newDoc, normalizeDoc,
  pruneTasks, upsertBounded,
} from './device-doc';
import { type Warn, openJson, readJson, setAside } from './json-files';
import { type TableState, readParameterTable } from './parameter-file';
import { KeyedQueue } from './keyed-queue';
import type { ParameterChange, ParametersFileData, ParameterTable } from './parameter-table';
import { DEVICE_FILE, deviceDir, devicesDir } from './paths';

export type { ParameterChange } from './parameter-table';
export type { FaultRecord, SessionRecord } from './device-doc';

export interface DeviceStoreOptions {
  /** Parameter trees kept in memory (least recently used are dropped once saved). Default 64. */
  cacheDevices?: number;
  /** Where warnings go (corrupt files). Default console.warn. */
  warn?: Warn;
}

interface DeviceState {
  readonly id: string;
  readonly dir: string;
  readonly db: Low<DeviceDoc>;
  dirReady: boolean;
  /** A queued, not yet started write of device.json that later changes can join. */
  docWrite: Promise<void> | null;
  /** parameterCount as last written to device.json. */
  savedCount: number;
}

/** device.json files read at once when opening: enough to hide latency, few enough for file-descriptor limits. */
const OPEN_CONCURRENCY = 32;

export class DeviceStore {
  readonly dataDir: string;
  readonly #cacheLimit: number;
  readonly #warn: Warn;
  readonly #queue = new KeyedQueue();
  readonly #devices = new Map<string, DeviceState>();
  /** Insertion order = recency: re-inserted on every use. */
  readonly #tables = new Map<string, TableState>();
  readonly #loading = new Map<string, Promise<TableState>>();
  /** task id → device id. */
  readonly #taskIndex = new Map<string, string>();
  #trimScheduled = false;
  #closed = false;

  private constructor(dataDir: string, opts: DeviceStoreOptions) {
    this.dataDir = dataDir;
    this.#cacheLimit = Math.max(1, opts.cacheDevices ?? 64);
    this.#warn = opts.warn ?? ((m) => console.warn(m));
  }

  static async open(dataDir: string, opts: DeviceStoreOptions = {}): Promise<DeviceStore> {
    const store = new DeviceStore(dataDir, opts);
    await mkdir(devicesDir(dataDir), { recursive: true });
    const names = (await readdir(devicesDir(dataDir), { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    for (let i = 0; i < names.length; i += OPEN_CONCURRENCY) {
      await Promise.all(names.slice(i, i + OPEN_CONCURRENCY).map((n) => store.#loadDevice(n)));
    }
    return store;
  }

  async #loadDevice(folder: string): Promise<void> {
    const dir = join(devicesDir(this.dataDir), folder);
    const file = join(dir, DEVICE_FILE);
    const db = openJson<DeviceDoc>(file, null as unknown as DeviceDoc);
    if ((await readJson(db, file, this.#warn)) !== 'ok') return; // empty folder, or set aside
    try {
      db.data = normalizeDoc(db.data);
    } catch (err) {
      await setAside(file, this.#warn, err);
      return;
    }
    const id = db.data.summary.id;
    if (this.#devices.has(id)) {
      this.#warn(`store: ${dir} holds device ${id} again; ignored`);
      return;
    }
    const count = db.data.summary.parameterCount ?? 0;
    this.#devices.set(id, { id, dir, db, dirReady: true, docWrite: null, savedCount: count });
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

  /** Create or change the summary; persisted (atomically) before the promise resolves. */
  async putDevice(summary: DeviceSummary): Promise<void> {
    this.#open();
    const copy = structuredClone(summary);
    let s = this.#devices.get(summary.id);
    if (s) {
      const prev = s.db.data.summary;
      copy.parameterCount = this.#tables.get(summary.id)?.table.size ?? prev.parameterCount;
      s.db.data.summary = copy;
    } else {
      const dir = deviceDir(this.dataDir, summary.id);
      const db = openJson<DeviceDoc>(join(dir, DEVICE_FILE), newDoc(copy));
      s = { id: summary.id, dir, db, dirReady: false, docWrite: null, savedCount: -1 };
      this.#devices.set(summary.id, s);
    }
    copy.pendingTasks = s.db.data.tasks.filter((t) => isPending(t.status)).length;
    await this.#saveDoc(s);
  }

  /** Removes the device, its tasks and its folder. */
  async deleteDevice(id: string): Promise<boolean> {
    this.#open();
    const s = this.#devices.get(id);
    if (!s) return false;
    this.#devices.delete(id);
    this.#tables.delete(id);
    this.#loading.delete(id);
    for (const t of s.db.data.tasks) if (this.#taskIndex.get(t.id) === id) this.#taskIndex.delete(t.id);
    // Queued behind any write of this device, so nothing recreates the folder afterwards.
    await this.#queue.run(id, () => rm(s.dir, { recursive: true, force: true }));
    return true;
  }

  // ---- parameters ----

  async applyParameters(id: string, changes: ParameterChange[], updated: string): Promise<number> {
    this.#open();
    const { table } = await this.#table(id);
    const changed = table.apply(changes, updated);
    this.#countChanged(id, table);
    return changed;
  }

  async removeSubtree(id: string, path: string): Promise<number> {
    this.#open();
    const { table } = await this.#table(id);
    const removed = table.removeSubtree(path);
    if (removed > 0) this.#countChanged(id, table);
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

  /** From the cached tree if loaded, else from the summary (kept in step at every flush): no load needed. */
  async parameterCount(id: string): Promise<number> {
    const cached = this.#tables.get(id);
    if (cached) return cached.table.size;
    return this.#devices.get(id)?.db.data.summary.parameterCount ?? 0;
  }

  /** Persist dirty parameter trees (all devices, or one), and the counts in their summaries. Atomic per file. */
  async flush(id?: string): Promise<void> {
    const ids = id !== undefined ? [id] : [...this.#devices.keys()];
    await Promise.all(ids.map((d) => this.#flushDevice(d)));
  }

  async #flushDevice(id: string): Promise<void> {
    const ts = this.#tables.get(id);
    if (ts) await this.#writeTable(id, ts);
    else await this.#queue.idle(id);
    const s = this.#devices.get(id);
    if (s && s.savedCount !== s.db.data.summary.parameterCount) await this.#saveDoc(s);
  }

  // ---- tasks ----

  /** Oldest first (by `created`). */
  tasks(filter: { deviceId?: string; status?: TaskStatus } = {}): TaskRecord[] {
    const states = filter.deviceId !== undefined
      ? [this.#devices.get(filter.deviceId)].filter((s): s is DeviceState => !!s)
      : [...this.#devices.values()];
    const out: TaskRecord[] = [];
    for (const s of states) {
      for (const t of s.db.data.tasks) if (!filter.status || t.status === filter.status) out.push({ ...t });
    }
    return out.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));
  }

  getTask(taskId: string): TaskRecord | undefined {
    const deviceId = this.#taskIndex.get(taskId);
    const t = deviceId !== undefined ? this.#devices.get(deviceId)?.db.data.tasks.find((x) => x.id === taskId) : undefined;
    return t ? { ...t } : undefined;
  }

  /** Insert or replace; persisted before the promise resolves (a task must be on disk before it is sent). */
  async putTask(task: TaskRecord): Promise<void> {
    this.#open();
    const s = this.#devices.get(task.deviceId);
    if (!s) throw new Error(`putTask: unknown device ${task.deviceId}`);
    const moved = this.#taskIndex.get(task.id);
    const writes: Promise<void>[] = [];
    if (moved !== undefined && moved !== task.deviceId) {
      const old = this.#devices.get(moved);
      if (old) {
        old.db.data.tasks = old.db.data.tasks.filter((t) => t.id !== task.id);
        this.#countPending(old);
        writes.push(this.#saveDoc(old));
      }
    }
    const tasks = s.db.data.tasks;
    const copy = structuredClone(task);
    const i = tasks.findIndex((t) => t.id === task.id);
    if (i >= 0) tasks[i] = copy;
    else tasks.push(copy);
    this.#taskIndex.set(task.id, task.deviceId);
    for (const dropped of pruneTasks(tasks)) this.#taskIndex.delete(dropped);
    this.#countPending(s);
    writes.push(this.#saveDoc(s));
    await Promise.all(writes);
  }

  // ---- sessions and faults (recent history, bounded) ----

  sessions(deviceId: string): SessionRecord[] {
    return (this.#devices.get(deviceId)?.db.data.sessions ?? []).map((r) => ({ ...r }));
  }

  /** Insert or replace by sessionId; the newest MAX_SESSIONS are kept. */
  async putSession(deviceId: string, rec: SessionRecord): Promise<void> {
    this.#open();
    const s = this.#mustGet(deviceId);
    upsertBounded(s.db.data.sessions, structuredClone(rec), (r) => r.sessionId === rec.sessionId, MAX_SESSIONS);
    await this.#saveDoc(s);
  }

  faults(deviceId: string): FaultRecord[] {
    return (this.#devices.get(deviceId)?.db.data.faults ?? []).map((r) => ({ ...r }));
  }

  /** Appends a fault (the newest MAX_FAULTS are kept) and sets the summary's lastFault. */
  async addFault(deviceId: string, fault: FaultRecord): Promise<void> {
    this.#open();
    const s = this.#mustGet(deviceId);
    const doc = s.db.data;
    doc.faults.push(structuredClone(fault));
    if (doc.faults.length > MAX_FAULTS) doc.faults.splice(0, doc.faults.length - MAX_FAULTS);
    doc.summary.lastFault = { code: fault.code, message: fault.message, at: fault.at };
    await this.#saveDoc(s);
  }

  /** Flushes every dirty tree and waits for all writes; the store refuses changes afterwards. */
  async close(): Promise<void> {
    if (this.#closed) return;
    await this.flush();
    this.#closed = true;
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

  #countChanged(id: string, table: ParameterTable): void {
    const s = this.#devices.get(id);
    if (s) s.db.data.summary.parameterCount = table.size;
  }

  #countPending(s: DeviceState): void {
    s.db.data.summary.pendingTasks = s.db.data.tasks.filter((t) => isPending(t.status)).length;
  }

  /** Writes device.json; a write already queued (not started) is joined, as it will carry this change too. */
  #saveDoc(s: DeviceState): Promise<void> {
    if (s.docWrite) return s.docWrite;
    const p: Promise<void> = this.#queue.run(s.id, async () => {
      if (s.docWrite === p) s.docWrite = null; // changes from now on need another write
      if (this.#devices.get(s.id) !== s) return; // deleted meanwhile
      await this.#ensureDir(s);
      s.savedCount = s.db.data.summary.parameterCount;
      await s.db.write();
    });
    s.docWrite = p;
    return p;
  }

  /** Writes parameters.json if dirty; waits for a write in progress otherwise. */
  #writeTable(id: string, ts: TableState): Promise<void> {
    if (ts.flushQueued) return ts.flushQueued;
    if (!ts.table.dirty) return this.#queue.idle(id);
    const p: Promise<void> = this.#queue.run(id, async () => {
      if (ts.flushQueued === p) ts.flushQueued = null;
      const s = this.#devices.get(id);
      if (!s || !ts.table.dirty) return;
      await this.#ensureDir(s);
      ts.table.dirty = false; // changes made while writing set it again
      ts.db.data = ts.table.toData();
      try {
        await ts.db.write(); // serializes synchronously, then writes temp + rename
      } catch (err) {
        ts.table.dirty = true;
        throw err;
      } finally {
        ts.db.data = null as unknown as ParametersFileData; // the sorted copy is only for writing
      }
    });
    ts.flushQueued = p;
    return p;
  }

  async #ensureDir(s: DeviceState): Promise<void> {
    if (s.dirReady) return;
    await mkdir(s.dir, { recursive: true });
    s.dirReady = true;
  }

  /** The device's tree, from the cache or loaded (once, even when asked for concurrently). */
  async #table(id: string): Promise<TableState> {
    const s = this.#mustGet(id);
    const cached = this.#tables.get(id);
    if (cached) {
      this.#tables.delete(id); // move to the most recent end
      this.#tables.set(id, cached);
      return cached;
    }
    let loading = this.#loading.get(id);
    if (!loading) {
      const p: Promise<TableState> = this.#queue.run(id, () => readParameterTable(s.dir, this.#warn)).finally(() => {
        if (this.#loading.get(id) === p) this.#loading.delete(id);
      });
      this.#loading.set(id, (loading = p));
    }
    const ts = await loading;
    if (this.#devices.get(id) !== s) return this.#table(id); // deleted (and maybe recreated) meanwhile
    if (!this.#tables.has(id)) {
      this.#tables.set(id, ts);
      this.#scheduleTrim();
    }
    return this.#tables.get(id)!;
  }

  /**
   * Drops least recently used trees beyond the cache limit; dirty ones are
   * saved first and dropped on a later pass. Runs as a macrotask: an
   * operation resumes from `await #table()` within one microtask checkpoint,
   * so a tree is never dropped between being handed out and being changed.
   */
  #scheduleTrim(): void {
    if (this.#trimScheduled || this.#tables.size <= this.#cacheLimit) return;
    this.#trimScheduled = true;
    setImmediate(() => {
      this.#trimScheduled = false;
      let excess = this.#tables.size - this.#cacheLimit;
      for (const [id, ts] of this.#tables) {
        if (excess <= 0) break;
        if (!ts.table.dirty && !ts.flushQueued) {
          this.#tables.delete(id);
          excess--;
        } else if (!this.#closed) {
          this.#writeTable(id, ts).then(
            () => this.#scheduleTrim(),
            (err: unknown) => this.#warn(`store: saving parameters of ${id} failed: ${String(err)}`),
          );
        }
      }
    });
  }
}
