// What one transfer asks of its CPE: the record it starts as, with a
// CommandKey, token URL and (optionally) credentials of its own, and the RPC
// that carries it (TR-069 Amd 6 A.3.2.8 Download, A.4.1.8 ScheduleDownload,
// A.4.1.5 Upload) with every argument filled in.
import { randomBytes, randomUUID } from 'node:crypto';
import type { AcsRequestName, RpcBodies } from '../../../shared/cwmp/types';
import type { TransferDownloadArgs, TransferUploadArgs } from '../../../shared/api/contract';
import { DOWNLOAD_FILE_TYPE_RE, UPLOAD_FILE_TYPE_RE, type FirmwareFile } from '../../../shared/model/transfers';
import { newToken } from '../files/file-server';
import { hostForUrl } from '../files/reachability';
import type { StoredTransfer } from './transfer-store';

/** A.3.2.8: URL is string(256); the file name at its end is a courtesy, dropped when it would not fit. */
const URL_MAX = 256;
export const DEFAULT_UPLOAD_MAX = 64 * 1024 * 1024;

export interface Where { host: string; port: number; warnings: string[] }

export function downloadUrl(host: string, port: number, token: string, name: string): string {
  const base = `http://${hostForUrl(host)}:${port}/t/${token}`;
  const full = `${base}/${encodeURIComponent(name)}`;
  return full.length <= URL_MAX ? full : base;
}

export function uploadUrl(host: string, port: number, token: string): string {
  return `http://${hostForUrl(host)}:${port}/u/${token}`;
}

/** CommandKey is string(32): 'wb-' + 64 random bits, unique per transfer. */
export function newCommandKey(): string {
  return `wb-${randomBytes(8).toString('hex')}`;
}

/** Per-transfer Basic credentials (the Username/Password arguments). */
export function newCredentials(): { username: string; password: string } {
  return { username: `wb-${randomBytes(4).toString('hex')}`, password: randomBytes(16).toString('base64url') };
}

function common(deviceId: string, where: Where, credentials: boolean | undefined, deadlineSeconds: number | undefined) {
  const creds = credentials ? newCredentials() : undefined;
  return {
    id: randomUUID(), deviceId, commandKey: newCommandKey(), token: newToken(), created: new Date().toISOString(),
    bytesServed: 0, fullyServed: false, summary: '',
    ...(creds ? { username: creds.username, password: creds.password, passwordSet: true } : {}),
    ...(deadlineSeconds ? { deadlineMs: deadlineSeconds * 1000 } : {}),
    ...(where.warnings.length ? { warnings: where.warnings } : {}),
  };
}

export function downloadRecord(
  args: TransferDownloadArgs, deviceId: string, file: FirmwareFile, where: Where, bulk?: { id: string; concurrency: number },
): StoredTransfer {
  const fileType = args.fileType ?? file.fileType;
  if (!DOWNLOAD_FILE_TYPE_RE.test(fileType)) throw new Error(`FileType "${fileType}" is not a Download FileType (A.3.2.8)`);
  const base = common(deviceId, where, args.credentials, args.deadlineSeconds);
  return {
    ...base, kind: args.windows ? 'ScheduleDownload' : 'Download', state: bulk ? 'waiting' : 'queued', fileType,
    fileId: file.id, fileName: file.name, size: file.size, sha256: file.sha256,
    url: downloadUrl(where.host, where.port, base.token, file.name),
    fileSize: args.fileSize ?? file.size, targetFileName: args.targetFileName ?? file.name,
    ...(args.windows ? {
      windows: args.windows.map((w) => ({
        WindowStart: w.start, WindowEnd: w.end, WindowMode: w.mode ?? '1 At Any Time', UserMessage: w.userMessage ?? '', MaxRetries: w.maxRetries ?? 0,
      })),
    } : { delaySeconds: args.delaySeconds ?? 0, successURL: args.successURL ?? '', failureURL: args.failureURL ?? '' }),
    ...(bulk ? { bulkId: bulk.id, bulkConcurrency: bulk.concurrency } : {}),
  };
}

export function uploadRecord(args: TransferUploadArgs, deviceId: string, where: Where): StoredTransfer {
  if (!UPLOAD_FILE_TYPE_RE.test(args.fileType)) throw new Error(`FileType "${args.fileType}" is not an Upload FileType (A.4.1.5)`);
  const base = common(deviceId, where, args.credentials, args.deadlineSeconds);
  return {
    ...base, kind: 'Upload', state: 'queued', fileType: args.fileType, url: uploadUrl(where.host, where.port, base.token),
    delaySeconds: args.delaySeconds ?? 0, maxBytes: args.maxBytes ?? DEFAULT_UPLOAD_MAX,
  };
}

/** The RPC with every argument, as queued for the device's next session. */
export function rpcFor(t: StoredTransfer): { name: AcsRequestName; args: RpcBodies[AcsRequestName] } {
  const auth = { Username: t.username ?? '', Password: t.password ?? '' };
  if (t.kind === 'Upload') {
    return { name: 'Upload', args: { CommandKey: t.commandKey, FileType: t.fileType, URL: t.url, ...auth, DelaySeconds: t.delaySeconds ?? 0 } };
  }
  const c = { CommandKey: t.commandKey, FileType: t.fileType, URL: t.url, ...auth, FileSize: t.fileSize ?? 0, TargetFileName: t.targetFileName ?? '' };
  if (t.kind === 'ScheduleDownload') return { name: 'ScheduleDownload', args: { ...c, TimeWindowList: t.windows ?? [] } };
  return { name: 'Download', args: { ...c, DelaySeconds: t.delaySeconds ?? 0, SuccessURL: t.successURL ?? '', FailureURL: t.failureURL ?? '' } };
}
