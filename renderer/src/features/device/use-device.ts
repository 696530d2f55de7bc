// One device's summary, kept current by device.updated / device.deleted pushes.
import { useEffect, useState } from 'react';
import type { DeviceSummary } from '../../../../shared/model/records';
import { errorText } from '../../api/hooks';
import { getApi } from '../../api/window-api';

/** undefined while loading, null when the device does not exist (or was deleted). */
export function useDevice(id: string, onError: (msg: string) => void): DeviceSummary | null | undefined {
  const [device, setDevice] = useState<DeviceSummary | null | undefined>(undefined);
  useEffect(() => {
    const api = getApi();
    let pushed = false;
    setDevice(undefined);
    // Subscribe before asking, so no update falls between the two.
    const offUpdated = api.on('device.updated', (d) => {
      if (d.id !== id) return;
      pushed = true;
      setDevice(d);
    });
    const offDeleted = api.on('device.deleted', (d) => { if (d.id === id) setDevice(null); });
    api.invoke('device.get', { id }).then(
      (d) => { if (!pushed) setDevice(d); },
      (err: unknown) => { onError(`device.get: ${errorText(err)}`); setDevice(null); },
    );
    return () => { offUpdated(); offDeleted(); };
  }, [id, onError]);
  return device;
}
