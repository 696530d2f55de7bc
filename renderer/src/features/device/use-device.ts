// One device's summary, kept current by device.updated / device.deleted pushes.
import { useEffect, useState } from 'react';
import type { DeviceSummary } from '../../../../shared/model/records';
import { errorText } from '../../api/hooks';
import { subscribeThenAsk } from '../../api/use-live-list';

/** undefined while loading, null when the device does not exist (or was deleted). */
export function useDevice(id: string, onError: (msg: string) => void): DeviceSummary | null | undefined {
  const [device, setDevice] = useState<DeviceSummary | null | undefined>(undefined);
  useEffect(() => {
    let pushed = false;
    setDevice(undefined);
    return subscribeThenAsk('device.get', { id }, (api) => [
      api.on('device.updated', (d) => {
        if (d.id !== id) return;
        pushed = true;
        setDevice(d);
      }),
      api.on('device.deleted', (d) => { if (d.id === id) { pushed = true; setDevice(null); } }),
    ],
    // A push that came first is newer than the answer.
    (d) => { if (!pushed) setDevice(d); },
    (err) => { onError(`device.get: ${errorText(err)}`); setDevice(null); });
  }, [id, onError]);
  return device;
}
