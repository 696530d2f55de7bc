// The session log's open files: one JSONL appender per session being
// written, at most `maxOpen` descriptors at once (the least recently written
// file is closed and reopens on demand), owner-only files, and one warning
// per file that cannot be written (a full disk must not flood the console;
// the memory ring still has the messages). Also where a session's file is
// found again when the process no longer knows its device.
import { existsSync, readdirSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { safeFileName } from '../store/paths';
import { JsonlAppender } from './jsonl-appender';

/** Session files are owner-only: they hold unredacted messages. */
export const FILE_MODE = 0o600;

export const UNASSIGNED = '_unassigned';

export class SessionFiles {
  readonly #dir: string;
  readonly #idleMs: number;
  readonly #maxOpen: number;
  readonly #warn: (message: string) => void;
  readonly #open = new Set<JsonlAppender>();
  readonly #failed = new Set<string>();

  constructor(logsDir: string, o: { idleMs: number; maxOpen: number; warn: (message: string) => void }) {
    this.#dir = logsDir;
    this.#idleMs = o.idleMs;
    this.#maxOpen = Math.max(1, o.maxOpen);
    this.#warn = o.warn;
  }

  /** Path of a session's file (where it is, or will be once written). */
  path(deviceId: string | undefined, sessionId: string): string {
    return join(this.#dir, safeFileName(deviceId ?? UNASSIGNED), `${safeFileName(sessionId)}.jsonl`);
  }

  /** An appender for `path`; `onIdle` when it was closed for being quiet (the session is probably over). */
  appender(path: string, onIdle: (a: JsonlAppender) => void): JsonlAppender {
    return new JsonlAppender(path, {
      idleMs: this.#idleMs,
      mode: FILE_MODE,
      onError: (err, p) => {
        if (this.#failed.has(p)) return;
        this.#failed.add(p);
        this.#warn(`session log: writing ${p} failed: ${String(err)}`);
      },
      onHandle: (a, open) => this.#onHandle(a, open),
      onIdle,
    });
  }

  /** A check line for a session whose appender is gone: appended where its file is. */
  async appendLate(file: string, line: string): Promise<void> {
    try {
      await appendFile(file, line, { mode: FILE_MODE });
    } catch (err) {
      this.#warn(`session log: writing ${file} failed: ${String(err)}`);
    }
  }

  /** Where a session's file is now (any device folder when the device is not known), if it exists. */
  find(deviceId: string | undefined, sessionId: string): string | undefined {
    for (const f of [this.path(deviceId, sessionId), this.path(undefined, sessionId)]) if (existsSync(f)) return f;
    if (deviceId !== undefined) return undefined;
    // Unknown device (a session from an earlier run): look in every device folder.
    let dirs: string[];
    try {
      dirs = readdirSync(this.#dir);
    } catch {
      return undefined;
    }
    const name = `${safeFileName(sessionId)}.jsonl`;
    for (const d of dirs) if (existsSync(join(this.#dir, d, name))) return join(this.#dir, d, name);
    return undefined;
  }

  /** Keeps open descriptors bounded: the least recently written file is closed (it reopens on demand). */
  #onHandle(a: JsonlAppender, open: boolean): void {
    if (!open) {
      this.#open.delete(a);
      return;
    }
    this.#open.add(a);
    if (this.#open.size <= this.#maxOpen) return;
    let victim: JsonlAppender | undefined;
    for (const f of this.#open) if (f !== a && (!victim || f.lastUsed < victim.lastUsed)) victim = f;
    if (victim) {
      this.#open.delete(victim);
      void victim.closeHandle();
    }
  }
}
