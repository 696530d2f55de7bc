// Records of the firmware library, file transfers and uploaded files, as the
// store keeps them and the API returns them. No Node or DOM APIs here.
// Names follow TR-069 Amd 6: A.3.2.8 Download, A.4.1.5 Upload, A.3.3.2
// TransferComplete, A.4.1.8 ScheduleDownload, A.4.1.1 AutonomousTransferComplete.
import type { AllQueuedTransferStruct, TimeWindowStruct } from '../cwmp/types';
import type { DeviceKey } from './records';

/** The FileTypes A.3.2.8 defines for Download (vendor types are 'X <OUI> <name>'). */
export const DOWNLOAD_FILE_TYPES = [
  '1 Firmware Upgrade Image', '2 Web Content', '3 Vendor Configuration File', '4 Tone File', '5 Ringer File',
] as const;
/** A.3.2.8 FileType, string(64): a defined type or a vendor type 'X <OUI> <name>'. */
export const DOWNLOAD_FILE_TYPE_RE = /^(1 Firmware Upgrade Image|2 Web Content|3 Vendor Configuration File|4 Tone File|5 Ringer File|X [0-9A-F]{6} \S.{0,54})$/;
/** A.4.1.5 FileType for Upload: 1/2, or 3/4 with the instance number of VendorConfigFile/VendorLogFile. */
export const UPLOAD_FILE_TYPE_RE = /^(1 Vendor Configuration File|2 Vendor Log File|3 Vendor Configuration File [1-9]\d{0,4}|4 Vendor Log File [1-9]\d{0,4})$/;
/** An IEEE OUI as DeviceIdStruct carries it: six upper-case hex digits. */
export const OUI_RE = /^[0-9A-F]{6}$/;

/** One file of the firmware library (`<dataDir>/files/`). */
export interface FirmwareFile {
  id: string;
  /** File name as the user gave it (also the last URL segment the CPE sees). */
  name: string;
  /** The FileType sent with Download by default. */
  fileType: string;
  /** Vendor OUI and ProductClass the image is meant for, when known. */
  oui?: string;
  productClass?: string;
  /** The SoftwareVersion the image installs, when known. */
  version?: string;
  size: number;
  /** Hex SHA-256 of the content, computed when the file was added. */
  sha256: string;
  /** ISO time the file was added. */
  added: string;
}

/** Metadata a user may set (on add or later); '' clears an optional field. */
export interface FirmwareMeta {
  name?: string;
  fileType?: string;
  oui?: string;
  productClass?: string;
  version?: string;
}

/**
 * waiting: a bulk item not started yet (concurrency limit). queued: the RPC
 * waits for the device's next session. sent: the CPE accepted it
 * (DownloadResponse Status 1). in-progress: bytes are being served (or the
 * upload is arriving). succeeded/failed: TransferComplete (or Status 0, or a
 * fault to the RPC). unknown: no TransferComplete before the deadline.
 * disputed: the CPE reported success (Status 0, or TransferComplete without a
 * fault) but the file server's evidence says otherwise (never fetched, or not
 * all of it); it still becomes succeeded if the fetch completes later.
 */
export type TransferState = 'waiting' | 'queued' | 'sent' | 'in-progress' | 'succeeded' | 'failed' | 'unknown' | 'disputed' | 'cancelled';

export const FINAL_TRANSFER_STATES: readonly TransferState[] = ['succeeded', 'failed', 'unknown', 'disputed', 'cancelled'];

/**
 * The CPE's word that a transfer is done — A.3.2.8/A.4.1.5 Status 0 ("completed
 * and applied") or A.3.3.2 TransferComplete with FaultCode 0 — and how the
 * workbench's own evidence bears on it. pending: being checked (a short grace
 * period: the last bytes may still be on their way). confirmed: the file
 * server served the whole file (or the upload arrived). late: disputed first,
 * the fetch completed afterwards. disputed: the evidence disagrees.
 * unverified: the file is not served by the workbench, so there is no evidence.
 */
export interface TransferClaim {
  via: 'Status 0' | 'TransferComplete';
  /** When the claim arrived. */
  at: string;
  verdict: 'pending' | 'confirmed' | 'late' | 'disputed' | 'unverified';
  /** Bytes served (Upload: received) when the verdict was reached. */
  bytesServed: number;
  /** When the evidence caught up with a disputed claim (verdict 'late'). */
  confirmedAt?: string;
}

export type TransferKind = 'Download' | 'ScheduleDownload' | 'Upload' | 'AutonomousTransferComplete';

/** What the workbench saw when a CPE never sent TransferComplete. */
export interface TransferEvidence {
  /** Every byte of the file went out at least once (over one or several range requests). */
  fullyServed: boolean;
  bytesServed: number;
  /** The first Inform with 1 BOOT (or M Download for this CommandKey) after the RPC was accepted. */
  rebootedAt?: string;
  /** Its EventCodes. */
  bootEvents?: string[];
  softwareVersionChanged: boolean;
}

