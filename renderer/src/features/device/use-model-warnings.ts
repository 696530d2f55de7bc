// Data-model warnings per parameter (issue 4: "shown as warnings on the
// message and on the tree node"): the core keeps the latest per path from
// every checked message; refreshed when a message of this device is checked.
import { useEffect, useState } from 'react';
import type { ModelWarning } from '../../../../shared/model/records';
import { getApi } from '../../api/window-api';

export function useModelWarnings(deviceId: string): ReadonlyMap<string, ModelWarning[]> {
  const [byPath, setByPath] = useState<ReadonlyMap<string, ModelWarning[]>>(new Map());
  useEffect(() => {
    const api = getApi();
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      timer = undefined;
      api.invoke('model.warnings', { deviceId }).then((list) => {
        if (!alive) return;
        const m = new Map<string, ModelWarning[]>();
        for (const w of list) m.set(w.path, [...(m.get(w.path) ?? []), w]);
        setByPath(m);
      }, () => undefined);
    };
    load();
    // Checks arrive per message; reload at most every 2 s.
    const off = api.on('session.messageChecked', (p) => {
      if (p.deviceId === deviceId && !timer) timer = setTimeout(load, 2000);
    });
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
      off();
    };
  }, [deviceId]);
  return byPath;
}
