// Session capture: every HTTP message of every CWMP session, redacted, kept
// in a bounded ring in memory for the live view and appended to one JSONL file
// per session on disk (DESIGN §4; Insomnia keeps its timelines the same way):
//
//   <dataDir>/logs/<device id | _unassigned>/<session id>.jsonl
//
// Capture starts before the Inform is parsed (and before authentication, so
// 401 loops show up), so a session's first messages have no device yet; they
// go to `_unassigned/` and follow the session when assignDevice() names it.
//
// Memory stays bounded: `memoryLimit` messages, bodies over `memoryBodyLimit`
// cut in memory (the file keeps them whole), at most `maxOpenFiles` files
// open, per-session bookkeeping dropped once a session has left both the ring
// and its file handle.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoggedMessage } from '../../../shared/model/records';
import { safeFileName } from '../store/paths';
import { JsonlAppender } from './jsonl-appender';
import { redactMessage } from './redact';

export interface SessionLogOptions {
  dataDir: string;
  /** Messages kept in memory (default 20000). */
  memoryLimit?: number;
  /** Body characters kept in memory per message (default 256 KiB); the file has all of it. */
  memoryBodyLimit?: number;
  /** Close a session file after this long without writes (default 5000 ms). */
  idleMs?: number;
  /** Most session files open at once (default 128). */
  maxOpenFiles?: number;
  warn?: (message: string) => void;
}

export const LOGS_DIR = 'logs';
export const UNASSIGNED = '_unassigned';

interface SessionInfo {
  deviceId?: string;
  appender?: JsonlAppender;
  /** Messages of this session still in the ring. */
  inRing: number;
  /** seq of its first message seen by this process. */
  firstSeq: number;
}

type Input = Omit<LoggedMessage, 'seq' | 'time'> & { time?: string };

export class SessionLog {
  readonly #dir: string;
  readonly #limit: number;
  readonly #bodyLimit: number;
  readonly #idleMs: number;
  readonly #maxOpen: number;
  readonly #warn: (message: string) => void;
  /** Ring buffer: #ring[(#start + i) % #limit], i < #size, oldest first. */
  readonly #ring: LoggedMessage[] = [];
  #start = 0;
  #size = 0;
  #seq = 0;
  readonly #sessions = new Map<string, SessionInfo>();
  readonly #openFiles = new Set<JsonlAppender>();
  readonly #listeners = new Set<(m: LoggedMessage) => void>();
  readonly #failedPaths = new Set<string>();
  #closed = false;

  constructor(opts: SessionLogOptions) {
    this.#dir = join(opts.dataDir, LOGS_DIR);
    this.#limit = Math.max(1, opts.memoryLimit ?? 20000);
    this.#bodyLimit = opts.memoryBodyLimit ?? 256 * 1024;
    this.#idleMs = opts.idleMs ?? 5000;
    this.#maxOpen = Math.max(1, opts.maxOpenFiles ?? 128);
    this.#warn = opts.warn ?? ((m) => console.warn(m));
  }

