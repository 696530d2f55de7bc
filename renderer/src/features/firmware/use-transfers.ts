// Live lists for the firmware screen and the device page: the library
// (files.updated pushes the whole list), transfer records (transfer.updated,
// with transfer.progressed folding bytes served in between) and uploaded
// files (uploads.received). Subscribed before listing, never polled.
import { useCallback } from 'react';
import type { FirmwareFile, TransferRecord, UploadRecord } from '../../../../shared/model/transfers';
import { useLiveList } from '../../api/use-live-list';
import { getApi } from '../../api/window-api';

/** The firmware library, newest first (the core's order); undefined while loading. */
export function useFiles(onError: (msg: string) => void): FirmwareFile[] | undefined {
  const { items, loaded, failed } = useLiveList({
    list: 'files.list',
    args: {},
    key: (f) => f.id,
    // Each push is the whole library, newer than any list answer still on its way.
    on: { 'files.updated': (list, edit) => edit.replace(list) },
    onError,
  });
  return loaded || failed ? items : undefined;
}

const byCreated = (a: TransferRecord, b: TransferRecord) => (a.created < b.created ? 1 : a.created > b.created ? -1 : 0);

/** A progress push may be ahead of the record: keep the larger count while the state is the same. */
const keepServed = (held: TransferRecord, t: TransferRecord): TransferRecord =>
  held.bytesServed > t.bytesServed && held.state === t.state ? { ...t, bytesServed: held.bytesServed } : t;

/** Transfer records of one device (or all), newest first, with live bytes served. */
export function useTransfers(deviceId: string | undefined, onError: (msg: string) => void): { transfers: TransferRecord[]; loaded: boolean } {
  const { items, loaded, failed } = useLiveList({
    list: 'transfer.list',
    args: deviceId ? { deviceId } : {},
    key: (t) => t.id,
    on: {
      'transfer.updated': (t, edit) => edit.upsert(t, keepServed),
      'transfer.progressed': (p, edit) => edit.patch(p.transferId, (held) =>
        held.bytesServed >= p.bytesServed ? held : { ...held, bytesServed: p.bytesServed, size: held.size ?? p.size }),
    },
    filter: (t) => !deviceId || t.deviceId === deviceId,
    order: byCreated,
    onError,
  });
  return { transfers: items, loaded: loaded || failed };
}

const byReceived = (a: UploadRecord, b: UploadRecord) => (a.received < b.received ? 1 : a.received > b.received ? -1 : 0);

/** Files one device uploaded (Upload RPC), newest first, and a way to forget one. */
export function useUploads(deviceId: string, onError: (msg: string) => void): {
  uploads: UploadRecord[]; loaded: boolean; remove(id: string): Promise<void>;
} {
  const { items, loaded, failed, edit } = useLiveList({
    list: 'uploads.list',
    args: { deviceId },
    key: (u) => u.id,
    on: { 'uploads.received': (u, e) => e.upsert(u) },
    filter: (u) => u.deviceId === deviceId,
    order: byReceived,
    onError,
  });
  // The core pushes no event for a removal: drop it here once it succeeded.
  const remove = useCallback(async (id: string) => {
    await getApi().invoke('uploads.remove', { id });
    edit.remove(id);
  }, [edit]);
  return { uploads: items, loaded: loaded || failed, remove };
}
