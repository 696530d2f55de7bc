// The parameter trees in memory: an LRU cache of `limit` devices' trees,
// loaded from parameters.json on demand. Changes made while a tree was not
// loaded wait on its device (`pending`, oldest first) and are applied in the
// same turn as the tree enters the cache, so none can slip between the two.
// A dirty tree is saved before it is dropped.
import { mkdir } from 'node:fs/promises';
import type { Warn } from './json-files';
import type { KeyedQueue } from './keyed-queue';
import { type TableState, readParameterTable } from './parameter-file';
import type { ParametersFileData } from './parameter-table';
import type { ParameterOp } from './store-records';

/** What the cache needs of a device. */
export interface TreeOwner {
  readonly id: string;
  readonly dir: string;
  dirReady: boolean;
  /** Parameter changes for a tree not loaded, oldest first. */
  pending: ParameterOp[];
}

export interface TreeCacheOptions<D extends TreeOwner> {
  limit: number;
  /** The store's per-device queue: loads and writes of one device never interleave. */
  queue: KeyedQueue;
  warn: Warn;
  /** The device as the store knows it now (undefined once deleted). */
  current(id: string): D | undefined;
  /** A tree was loaded (pending changes applied): its size, for the summary. */
  loaded(owner: D, size: number): void;
  closed(): boolean;
}

export class TreeCache<D extends TreeOwner> {
  readonly #o: TreeCacheOptions<D>;
  /** Insertion order = recency: re-inserted on every use. */
  readonly #tables = new Map<string, TableState>();
  readonly #loading = new Map<string, Promise<TableState>>();
  #trimScheduled = false;

  constructor(opts: TreeCacheOptions<D>) {
    this.#o = opts;
  }

  /** The loaded tree, without loading or changing its recency. */
  peek(id: string): TableState | undefined {
    return this.#tables.get(id);
  }

  drop(id: string): void {
    this.#tables.delete(id);
    this.#loading.delete(id);
  }

  /** Applies an op to the loaded tree (returns its new size), or keeps it on the device for when the tree is loaded. */
  apply(owner: D, op: ParameterOp): number | undefined {
    const ts = this.#tables.get(owner.id);
    if (!ts) {
      owner.pending.push(op);
      return undefined;
    }
    applyOp(ts, op);
    return ts.table.size;
  }

  /** The device's tree, from the cache or loaded (once, even when asked for concurrently). */
  async get(owner: D): Promise<TableState> {
    const id = owner.id;
    const cached = this.#tables.get(id);
    if (cached) {
      this.#tables.delete(id); // move to the most recent end
      this.#tables.set(id, cached);
      return cached;
    }
    let loading = this.#loading.get(id);
    if (!loading) {
      const p: Promise<TableState> = this.#o.queue.run(id, async () => {
        const ts = await readParameterTable(owner.dir, this.#o.warn);
        if (this.#o.current(id) !== owner) return ts; // deleted meanwhile
        for (const op of owner.pending) applyOp(ts, op);
        if (owner.pending.length) ts.table.dirty = true;
        owner.pending = [];
        this.#tables.set(id, ts);
        this.#o.loaded(owner, ts.table.size);
        this.#scheduleTrim();
        return ts;
      }).finally(() => {
        if (this.#loading.get(id) === p) this.#loading.delete(id);
      });
      this.#loading.set(id, (loading = p));
    }
    const ts = await loading;
    const now = this.#o.current(id);
    if (now !== owner) {
      if (now) return this.get(now); // deleted and recreated meanwhile
      throw new Error(`unknown device ${id}`);
    }
    return this.#tables.get(id) ?? ts;
  }

  /** Writes parameters.json if dirty; waits for a write in progress otherwise. */
  write(owner: D, ts: TableState): Promise<void> {
    const id = owner.id;
    if (ts.flushQueued) return ts.flushQueued;
    if (!ts.table.dirty) return this.#o.queue.idle(id);
    const p: Promise<void> = this.#o.queue.run(id, async () => {
      if (ts.flushQueued === p) ts.flushQueued = null;
      if (this.#o.current(id) !== owner || !ts.table.dirty) return;
      await ensureDir(owner);
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

  /**
   * Drops least recently used trees beyond the limit; dirty ones are saved
   * first and dropped on a later pass. Runs as a macrotask: an operation
   * resumes from `await get()` within one microtask checkpoint, so a tree is
   * never dropped between being handed out and being changed.
   */
  #scheduleTrim(): void {
    if (this.#trimScheduled || this.#tables.size <= this.#o.limit) return;
    this.#trimScheduled = true;
    setImmediate(() => {
      this.#trimScheduled = false;
      let excess = this.#tables.size - this.#o.limit;
      for (const [id, ts] of this.#tables) {
        if (excess <= 0) break;
        const owner = this.#o.current(id);
        if (!owner || (!ts.table.dirty && !ts.flushQueued)) {
          this.#tables.delete(id);
          excess--;
        } else if (!this.#o.closed()) {
          this.write(owner, ts).then(
            () => this.#scheduleTrim(),
            (err: unknown) => this.#o.warn(`store: saving parameters of ${id} failed: ${String(err)}`),
          );
        }
      }
    });
  }
}

function applyOp(ts: TableState, op: ParameterOp): void {
  if ('p' in op) ts.table.removeSubtree(op.p);
  else ts.table.apply(op.c, op.u);
}

/** The device's folder, made on its first write. */
export async function ensureDir(owner: TreeOwner): Promise<void> {
  if (owner.dirReady) return;
  await mkdir(owner.dir, { recursive: true });
  owner.dirReady = true;
}
