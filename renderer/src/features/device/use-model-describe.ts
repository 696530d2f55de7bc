// model.describe, cached per device and generic path: the tree asks about the
// same definitions over and over (every Wi-Fi SSID row shares one).
import { useEffect, useState } from 'react';
import type { ModelDescription } from '../../../../shared/model/records';
import { getApi } from '../../api/window-api';
import { genericPathOf } from './tree-model';

const cache = new Map<string, Promise<ModelDescription | null>>();

export function describeCached(deviceId: string, path: string): Promise<ModelDescription | null> {
  const key = `${deviceId}\n${genericPathOf(path)}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = getApi().invoke('model.describe', { deviceId, path });
    hit.catch(() => cache.delete(key)); // a failed lookup is asked again next time
    cache.set(key, hit);
  }
  return hit;
}

/** undefined while loading; null when the model does not define the path (vendor extension). */
export function useModelDescription(deviceId: string, path: string | undefined): ModelDescription | null | undefined {
  const [state, setState] = useState<{ path?: string; desc: ModelDescription | null | undefined }>({ desc: undefined });
  useEffect(() => {
    if (!path) return;
    let live = true;
    describeCached(deviceId, path).then(
      (desc) => { if (live) setState({ path, desc }); },
      () => { if (live) setState({ path, desc: null }); },
    );
    return () => { live = false; };
  }, [deviceId, path]);
  return state.path === path ? state.desc : undefined;
}
