// Which loaded objects a finished task changed, so the tree re-reads exactly
// those (TR-069 A.3.2: what each RPC touches). Pure.
import type { RpcBodies } from '../../../../shared/cwmp/types';
import type { TaskRecord } from '../../../../shared/model/records';
import { isObjectPath, parentPath } from './tree-model';

/** Object paths a finished task changed (their children must be read again). */
export function affectedObjects(t: TaskRecord, root: string): { reload: string[]; under: string[]; removed: string[] } {
  const a = t.args as unknown;
  if (t.origin === 'discovery' || t.rpc === 'GetParameterNames') {
    const p = (a as RpcBodies['GetParameterNames']).ParameterPath || root;
    return { reload: [parentPath(p)].filter(Boolean), under: [p], removed: [] };
  }
  switch (t.rpc) {
    case 'SetParameterValues':
      return { reload: [...new Set((a as RpcBodies['SetParameterValues']).ParameterList.map((p) => parentPath(p.Name)))], under: [], removed: [] };
    case 'GetParameterValues':
    case 'GetParameterAttributes': {
      const names = (a as RpcBodies['GetParameterValues']).ParameterNames;
      return {
        reload: [...new Set(names.map((n) => (isObjectPath(n) ? '' : parentPath(n))).filter(Boolean))],
        under: names.filter(isObjectPath), removed: [],
      };
    }
    case 'SetParameterAttributes':
      return { reload: [...new Set((a as RpcBodies['SetParameterAttributes']).ParameterList.map((p) => parentPath(p.Name)))], under: [], removed: [] };
    case 'AddObject':
      return { reload: [(a as RpcBodies['AddObject']).ObjectName], under: [], removed: [] };
    case 'DeleteObject': {
      const o = (a as RpcBodies['DeleteObject']).ObjectName;
      return { reload: [parentPath(o)], under: [], removed: [o] };
    }
    default:
      return { reload: [], under: [], removed: [] };
  }
}
