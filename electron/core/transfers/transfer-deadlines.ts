// The deadline of each transfer in flight: one unref'd timer per transfer,
// calling back when the deadline passes (no TransferComplete by then, or a
// bulk item the device never came to fetch).
import type { StoredTransfer } from './transfer-store';

/** setTimeout's limit; longer deadlines are re-armed when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class TransferDeadlines {
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #expire: (t: StoredTransfer) => Promise<void>;

  constructor(expire: (t: StoredTransfer) => Promise<void>) {
    this.#expire = expire;
  }

  /** (Re)starts the timer for t.deadline. */
  arm(t: StoredTransfer): void {
    clearTimeout(this.#timers.get(t.id));
    const wait = Date.parse(t.deadline ?? '') - Date.now();
    if (!Number.isFinite(wait)) return;
    const timer = setTimeout(() => {
      this.#timers.delete(t.id);
      if (wait > MAX_TIMER_MS) this.arm(t);
      else void this.#expire(t).catch((e: unknown) => console.error(`transfer ${t.id}: ${String(e)}`));
    }, Math.min(Math.max(0, wait), MAX_TIMER_MS));
    timer.unref();
    this.#timers.set(t.id, timer);
  }

  clear(id: string): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
  }

  clearAll(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}
