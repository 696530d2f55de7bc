// The device's summary cards (device.overview), fetched again when something
// that changes them happens: a new Inform, the end of a discovery, a finished
// task. Discovery progress pushes many device.updated events; those alone do
// not refetch.
import { useEffect, useRef, useState } from 'react';
import type { DeviceOverview, DeviceSummary } from '../../../../shared/model/records';
import { errorText } from '../../api/hooks';
import { getApi } from '../../api/window-api';

const DEBOUNCE_MS = 300;

export function useOverview(id: string, device: DeviceSummary | null | undefined, onError: (msg: string) => void): DeviceOverview | undefined {
  const [overview, setOverview] = useState<DeviceOverview | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const seq = useRef(0);
  const fetchNow = useRef<() => void>(() => undefined);
  fetchNow.current = () => {
    const mine = ++seq.current;
    getApi().invoke('device.overview', { id }).then(
      (o) => { if (mine === seq.current) setOverview(o); },
      (err: unknown) => onError(`device.overview: ${errorText(err)}`),
    );
  };
  const schedule = useRef(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => fetchNow.current(), DEBOUNCE_MS);
  });

  const exists = !!device;
  const key = device ? `${device.lastInform}|${device.discovery.status}|${device.discovery.status === 'running' ? '' : device.parameterCount}` : '';
  useEffect(() => {
    if (exists) schedule.current();
  }, [key, exists]);

  useEffect(() => {
    setOverview(undefined);
    const off = getApi().on('task.updated', (t) => {
      if (t.deviceId === id && t.status === 'done') schedule.current();
    });
    return () => { off(); clearTimeout(timer.current); };
  }, [id]);
  return overview;
}
