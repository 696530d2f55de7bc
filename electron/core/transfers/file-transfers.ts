// Firmware staging and file transfers, wired once for the core: the library,
// the file server on its own port, uploaded files, transfer records and the
// service that moves them along; plus the hooks the CWMP session calls for
// TransferComplete and AutonomousTransferComplete.
import { effectiveCompat } from '../../../shared/model/compat';
import { sendConnectionRequest } from '../acs/connection-request';
import type { TransferHooks } from '../acs/session';
import type { TaskQueue } from '../acs/task-queue';
import type { EventBus } from '../runtime/events';
import { FileServer } from '../files/file-server';
import { FirmwareLibrary } from '../files/library';
import type { Interfaces } from '../files/reachability';
import { UploadStore } from '../files/upload-store';
import type { DeviceStore } from '../store/device-store';
import { queuedTransfers } from './queued-transfers';
import { createTransferHandlers, type TransferHandlers } from './transfer-handlers';
import { TransferService } from './transfer-service';
import { TransferStore } from './transfer-store';

/** The port CPEs fetch files from unless told otherwise (one above CWMP's 7547). */
export const DEFAULT_FILE_SERVER_PORT = 7548;
/** No TransferComplete for this long: the transfer ends as 'unknown'. */
export const DEFAULT_TRANSFER_DEADLINE_MS = 30 * 60_000;

export interface FileTransfersOptions {
  dataDir: string;
  /** Bind address (the CWMP listener's) and port (0 = any free port). */
  host: string;
  port: number;
  deadlineMs?: number;
  /** How long a success claim the file server's evidence does not back waits before it is 'disputed' (default 2 s). */
  claimGraceMs?: number;
  /** Largest file accepted through files.upload. */
  maxUploadBytes?: number;
  store: DeviceStore;
  queue: TaskQueue;
  bus: EventBus;
  connectionRequestCredentials(): { username: string; password: string };
  /** Network interfaces to choose URL hosts from (tests); default os.networkInterfaces(). */
  interfaces?: () => Interfaces;
}

export interface FileTransfers {
  handlers: TransferHandlers;
  hooks: TransferHooks;
  /** The port the file server listens on. */
  port(): number;
  readonly library: FirmwareLibrary;
  readonly uploads: UploadStore;
  readonly service: TransferService;
  readonly server: FileServer;
  stop(): Promise<void>;
}

export async function startFileTransfers(o: FileTransfersOptions): Promise<FileTransfers> {
  const warn = (m: string) => console.warn(m);
  let service: TransferService | undefined;
  const library = await FirmwareLibrary.open({
    dataDir: o.dataDir, maxUploadBytes: o.maxUploadBytes, warn,
    inUse: (id) => service?.inUse(id) ?? 0,
    onChange: (files) => o.bus.emit('files.updated', files),
  });
  const uploads = await UploadStore.open(o.dataDir, warn);
  const records = await TransferStore.open(o.dataDir, warn);
  const server = new FileServer({ host: o.host, port: o.port, warn });
  const bound = await server.start();
  const contact = async (deviceId: string) => {
    const dev = o.store.get(deviceId);
    // As device.contact: Basic over plain HTTP only where the device's compatibility profile allows it (TR-069 §3.2.2).
    if (dev?.connectionRequestURL) {
      const allowBasicOverHttp = effectiveCompat(dev.compat).basicConnectionRequest;
      await sendConnectionRequest(dev.connectionRequestURL, o.connectionRequestCredentials(), { allowBasicOverHttp });
    }
  };
  const svc = new TransferService({
    store: o.store, queue: o.queue, bus: o.bus, library, uploads, server, records, contact,
    bindHost: () => o.host, port: () => server.address()?.port ?? bound.port,
    deadlineMs: o.deadlineMs ?? DEFAULT_TRANSFER_DEADLINE_MS, claimGraceMs: o.claimGraceMs, interfaces: o.interfaces,
  });
  service = svc;
  svc.recover();
  const handlers = createTransferHandlers({
    library, uploads, service: svc, serving: () => server.address() !== null,
    queued: (deviceId, waitMs) => queuedTransfers({
      store: o.store, queue: o.queue, bus: o.bus, contact, byCommandKey: (id, key) => records.byCommandKey(id, key),
    }, deviceId, waitMs),
  });
  return {
    handlers, library, uploads, service: svc, server,
    hooks: {
      transferComplete: (deviceId, tc) => svc.transferComplete(deviceId, tc),
      autonomousTransferComplete: (deviceId, atc) => svc.autonomousTransferComplete(deviceId, atc),
    },
    port: () => server.address()?.port ?? bound.port,
    async stop() {
      await svc.stop();
      await server.stop();
      await records.close();
      await library.close();
      await uploads.close();
    },
  };
}
