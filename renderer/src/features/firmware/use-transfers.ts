// Live lists for the firmware screen and the device page: the library
// (files.updated pushes the whole list), transfer records (transfer.updated,
// with transfer.progressed folding bytes served in between) and uploaded
// files (uploads.received). Subscribed before listing, never polled.
import { useCallback, useEffect, useState } from 'react';
import type { FirmwareFile, TransferRecord, UploadRecord } from '../../../../shared/model/transfers';
import { errorText } from '../../api/hooks';
import { getApi } from '../../api/window-api';

/** The firmware library, newest first; undefined while loading. */
export function useFiles(onError: (msg: string) => void): FirmwareFile[] | undefined {
  const [files, setFiles] = useState<FirmwareFile[] | undefined>(undefined);
  useEffect(() => {
    const api = getApi();
    let pushed = false;
    const off = api.on('files.updated', (list) => { pushed = true; setFiles(list); });
    api.invoke('files.list', {}).then(
      (list) => { if (!pushed) setFiles(list); },
      (err: unknown) => { onError(`files.list: ${errorText(err)}`); setFiles((f) => f ?? []); },
    );
    return off;
  }, [onError]);
  return files;
}

const byCreated = (a: TransferRecord, b: TransferRecord) => (a.created < b.created ? 1 : a.created > b.created ? -1 : 0);

/** Transfer records of one device (or all), newest first, with live bytes served. */
export function useTransfers(deviceId: string | undefined, onError: (msg: string) => void): { transfers: TransferRecord[]; loaded: boolean } {
  const [map, setMap] = useState<Map<string, TransferRecord>>(new Map());
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    const api = getApi();
    setMap(new Map());
    setLoaded(false);
    const mine = (id: string) => !deviceId || id === deviceId;
    const offUpdated = api.on('transfer.updated', (t) => {
      if (!mine(t.deviceId)) return;
      setMap((prev) => {
        const old = prev.get(t.id);
        // A progress push may be ahead of the record: keep the larger count.
        const next = old && old.bytesServed > t.bytesServed && old.state === t.state ? { ...t, bytesServed: old.bytesServed } : t;
        return new Map(prev).set(t.id, next);
      });
    });
    const offProgress = api.on('transfer.progressed', (p) => {
      if (!mine(p.deviceId)) return;
      setMap((prev) => {
        const old = prev.get(p.transferId);
        if (!old || old.bytesServed >= p.bytesServed) return prev;
        return new Map(prev).set(p.transferId, { ...old, bytesServed: p.bytesServed, size: old.size ?? p.size });
      });
    });
    api.invoke('transfer.list', deviceId ? { deviceId } : {}).then(
      (list) => {
        setMap((prev) => {
          const next = new Map(list.map((t) => [t.id, t] as const));
          for (const [id, t] of prev) next.set(id, t);
          return next;
        });
        setLoaded(true);
      },
      (err: unknown) => { onError(`transfer.list: ${errorText(err)}`); setLoaded(true); },
    );
    return () => { offUpdated(); offProgress(); };
  }, [deviceId, onError]);
  return { transfers: [...map.values()].sort(byCreated), loaded };
}

/** Files one device uploaded (Upload RPC), newest first, and a way to forget one. */
export function useUploads(deviceId: string, onError: (msg: string) => void): {
  uploads: UploadRecord[]; loaded: boolean; remove(id: string): Promise<void>;
} {
  const [map, setMap] = useState<Map<string, UploadRecord>>(new Map());
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    const api = getApi();
    setMap(new Map());
    setLoaded(false);
    const off = api.on('uploads.received', (u) => {
      if (u.deviceId === deviceId) setMap((prev) => new Map(prev).set(u.id, u));
    });
    api.invoke('uploads.list', { deviceId }).then(
      (list) => {
        setMap((prev) => {
          const next = new Map(list.map((u) => [u.id, u] as const));
          for (const [id, u] of prev) next.set(id, u);
          return next;
        });
        setLoaded(true);
      },
      (err: unknown) => { onError(`uploads.list: ${errorText(err)}`); setLoaded(true); },
    );
    return off;
  }, [deviceId, onError]);
  const remove = useCallback(async (id: string) => {
    await getApi().invoke('uploads.remove', { id });
    setMap((prev) => {
      const next = new Map(prev);
      next.delete(id);
      return next;
    });
  }, []);
  const uploads = [...map.values()].sort((a, b) => (a.received < b.received ? 1 : a.received > b.received ? -1 : 0));
  return { uploads, loaded, remove };
}
