// The session log's files: one JSONL file per session,
//
//   <dataDir>/logs/<device>/<session>.jsonl    (mode 0600, folders 0700)
//
// holding two kinds of lines, both append-only:
//   - a message: a LoggedMessage as captured, UNREDACTED (that is what makes
//     a confirmed unredacted export possible; everything shown or exported by
//     default is redacted when read, see redact.ts);
//   - a check: {"check": seq, "schema": …, "modelWarnings": …}, written when
//     the worker's verdict for that message arrives (after the message line).
// Verdicts are appended instead of rewriting the message line (bodies can be
// 16 MB) and kept in the same file instead of a sidecar, so that moving a
// session to its device, retention and export handle one file per session.
import { type FileHandle, open, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoggedMessage, ModelWarning, SchemaVerdict } from '../../../shared/model/records';

export interface CheckLine {
  check: number;
  schema: SchemaVerdict;
  modelWarnings?: ModelWarning[];
  modelWarningsOmitted?: number;
}

export function checkLine(seq: number, schema: SchemaVerdict, modelWarnings: ModelWarning[], omitted?: number): string {
  const line: CheckLine = { check: seq, schema };
  if (modelWarnings.length) line.modelWarnings = modelWarnings;
  if (omitted) line.modelWarningsOmitted = omitted;
  return `${JSON.stringify(line)}\n`;
}

/**
 * JSONL → messages with their check results merged in, in file order. Skips
 * torn lines (a crash mid-write) and fills the device of lines written before
 * the session knew it (from `deviceId`, else from the session's other lines).
 */
export function parseLogLines(text: string, deviceId: string | undefined): LoggedMessage[] {
  const out: LoggedMessage[] = [];
  const bySeq = new Map<number, LoggedMessage>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      continue; // torn or foreign line: keep the rest of the session readable
    }
    if (typeof v !== 'object' || v === null) continue;
    if (typeof (v as CheckLine).check === 'number') {
      const c = v as CheckLine;
      const m = bySeq.get(c.check);
      if (!m) continue;
      m.schema = c.schema;
      if (c.modelWarnings?.length) m.modelWarnings = c.modelWarnings;
      if (c.modelWarningsOmitted) m.modelWarningsOmitted = c.modelWarningsOmitted;
      continue;
    }
    const m = v as LoggedMessage;
    if (typeof m.seq !== 'number' || typeof m.sessionId !== 'string') continue;
    if (m.deviceId === undefined && deviceId !== undefined) m.deviceId = deviceId;
    out.push(m);
    bySeq.set(m.seq, m);
  }
  // Folder unknown to the caller: the session's later lines name the device.
  const known = deviceId ?? out.find((m) => m.deviceId !== undefined)?.deviceId;
  if (known !== undefined) for (const m of out) m.deviceId ??= known;
  return out;
}

export interface SessionFileInfo {
  path: string;
  mtimeMs: number;
  size: number;
  /** seq of the session's first message (sessionFiles with byStart), -1 when it cannot be read. */
  startSeq?: number;
}

/** Bytes read from the start of a file to find its first message's seq (an Inform or a 401 is far smaller). */
const HEAD_BYTES = 64 * 1024;

/**
 * seq of a session file's first message. seq comes after the body in a log
 * line, so the head is searched for the first `"seq":` key: inside the JSON
 * strings before it every quote is escaped, so the text cannot occur there.
 */
async function firstSeq(path: string): Promise<number> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(path, 'r');
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    const head = buf.toString('utf8', 0, bytesRead);
    const m = /"seq":(\d+)/.exec(head.slice(0, head.indexOf('\n') < 0 ? head.length : head.indexOf('\n')));
    return m ? Number(m[1]) : -1;
  } catch {
    return -1;
  } finally {
    await fh?.close();
  }
}

/**
 * The session files in one device folder, newest first: by last write, or
 * with `byStart` by when the session began (its first message's seq). The
 * two differ: a session's schema verdicts are appended a few seconds after
 * its last message, when the next session may have begun; retention must
 * keep the sessions that began last.
 */
export async function sessionFiles(dir: string, opts: { byStart?: boolean } = {}): Promise<SessionFileInfo[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const out: SessionFileInfo[] = [];
  for (const name of names) {
    if (!name.endsWith('.jsonl')) continue;
    const path = join(dir, name);
    try {
      const s = await stat(path);
      if (!s.isFile()) continue;
      const info: SessionFileInfo = { path, mtimeMs: s.mtimeMs, size: s.size };
      if (opts.byStart) info.startSeq = await firstSeq(path);
      out.push(info);
    } catch {
      // deleted meanwhile (retention, a move)
    }
  }
  return opts.byStart
    ? out.sort((a, b) => b.startSeq! - a.startSeq! || b.mtimeMs - a.mtimeMs)
    : out.sort((a, b) => b.mtimeMs - a.mtimeMs);
}

/** Every device folder (and _unassigned) under logs/. */
export async function deviceDirs(logsDir: string): Promise<string[]> {
  try {
    const entries = await readdir(logsDir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => join(logsDir, e.name));
  } catch {
    return [];
  }
}

/**
 * A session file's mtime is its last write, and a check line can land a
 * little after the next session began: files this close in time to the
 * oldest one read are read too before the search stops.
 */
const MTIME_SLACK_MS = 10 * 60_000;

/**
 * Messages of older sessions in the given folders (a device's, or all of
 * them), newest files first across folders, until `limit` accepted ones are
 * found; returned in seq order. `deviceId` names the folder's device (absent:
 * each session's own lines name it). `view` turns a raw record into what the
 * caller may see (redaction) before `accept` judges it.
 */
export async function readHistory(
  sources: { dir: string; deviceId?: string }[], view: (m: LoggedMessage) => LoggedMessage, accept: (m: LoggedMessage) => boolean, limit: number,
): Promise<LoggedMessage[]> {
  const found: LoggedMessage[] = [];
  let oldestRead = Infinity;
  const files = (await Promise.all(sources.map(async (s) => (await sessionFiles(s.dir)).map((f) => ({ ...f, deviceId: s.deviceId })))))
    .flat().sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const f of files) {
    if (found.length >= limit && f.mtimeMs < oldestRead - MTIME_SLACK_MS) break;
    oldestRead = Math.min(oldestRead, f.mtimeMs);
    let text: string;
    try {
      text = await readFile(f.path, 'utf8');
    } catch {
      continue;
    }
    for (const m of parseLogLines(text, f.deviceId)) {
      const v = view(m);
      if (accept(v)) found.push(v);
    }
  }
  return found.sort((a, b) => a.seq - b.seq).slice(-limit);
}
