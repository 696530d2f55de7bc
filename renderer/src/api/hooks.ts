// React hooks over window.api: live lists kept current by pushed events
// (never polled), and a small helper for calls with error reporting.
import { useCallback, useEffect, useState } from 'react';
import type { EventChannel, EventMap } from '../../../shared/api/contract';
import type { DeviceSummary, TaskRecord } from '../../../shared/model/records';
import { getApi } from './window-api';

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function useEvent<E extends EventChannel>(event: E, cb: (p: EventMap[E]) => void): void {
  useEffect(() => getApi().on(event, cb), [event, cb]);
}

/** Devices from device.list, kept current by device.updated / device.deleted pushes. */
export function useDevices(onError: (msg: string) => void): { devices: DeviceSummary[]; loaded: boolean } {
  const [devices, setDevices] = useState<Map<string, DeviceSummary>>(new Map());
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    const api = getApi();
    // Subscribe before listing so no update falls between the two.
    const early = new Map<string, DeviceSummary>();
    let listed = false;
    const offUpdated = api.on('device.updated', (d) => {
      if (!listed) early.set(d.id, d);
      setDevices((prev) => new Map(prev).set(d.id, d));
    });
    const offDeleted = api.on('device.deleted', ({ id }) => {
      early.delete(id);
      setDevices((prev) => {
        const next = new Map(prev);
        next.delete(id);
        return next;
      });
    });
    api.invoke('device.list', {}).then(
      (list) => {
        listed = true;
        const next = new Map(list.map((d) => [d.id, d] as const));
        for (const [id, d] of early) next.set(id, d);
        setDevices(next);
        setLoaded(true);
      },
      (err: unknown) => onError(`device.list: ${errorText(err)}`),
    );
    return () => {
      offUpdated();
      offDeleted();
    };
  }, [onError]);
  return { devices: [...devices.values()].sort((a, b) => a.id.localeCompare(b.id)), loaded };
}

/** A device's tasks (or all), live. */
export function useTasks(deviceId: string | undefined, onError: (msg: string) => void): TaskRecord[] {
  const [tasks, setTasks] = useState<Map<string, TaskRecord>>(new Map());
  useEffect(() => {
    const api = getApi();
    const off = api.on('task.updated', (t) => {
      if (deviceId && t.deviceId !== deviceId) return;
      setTasks((prev) => new Map(prev).set(t.id, t));
    });
    api.invoke('task.list', deviceId ? { deviceId } : {}).then(
      (list) => setTasks((prev) => {
        const next = new Map(list.map((t) => [t.id, t] as const));
        for (const [id, t] of prev) next.set(id, t);
        return next;
      }),
      (err: unknown) => onError(`task.list: ${errorText(err)}`),
    );
    return off;
  }, [deviceId, onError]);
  return [...tasks.values()].sort((a, b) => b.created.localeCompare(a.created));
}

/** Hash routes: #/devices, #/device/<id>, #/firmware, #/settings, #/log. Deep-linkable, no router dependency. */
export type Route =
  | { page: 'devices' } | { page: 'device'; id: string } | { page: 'firmware' } | { page: 'settings' } | { page: 'log'; deviceId?: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] === 'device' && parts[1]) return { page: 'device', id: decodeURIComponent(parts.slice(1).join('/')) };
  if (parts[0] === 'settings') return { page: 'settings' };
  if (parts[0] === 'firmware') return { page: 'firmware' };
  if (parts[0] === 'log') return parts[1] ? { page: 'log', deviceId: decodeURIComponent(parts.slice(1).join('/')) } : { page: 'log' };
  return { page: 'devices' };
}

export function routeHref(r: Route): string {
  if (r.page === 'device') return `#/device/${encodeURIComponent(r.id)}`;
  if (r.page === 'log' && r.deviceId) return `#/log/${encodeURIComponent(r.deviceId)}`;
  return `#/${r.page}`;
}

export function useRoute(): [Route, (r: Route) => void] {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const go = useCallback((r: Route) => { window.location.hash = routeHref(r); }, []);
  return [route, go];
}
