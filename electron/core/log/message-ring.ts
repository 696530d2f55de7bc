// The session log's memory: the newest messages, bounded by count and by an
// approximate character budget (bodies, headers, check results), so memory
// stays flat however long the workbench runs. Seqs in the ring are
// consecutive, which makes lookup by seq O(1).
import type { LoggedMessage } from '../../../shared/model/records';

export class MessageRing {
  readonly #items: LoggedMessage[] = [];
  #start = 0;
  #size = 0;
  #chars = 0;

  constructor(
    private readonly limit: number,
    private readonly maxChars: number,
    /** Called for every message that leaves the ring. */
    private readonly onLeave: (m: LoggedMessage) => void,
  ) {}

  get size(): number {
    return this.#size;
  }

  /** The i-th message from the oldest (0 ≤ i < size). */
  at(i: number): LoggedMessage {
    return this.#items[(this.#start + i) % this.limit]!;
  }

  get oldestSeq(): number | undefined {
    return this.#size > 0 ? this.at(0).seq : undefined;
  }

  push(m: LoggedMessage): void {
    this.#chars += messageChars(m);
    if (this.#size < this.limit) {
      this.#items[(this.#start + this.#size) % this.limit] = m;
      this.#size++;
    } else {
      const old = this.#items[this.#start]!;
      this.#items[this.#start] = m;
      this.#start = (this.#start + 1) % this.limit;
      this.#leave(old);
    }
    this.#trim();
  }

  /** The message with this seq if the ring still holds it. */
  bySeq(seq: number): LoggedMessage | undefined {
    const oldest = this.oldestSeq;
    if (oldest === undefined) return undefined;
    const offset = seq - oldest;
    if (offset < 0 || offset >= this.#size) return undefined;
    const m = this.at(offset);
    return m.seq === seq ? m : undefined;
  }

  /** Change a held message in place (a check result arrived) and re-count its size. */
  update(m: LoggedMessage, change: () => void): void {
    this.#chars -= messageChars(m);
    change();
    this.#chars += messageChars(m);
    this.#trim();
  }

  /** Drops the oldest messages while over the character budget (the newest always stays). */
  #trim(): void {
    while (this.#chars > this.maxChars && this.#size > 1) {
      const old = this.#items[this.#start]!;
      this.#items[this.#start] = undefined as unknown as LoggedMessage;
      this.#start = (this.#start + 1) % this.limit;
      this.#size--;
      this.#leave(old);
    }
  }

  #leave(old: LoggedMessage): void {
    this.#chars -= messageChars(old);
    this.onLeave(old);
  }
}

function messageChars(m: LoggedMessage): number {
  let n = m.body.length + 256;
  for (const e of m.schema?.errors ?? []) n += e.message.length + 16;
  for (const w of m.modelWarnings ?? []) n += w.path.length + w.message.length + 48;
  return n;
}
