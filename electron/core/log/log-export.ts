// log.export: a session, a device's history, or everything on disk, filtered,
// as one bundle (bundle.ts). Read from the session files, which hold the
// messages whole and unredacted: the bundle is redacted unless the caller
// passed unredacted: true AND the exact confirmation sentence (the UI asks
// for it in a dialog). Filters always judge the redacted view, so a text
// search cannot find a secret the view hides.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UNREDACTED_CONFIRMATION, type LogExportArgs, type LogExportResult } from '../../../shared/api/contract';
import type { LoggedMessage } from '../../../shared/model/records';
import { safeFileName } from '../store/paths';
import { BundleError, buildBundle, type BundleDevice, type BundleSelection } from './bundle';
import type { LogImports } from './imports';
import { logPredicate } from './log-filter';
import { deviceDirs, parseLogLines, sessionFiles } from './log-files';
import { redactMessage } from '../../../shared/model/redact';
import type { SessionLog } from './session-log';

/** Raw JSON characters one export may read (the bundle itself is capped in bundle.ts). */
const MAX_EXPORT_CHARS = 512 * 1024 * 1024;

/**
 * `deviceInfo` gives what the workbench knows of a device in the bundle
 * (its compatibility profile); imported bundles carry their own.
 */
export async function exportBundle(
  log: SessionLog, imports: LogImports, args: LogExportArgs, app: string, deviceInfo: (id: string) => BundleDevice | undefined = () => undefined,
): Promise<LogExportResult> {
  if (args.unredacted && args.confirmUnredacted !== UNREDACTED_CONFIRMATION) {
    throw new Error(`an unredacted export contains passwords and credentials: confirmUnredacted must be exactly "${UNREDACTED_CONFIRMATION}"`);
  }
  const unredacted = args.unredacted === true;
  const accept = logPredicate({ ...args.filter, deviceId: args.deviceId, sessionId: args.sessionId });
  const selection: BundleSelection = {};
  for (const k of ['deviceId', 'sessionId', 'source'] as const) if (args[k] !== undefined) selection[k] = args[k];
  if (args.filter) selection.filter = { ...args.filter };

  let messages: LoggedMessage[];
  if (args.source !== undefined && args.source !== 'live') {
    if (unredacted) throw new Error('an imported bundle is kept redacted: export unredacted from the workbench that captured it');
    messages = imports.messages(args.source).filter(accept);
  } else {
    messages = [];
    let chars = 0;
    await log.flush();
    for (const file of await selectedFiles(log, args)) {
      let text: string;
      try {
        text = await readFile(file.path, 'utf8');
      } catch {
        continue; // deleted by retention meanwhile
      }
      chars += text.length;
      if (chars > MAX_EXPORT_CHARS) {
        throw new BundleError(`the selection is over ${MAX_EXPORT_CHARS / 1048576} MiB of messages: export one device or session, or filter`);
      }
      for (const raw of parseLogLines(text, file.deviceId)) {
        const view = redactMessage(raw);
        if (accept(view)) messages.push(unredacted ? raw : view);
      }
    }
    messages.sort((a, b) => a.seq - b.seq);
  }
  if (messages.length === 0) throw new Error('nothing to export: no message matches the selection');
  const exported = new Date().toISOString();
  const devices: Record<string, BundleDevice> = {};
  for (const id of new Set(messages.map((m) => m.deviceId))) {
    const info = id === undefined ? undefined : deviceInfo(id);
    if (id !== undefined && info && (info.compat || info.lastSessionProblem)) devices[id] = info;
  }
  const bytes = await buildBundle(messages, { app, exported, redacted: !unredacted, selection, devices });
  const label = args.sessionId ?? args.deviceId ?? (args.source && args.source !== 'live' ? 'import' : 'all');
  const stamp = exported.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return {
    fileName: `tr069-log-${safeFileName(label).slice(0, 80)}-${stamp}${unredacted ? '-UNREDACTED' : ''}.cwmplog.json.gz`,
    bytes: bytes.toString('base64'),
    messages: messages.length,
    redacted: !unredacted,
  };
}

async function selectedFiles(log: SessionLog, args: LogExportArgs): Promise<{ path: string; deviceId?: string }[]> {
  if (args.sessionId !== undefined) {
    const path = log.findSessionFile(args.deviceId, args.sessionId);
    return path ? [{ path, deviceId: args.deviceId }] : [];
  }
  if (args.deviceId !== undefined) {
    const deviceId = args.deviceId;
    return (await sessionFiles(join(log.dir, safeFileName(deviceId)))).map((f) => ({ path: f.path, deviceId }));
  }
  const out: { path: string }[] = [];
  for (const dir of await deviceDirs(log.dir)) out.push(...await sessionFiles(dir));
  return out;
}
