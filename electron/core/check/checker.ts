// The main-thread side of message checking: a bounded queue, batches, one
// worker thread (check-worker.ts), and verdicts back to whoever listens (the
// session log). Nothing here runs on a CWMP session's path but submit(),
// which only queues: a session never waits for a verdict.
//
// Resilience:
// - The worker starts on the first message and restarts when it dies (with a
//   pause if it keeps dying).
// - The batch that was in flight when it died is re-run one message at a
//   time; a message that kills it alone gets 'invalid' with the error.
// - A batch that takes too long is treated as a crash (the worker is killed).
// - The queue is bounded in messages and characters: beyond that a message
//   gets 'skipped' at once, so memory never grows with load.
import type { Worker } from 'node:worker_threads';
import type { SchemaVerdict } from '../../../shared/model/records';
import type { CheckItem, CheckResult, FromWorker, ToWorker } from './check-types';
import { startCheckWorker } from './worker-launch';

export interface CheckerOptions {
  /** Messages waiting at most (default 5000). */
  maxQueue?: number;
  /** Body characters waiting at most (default 128 Mi). */
  maxQueueChars?: number;
  /** Per batch at most (defaults 500 messages, 16 Mi characters; one message always fits). */
  batchMessages?: number;
  batchChars?: number;
  /**
   * How long a message may wait for others to share its xmllint call (default 5 s: each call costs
   * about a CPU-second of wasm start-up and schema compilation here, measured by benchmark P7).
   */
  lingerMs?: number;
  /** A batch running longer than this (default 120 s, plus 2 s per MiB) kills the worker. */
  batchTimeoutMs?: number;
  /** The worker's JavaScript heap limit in MB (default 2048): a runaway message kills the worker, not the app. */
  heapMb?: number;
  /** A device's current warnings as warningKey()s (sent along so a later clean report can clear them). */
  watch?: (deviceId: string) => string[];
  /** Starts a worker (tests inject a misbehaving one). */
  launch?: () => Worker;
  warn?: (message: string) => void;
}

export interface CheckerStats {
  queued: number;
  inFlight: number;
  checked: number;
  skipped: number;
  crashes: number;
  batches: number;
  /** Worker time per batch, mean (ms). */
  meanBatchMs: number;
}

interface Flight { batch: number; items: CheckItem[]; suspect: boolean; timer: NodeJS.Timeout }

export class MessageChecker {
  readonly #o: Required<Omit<CheckerOptions, 'watch' | 'launch' | 'warn'>>;
  readonly #watch?: (deviceId: string) => string[];
  readonly #launch: () => Worker;
  readonly #warn: (message: string) => void;
  /** FIFO: #queue[#head..] are waiting. */
  #queue: CheckItem[] = [];
  #head = 0;
  #queuedChars = 0;
  /** Items of a batch the worker died on, re-run one by one. */
  #suspects: CheckItem[] = [];
  #flight: Flight | null = null;
  #worker: Worker | null = null;
  #ready = false;
  #batchSeq = 0;
  #crashTimes: number[] = [];
  #restartTimer: NodeJS.Timeout | null = null;
  /** The pending pump: `full` when it runs at once, else after the linger. */
  #scheduled: { timer: NodeJS.Timeout; full: boolean } | null = null;
  #closed = false;
  /** Why no worker can be started at all (a broken install): every message is then 'skipped', not blamed. */
  #unavailable: string | null = null;
  readonly #listeners = new Set<(r: CheckResult) => void>();
  readonly #idleWaiters: (() => void)[] = [];
  readonly #stats = { checked: 0, skipped: 0, crashes: 0, batches: 0, batchMs: 0 };

