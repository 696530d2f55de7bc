// A device's diagnostic runs, live: the list once, then every
// diagnostics.updated for that device (newest first).
import type { DiagnosticRecord } from '../../../../shared/api/diagnostics-contract';
import { useLiveList } from '../../api/use-live-list';

const newestFirst = (a: DiagnosticRecord, b: DiagnosticRecord) => b.requested.localeCompare(a.requested);

export function useDiagnostics(deviceId: string, onError: (msg: string) => void): DiagnosticRecord[] {
  return useLiveList({
    list: 'diagnostics.list',
    args: { deviceId },
    key: (r) => r.id,
    on: { 'diagnostics.updated': (r, edit) => edit.upsert(r) },
    filter: (r) => r.deviceId === deviceId,
    order: newestFirst,
    onError,
  }).items;
}
