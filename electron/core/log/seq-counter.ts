// Message numbers (LoggedMessage.seq, the "#" column) that keep growing across
// restarts, so that a device's history on disk pages by seq without two
// messages sharing a number. The high-water mark is reserved in blocks in
// <logs>/.seq (a name no device folder can take: safeFileName escapes a
// leading dot), written synchronously once per block: a crash loses at most
// the unused rest of a block, never reuses a number.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const BLOCK = 1000;

export class SeqCounter {
  readonly #file: string;
  readonly #warn: (m: string) => void;
  #seq: number;
  #reserved: number;
  #persist = true;

  constructor(logsDir: string, warn: (m: string) => void) {
    this.#file = join(logsDir, '.seq');
    this.#warn = warn;
    let start = 0;
    try {
      const n = Number(readFileSync(this.#file, 'utf8').trim());
      if (Number.isSafeInteger(n) && n > 0) start = n;
    } catch {
      // first run (or unreadable): start at 0
    }
    this.#seq = start;
    this.#reserved = start;
  }

  next(): number {
    const seq = ++this.#seq;
    if (seq > this.#reserved && this.#persist) this.#reserve(seq + BLOCK);
    return seq;
  }

  /** The last number given out. */
  get current(): number {
    return this.#seq;
  }

  /** After close: numbers stay unique in memory, nothing more is written. */
  stop(): void {
    this.#persist = false;
  }

  #reserve(upTo: number): void {
    this.#reserved = upTo;
    try {
      mkdirSync(join(this.#file, '..'), { recursive: true, mode: 0o700 });
      writeFileSync(this.#file, `${upTo}\n`, { mode: 0o600 });
    } catch (err) {
      this.#persist = false;
      this.#warn(`session log: cannot write ${this.#file} (${String(err)}); message numbers restart with the next run`);
    }
  }
}
