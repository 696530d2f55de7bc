// A device's diagnostic runs, live: the list once, then every
// diagnostics.updated for that device (newest first).
import { useEffect, useState } from 'react';
import type { DiagnosticRecord } from '../../../../shared/api/diagnostics-contract';
import { errorText } from '../../api/hooks';
import { getApi } from '../../api/window-api';

export function useDiagnostics(deviceId: string, onError: (msg: string) => void): DiagnosticRecord[] {
  const [runs, setRuns] = useState<Map<string, DiagnosticRecord>>(new Map());
  useEffect(() => {
    const api = getApi();
    setRuns(new Map());
    const off = api.on('diagnostics.updated', (r) => {
      if (r.deviceId === deviceId) setRuns((prev) => new Map(prev).set(r.id, r));
    });
    api.invoke('diagnostics.list', { deviceId }).then(
      (list) => setRuns((prev) => {
        const next = new Map(list.map((r) => [r.id, r] as const));
        for (const [id, r] of prev) next.set(id, r); // events that arrived meanwhile are newer
        return next;
      }),
      (err: unknown) => onError(`diagnostics.list: ${errorText(err)}`),
    );
    return off;
  }, [deviceId, onError]);
  return [...runs.values()].sort((a, b) => b.requested.localeCompare(a.requested));
}
