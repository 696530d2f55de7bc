// Transfers and library files in words and colours, for the firmware screen
// and the device page's Transfers tab. The backend's `summary` says the
// state in a sentence; these are the short labels around it.
import { formatBytes as bytes } from '../../../../shared/model/format';
import type { FirmwareFile, TransferRecord, TransferState } from '../../../../shared/model/transfers';

export type ChipColor = 'default' | 'info' | 'warning' | 'success' | 'error' | 'primary';

export const STATE_LOOK: Record<TransferState, { label: string; color: ChipColor; hint: string }> = {
  waiting: { label: 'waiting', color: 'default', hint: 'A bulk push item waiting for a free slot (concurrency limit).' },
  queued: { label: 'queued', color: 'warning', hint: "The request goes out in the device's next session." },
  sent: { label: 'accepted', color: 'info', hint: 'The CPE accepted the request and will transfer the file.' },
  'in-progress': { label: 'transferring', color: 'primary', hint: 'Bytes are moving between the CPE and the workbench.' },
  succeeded: { label: 'succeeded', color: 'success', hint: 'The CPE reported success (TransferComplete).' },
  failed: { label: 'failed', color: 'error', hint: 'The CPE reported a fault, or the request was refused.' },
  unknown: { label: 'unknown', color: 'warning', hint: 'No TransferComplete before the deadline: see the evidence.' },
  disputed: {
    label: 'disputed', color: 'warning',
    hint: "The CPE reported success, but the workbench's file server did not see the file fetched: see the outcome.",
  },
  cancelled: { label: 'cancelled', color: 'default', hint: 'Withdrawn before it ran, or cancelled on the CPE (CancelTransfer).' },
};

const FINAL: readonly TransferState[] = ['succeeded', 'failed', 'unknown', 'disputed', 'cancelled'];

export function isFinal(t: TransferRecord): boolean {
  return FINAL.includes(t.state);
}

/** Can be withdrawn (not sent yet) or cancelled on the CPE (CancelTransfer, CWMP 1.2+). */
export function cancellable(t: TransferRecord): boolean {
  return !isFinal(t) && t.kind !== 'AutonomousTransferComplete' && !t.cancelTaskId;
}

/** "1.5 MiB", "812 B". */
export function formatBytes(n: number | undefined): string {
  return n === undefined || !Number.isFinite(n) ? '—' : bytes(n);
}

/** A time the CPE reported; TR-069 uses 0001-01-01T00:00:00Z for "unknown". */
export function cpeTime(iso: string | undefined): string | undefined {
  return !iso || iso.startsWith('0001-') ? undefined : iso;
}

/** When it started and ended, as well as we know: the CPE's own times first. */
export function startedAt(t: TransferRecord): string | undefined {
  return cpeTime(t.startTime) ?? t.sentAt;
}
export function completedAt(t: TransferRecord): string | undefined {
  return cpeTime(t.completeTime) ?? (isFinal(t) ? t.finished : undefined);
}

/** What was transferred, in a few words. */
export function transferWhat(t: TransferRecord): { title: string; sub: string } {
  if (t.kind === 'Upload') return { title: uploadLabel(t.fileType), sub: `Upload${t.size !== undefined && t.uploadId ? ` · ${formatBytes(t.size)}` : ''}` };
  if (t.kind === 'AutonomousTransferComplete') {
    const a = t.autonomous;
    return { title: a?.targetFileName || a?.transferURL || 'a file', sub: `Autonomous ${a?.isDownload ? 'download' : 'upload'} · ${t.fileType}` };
  }
  return { title: t.fileName ?? t.targetFileName ?? t.url, sub: `${t.kind === 'ScheduleDownload' ? 'ScheduleDownload' : 'Download'} · ${shortFileType(t.fileType)}` };
}

/** '1 Vendor Configuration File' → 'Configuration backup'. */
export function uploadLabel(fileType: string): string {
  if (/^[13] Vendor Configuration File/.test(fileType)) return 'Configuration backup';
  if (/^[24] Vendor Log File/.test(fileType)) return 'Log file';
  return fileType;
}

/** '1 Firmware Upgrade Image' → 'Firmware image'; vendor types as given. */
export function shortFileType(fileType: string): string {
  const m: Record<string, string> = {
    '1 Firmware Upgrade Image': 'Firmware image', '2 Web Content': 'Web content', '3 Vendor Configuration File': 'Configuration file',
    '4 Tone File': 'Tone file', '5 Ringer File': 'Ringer file',
  };
  return m[fileType] ?? fileType;
}

export interface Progress {
  /** 0–100, or undefined for an indeterminate bar. */
  value?: number;
  text: string;
  color: 'primary' | 'success' | 'error' | 'warning' | 'inherit';
}

export function progressOf(t: TransferRecord): Progress | null {
  const color: Progress['color'] = t.state === 'succeeded' ? 'success' : t.state === 'failed' ? 'error'
    : t.state === 'unknown' || t.state === 'disputed' ? 'warning' : 'primary';
  if (t.kind === 'AutonomousTransferComplete') return null;
  if (t.kind === 'Upload') {
    if (t.state === 'in-progress') return { text: 'receiving…', color };
    if (t.uploadId) return { value: 100, text: `${formatBytes(t.size)} received`, color };
    return t.state === 'waiting' || t.state === 'queued' || t.state === 'sent' ? { value: 0, text: 'not started', color } : null;
  }
  const size = t.size ?? 0;
  if (!size) return t.state === 'in-progress' ? { text: `${formatBytes(t.bytesServed)} served`, color } : null;
  const served = Math.min(t.bytesServed, size);
  // Range requests and retries can serve more bytes than the file: the bar shows coverage, capped at 100.
  const pct = t.fullyServed ? 100 : Math.floor((served / size) * 100);
  return { value: pct, text: t.bytesServed === 0 ? `0 of ${formatBytes(size)}` : `${formatBytes(served)} of ${formatBytes(size)}`, color };
}

/** The first 12 hex digits, for tables (the full hash is one click away). */
export function shortSha(sha: string): string {
  return sha.slice(0, 12);
}

/** Does the file look meant for this device (OUI / product class given and equal)? undefined when the file does not say. */
export function fitsDevice(f: FirmwareFile, d: { deviceId: { OUI: string; ProductClass: string } }): boolean | undefined {
  if (!f.oui && !f.productClass) return undefined;
  return (!f.oui || f.oui === d.deviceId.OUI) && (!f.productClass || f.productClass === d.deviceId.ProductClass);
}

/** "a", "a and b", "a, b and 3 more". */
export function listText(items: string[], max = 3): string {
  if (items.length <= 1) return items[0] ?? '';
  if (items.length <= max) return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
