// The firmware library, file transfers and uploaded files. The records are in
// shared/model/transfers.ts; the field rules shared with the firmware pages in
// transfer-rules.ts are applied by the core (electron/core/files/library.ts).
import type * as z from 'zod';
import type * as model from '../../model/transfers';
import type {
  FirmwareFile, QueuedTransfers, TransferPreview, TransferRecord, UploadReadResult, UploadRecord,
} from '../../model/transfers';
import type { DeviceKey } from '../../model/records';
import { deviceKey } from './devices';
import {
  base64Chunk, bool, ID_MAX, int, list, obj, oneOf, produced, ruleIssue, str, text, type ChannelSchema, type Equal, type EventSchema,
} from './fields';

/** Metadata a user may set (on add or later); '' clears an optional field. */
const FILE_META = {
  name: str(128).optional(),
  /** The FileType sent with Download by default. */
  fileType: str(64).optional(),
  oui: text(6).optional(),
  productClass: text(64).optional(),
  version: text(64).optional(),
};

const DELAY = () => int(0, 2_592_000).optional(); // DelaySeconds: up to 30 days
const DEADLINE = () => int(1, 604_800).optional(); // a week

/** ScheduleDownload TimeWindowStruct (A.4.1.8): one or two windows, in order, each ending after it starts. */
const windows = list(obj({
  start: int(0, 2 ** 31 - 1), end: int(1, 2 ** 31 - 1), mode: str(64).optional(), userMessage: text(256).optional(), maxRetries: int(-1, 1000).optional(),
}), 1, 2).check((ctx) => {
  const w = ctx.value;
  if (w.some((x) => x.end <= x.start)) ruleIssue(ctx, 'each window must end after it starts');
  else if (w.length === 2 && w[1]!.start < w[0]!.end) ruleIssue(ctx, 'the second window must start after the first ends');
});

const DOWNLOAD_OPTIONS = {
  /** A.3.2.8 DelaySeconds. */
  delaySeconds: DELAY(),
  /** Protect the URL with per-transfer Basic credentials (sent as Username/Password). */
  credentials: bool().optional(),
  targetFileName: text(256).optional(),
  /** Overrides the library file's FileType. */
  fileType: str(64).optional(),
  /** Seconds without TransferComplete before the transfer ends as 'unknown' (default from the core options). */
  deadlineSeconds: DEADLINE(),
};

const transferDownloadArgs = obj({
  deviceId: deviceKey(),
  fileId: str(ID_MAX),
  ...DOWNLOAD_OPTIONS,
  successURL: text(256).optional(),
  failureURL: text(256).optional(),
  /** Announce this FileSize instead of the real one (to test a CPE's size check, fault 9018); 0 = not given. */
  fileSize: int(0, 4_294_967_295).optional(),
  /** Send ScheduleDownload (A.4.1.8, CWMP 1.2+) with these windows instead of Download. */
  windows: windows.optional(),
});

const transferUploadArgs = obj({
  deviceId: deviceKey(),
  fileType: str(64),
  delaySeconds: DELAY(),
  credentials: bool().optional(),
  /** Largest body accepted (default 64 MiB). */
  maxBytes: int(1, 4 * 1024 ** 3).optional(),
  deadlineSeconds: DEADLINE(),
});

const bulkDownloadArgs = obj({
  deviceIds: list(deviceKey(), 1, 10_000),
  fileId: str(ID_MAX),
  /** Devices transferring at once; the rest wait. */
  concurrency: int(1, 1000),
  ...DOWNLOAD_OPTIONS,
});

const fileUploadChunk = obj({
  /** Absent on the first chunk; the result of the first call afterwards. */
  uploadId: str(ID_MAX).optional(),
  /** Where this chunk starts: must equal the bytes received so far. */
  offset: int(0, Number.MAX_SAFE_INTEGER),
  /** The chunk, base64 (at most 512 KiB decoded). */
  bytes: base64Chunk(),
  /** Last chunk: the file joins the library. */
  done: bool().optional(),
  ...FILE_META,
  name: str(128),
});

export type FirmwareMeta = z.infer<ReturnType<typeof obj<typeof FILE_META>>>;
export type TransferDownloadArgs = z.infer<typeof transferDownloadArgs>;
export type TransferUploadArgs = z.infer<typeof transferUploadArgs>;
export type BulkDownloadArgs = z.infer<typeof bulkDownloadArgs>;
export type FileUploadChunk = z.infer<typeof fileUploadChunk>;

// FirmwareMeta is also a record's shape (FirmwareFile, shared/model/transfers.ts,
// which may not import the API): the two must stay exactly the same type, or this fails to compile.
const sameMeta: Equal<FirmwareMeta, model.FirmwareMeta> = true;
void sameMeta;