export interface TransferRecord {
  id: string;
  deviceId: DeviceKey;
  kind: TransferKind;
  state: TransferState;
  /** Unique per transfer (string(32)); '' for AutonomousTransferComplete. */
  commandKey: string;
  fileType: string;
  /** Download: the library file. */
  fileId?: string;
  fileName?: string;
  /** Download: bytes of the file; Upload: bytes received. */
  size?: number;
  sha256?: string;
  /** The URL given to the CPE (download source or upload destination). */
  url: string;
  /** Per-transfer HTTP Basic credentials (the password never leaves the core). */
  username?: string;
  passwordSet?: boolean;
  /** Download arguments as sent (A.3.2.8). */
  fileSize?: number;
  targetFileName?: string;
  delaySeconds?: number;
  successURL?: string;
  failureURL?: string;
  /** ScheduleDownload time windows (A.4.1.8). */
  windows?: TimeWindowStruct[];
  /** Upload: largest body accepted. */
  maxBytes?: number;
  /** The task carrying the RPC, and the CancelTransfer task if one was sent. */
  taskId?: string;
  cancelTaskId?: string;
  /** Bulk push this transfer belongs to, and its concurrency limit. */
  bulkId?: string;
  bulkConcurrency?: number;
  created: string;
  /** When the CPE accepted the RPC, and the Status it answered (0 done, 1 pending). */
  sentAt?: string;
  responseStatus?: number;
  /** Download: bytes sent by the file server so far, all requests together. */
  bytesServed: number;
  fullyServed: boolean;
  lastActivity?: string;
  /** From TransferComplete (or a Status 0 response), as the CPE reported them. */
  startTime?: string;
  completeTime?: string;
  /** The CPE's own report of success and whether the evidence agrees (see TransferClaim). */
  claim?: TransferClaim;
  /** When the outcome was learnt. */
  finished?: string;
  fault?: { code: number; string: string; explanation: string };
  /** Why it failed when there was no CWMP fault (refused before sending, cancelled…). */
  error?: string;
  /** After this time without TransferComplete the transfer ends as 'unknown'. */
  deadline?: string;
  softwareVersionBefore?: string;
  softwareVersionAfter?: string;
  evidence?: TransferEvidence;
  /** Why the CPE may not reach the URL (see transfer.preview), as it was when the transfer was made. */
  warnings?: string[];
  /** Upload: the received file. */
  uploadId?: string;
  /** AutonomousTransferComplete (A.4.1.1 of the CPE side): what the CPE transferred on its own. */
  autonomous?: { announceURL: string; transferURL: string; isDownload: boolean; fileSize: number; targetFileName: string };
  /** The state in words, for people. */
  summary: string;
}

/** A file a CPE uploaded (`<dataDir>/uploads/<device>/<time>-<name>`). */
export interface UploadRecord {
  id: string;
  deviceId: DeviceKey;
  transferId?: string;
  fileType: string;
  /** File name in the device's uploads folder. */
  name: string;
  size: number;
  sha256: string;
  contentType?: string;
  received: string;
}

export interface UploadReadResult {
  upload: UploadRecord;
  offset: number;
  /** Bytes returned. */
  length: number;
  /** NUL bytes or invalid UTF-8 in the returned part. */
  binary: boolean;
  /** UTF-8 text (encoding 'text'; binary parts decoded with replacement characters). */
  text?: string;
  /** The bytes (encoding 'base64'), for saving. */
  base64?: string;
  /** More bytes follow the returned part. */
  more: boolean;
}

export interface TransferPreview {
  /** The URL the CPE would be given (the token part is a placeholder until the transfer exists). */
  url: string;
  host: string;
  port: number;
  /** Reasons the CPE may not reach it; empty when it looks fine. */
  warnings: string[];
}

export interface QueuedTransferEntry extends AllQueuedTransferStruct {
  /** The workbench transfer with this CommandKey, if any. */
  transferId?: string;
  /** A.4.1.6 State in words. */
  stateText: string;
}

export interface QueuedTransfers {
  deviceId: DeviceKey;
  /** live: answered just now; last-known: an earlier answer (the device did not answer in time); none: never asked. */
  source: 'live' | 'last-known' | 'none';
  /** When the CPE answered. */
  at?: string;
  rpc?: 'GetQueuedTransfers' | 'GetAllQueuedTransfers';
  taskId?: string;
  transfers: QueuedTransferEntry[];
  /** Why there is no live answer. */
  note?: string;
}

// The API's argument types (TransferDownloadArgs, TransferUploadArgs, BulkDownloadArgs, FileUploadChunk)
// are inferred from their schemas: import them from shared/api/contract.ts.
