// What the tree's buttons and keys do, as tasks for the device (TR-069 A.3.2):
// SetParameterValues for an edited value, AddObject on a table, DeleteObject
// on an instance (after a confirmation), a GetParameterNames discovery of one
// subtree, and copying paths and values.
import { useMemo, useRef, useState } from 'react';
import type { ParameterType } from '../../../../shared/cwmp/types';
import type { ParameterRecord } from '../../../../shared/model/records';
import { errorText } from '../../api/hooks';
import { getApi } from '../../api/window-api';
import type { ConfirmRequest } from '../../components/ConfirmDialog';
import type { TreeActions } from './tree-context';
import { describeCached } from './use-model-describe';

type Notify = (text: string, severity?: 'success' | 'info' | 'warning' | 'error') => void;

/** ParameterKey (TR-069 A.3.2.1, at most 32 characters): marks changes made from the workbench. */
export function parameterKey(): string {
  return `wb-${Date.now().toString(36)}`;
}

export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Fallback where the async clipboard is unavailable (not a secure context).
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.style.position = 'fixed';
  ta.style.opacity = '0';
  document.body.appendChild(ta);
  ta.select();
  document.execCommand('copy');
  ta.remove();
}

export interface TreeActionState {
  actions: TreeActions;
  editing: string | undefined;
  /** AddObject tasks started here: the new instance is revealed when they finish (the page removes them). */
  addTasks: Set<string>;
}

export function useTreeActions(deviceId: string, notify: Notify, ask: (r: ConfirmRequest) => void): TreeActionState {
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const addTasks = useRef(new Set<string>());
  const actions = useMemo<TreeActions>(() => {
    const api = getApi();
    return {
      startEdit: (path) => setEditing(path),
      cancelEdit: () => setEditing(undefined),
      async save(rec: ParameterRecord, value: string, type: ParameterType | undefined) {
        try {
          await api.invoke('task.enqueue', {
            deviceId, rpc: 'SetParameterValues',
            args: { ParameterList: [{ Name: rec.path, Value: value, ...(type ? { Type: type } : {}) }], ParameterKey: parameterKey() },
          });
          setEditing(undefined);
        } catch (err) {
          notify(`SetParameterValues was not queued: ${errorText(err)}`, 'error');
        }
      },
      addInstance(tablePath) {
        void (async () => {
          try {
            const desc = await describeCached(deviceId, tablePath).catch(() => null);
            if (desc && desc.creatable === false) {
              notify(`${tablePath} is not a table instances can be added to (${desc.spec} defines it read-only)`, 'warning');
              return;
            }
            const t = await api.invoke('task.enqueue', { deviceId, rpc: 'AddObject', args: { ObjectName: tablePath, ParameterKey: parameterKey() } });
            addTasks.current.add(t.id);
            notify(`AddObject queued on ${tablePath}`, 'info');
          } catch (err) {
            notify(`AddObject was not queued: ${errorText(err)}`, 'error');
          }
        })();
      },
      deleteInstance(instancePath) {
        ask({
          title: 'Delete this instance?',
          body: `DeleteObject removes ${instancePath} and everything below it from the device. This cannot be undone from here.`,
          okLabel: 'Delete', danger: true,
          async onConfirm() {
            try {
              await api.invoke('task.enqueue', { deviceId, rpc: 'DeleteObject', args: { ObjectName: instancePath, ParameterKey: parameterKey() } });
              notify(`DeleteObject queued for ${instancePath}`, 'info');
            } catch (err) {
              notify(`DeleteObject was not queued: ${errorText(err)}`, 'error');
            }
          },
        });
      },
      refreshSubtree(objectPath) {
        api.invoke('device.discover', { id: deviceId, path: objectPath }).then(
          () => notify(`Reading ${objectPath} again from the device`, 'info'),
          (err: unknown) => notify(`Refresh failed: ${errorText(err)}`, 'error'),
        );
      },
      copy(text, what) {
        copyText(text).then(() => notify(`Copied ${what}`, 'success'), (err: unknown) => notify(`Copy failed: ${errorText(err)}`, 'error'));
      },
    };
  }, [deviceId, notify, ask]);
  return { actions, editing, addTasks: addTasks.current };
}
