// The contract's firmware-library, transfer and upload channels. Arguments
// arrive shape-checked (shared/api/validate.ts); what needs the core's
// knowledge is checked here, with errors a person can act on.
import { randomUUID } from 'node:crypto';
import { isAbsolute } from 'node:path';
import type { Handlers } from '../../../shared/api/contract';
import type { DeviceSummary } from '../../../shared/model/records';
import type { FirmwareFile, TransferPreview } from '../../../shared/model/transfers';
import type { FirmwareLibrary } from '../files/library';
import { hostForUrl } from '../files/reachability';
import type { UploadStore } from '../files/upload-store';
import type { TransferService } from './transfer-service';

export type TransferChannel =
  | 'files.list' | 'files.add' | 'files.upload' | 'files.update' | 'files.remove'
  | 'transfer.preview' | 'transfer.download' | 'transfer.upload' | 'transfer.list' | 'transfer.cancel' | 'transfer.queued'
  | 'transfer.bulkDownload' | 'uploads.list' | 'uploads.read' | 'uploads.remove';

export type TransferHandlers = Pick<Handlers, TransferChannel>;

export interface TransferHandlerDeps {
  library: FirmwareLibrary;
  uploads: UploadStore;
  service: TransferService;
  queued(deviceId: string, waitMs: number): ReturnType<Handlers['transfer.queued']>;
  /** Is the file server listening. */
  serving(): boolean;
}

/** Things about the image and the device that deserve a second look before pushing. */
function fileWarnings(file: FirmwareFile, dev: DeviceSummary): string[] {
  const out: string[] = [];
  if (file.oui && file.oui !== dev.deviceId.OUI) out.push(`the file is for OUI ${file.oui}; the device's OUI is ${dev.deviceId.OUI}`);
  if (file.productClass && file.productClass !== dev.deviceId.ProductClass) {
    out.push(`the file is for product class ${file.productClass}; the device is ${dev.deviceId.ProductClass || 'of no product class'}`);
  }
  if (file.version && dev.softwareVersion === file.version) out.push(`the device already runs ${file.version}`);
  return out;
}

export function createTransferHandlers(d: TransferHandlerDeps): TransferHandlers {
  const preview = (deviceId: string, fileId?: string): TransferPreview => {
    const dev = d.service.device(deviceId);
    const file = fileId !== undefined ? d.library.get(fileId) : undefined;
    if (fileId !== undefined && !file) throw new Error(`no file ${fileId} in the library`);
    const { host, warnings } = d.service.hostFor(dev);
    const port = d.service.port();
    const path = file ? `/t/<token>/${encodeURIComponent(file.name)}` : '/u/<token>';
    const all = [...warnings, ...(file ? fileWarnings(file, dev) : [])];
    if (!d.serving()) all.unshift('the file server is not listening');
    return { url: `http://${hostForUrl(host)}:${port}${path}`, host, port, warnings: all };
  };
  return {
    'files.list': async () => d.library.list(),
    'files.add': async ({ path, ...meta }) => {
      if (!isAbsolute(path)) throw new Error(`"${path}" is not an absolute path`);
      return d.library.add(path, meta);
    },
    'files.upload': async (chunk) => d.library.upload(chunk),
    'files.update': async ({ id, ...meta }) => d.library.update(id, meta),
    'files.remove': async ({ id }) => ({ removed: await d.library.remove(id) }),
    'transfer.preview': async ({ deviceId, fileId }) => preview(deviceId, fileId),
    'transfer.download': async (args) => d.service.download(args),
    'transfer.upload': async (args) => d.service.upload(args),
    'transfer.list': async ({ deviceId, bulkId }) => d.service.list({ deviceId, bulkId }),
    'transfer.cancel': async ({ id }) => d.service.cancel(id),
    'transfer.queued': async ({ deviceId, waitSeconds }) => d.queued(deviceId, (waitSeconds ?? 20) * 1000),
    'transfer.bulkDownload': async ({ deviceIds, fileId, concurrency, ...rest }) => {
      const unique = [...new Set(deviceIds)];
      const missing = unique.filter((id) => {
        try {
          d.service.device(id);
          return false;
        } catch {
          return true;
        }
      });
      if (missing.length) throw new Error(`unknown device(s): ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`);
      if (!d.library.get(fileId)) throw new Error(`no file ${fileId} in the library`);
      const bulk = { id: randomUUID(), concurrency };
      for (const deviceId of unique) await d.service.download({ deviceId, fileId, ...rest }, bulk);
      d.service.pump(bulk.id);
      return { bulkId: bulk.id, transfers: d.service.list({ bulkId: bulk.id }).reverse() };
    },
    'uploads.list': async ({ deviceId }) => d.uploads.list(deviceId),
    'uploads.read': async ({ id, offset, maxBytes, encoding }) => d.uploads.read(id, { offset, maxBytes, encoding }),
    'uploads.remove': async ({ id }) => ({ removed: await d.uploads.remove(id) }),
  };
}
