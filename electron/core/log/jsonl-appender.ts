// Appends lines to one JSONL file without opening and closing it for every
// line: lines queued in the same tick go out in one write, the file handle
// stays open while the session is active and is closed after `idleMs`
// without writes (or earlier when the owner needs the descriptor back).
// Every file operation runs on one promise chain, so lines land in the order
// they were appended, and a move (the session learnt its device) happens
// exactly between the lines before it and the lines after it.
import { type FileHandle, access, appendFile, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface AppenderOptions {
  idleMs: number;
  onError: (err: unknown, path: string) => void;
  /** Told when the handle opens or closes, so the owner can bound open descriptors. */
  onHandle?: (appender: JsonlAppender, open: boolean) => void;
  /** Told when the handle was closed for being idle: the owner may forget this appender. */
  onIdle?: (appender: JsonlAppender) => void;
  /**
   * Mode of files this appender creates, and of the folders it makes (plus
   * the x bits): the session log keeps raw messages, secrets included, so
   * they are owner-only (0600 / 0700).
   */
  mode?: number;
}

export class JsonlAppender {
  #path: string;
  readonly #opts: AppenderOptions;
  #handle: FileHandle | null = null;
  #buffer: string[] = [];
  #chain: Promise<void> = Promise.resolve();
  #scheduled = false;
  #idleTimer: NodeJS.Timeout | null = null;
  /** Date.now() of the last write, for least-recently-used closing. */
  lastUsed = Date.now();

  constructor(path: string, opts: AppenderOptions) {
    this.#path = path;
    this.#opts = opts;
  }

  get path(): string {
    return this.#path;
  }

  /** Lines queued but not yet handed to the file system. */
  get pending(): readonly string[] {
    return this.#buffer;
  }

  /** Queues one line (must end with '\n'); written on the next tick together with the others. */
  append(line: string): void {
    this.#buffer.push(line);
    this.lastUsed = Date.now();
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.#run(() => this.#drain());
    });
  }

  /** Resolves once every line appended so far is in the file. */
  flush(): Promise<void> {
    return this.#run(() => this.#drain());
  }

  /** Writes what is queued, then closes the file (it reopens on the next append). */
  closeHandle(): Promise<void> {
    return this.#run(async () => {
      await this.#drain();
      await this.#close();
    });
  }

  /**
   * Moves the file to `target` after the lines queued so far; later lines go
   * to `target`. If `target` already exists, this file's lines are appended to it.
   */
  moveTo(target: string): Promise<void> {
    return this.#run(async () => {
      await this.#drain();
      await this.#close();
      const source = this.#path;
      this.#path = target;
      if (source === target) return;
      await mkdir(dirname(target), { recursive: true, mode: dirMode(this.#opts.mode) });
      if (!(await exists(source))) return; // nothing written yet
      if (await exists(target)) {
        // rename would replace it: append instead (only on a re-assignment).
        await appendFile(target, await readFile(source, 'utf8'));
        await unlink(source);
      } else {
        await rename(source, target);
      }
    });
  }

  #run(job: () => Promise<void>): Promise<void> {
    const next = this.#chain.then(job).catch((err: unknown) => this.#opts.onError(err, this.#path));
    this.#chain = next;
    return next;
  }

  async #drain(): Promise<void> {
    if (this.#buffer.length === 0) return;
    const data = this.#buffer.join('');
    this.#buffer = [];
    if (!this.#handle) {
      this.#handle = await this.#open();
      this.#opts.onHandle?.(this, true);
    }
    await this.#handle.appendFile(data, 'utf8');
    this.#armIdle();
  }

  /** The folder usually exists (one per device): make it only when the open says it is missing, saving a file-system call per session. */
  async #open(): Promise<FileHandle> {
    const mode = this.#opts.mode ?? 0o666;
    try {
      return await open(this.#path, 'a', mode);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await mkdir(dirname(this.#path), { recursive: true, mode: dirMode(this.#opts.mode) });
      return open(this.#path, 'a', mode);
    }
  }

  async #close(): Promise<void> {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    const h = this.#handle;
    if (!h) return;
    this.#handle = null;
    this.#opts.onHandle?.(this, false);
    await h.close();
  }

  #armIdle(): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = null;
      void this.closeHandle().then(() => {
        if (this.#buffer.length === 0 && !this.#handle) this.#opts.onIdle?.(this);
      });
    }, this.#opts.idleMs);
    this.#idleTimer.unref(); // an idle log file must not keep the process alive
  }
}

/** Folder mode for a file mode: the read bits also get their x bit (0600 → 0700). */
function dirMode(mode: number | undefined): number {
  if (mode === undefined) return 0o777;
  return mode | ((mode & 0o444) >> 2);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
