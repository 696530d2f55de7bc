// The store's write-ahead journal. Every change to a device (summary, task,
// session, fault, parameters) is appended as one JSON line to
// `<dataDir>/journal/<generation>.jsonl`; a change is durable when its line
// is written. Lines queued while a write is in flight go out together in the
// next write (group commit), so 200 concurrent sessions cost a handful of
// appends to one open file instead of hundreds of whole-file rewrites with
// temp file + rename each (P1, P4 in README).
//
// The per-device files (device.json, parameters.json) become snapshots,
// written by compaction (device-store.ts): rotate to a new generation, write
// the snapshot of every device changed in the old one, then delete the old
// generation. Records are "set" operations (a whole task, a summary, a
// parameter's value), so replaying the journal files still present over the
// snapshots always ends in the latest state, whether a snapshot is older or
// newer than a record (a crash during compaction replays some records twice).
import { type FileHandle, mkdir, open, readFile, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Warn } from './json-files';

const FILE_RE = /^(\d{8})\.jsonl$/;

function fileName(generation: number): string {
  return `${String(generation).padStart(8, '0')}.jsonl`;
}

interface Waiter {
  resolve(): void;
  reject(err: unknown): void;
}

export class Journal {
  readonly #dir: string;
  #generation: number;
  /** Files of earlier generations not yet folded into snapshots. */
  #older: string[];
  #handle: FileHandle | null = null;
  #lines: string[] = [];
  #waiters: Waiter[] = [];
  #writeQueued = false;
  /** Jobs (writes, rotations, close) run one at a time, in order. */
  #chain: Promise<void> = Promise.resolve();
  #bytes = 0;
  #oldestUnfolded = 0;

  private constructor(dir: string, generation: number, older: string[]) {
    this.#dir = dir;
    this.#generation = generation;
    this.#older = older;
  }

  /**
   * Opens the journal folder and returns its records, oldest first, for
   * replay. A line cut short (the workbench stopped while writing it) ends
   * its file's replay with a warning; appends go to a new generation.
   */
  static async open(dir: string, warn: Warn): Promise<{ journal: Journal; records: unknown[] }> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const names = (await readdir(dir)).filter((f) => FILE_RE.test(f)).sort();
    const records: unknown[] = [];
    for (const name of names) {
      const text = await readFile(join(dir, name), 'utf8');
      let start = 0;
      let line = 0;
      while (start < text.length) {
        let end = text.indexOf('\n', start);
        if (end < 0) end = text.length;
        line++;
        const raw = text.slice(start, end);
        start = end + 1;
        if (raw.trim() === '') continue;
        try {
          records.push(JSON.parse(raw));
        } catch {
          warn(`store: journal ${name} line ${line} is incomplete (the workbench stopped while writing it); the rest of that file is ignored`);
          break;
        }
      }
    }
    const last = names.length ? Number(FILE_RE.exec(names[names.length - 1]!)![1]) : 0;
    const journal = new Journal(dir, last + 1, names.map((n) => join(dir, n)));
    if (records.length) journal.#oldestUnfolded = Date.now();
    return { journal, records };
  }

  /** Bytes appended since the last rotation. */
  get bytes(): number {
    return this.#bytes;
  }

  /** When the oldest change not yet in a snapshot was appended (0: none). */
  get oldestUnfolded(): number {
    return this.#oldestUnfolded;
  }

  /** Appends one record; resolves once it is written. Serialized now, so later changes to `rec` do not leak in. */
  append(rec: object): Promise<void> {
    const line = `${JSON.stringify(rec)}\n`;
    if (!this.#oldestUnfolded) this.#oldestUnfolded = Date.now();
    this.#lines.push(line);
    const done = new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    if (!this.#writeQueued) {
      this.#writeQueued = true;
      this.#run(() => this.#writeBatch());
    }
    return done;
  }

  /** Resolves when everything appended so far is written (or has failed). */
  sync(): Promise<void> {
    return this.#run(async () => undefined);
  }

  /**
   * Starts a new generation: what is appended from now on goes to a new
   * file. Returns the files of the earlier generations, to delete (fold())
   * once their changes are in snapshots.
   */
  rotate(): Promise<string[]> {
    return this.#run(async () => {
      await this.#closeHandle();
      const current = join(this.#dir, fileName(this.#generation));
      const folded = this.#bytes > 0 ? [...this.#older, current] : [...this.#older];
      if (this.#bytes > 0) this.#generation++;
      this.#older = [];
      this.#bytes = 0;
      this.#oldestUnfolded = this.#lines.length ? Date.now() : 0;
      return folded;
    });
  }

  /** Deletes files returned by rotate() whose changes are now all in snapshots. */
  async fold(files: string[]): Promise<void> {
    for (const f of files) {
      await unlink(f).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
    }
  }

  /** Files from rotate() that could not be folded (a snapshot failed): replayed at the next start, folded by a later pass. */
  keep(files: string[]): void {
    this.#older = [...files, ...this.#older];
    if (files.length && !this.#oldestUnfolded) this.#oldestUnfolded = Date.now();
  }

  /** Forgets nothing: files stay for the next start to replay unless folded. */
  close(): Promise<void> {
    return this.#run(() => this.#closeHandle());
  }

  #run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.#chain.then(job);
    this.#chain = result.then(noop, noop);
    return result;
  }

  /** One write for every line queued so far (group commit). */
  async #writeBatch(): Promise<void> {
    this.#writeQueued = false;
    const lines = this.#lines;
    const waiters = this.#waiters;
    this.#lines = [];
    this.#waiters = [];
    try {
      if (!this.#handle) this.#handle = await open(join(this.#dir, fileName(this.#generation)), 'a', 0o600);
      const buf = Buffer.from(lines.length === 1 ? lines[0]! : lines.join(''), 'utf8');
      await this.#handle.appendFile(buf); // loops until every byte is written
      this.#bytes += buf.length;
      for (const w of waiters) w.resolve();
    } catch (err) {
      for (const w of waiters) w.reject(err);
    }
  }

  async #closeHandle(): Promise<void> {
    const h = this.#handle;
    this.#handle = null;
    await h?.close();
  }
}

function noop(): void {}