  constructor(opts: CheckerOptions = {}) {
    this.#o = {
      maxQueue: opts.maxQueue ?? 5000,
      maxQueueChars: opts.maxQueueChars ?? 128 * 1024 * 1024,
      // Each xmllint call costs ~150 ms before the first message (worker, wasm,
      // schema compilation): big batches when the queue is deep amortise it.
      batchMessages: opts.batchMessages ?? 500,
      lingerMs: opts.lingerMs ?? 5000,
      batchChars: opts.batchChars ?? 16 * 1024 * 1024,
      batchTimeoutMs: opts.batchTimeoutMs ?? 120_000,
      heapMb: opts.heapMb ?? 2048,
    };
    this.#watch = opts.watch;
    this.#launch = opts.launch ?? (() => startCheckWorker({ resourceLimits: { maxOldGenerationSizeMb: this.#o.heapMb } }));
    this.#warn = opts.warn ?? ((m) => console.warn(m));
  }

  onResult(cb: (r: CheckResult) => void): () => void {
    this.#listeners.add(cb);
    return () => this.#listeners.delete(cb);
  }

  /** Queues a message (raw body); never blocks. Over the bounds it is answered 'skipped' at once. */
  submit(item: CheckItem): void {
    if (this.#closed) return;
    if (this.#unavailable !== null) {
      this.#stats.skipped++;
      this.#emit(verdictOnly(item, { verdict: 'skipped', errors: [{ message: `not checked: ${this.#unavailable}` }] }));
      return;
    }
    const waiting = this.#queue.length - this.#head;
    if (waiting >= this.#o.maxQueue || (waiting > 0 && this.#queuedChars + item.body.length > this.#o.maxQueueChars)) {
      this.#stats.skipped++;
      this.#emit(verdictOnly(item, {
        verdict: 'skipped',
        errors: [{ message: `not checked: the checker is overloaded (${waiting} messages, ${Math.round(this.#queuedChars / 1048576)} MiB waiting)` }],
      }));
      return;
    }
    this.#queue.push(item);
    this.#queuedChars += item.body.length;
    this.#schedule();
  }

  /**
   * Every xmllint call pays ~150 ms of schema compilation whatever its size,
   * so messages linger up to lingerMs to share one call, unless a full batch
   * is already waiting: at a trickle of periodic Informs this is the
   * difference between a busy core and an idle one (benchmark P7), and a
   * verdict a few seconds late is still live.
   */
  #schedule(): void {
    // Suspects after a crash are re-run one by one without delay; a full batch goes at once,
    // also when it fills up while the first of its messages lingers (a burst).
    const full = this.#suspects.length > 0 || this.#queue.length - this.#head >= this.#o.batchMessages;
    if (this.#scheduled) {
      if (this.#scheduled.full || !full) return;
      clearTimeout(this.#scheduled.timer);
    }
    const timer = setTimeout(() => {
      this.#scheduled = null;
      this.#pump();
    }, full ? 0 : this.#o.lingerMs);
    timer.unref?.();
    this.#scheduled = { timer, full };
  }

  stats(): CheckerStats {
    const s = this.#stats;
    return {
      queued: this.#queue.length - this.#head + this.#suspects.length, inFlight: this.#flight?.items.length ?? 0,
      checked: s.checked, skipped: s.skipped, crashes: s.crashes, batches: s.batches,
      meanBatchMs: s.batches ? s.batchMs / s.batches : 0,
    };
  }

  /** Resolves when nothing is queued or running (tests, shutdown). */
  idle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#restartTimer) clearTimeout(this.#restartTimer);
    if (this.#scheduled) clearTimeout(this.#scheduled.timer);
    this.#scheduled = null;
    if (this.#flight) clearTimeout(this.#flight.timer);
    this.#flight = null;
    this.#queue = [];
    this.#head = 0;
    this.#suspects = [];
    const w = this.#worker;
    this.#worker = null;
    this.#listeners.clear();
    for (const done of this.#idleWaiters.splice(0)) done();
    if (w) await w.terminate();
  }

  // ---- internals ----

  #isIdle(): boolean {
    return !this.#flight && this.#suspects.length === 0 && this.#queue.length === this.#head;
  }

  #pump(): void {
    if (this.#closed || this.#flight) return;
    if (this.#isIdle()) {
      for (const done of this.#idleWaiters.splice(0)) done();
      return;
    }
    if (!this.#worker) {
      if (!this.#restartTimer) this.#start();
      return;
    }
    if (!this.#ready) return;
    let items: CheckItem[];
    let suspect = false;
    if (this.#suspects.length) {
      items = [this.#suspects.shift()!];
      suspect = true;
    } else {
      items = [];
      let chars = 0;
      while (this.#head < this.#queue.length && items.length < this.#o.batchMessages) {
        const next = this.#queue[this.#head]!;
        if (items.length > 0 && chars + next.body.length > this.#o.batchChars) break;
        items.push(next);
        chars += next.body.length;
        this.#queue[this.#head++] = undefined as unknown as CheckItem; // let the body go once sent
      }
      this.#queuedChars -= chars;
      if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
        this.#queue = this.#queue.slice(this.#head);
        this.#head = 0;
      }
    }
    const batch = ++this.#batchSeq;
    const mb = items.reduce((n, it) => n + it.body.length, 0) / 1048576;
    const timer = setTimeout(() => this.#kill(`checking took longer than ${Math.round(this.#timeout(mb) / 1000)} s`), this.#timeout(mb));
    timer.unref();
    this.#flight = { batch, items, suspect, timer };
    const watch: Record<string, string[]> = {};
    if (this.#watch) {
      for (const it of items) {
        if (it.deviceId === undefined || Object.hasOwn(watch, it.deviceId)) continue;
        const paths = this.#watch(it.deviceId);
        if (paths.length) watch[it.deviceId] = paths;
      }
    }
    const msg: ToWorker = { type: 'check', batch, items, watch };
    this.#worker.postMessage(msg);
  }

  #timeout(mb: number): number {
    return this.#o.batchTimeoutMs + mb * 2000;
  }

  #start(): void {
    let w: Worker;
    try {
      w = this.#launch();
    } catch (err) {
      this.#disable(`the schema checker cannot start (${err instanceof Error ? err.message : String(err)})`);
      return;
    }
    this.#worker = w;
    this.#ready = false;
    w.unref(); // never keeps the process alive on its own
    w.on('message', (m: FromWorker) => this.#onMessage(w, m));
    w.on('error', (err) => this.#onCrash(w, err));
    w.on('exit', (code) => this.#onCrash(w, new Error(`the check worker exited (code ${code})`)));
  }

  #onMessage(w: Worker, m: FromWorker): void {
    if (w !== this.#worker) return;
    if (m?.type === 'ready') {
      this.#ready = true;
      this.#pump();
      return;
    }
    if (m?.type !== 'result' || !this.#flight || m.batch !== this.#flight.batch) return;
    clearTimeout(this.#flight.timer);
    this.#flight = null;
    this.#stats.batches++;
    this.#stats.batchMs += m.ms;
    this.#stats.checked += m.results.length;
    for (const r of m.results) this.#emit(r);
    if (this.#isIdle()) {
      for (const done of this.#idleWaiters.splice(0)) done();
      return;
    }
    this.#schedule();
  }

  #kill(reason: string): void {
    const w = this.#worker;
    if (!w) return;
    this.#onCrash(w, new Error(reason));
    void w.terminate();
  }

  /** The worker died (or could not start): blame the message if it was alone, retry the rest one by one. */
  #onCrash(w: Worker | null, err: unknown): void {
    if (this.#closed || (w !== null && w !== this.#worker)) return;
    this.#worker = null;
    this.#ready = false;
    this.#stats.crashes++;
    const why = err instanceof Error ? err.message : String(err);
    const flight = this.#flight;
    this.#flight = null;
    if (flight) {
      clearTimeout(flight.timer);
      if (flight.suspect || flight.items.length === 1) {
        this.#stats.checked++;
        this.#emit(verdictOnly(flight.items[0]!, { verdict: 'invalid', errors: [{ message: `the checker crashed on this message: ${why}` }] }));
      } else {
        this.#suspects.push(...flight.items);
      }
    }
    // Keep going, but do not spin: after 5 deaths in a minute, wait 5 s between starts.
    const now = Date.now();
    this.#crashTimes = [...this.#crashTimes.filter((t) => now - t < 60_000), now];
    const delay = this.#crashTimes.length > 5 ? 5000 : 0;
    if (this.#crashTimes.length === 6) this.#warn(`message checker: the worker keeps failing (${why}); retrying every 5 s`);
    this.#restartTimer = setTimeout(() => {
      this.#restartTimer = null;
      this.#pump();
    }, delay);
    this.#restartTimer.unref();
  }

  /** No worker can run here: say so once, answer everything waiting (and all later messages) 'skipped'. */
  #disable(reason: string): void {
    this.#unavailable = reason;
    this.#warn(`message checker: ${reason}; messages are logged without schema verdicts`);
    const waiting = [...this.#suspects, ...this.#queue.slice(this.#head)];
    this.#suspects = [];
    this.#queue = [];
    this.#head = 0;
    this.#queuedChars = 0;
    for (const item of waiting) {
      this.#stats.skipped++;
      this.#emit(verdictOnly(item, { verdict: 'skipped', errors: [{ message: `not checked: ${reason}` }] }));
    }
    for (const done of this.#idleWaiters.splice(0)) done();
  }

  #emit(r: CheckResult): void {
    for (const cb of this.#listeners) {
      try {
        cb(r);
      } catch (err) {
        this.#warn(`message checker: listener failed: ${String(err)}`);
      }
    }
  }
}

function verdictOnly(item: CheckItem, schema: SchemaVerdict): CheckResult {
  const r: CheckResult = { seq: item.seq, sessionId: item.sessionId, direction: item.direction, schema, modelWarnings: [] };
  if (item.deviceId !== undefined) r.deviceId = item.deviceId;
  return r;
}
