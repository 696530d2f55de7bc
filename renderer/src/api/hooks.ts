// React hooks over window.api: live lists kept current by pushed events
// (never polled, see use-live-list.ts), and a small helper for calls with
// error reporting.
import { useEffect } from 'react';
import type { EventChannel, EventMap } from '../../../shared/api/contract';
import type { DeviceSummary, TaskRecord } from '../../../shared/model/records';
import { useLiveList } from './use-live-list';
import { getApi } from './window-api';

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** `cb` should be stable (useCallback): a new function re-subscribes. */
export function useEvent<E extends EventChannel>(event: E, cb: (p: EventMap[E]) => void): void {
  useEffect(() => getApi().on(event, cb), [event, cb]);
}

const byId = (a: DeviceSummary, b: DeviceSummary) => a.id.localeCompare(b.id);

/** Devices from device.list, kept current by device.updated / device.deleted pushes, by id. */
export function useDevices(onError: (msg: string) => void): { devices: DeviceSummary[]; loaded: boolean } {
  const { items, loaded } = useLiveList({
    list: 'device.list',
    args: {},
    key: (d) => d.id,
    on: {
      'device.updated': (d, edit) => edit.upsert(d),
      'device.deleted': ({ id }, edit) => edit.remove(id),
    },
    order: byId,
    onError,
  });
  // A failed list keeps `loaded` false: the page says nothing rather than "no devices yet".
  return { devices: items, loaded };
}

const newestFirst = (a: TaskRecord, b: TaskRecord) => b.created.localeCompare(a.created);

/** A device's tasks (or all), live, newest first. */
export function useTasks(deviceId: string | undefined, onError: (msg: string) => void): TaskRecord[] {
  return useLiveList({
    list: 'task.list',
    args: deviceId ? { deviceId } : {},
    key: (t) => t.id,
    on: { 'task.updated': (t, edit) => edit.upsert(t) },
    filter: (t) => !deviceId || t.deviceId === deviceId,
    order: newestFirst,
    onError,
  }).items;
}
