// Compaction: folds the journal (journal.ts) into the per-device snapshot
// files. A pass rotates the journal, writes the snapshot of every device
// changed since the last pass (each once, however many sessions it had), then
// deletes the rotated files. If a write fails the files are kept, so nothing
// is lost: the next start replays them.
//
// When: after a quiet moment (the usual desktop case: a few seconds after a
// session), when the journal passes a size (a busy fleet: bounds replay time
// at start and the memory held by changes waiting for unloaded trees), when
// the oldest change has waited too long under continuous traffic, and at close.
import type { Journal } from './journal';
import type { Warn } from './json-files';

export interface CompactionOptions {
  /** Journal bytes that start a pass at once (default 32 MiB). */
  compactBytes?: number;
  /** Quiet time after the last change before a pass (default 2 s). */
  compactIdleMs?: number;
  /** Longest a change waits for its snapshot under continuous traffic (default 60 s). */
  compactMaxAgeMs?: number;
}

export interface CompactionTarget<S> {
  /** Devices whose files are behind the journal. */
  dirty(): S[];
  /** Writes one device's snapshot files; throws if a write fails. */
  snapshot(s: S): Promise<void>;
  warn: Warn;
}

/** Snapshots written at once: enough to overlap I/O, few enough for file-descriptor limits. */
const CONCURRENCY = 16;

export class Compactor<S> {
  readonly #journal: Journal;
  readonly #target: CompactionTarget<S>;
  readonly #bytes: number;
  readonly #idleMs: number;
  readonly #maxAgeMs: number;
  #idle: NodeJS.Timeout | null = null;
  #autoQueued = false;
  #tail: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(journal: Journal, target: CompactionTarget<S>, opts: CompactionOptions = {}) {
    this.#journal = journal;
    this.#target = target;
    this.#bytes = opts.compactBytes ?? 32 * 1024 * 1024;
    this.#idleMs = opts.compactIdleMs ?? 2000;
    this.#maxAgeMs = opts.compactMaxAgeMs ?? 60_000;
  }

  /** Called after every change: a pass now if the journal is big or old, else once things are quiet. */
  changed(): void {
    if (this.#closed) return;
    const oldest = this.#journal.oldestUnfolded;
    if (this.#journal.bytes >= this.#bytes || (oldest > 0 && Date.now() - oldest >= this.#maxAgeMs)) {
      this.soon();
      return;
    }
    if (this.#idle) {
      this.#idle.refresh();
      return;
    }
    this.#idle = setTimeout(() => {
      this.#idle = null;
      this.soon();
    }, this.#idleMs);
    this.#idle.unref();
  }

  /** One automatic pass, unless one is already waiting to start. */
  soon(): void {
    if (this.#closed || this.#autoQueued) return;
    this.#autoQueued = true;
    this.run().catch((err: unknown) => this.#target.warn(`store: compaction failed, the journal is kept: ${String(err)}`));
  }

  /** A pass that includes every change made before the call; passes run one at a time. */
  run(): Promise<void> {
    const pass = this.#tail.then(() => this.#pass());
    this.#tail = pass.catch(() => undefined);
    return pass;
  }

  /** A last pass; no automatic ones after it. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    await this.run();
  }

  async #pass(): Promise<void> {
    this.#autoQueued = false;
    const files = await this.#journal.rotate();
    try {
      const dirty = this.#target.dirty();
      for (let i = 0; i < dirty.length; i += CONCURRENCY) {
        await Promise.all(dirty.slice(i, i + CONCURRENCY).map((s) => this.#target.snapshot(s)));
      }
    } catch (err) {
      this.#journal.keep(files);
      throw err;
    }
    await this.#journal.fold(files);
  }
}
