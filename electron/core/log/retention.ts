// Per-device on-disk history with a cap (issue 4, "Retention"): in each
// device folder under logs/ (and _unassigned/, where an unauthenticated
// scanner's 401 loops land), the newest session files are kept while they fit
// both caps; older ones are deleted. A session still being written is never
// deleted, even if it alone is over the byte cap.
// Enforcement is cheap and lazy: a folder is looked at a moment after one of
// its sessions goes quiet (debounced), every folder once at start, and every
// folder again when the caps change (Settings → Session log, setLimits()).
import { unlink } from 'node:fs/promises';
import { LOG_RETENTION_DEFAULTS } from '../../../shared/api/settings-rules';
import { deviceDirs, sessionFiles } from './log-files';

export interface RetentionOptions {
  /** Session files kept per device (default 1000). */
  maxSessionsPerDevice?: number;
  /** Bytes of session files kept per device (default 256 MiB). */
  maxBytesPerDevice?: number;
}

export const MiB = 1024 * 1024;

export const RETENTION_DEFAULTS: Required<RetentionOptions> = {
  maxSessionsPerDevice: LOG_RETENTION_DEFAULTS.maxSessionsPerDevice,
  maxBytesPerDevice: LOG_RETENTION_DEFAULTS.maxMiBPerDevice * MiB,
};

function limits(opts: RetentionOptions | undefined, base: Required<RetentionOptions>): Required<RetentionOptions> {
  return {
    maxSessionsPerDevice: Math.max(1, opts?.maxSessionsPerDevice ?? base.maxSessionsPerDevice),
    maxBytesPerDevice: Math.max(0, opts?.maxBytesPerDevice ?? base.maxBytesPerDevice),
  };
}

export class Retention {
  readonly #logsDir: string;
  #max: Required<RetentionOptions>;
  readonly #busy: () => ReadonlySet<string>;
  readonly #warn: (m: string) => void;
  readonly #timers = new Map<string, NodeJS.Timeout>();
  #running: Promise<void> = Promise.resolve();
  /** A full sweep queued and not started yet (further requests join it). */
  #sweepQueued?: Promise<void>;
  #closed = false;
  /** Files deleted so far (for tests and diagnostics). */
  deleted = 0;

  constructor(logsDir: string, opts: RetentionOptions | undefined, busy: () => ReadonlySet<string>, warn: (m: string) => void) {
    this.#logsDir = logsDir;
    this.#max = limits(opts, RETENTION_DEFAULTS);
    this.#busy = busy;
    this.#warn = warn;
  }

  /** Looks at one device folder soon (repeated calls within `delayMs` collapse into one pass). */
  schedule(dir: string, delayMs = 1000): void {
    if (this.#closed || this.#timers.has(dir)) return;
    const t = setTimeout(() => {
      this.#timers.delete(dir);
      this.#queue(() => this.enforce(dir));
    }, delayMs);
    t.unref();
    this.#timers.set(dir, t);
  }

  /**
   * New caps (a Settings change; fields not given stay): in force for every
   * pass from now on, and every folder is brought under them in the next
   * pass, behind the one running. Resolves when that sweep is done.
   */
  setLimits(opts: RetentionOptions): Promise<void> {
    this.#max = limits(opts, this.#max);
    return this.sweepAll();
  }

  /** Every device folder (at start, and after new caps). Requests made while one waits its turn share it. */
  sweepAll(): Promise<void> {
    if (this.#sweepQueued) return this.#sweepQueued;
    const sweep = this.#queue(async () => {
      // From here on the caps may change again: that needs a sweep of its own.
      this.#sweepQueued = undefined;
      for (const dir of await deviceDirs(this.#logsDir)) await this.enforce(dir);
    });
    this.#sweepQueued = sweep;
    return sweep;
  }

  /** Applies the caps to one folder now. */
  async enforce(dir: string): Promise<void> {
    const max = this.#max; // one folder, one set of caps, even if they change meanwhile
    const files = await sessionFiles(dir, { byStart: true }); // the sessions that began last first
    const busy = this.#busy();
    let count = 0;
    let bytes = 0;
    for (const f of files) {
      count++;
      bytes += f.size;
      const keep = busy.has(f.path) || (count <= max.maxSessionsPerDevice && bytes <= max.maxBytesPerDevice);
      if (keep) continue;
      try {
        await unlink(f.path);
        this.deleted++;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.#warn(`session log: retention could not delete ${f.path}: ${String(err)}`);
      }
    }
  }

  /** Waits for the pass in progress; no new ones start. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const t of this.#timers.values()) clearTimeout(t);
    this.#timers.clear();
    await this.#running;
  }

  /** Passes run one at a time. */
  #queue(job: () => Promise<void>): Promise<void> {
    const next = this.#running.then(() => (this.#closed ? undefined : job())).catch((err: unknown) => {
      this.#warn(`session log: retention pass failed: ${String(err)}`);
    });
    this.#running = next;
    return next;
  }
}
