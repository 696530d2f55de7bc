// What the tree shows beside a value while a change is under way: "pending"
// until the SetParameterValues (or AddObject/DeleteObject) task completes,
// then the new value from the store, or the fault in words. Derived from the
// live task list, so changes queued from elsewhere (the API, a script) show too.
import type { RpcBodies } from '../../../../shared/cwmp/types';
import type { TaskRecord } from '../../../../shared/model/records';
import { faultFor } from './task-text';

export interface EditState {
  /** A queued or running task touches this path. */
  pending?: { taskId: string; label: string; value?: string };
  /** The latest task for this path failed (after `since`). */
  failure?: { taskId: string; text: string };
}

function touched(t: TaskRecord): { path: string; label: string; value?: string }[] {
  switch (t.rpc) {
    case 'SetParameterValues':
      return ((t.args as RpcBodies['SetParameterValues']).ParameterList ?? []).map((p) => ({ path: p.Name, label: 'pending', value: p.Value }));
    case 'AddObject':
      return [{ path: (t.args as RpcBodies['AddObject']).ObjectName, label: 'adding instance' }];
    case 'DeleteObject':
      return [{ path: (t.args as RpcBodies['DeleteObject']).ObjectName, label: 'deleting' }];
    case 'SetParameterAttributes':
      return ((t.args as RpcBodies['SetParameterAttributes']).ParameterList ?? []).map((p) => ({ path: p.Name, label: 'setting attributes' }));
    default:
      return [];
  }
}

/**
 * Per path, the state the newest relevant task gives it. `tasks` newest
 * first; failures older than `since` (before the page was opened) are old
 * news and not shown.
 */
export function editStates(tasks: readonly TaskRecord[], since: string): Map<string, EditState> {
  const out = new Map<string, EditState>();
  const settled = new Set<string>();
  for (const t of tasks) {
    if (t.origin === 'discovery') continue;
    for (const x of touched(t)) {
      if (settled.has(x.path)) continue;
      if (t.status === 'queued' || t.status === 'running') {
        // A newer pending task wins; an older one does not override it.
        if (!out.get(x.path)?.pending) out.set(x.path, { ...out.get(x.path), pending: { taskId: t.id, label: x.label, value: x.value } });
        continue;
      }
      settled.add(x.path);
      if (t.status === 'failed' && (t.finished ?? t.created) >= since && !out.get(x.path)?.pending) {
        out.set(x.path, { failure: { taskId: t.id, text: faultFor(t, x.path) } });
      }
    }
  }
  return out;
}