  /** Path of a session's file (where it is, or will be once written). */
  sessionFile(deviceId: string | undefined, sessionId: string): string {
    return join(this.#dir, safeFileName(deviceId ?? UNASSIGNED), `${safeFileName(sessionId)}.jsonl`);
  }

  /**
   * Assigns seq and time (if missing), redacts secrets, keeps the message in
   * memory, queues it for the session's file and notifies listeners. Returns
   * the record as kept in memory (redacted; body cut if very large).
   */
  record(msg: Input): LoggedMessage {
    const seq = ++this.#seq;
    let info = this.#sessions.get(msg.sessionId);
    if (!info) {
      info = { inRing: 0, firstSeq: seq };
      this.#sessions.set(msg.sessionId, info);
    }
    if (msg.deviceId !== undefined && info.deviceId !== msg.deviceId) this.assignDevice(msg.sessionId, msg.deviceId);
    const deviceId = msg.deviceId ?? info.deviceId;
    const base: LoggedMessage = { ...msg, seq, time: msg.time ?? new Date().toISOString() };
    if (deviceId !== undefined) base.deviceId = deviceId;
    else delete base.deviceId;
    const full = redactMessage(base);

    if (!this.#closed) this.#appender(msg.sessionId, info).append(`${JSON.stringify(full)}\n`);

    const kept = this.#shrink(full);
    this.#push(kept, info);
    for (const cb of this.#listeners) {
      try {
        cb(kept);
      } catch (err) {
        this.#warn(`session log: listener failed: ${String(err)}`);
      }
    }
    return kept;
  }

  /** The session's device became known: earlier messages (memory and file) now belong to it. */
  assignDevice(sessionId: string, deviceId: string): void {
    let info = this.#sessions.get(sessionId);
    if (!info) {
      info = { inRing: 0, firstSeq: this.#seq + 1 };
      this.#sessions.set(sessionId, info);
    }
    if (info.deviceId === deviceId) return;
    const from = info.deviceId;
    info.deviceId = deviceId;
    if (info.inRing > 0) {
      for (let i = 0; i < this.#size; i++) {
        const m = this.#ring[(this.#start + i) % this.#limit]!;
        if (m.sessionId === sessionId) m.deviceId = deviceId;
      }
    }
    if (this.#closed || (!info.appender && info.inRing === 0)) return; // nothing written for it yet
    // Through the appender's chain: the move lands after the lines already queued.
    const appender = info.appender ?? this.#appender(sessionId, info, from);
    void appender.moveTo(this.sessionFile(deviceId, sessionId));
  }

  onMessage(cb: (m: LoggedMessage) => void): () => void {
    this.#listeners.add(cb);
    return () => this.#listeners.delete(cb);
  }

  /**
   * The newest `limit` (default 1000) matching messages, in seq order. From
   * memory; a session whose start has left the ring is read from its file
   * (synchronously: this is the rare "open an old session" path).
   */
  list(filter: { deviceId?: string; sessionId?: string; limit?: number } = {}): LoggedMessage[] {
    const limit = filter.limit ?? 1000;
    if (limit <= 0) return [];
    const { deviceId, sessionId } = filter;
    if (sessionId !== undefined) {
      const info = this.#sessions.get(sessionId);
      const oldest = this.#size > 0 ? this.#ring[this.#start]!.seq : Infinity;
      if (!info || info.firstSeq < oldest) {
        const merged = this.#fromFile(deviceId ?? info?.deviceId, sessionId, info);
        const out = deviceId === undefined ? merged : merged.filter((m) => m.deviceId === deviceId);
        return out.slice(-limit);
      }
    }
    const out: LoggedMessage[] = [];
    for (let i = this.#size - 1; i >= 0 && out.length < limit; i--) {
      const m = this.#ring[(this.#start + i) % this.#limit]!;
      if (sessionId !== undefined && m.sessionId !== sessionId) continue;
      if (deviceId !== undefined && m.deviceId !== deviceId) continue;
      out.push(m);
    }
    return out.reverse();
  }

  /** A whole session from its file (full bodies), after writing what is queued. */
  async readSession(deviceId: string | undefined, sessionId: string): Promise<LoggedMessage[]> {
    const info = this.#sessions.get(sessionId);
    await info?.appender?.flush();
    const dev = deviceId ?? info?.deviceId;
    for (const file of [this.sessionFile(dev, sessionId), this.sessionFile(undefined, sessionId)]) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        continue;
      }
      return parseLines(text, dev);
    }
    return [];
  }

  /** Resolves once every message recorded so far is on disk. */
  async flush(): Promise<void> {
    await Promise.all([...this.#sessions.values()].map((s) => s.appender?.flush()));
  }

  /** Flushes and closes every file; later messages are kept in memory only. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#sessions.values()].map((s) => s.appender?.closeHandle()));
    this.#listeners.clear();
  }

  // ---- internals ----

  #appender(sessionId: string, info: SessionInfo, deviceId = info.deviceId): JsonlAppender {
    if (info.appender) return info.appender;
    const appender = new JsonlAppender(this.sessionFile(deviceId, sessionId), {
      idleMs: this.#idleMs,
      onError: (err, path) => {
        // Once per file: a full disk must not flood the console (the ring still has the messages).
        if (this.#failedPaths.has(path)) return;
        this.#failedPaths.add(path);
        this.#warn(`session log: writing ${path} failed: ${String(err)}`);
      },
      onHandle: (a, open) => this.#onHandle(a, open),
      onIdle: (a) => {
        if (info.appender !== a) return;
        delete info.appender;
        this.#forgetIfDone(sessionId, info);
      },
    });
    info.appender = appender;
    return appender;
  }

  /** Keeps open descriptors bounded: the least recently written file is closed (it reopens on demand). */
  #onHandle(a: JsonlAppender, open: boolean): void {
    if (!open) {
      this.#openFiles.delete(a);
      return;
    }
    this.#openFiles.add(a);
    if (this.#openFiles.size <= this.#maxOpen) return;
    let victim: JsonlAppender | undefined;
    for (const f of this.#openFiles) if (f !== a && (!victim || f.lastUsed < victim.lastUsed)) victim = f;
    if (victim) {
      this.#openFiles.delete(victim);
      void victim.closeHandle();
    }
  }

  /** Cuts very large bodies for the in-memory copy. */
  #shrink(m: LoggedMessage): LoggedMessage {
    if (m.body.length <= this.#bodyLimit) return m;
    const cut = `body cut to ${this.#bodyLimit} of ${m.body.length} characters in memory; the session file has all of it`;
    return { ...m, body: m.body.slice(0, this.#bodyLimit), note: m.note ? `${m.note}; ${cut}` : cut };
  }

  #push(m: LoggedMessage, info: SessionInfo): void {
    info.inRing++;
    if (this.#size < this.#limit) {
      this.#ring[(this.#start + this.#size) % this.#limit] = m;
      this.#size++;
      return;
    }
    const old = this.#ring[this.#start]!;
    this.#ring[this.#start] = m;
    this.#start = (this.#start + 1) % this.#limit;
    const oldInfo = this.#sessions.get(old.sessionId);
    if (oldInfo) {
      oldInfo.inRing--;
      this.#forgetIfDone(old.sessionId, oldInfo);
    }
  }

  #forgetIfDone(sessionId: string, info: SessionInfo): void {
    if (info.inRing <= 0 && !info.appender && this.#sessions.get(sessionId) === info) this.#sessions.delete(sessionId);
  }

  /** A session's messages from its file, plus what is still queued or only in memory. */
  #fromFile(deviceId: string | undefined, sessionId: string, info: SessionInfo | undefined): LoggedMessage[] {
    const bySeq = new Map<number, LoggedMessage>();
    const file = this.#findFile(deviceId, sessionId);
    if (file) {
      try {
        for (const m of parseLines(readFileSync(file, 'utf8'), deviceId)) bySeq.set(m.seq, m);
      } catch (err) {
        this.#warn(`session log: reading ${file} failed: ${String(err)}`);
      }
    }
    for (const line of info?.appender?.pending ?? []) {
      for (const m of parseLines(line, deviceId)) if (!bySeq.has(m.seq)) bySeq.set(m.seq, m);
    }
    for (let i = 0; i < this.#size; i++) {
      const m = this.#ring[(this.#start + i) % this.#limit]!;
      if (m.sessionId === sessionId && !bySeq.has(m.seq)) bySeq.set(m.seq, m);
    }
    return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  }

  #findFile(deviceId: string | undefined, sessionId: string): string | undefined {
    const candidates = [this.sessionFile(deviceId, sessionId), this.sessionFile(undefined, sessionId)];
    for (const f of candidates) if (existsSync(f)) return f;
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
}

/** JSONL → records; skips a torn last line (crash mid-write) and fills the device if the line predates assignment. */
function parseLines(text: string, deviceId: string | undefined): LoggedMessage[] {
  const out: LoggedMessage[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const m = JSON.parse(line) as LoggedMessage;
      if (m.deviceId === undefined && deviceId !== undefined) m.deviceId = deviceId;
      out.push(m);
    } catch {
      // torn or foreign line: skip it, keep the rest of the session readable
    }
  }
  return out;
}
