// The file server's side of a transfer: the token URL granted for its file
// (A.3.2.8 Download, A.4.1.5 Upload), and what serving or receiving the file
// tells us: bytes served and the byte ranges covered, the transfer under way,
// an upload received. That is the evidence a CPE's claim of success is held
// against (transfer-claims.ts), so each new piece of it is passed on. Grants
// are made again at start (TransferService.recover), so a token outlives a
// restart.
import type { TransferState } from '../../../shared/model/transfers';
import type { EventBus } from '../runtime/events';
import type { FileServer } from '../files/file-server';
import { addInterval, covers } from '../files/http-range';
import type { FirmwareLibrary } from '../files/library';
import type { UploadStore } from '../files/upload-store';
import { describeTransfer, evidenceOf } from './outcome';
import { publicTransfer, type StoredTransfer, type TransferStore } from './transfer-store';
import { DEFAULT_UPLOAD_MAX } from './transfer-requests';

const PROGRESS_EVERY_MS = 250;

export interface GrantDeps {
  server: FileServer;
  uploads: UploadStore;
  library: FirmwareLibrary;
  bus: EventBus;
  records: TransferStore;
  /** The record changed: summary, transfer.updated, saved (awaited). */
  changed(t: StoredTransfer): Promise<void>;
  /** New evidence: a response ended (coverage updated) or an upload arrived. */
  evidence?(t: StoredTransfer): void;
}

export class TransferGrants {
  readonly #d: GrantDeps;
  readonly #lastProgress = new Map<string, number>();

  constructor(deps: GrantDeps) {
    this.#d = deps;
  }

  grant(t: StoredTransfer): void {
    if (!t.token) return;
    const auth = t.username && t.password ? { username: t.username, password: t.password } : undefined;
    if (t.kind === 'Upload') {
      this.#d.server.grant(t.token, {
        kind: 'upload', transferId: t.id, auth, maxBytes: t.maxBytes ?? DEFAULT_UPLOAD_MAX,
        onStart: () => this.#active(t),
        receive: async (body, contentType) => {
          const rec = await this.#d.uploads.receive({
            deviceId: t.deviceId, transferId: t.id, fileType: t.fileType, body, contentType, maxBytes: t.maxBytes ?? DEFAULT_UPLOAD_MAX,
          });
          t.uploadId = rec.id;
          t.size = rec.size;
          t.sha256 = rec.sha256;
          t.lastActivity = rec.received;
          await this.#d.changed(t);
          this.#d.bus.emit('uploads.received', rec);
          this.#d.evidence?.(t);
        },
      });
      return;
    }
    const fileId = t.fileId!;
    this.#d.server.grant(t.token, {
      kind: 'download', transferId: t.id, name: t.fileName ?? '', auth,
      file: () => {
        const path = this.#d.library.contentPath(fileId);
        const f = this.#d.library.get(fileId);
        return path && f ? { path, size: f.size, sha256: f.sha256 } : undefined;
      },
      onBytes: (n) => {
        t.bytesServed += n;
        this.#active(t);
        const now = Date.now();
        if (now - (this.#lastProgress.get(t.id) ?? 0) >= PROGRESS_EVERY_MS) {
          this.#lastProgress.set(t.id, now);
          this.#progressed(t);
        }
      },
      onServed: (start, end) => {
        t.coverage = addInterval(t.coverage ?? [], start, end);
        t.fullyServed = covers(t.coverage, t.size ?? 0);
        t.lastActivity = new Date().toISOString();
        this.#progressed(t);
        if (t.evidence) t.evidence = evidenceOf(t);
        t.summary = describeTransfer(t);
        this.#d.bus.emit('transfer.updated', publicTransfer(t));
        this.#d.records.saveSoon();
        this.#d.evidence?.(t);
      },
    });
  }

  /** The transfer ended in `state`. */
  end(t: StoredTransfer, state: TransferState): void {
    this.#lastProgress.delete(t.id);
    // The URL was for this transfer only; an 'unknown' one keeps it (the CPE may still be at it), and so does a
    // 'disputed' one: a CPE that claimed done before fetching may fetch now, and that evidence must still count.
    if (t.token && state !== 'unknown' && state !== 'disputed') this.#d.server.revoke(t.token);
  }

  #active(t: StoredTransfer): void {
    if (t.state !== 'queued' && t.state !== 'sent') return;
    t.state = 'in-progress';
    t.summary = describeTransfer(t);
    this.#d.bus.emit('transfer.updated', publicTransfer(t));
    this.#d.records.saveSoon();
  }

  #progressed(t: StoredTransfer): void {
    this.#d.bus.emit('transfer.progressed', { transferId: t.id, deviceId: t.deviceId, bytesServed: t.bytesServed, size: t.size ?? 0 });
  }
}