const byId = () => obj({ id: str(ID_MAX) });

export const TRANSFER_CHANNELS = {
  'files.list': { description: 'the firmware library, newest first', args: obj({}), result: produced<FirmwareFile[]>() },
  'files.add': {
    description: "copy a file from an absolute path on the workbench's machine into the library (Electron picker, drag-and-drop); "
      + 'SHA-256 computed while copying',
    args: obj({ path: str(4096), ...FILE_META }), result: produced<FirmwareFile>(),
  },
  'files.upload': {
    description: 'a file sent in base64 chunks of at most 512 KiB (first call without `uploadId`, offset 0, then the returned `uploadId`; '
      + '`done` on the last)',
    args: fileUploadChunk, result: produced<{ uploadId: string; received: number; file?: FirmwareFile }>(),
  },
  'files.update': {
    description: "edit a library file's metadata ('' clears oui, productClass or version)",
    args: obj({ id: str(ID_MAX), ...FILE_META }), result: produced<FirmwareFile>(),
  },
  'files.remove': {
    description: 'remove a library file; refused while a transfer in progress uses it',
    args: byId(), result: produced<{ removed: boolean }>(),
  },
  'transfer.preview': {
    description: 'the URL the device would be given (without `fileId`: the upload URL), and warnings when it looks unreachable',
    args: obj({ deviceId: deviceKey(), fileId: str(ID_MAX).optional() }), result: produced<TransferPreview>(),
  },
  'transfer.download': {
    description: 'Download (A.3.2.8), or ScheduleDownload (A.4.1.8, CWMP 1.2+) when `windows` is given, with a CommandKey and URL of its own',
    args: transferDownloadArgs, result: produced<TransferRecord>(),
  },
  'transfer.upload': {
    description: 'Upload (A.4.1.5: `1 Vendor Configuration File`, `2 Vendor Log File`, `3 …File <i>`, `4 …File <i>`) '
      + "to the workbench's receiver; the file lands in uploads.list",
    args: transferUploadArgs, result: produced<TransferRecord>(),
  },
  'transfer.list': {
    description: 'transfer records, newest first (state, progress, fault in words, evidence); AutonomousTransferComplete reports too',
    args: obj({ deviceId: deviceKey().optional(), bulkId: str(ID_MAX).optional() }), result: produced<TransferRecord[]>(),
  },
  'transfer.cancel': {
    description: 'withdraw a request not yet sent; once the CPE has it, send CancelTransfer (A.4.1.9, CWMP 1.2+)',
    args: byId(), result: produced<TransferRecord>(),
  },
  'transfer.queued': {
    description: "the CPE's own queue (GetAllQueuedTransfers, GetQueuedTransfers on 1.0), asked now and awaited up to `waitSeconds` "
      + '(default 20), or last known',
    args: obj({ deviceId: deviceKey(), waitSeconds: int(0, 120).optional() }), result: produced<QueuedTransfers>(),
  },
  'transfer.bulkDownload': {
    description: 'one image to many devices, `concurrency` at a time; each device gets its own transfer record',
    args: bulkDownloadArgs, result: produced<{ bulkId: string; transfers: TransferRecord[] }>(),
  },
  'uploads.list': {
    description: 'files CPEs uploaded, newest first',
    args: obj({ deviceId: deviceKey().optional() }), result: produced<UploadRecord[]>(),
  },
  'uploads.read': {
    description: 'part of an uploaded file (default 256 KiB, at most 1 MiB per call): text with a binary verdict, or base64 to save it',
    args: obj({
      id: str(ID_MAX), offset: int(0, Number.MAX_SAFE_INTEGER).optional(), maxBytes: int(1, 1024 * 1024).optional(),
      encoding: oneOf(['text', 'base64']).optional(),
    }),
    result: produced<UploadReadResult>(),
  },
  'uploads.remove': { description: 'delete an uploaded file', args: byId(), result: produced<{ removed: boolean }>() },
} satisfies Record<string, ChannelSchema>;

export const TRANSFER_EVENTS = {
  'files.updated': { description: 'the whole library after any change', payload: produced<FirmwareFile[]>() },
  'transfer.updated': { payload: produced<TransferRecord>() },
  'transfer.progressed': {
    description: 'bytes served, a few times a second',
    payload: produced<{ transferId: string; deviceId: DeviceKey; bytesServed: number; size: number }>(),
  },
  'uploads.received': { payload: produced<UploadRecord>() },
} satisfies Record<string, EventSchema>;
