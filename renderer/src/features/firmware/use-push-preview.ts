// transfer.preview for the devices about to receive a file: the URL each
// CPE would be given and why it may not reach it (loopback for a remote
// device, no local address on its subnet) or not want it (OUI / product
// class mismatch, already on that version). Asked again when the choice changes.
import { useEffect, useState } from 'react';
import type { TransferPreview } from '../../../../shared/model/transfers';
import { errorText } from '../../api/hooks';
import { getApi } from '../../api/window-api';

/** Previews asked for at most this many devices (a bulk push of hundreds says "and N more"). */
export const PREVIEW_MAX = 25;

export interface DevicePreview { deviceId: string; preview?: TransferPreview; error?: string }

export function usePushPreview(deviceIds: string[], fileId: string | undefined): { previews: DevicePreview[]; loading: boolean } {
  const [previews, setPreviews] = useState<DevicePreview[]>([]);
  const [loading, setLoading] = useState(false);
  const key = `${fileId ?? ''}|${deviceIds.slice(0, PREVIEW_MAX).join(',')}`;
  useEffect(() => {
    const ids = deviceIds.slice(0, PREVIEW_MAX);
    if (!fileId || ids.length === 0) {
      setPreviews([]);
      setLoading(false);
      return;
    }
    let live = true;
    setLoading(true);
    const api = getApi();
    void Promise.all(ids.map((deviceId) => api.invoke('transfer.preview', { deviceId, fileId }).then(
      (preview): DevicePreview => ({ deviceId, preview }),
      (err: unknown): DevicePreview => ({ deviceId, error: errorText(err) }),
    ))).then((list) => {
      if (!live) return;
      setPreviews(list);
      setLoading(false);
    });
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for deviceIds + fileId
  }, [key]);
  return { previews, loading };
}
