// The firmware-library, file-transfer and upload part of the IPC contract
// (shared/api/contract.ts extends its maps with these). Kept apart so the
// one idea reads in one place; the names follow the same rules:
// channels `domain.verb`, events `domain.pastTense`.
import type { DeviceKey } from '../model/records';
import type {
  BulkDownloadArgs, FileUploadChunk, FirmwareFile, FirmwareMeta, QueuedTransfers, TransferDownloadArgs, TransferPreview, TransferRecord,
  TransferUploadArgs, UploadReadResult, UploadRecord,
} from '../model/transfers';

export interface TransferInvokeMap {
  /** The firmware library, newest first. */
  'files.list': { args: Record<string, never>; result: FirmwareFile[] };
  /** Copies a file from an absolute path on the core's machine (Electron picker, drag-and-drop); SHA-256 computed while copying. */
  'files.add': { args: FirmwareMeta & { path: string }; result: FirmwareFile };
  /** A file sent in base64 chunks (the browser UI has no path): call with offset 0 and no uploadId, then the returned uploadId; `done` on the last. */
  'files.upload': { args: FileUploadChunk; result: { uploadId: string; received: number; file?: FirmwareFile } };
  /** Edit metadata; '' clears oui, productClass or version. */
  'files.update': { args: FirmwareMeta & { id: string }; result: FirmwareFile };
  /** Refused while a transfer in progress uses the file. */
  'files.remove': { args: { id: string }; result: { removed: boolean } };
  /** The URL the device would be given, and why it may not reach it. Without fileId: the upload URL. */
  'transfer.preview': { args: { deviceId: DeviceKey; fileId?: string }; result: TransferPreview };
  /** Download (A.3.2.8), or ScheduleDownload (A.4.1.8) when `windows` is given, with a URL of its own. */
  'transfer.download': { args: TransferDownloadArgs; result: TransferRecord };
  /** Upload (A.4.1.5) to the workbench's receiver; the file lands in uploads.list. */
  'transfer.upload': { args: TransferUploadArgs; result: TransferRecord };
  /** Newest first; AutonomousTransferComplete reports are listed too. */
  'transfer.list': { args: { deviceId?: DeviceKey; bulkId?: string }; result: TransferRecord[] };
  /** Withdraws a request not yet sent; once the CPE has it, CancelTransfer (A.4.1.9, CWMP 1.2+). */
  'transfer.cancel': { args: { id: string }; result: TransferRecord };
  /** The CPE's own queue (GetAllQueuedTransfers, or GetQueuedTransfers on CWMP 1.0), asked now and awaited up to waitSeconds (default 20). */
  'transfer.queued': { args: { deviceId: DeviceKey; waitSeconds?: number }; result: QueuedTransfers };
  /** One image to many devices, `concurrency` at a time; each device gets its own transfer record. */
  'transfer.bulkDownload': { args: BulkDownloadArgs; result: { bulkId: string; transfers: TransferRecord[] } };
  /** Files CPEs uploaded, newest first. */
  'uploads.list': { args: { deviceId?: DeviceKey }; result: UploadRecord[] };
  /** Part of an uploaded file (default 256 KiB, at most 1 MiB per call): text with a binary verdict, or base64 to save it. */
  'uploads.read': {
    args: { id: string; offset?: number; maxBytes?: number; encoding?: 'text' | 'base64' };
    result: UploadReadResult;
  };
  'uploads.remove': { args: { id: string }; result: { removed: boolean } };
}

export interface TransferEventMap {
  /** The whole library after any change. */
  'files.updated': FirmwareFile[];
  'transfer.updated': TransferRecord;
  /** Bytes served for a download, a few times a second while it runs. */
  'transfer.progressed': { transferId: string; deviceId: DeviceKey; bytesServed: number; size: number };
  'uploads.received': UploadRecord;
}

export const TRANSFER_INVOKE_CHANNELS: readonly (keyof TransferInvokeMap)[] = [
  'files.list', 'files.add', 'files.upload', 'files.update', 'files.remove',
  'transfer.preview', 'transfer.download', 'transfer.upload', 'transfer.list', 'transfer.cancel', 'transfer.queued', 'transfer.bulkDownload',
  'uploads.list', 'uploads.read', 'uploads.remove',
];

export const TRANSFER_EVENT_CHANNELS: readonly (keyof TransferEventMap)[] = [
  'files.updated', 'transfer.updated', 'transfer.progressed', 'uploads.received',
];
