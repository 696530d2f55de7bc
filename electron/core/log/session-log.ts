// Session capture: every HTTP message of every CWMP session, kept redacted
// in a bounded ring in memory for the live view and appended, as captured, to
// one JSONL file per session on disk (ARCHITECTURE.md, "How a message flows"; Insomnia keeps its
// timelines the same way):
//
//   <dataDir>/logs/<device id | _unassigned>/<session id>.jsonl   (0600)
//
// The files keep the raw messages (owner-only) so that an explicitly
// confirmed unredacted export is possible; everything read back for a view,
// a list or a default export is redacted on read (log-files.ts, redact.ts).
// Schema verdicts and model warnings arrive later from the checker and are
// applied with applyCheck() (memory) and appended as check lines (file).
//
// Capture starts before the Inform is parsed (and before authentication, so
// 401 loops show up), so a session's first messages have no device yet; they
// go to `_unassigned/` and follow the session when assignDevice() names it.
//
// Memory stays bounded: `memoryLimit` messages and `memoryChars` characters
// (bodies, check results), bodies over `memoryBodyLimit` cut in memory (the
// file keeps them whole), at most `maxOpenFiles` files open, per-session
// bookkeeping dropped once a session has left both the ring and its file
// handle. Disk stays bounded per device by `logRetention` (retention.ts).
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { MessageChecked } from '../../../shared/api/contract';
import type { LoggedMessage } from '../../../shared/model/records';
import type { CheckItem, CheckResult } from '../check/check-types';
import { safeFileName } from '../store/paths';
import { annotateAuth, type AuthState } from './auth-steps';
import { describeFault } from './fault-text';
import type { JsonlAppender } from './jsonl-appender';
import { logPredicate, type LogQuery } from './log-filter';
import { checkLine, deviceDirs, parseLogLines, readHistory } from './log-files';
import { redactMessage } from '../../../shared/model/redact';
import { Retention, type RetentionOptions } from './retention';
import { MessageRing } from './message-ring';
import { SeqCounter } from './seq-counter';
import { SessionFiles, UNASSIGNED } from './session-files';

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
  /** Characters (bodies and check results) kept in memory at most (default 256 Mi); oldest messages leave first. */
  memoryChars?: number;
  /** Per-device on-disk history caps (defaults in retention.ts). */
  logRetention?: RetentionOptions;
  warn?: (message: string) => void;
}

export const LOGS_DIR = 'logs';
export { UNASSIGNED };

interface SessionInfo extends AuthState {
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
  readonly #bodyLimit: number;
  readonly #files: SessionFiles;
  readonly #warn: (message: string) => void;
  /** The newest messages, bounded by count and characters. */
  readonly #ring: MessageRing;
  readonly #seq: SeqCounter;
  readonly #retention: Retention;
  /** Where SOAP messages go to be checked (the core's MessageChecker); none = no verdicts but 'n/a'. */
  #check?: (item: CheckItem) => void;
  readonly #sessions = new Map<string, SessionInfo>();
  readonly #listeners = new Set<(m: LoggedMessage) => void>();
  /** Ring records whose body #shrink() cut. */
  readonly #cut = new WeakSet<LoggedMessage>();
  #closed = false;

  constructor(opts: SessionLogOptions) {
    this.#dir = join(opts.dataDir, LOGS_DIR);
    this.#bodyLimit = opts.memoryBodyLimit ?? 256 * 1024;
    this.#warn = opts.warn ?? ((m) => console.warn(m));
    this.#files = new SessionFiles(this.#dir, { idleMs: opts.idleMs ?? 5000, maxOpen: opts.maxOpenFiles ?? 128, warn: this.#warn });
    this.#ring = new MessageRing(
      Math.max(1, opts.memoryLimit ?? 20000), Math.max(1, opts.memoryChars ?? 256 * 1024 * 1024), (old) => this.#left(old),
    );
    this.#seq = new SeqCounter(this.#dir, this.#warn);
    this.#retention = new Retention(this.#dir, opts.logRetention, () => this.#busyFiles(), this.#warn);
    void this.#retention.sweepAll();
  }

  /** Where a session's file is now (any device folder when the device is not given), if it exists. */
  findSessionFile(deviceId: string | undefined, sessionId: string): string | undefined {
    return this.#files.find(deviceId, sessionId);
  }

  /** The logs folder (export reads the session files under it). */
  get dir(): string {
    return this.#dir;
  }

  /** New per-device caps (Settings): every folder is swept under them next, files being written kept. */
  setRetention(limits: RetentionOptions): Promise<void> {
    return this.#retention.setLimits(limits);
  }

  /** Sends every SOAP message recorded from now on to `check` (raw, uncut); its verdict comes back through applyCheck(). */
  setChecker(check: (item: CheckItem) => void): void {
    this.#check = check;
  }

  /** Path of a session's file (where it is, or will be once written). */
  sessionFile(deviceId: string | undefined, sessionId: string): string {
    return this.#files.path(deviceId, sessionId);
  }

  /**
   * Assigns seq and time (if missing), explains a fault, writes the message
   * as captured to the session's (owner-only) file, keeps a redacted copy in
   * memory, queues SOAP bodies for the checker and notifies listeners.
   * Returns the record as kept in memory (redacted; body cut if very large).
   */
  record(msg: Input): LoggedMessage {
    const seq = this.#seq.next();
    let info = this.#sessions.get(msg.sessionId);
    if (!info) {
      info = { inRing: 0, firstSeq: seq, refusals: 0 };
      this.#sessions.set(msg.sessionId, info);
    }
    if (msg.deviceId !== undefined && info.deviceId !== msg.deviceId) this.assignDevice(msg.sessionId, msg.deviceId);
    const deviceId = msg.deviceId ?? info.deviceId;
    const base: LoggedMessage = { ...msg, seq, time: msg.time ?? new Date().toISOString() };
    if (deviceId !== undefined) base.deviceId = deviceId;
    else delete base.deviceId;
    if (base.rpc === 'Fault' || base.faultCode !== undefined) Object.assign(base, describeFault(base.body, base.faultCode));
    annotateAuth(base, info);
    // No SOAP body (empty POST, 204, 401, HTTP errors, a GET): nothing to check.
    const soap = typeof base.body === 'string' && base.body.trim() !== '' && (base.direction === 'cpe->acs' ? base.method === 'POST' : base.status === 200);
    if (!soap) base.schema = { verdict: 'n/a' };
    else if (this.#check) base.schema = { verdict: 'pending' };

    if (!this.#closed) this.#appender(msg.sessionId, info).append(`${JSON.stringify(base)}\n`);

    const kept = this.#shrink(redactMessage(base));
    this.#push(kept, info);
    if (soap && this.#check) {
      const item: CheckItem = { seq, sessionId: base.sessionId, direction: base.direction, body: base.body };
      if (deviceId !== undefined) item.deviceId = deviceId;
      if (base.rpc !== undefined) item.rpc = base.rpc;
      this.#check(item);
    }
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
      info = { inRing: 0, firstSeq: this.#seq.current + 1, refusals: 0 };
      this.#sessions.set(sessionId, info);
    }
    if (info.deviceId === deviceId) return;
    const from = info.deviceId;
    info.deviceId = deviceId;
    if (info.inRing > 0) {
      for (let i = 0; i < this.#ring.size; i++) {
        const m = this.#ring.at(i);
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
   * The newest `limit` (default 1000) matching messages, in seq order,
   * redacted. From memory; a session whose start has left the ring is read
   * from its file (synchronously: this is the rare "open an old session"
   * path). A device's older sessions on disk: query().
   */
  list(filter: LogQuery & { limit?: number } = {}): LoggedMessage[] {
    const limit = filter.limit ?? 1000;
    if (limit <= 0) return [];
    const { deviceId, sessionId } = filter;
    const accept = logPredicate(filter);
    if (sessionId !== undefined) {
      const info = this.#sessions.get(sessionId);
      const oldest = this.#ring.oldestSeq ?? Infinity;
      if (!info || info.firstSeq < oldest) {
        return this.#fromFile(deviceId ?? info?.deviceId, sessionId, info).filter(accept).slice(-limit);
      }
    }
    const out: LoggedMessage[] = [];
    // seqs in the ring are consecutive: start right below the `before` cursor.
    let i = this.#ring.size - 1;
    const oldest = this.#ring.oldestSeq;
    if (filter.before !== undefined && oldest !== undefined) i = Math.min(i, filter.before - oldest - 1);
    for (; i >= 0 && out.length < limit; i--) {
      const m = this.#ring.at(i);
      if (accept(m)) out.push(m);
    }
    return out.reverse();
  }

  /**
   * list(), and once memory has no more, older sessions on disk (paging back
   * with `before` walks the whole retained history): one device's folder
   * (and the unassigned one, for requests refused while claiming to be it),
   * or without a device every folder, so that after a restart the log still
   * opens on the recent traffic of all devices.
   */
  async query(filter: LogQuery & { limit?: number } = {}): Promise<LoggedMessage[]> {
    const limit = filter.limit ?? 1000;
    const mem = this.list(filter);
    if (filter.sessionId !== undefined || mem.length >= limit) return mem;
    // The ring holds everything from its oldest seq on: the disk is asked only for what is older.
    const oldest = this.#ring.oldestSeq ?? this.#seq.current + 1;
    const before = Math.min(filter.before ?? Infinity, oldest);
    await this.flush();
    const sources = filter.deviceId === undefined
      ? (await deviceDirs(this.#dir)).map((dir) => ({ dir }))
      : [{ dir: join(this.#dir, safeFileName(filter.deviceId)), deviceId: filter.deviceId }, { dir: join(this.#dir, UNASSIGNED) }];
    const older = await readHistory(sources, redactMessage, logPredicate({ ...filter, before }), limit - mem.length);
    return [...older, ...mem];
  }

  /** One message whole and redacted: from memory unless its body was cut there, else from its file. */
  async get(sessionId: string, seq: number): Promise<LoggedMessage | null> {
    const m = this.#ring.bySeq(seq);
    if (m && m.sessionId === sessionId && !this.#cut.has(m)) return m;
    return (await this.readSession(undefined, sessionId)).find((x) => x.seq === seq) ?? null;
  }

  /**
   * A whole session from its file (full bodies, check results merged), after
   * writing what is queued. Redacted unless `unredacted` (export after an
   * explicit confirmation; never a view).
   */
  async readSession(deviceId: string | undefined, sessionId: string, opts: { unredacted?: boolean } = {}): Promise<LoggedMessage[]> {
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
      const all = parseLogLines(text, dev);
      return opts.unredacted ? all : all.map(redactMessage);
    }
    return [];
  }

  /**
   * A verdict from the checker: set on the message if it is still in memory,
   * appended to its session file, and returned as the event payload (with the
   * device the session is now known to belong to). Undefined when the
   * session is unknown and its file cannot be found.
   */
  applyCheck(r: CheckResult): MessageChecked | undefined {
    const info = this.#sessions.get(r.sessionId);
    const deviceId = info?.deviceId ?? r.deviceId;
    const inRing = this.#ring.bySeq(r.seq);
    if (inRing && inRing.sessionId === r.sessionId) {
      this.#ring.update(inRing, () => {
        inRing.schema = r.schema;
        if (r.modelWarnings.length) inRing.modelWarnings = r.modelWarnings;
        if (r.modelWarningsOmitted) inRing.modelWarningsOmitted = r.modelWarningsOmitted;
      });
    }
    const line = checkLine(r.seq, r.schema, r.modelWarnings, r.modelWarningsOmitted);
    if (!this.#closed) {
      if (info) {
        this.#appender(r.sessionId, info).append(line);
      } else {
        // The session left memory and its file was closed: append to it where it is.
        const file = this.#files.find(deviceId, r.sessionId);
        if (file) void this.#files.appendLate(file, line);
      }
    }
    const out: MessageChecked = { seq: r.seq, sessionId: r.sessionId, schema: r.schema, modelWarnings: r.modelWarnings };
    if (deviceId !== undefined) out.deviceId = deviceId;
    if (r.modelWarningsOmitted) out.modelWarningsOmitted = r.modelWarningsOmitted;
    return out;
  }

  /** Resolves once every message recorded so far is on disk. */
  async flush(): Promise<void> {
    await Promise.all([...this.#sessions.values()].map((s) => s.appender?.flush()));
  }

  /** Flushes and closes every file; later messages are kept in memory only. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#seq.stop();
    await Promise.all([...this.#sessions.values()].map((s) => s.appender?.closeHandle()));
    await this.#retention.close();
    this.#listeners.clear();
  }

  // ---- internals ----

  #appender(sessionId: string, info: SessionInfo, deviceId = info.deviceId): JsonlAppender {
    if (info.appender) return info.appender;
    const appender = this.#files.appender(this.sessionFile(deviceId, sessionId), (a) => {
      // A quiet session is a finished one, usually: time to apply the device's caps.
      this.#retention.schedule(dirname(a.path));
      if (info.appender !== a) return;
      delete info.appender;
      this.#forgetIfDone(sessionId, info);
    });
    info.appender = appender;
    return appender;
  }

  /** Cuts very large bodies for the in-memory copy. */
  #shrink(m: LoggedMessage): LoggedMessage {
    if (m.body.length <= this.#bodyLimit) return m;
    const cut = `body cut to ${this.#bodyLimit} of ${m.body.length} characters in memory; the session file has all of it`;
    const out = { ...m, body: m.body.slice(0, this.#bodyLimit), note: m.note ? `${m.note}; ${cut}` : cut };
    this.#cut.add(out);
    return out;
  }

  #push(m: LoggedMessage, info: SessionInfo): void {
    info.inRing++;
    this.#ring.push(m);
  }

  /** Bookkeeping for a message that left the ring. */
  #left(old: LoggedMessage): void {
    const oldInfo = this.#sessions.get(old.sessionId);
    if (oldInfo) {
      oldInfo.inRing--;
      this.#forgetIfDone(old.sessionId, oldInfo);
    }
  }

  /** Files being written now (retention never deletes them). */
  #busyFiles(): Set<string> {
    const out = new Set<string>();
    for (const s of this.#sessions.values()) if (s.appender) out.add(s.appender.path);
    return out;
  }

  #forgetIfDone(sessionId: string, info: SessionInfo): void {
    if (info.inRing <= 0 && !info.appender && this.#sessions.get(sessionId) === info) this.#sessions.delete(sessionId);
  }

  /** A session's messages from its file, plus what is still queued or only in memory. */
  #fromFile(deviceId: string | undefined, sessionId: string, info: SessionInfo | undefined): LoggedMessage[] {
    const bySeq = new Map<number, LoggedMessage>();
    const file = this.#files.find(deviceId, sessionId);
    let text = '';
    if (file) {
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        this.#warn(`session log: reading ${file} failed: ${String(err)}`);
      }
    }
    // File lines and queued ones in one pass, so queued check lines find their messages.
    text += (info?.appender?.pending ?? []).join('');
    for (const m of parseLogLines(text, deviceId)) bySeq.set(m.seq, redactMessage(m));
    for (let i = 0; i < this.#ring.size; i++) {
      const m = this.#ring.at(i);
      if (m.sessionId === sessionId && !bySeq.has(m.seq)) bySeq.set(m.seq, m);
    }
    return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  }
}
