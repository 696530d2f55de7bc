// The device page: who the device is and the actions on it, the summary
// support staff ask for first, then the data-model tree with the selected
// node's details and the live task queue beside it; a second tab holds the
// device's file transfers and uploaded files (features/firmware), a third the
// diagnostics the device runs itself (ping, traceroute: features/diagnostics),
// a fourth its compatibility profile (CompatPanel). A session that went wrong
// (the CPE dropped or went silent where an answer was due) is said above all
// of it until a session completes: it is why tasks may be waiting.
import { Alert, Box, Button, Chip, Paper, Skeleton, Tab, Tabs, Typography } from '@mui/material';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TaskRecord } from '../../../../shared/model/records';
import type { RpcBodies } from '../../../../shared/cwmp/types';
import { errorText, useEvent, useTasks } from '../../api/hooks';
import type { Route } from '../../lib/route';
import { getApi } from '../../api/window-api';
import { useErrorNotifier, useNotify } from '../../components/notify';
import { DiagnosticsPanel } from '../diagnostics/DiagnosticsPanel';
import { DeviceTransfers } from '../firmware/DeviceTransfers';
import { PushDialog } from '../firmware/PushDialog';
import { isFinal } from '../firmware/transfer-text';
import { useTransfers } from '../firmware/use-transfers';
import { CompatPanel } from './CompatPanel';
import { ConfirmDialog, type ConfirmRequest } from '../../components/ConfirmDialog';
import { DetailsPane } from './DetailsPane';
import { DeviceHeader } from './DeviceHeader';
import { editStates } from './edit-state';
import { formatDateTimeLong, relativeTime } from '../../lib/format';
import { OverviewCards } from './OverviewCards';
import { ParamTree, type ParamTreeHandle } from './ParamTree';
import { TaskPanel } from './TaskPanel';
import { TreeActionsContext } from './tree-context';
import { useDevice } from './use-device';
import { useOverview } from './use-overview';
import { useParamTree } from './use-param-tree';
import { useTreeActions } from './use-tree-actions';

type DeviceTab = 'params' | 'transfers' | 'diagnostics' | 'compat';

export function DevicePage({ id, go }: { id: string; go: (r: Route) => void }) {
  const onError = useErrorNotifier();
  const notify = useNotify();
  const device = useDevice(id, onError);
  const overview = useOverview(id, device, onError);
  const tasks = useTasks(id, onError);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const { actions, editing, addTasks } = useTreeActions(id, notify, setConfirm);
  const tree = useParamTree(id, device, onError);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const treeRef = useRef<ParamTreeHandle>(null);
  const [tab, setTab] = useState<DeviceTab>('params');
  const [upgrading, setUpgrading] = useState(false);
  const { transfers } = useTransfers(id, onError);
  const activeTransfers = transfers.filter((t) => !isFinal(t)).length;

  // Failures from before the page was opened are old news (edit-state.ts).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `id` is the trigger: a new page, a new 'since'
  const since = useMemo(() => new Date().toISOString(), [id]);
  // useTasks gives a new array whenever any task changes; recompute the per-path states only when one's status did.
  const taskKey = tasks.map((t) => `${t.id}:${t.status}`).join(',');
  const tasksRef = useRef(tasks);
  tasksRef.current = tasks;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- taskKey stands for the tasks' ids and statuses (read through the ref)
  const states = useMemo(() => editStates(tasksRef.current, since), [taskKey, since]);

  // Show the instance an AddObject from this page created, once the tree has it.
  const onTask = useCallback((t: TaskRecord) => {
    if (!addTasks.has(t.id) || t.status !== 'done') return;
    addTasks.delete(t.id);
    const table = (t.args as RpcBodies['AddObject']).ObjectName;
    const n = (t.result as RpcBodies['AddObjectResponse'] | undefined)?.InstanceNumber;
    if (n === undefined) return;
    notify(`Instance ${table}${n}. created`, 'success');
    setTimeout(() => void treeRef.current?.reveal(`${table}${n}.`), 300);
  }, [addTasks, notify]);
  useEvent('task.updated', onTask);

  const cancelTask = useCallback((taskId: string) => {
    getApi().invoke('task.cancel', { id: taskId }).catch((err: unknown) => onError(`Cancel failed: ${errorText(err)}`));
  }, [onError]);
  const retryTask = useCallback((taskId: string) => {
    getApi().invoke('task.retry', { id: taskId }).then(
      () => { void getApi().invoke('device.contact', { id }).catch(() => undefined); },
      (err: unknown) => onError(`Retry failed: ${errorText(err)}`),
    );
  }, [id, onError]);
  // A parameter picked outside the tree (an SSID in the overview): shown in the tree, then its editor opens once it is selected.
  const toEdit = useRef<string | undefined>(undefined);
  const editParam = useCallback((path: string) => {
    setTab('params');
    toEdit.current = path;
    void treeRef.current?.reveal(path);
  }, []);
  useEffect(() => {
    if (!selected || selected !== toEdit.current) return;
    toEdit.current = undefined;
    if (tree?.cache.peek(selected)?.rec.writable) actions.startEdit(selected);
  }, [selected, tree, actions]);

  const discover = useCallback(() => {
    getApi().invoke('device.discover', { id }).then(
      () => notify('Discovery queued', 'info'),
      (err: unknown) => onError(`Discovery failed: ${errorText(err)}`),
    );
  }, [id, notify, onError]);

  if (device === undefined) {
    return (
      <Box data-testid="device-page" data-loading="true" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
        <Skeleton variant="rounded" height={56} />
        <Skeleton variant="rounded" height={110} />
        <Skeleton variant="rounded" height={420} />
      </Box>
    );
  }
  if (device === null) {
    return (
      <Box data-testid="device-page" data-missing="true" sx={{ p: 4, textAlign: 'center' }}>
        <Typography variant="h6" sx={{ mb: 1 }}>No device “{id}”</Typography>
        <Typography color="textSecondary" sx={{ mb: 2 }}>It may have been deleted, or it has not contacted this ACS yet.</Typography>
        <Button variant="contained" onClick={() => go({ page: 'devices' })}>All devices</Button>
      </Box>
    );
  }

  const selectedNode = selected && tree ? tree.cache.peek(selected) : undefined;
  const compatChanged = Object.keys(device.compat ?? {}).length;
  const problem = device.lastSessionProblem;
  return (
    <Box data-testid="device-page" sx={{ display: 'flex', flexDirection: 'column', gap: 1.5, p: 2, height: '100%', minHeight: 820, boxSizing: 'border-box' }}>
      <DeviceHeader device={device} go={go} ask={setConfirm} onUpgrade={() => setUpgrading(true)} onCompat={() => setTab('compat')} />
      {problem ? (
        <Alert severity="warning" data-testid="session-problem" data-session={problem.sessionId}
          sx={{ py: 0, '& .MuiAlert-message': { py: 0.75 }, '& .MuiAlert-action': { pt: 0.25 } }}
          action={<Button size="small" color="inherit" onClick={() => go({ page: 'log', deviceId: id })} data-testid="session-problem-log" sx={{ whiteSpace: 'nowrap' }}>Session log</Button>}>
          <Box component="span" sx={{ fontWeight: 600 }}>Last session went wrong</Box>
          <Box component="span" sx={{ color: 'text.secondary' }} title={formatDateTimeLong(problem.at)}> · {relativeTime(problem.at)}</Box>
          <Box component="span" data-testid="session-problem-text">: {problem.text}</Box>
        </Alert>
      ) : null}
      <OverviewCards overview={overview} device={device} onEditParam={editParam} />
      <Tabs value={tab} onChange={(_, v: DeviceTab) => setTab(v)}
        sx={{ minHeight: 34, mb: -0.75, borderBottom: 1, borderColor: 'divider', '& .MuiTab-root': { minHeight: 34, py: 0, px: 1.5 } }}>
        <Tab value="params" label="Parameters & tasks" data-testid="device-tab-params" />
        <Tab value="transfers" data-testid="device-tab-transfers" iconPosition="end"
          label="Transfers & files" icon={activeTransfers ? <Chip size="small" color="primary" label={activeTransfers} sx={{ height: 18, fontSize: 11 }} /> : undefined} />
        <Tab value="diagnostics" label="Diagnostics" data-testid="device-tab-diagnostics" />
        <Tab value="compat" data-testid="device-tab-compat" iconPosition="end" label="Compatibility"
          icon={compatChanged ? <Chip size="small" color="warning" label={compatChanged} sx={{ height: 18, fontSize: 11 }} /> : undefined} />
      </Tabs>
      <TreeActionsContext.Provider value={actions}>
        {/* The tree stays mounted (and measured) under the Transfers tab, so its open nodes survive a look at transfers. */}
        <Box sx={{ flex: 1, minHeight: 440, display: 'flex', gap: 1.5, position: 'relative' }}>
          <Paper variant="outlined" sx={{ flex: 1, minWidth: 0, overflow: 'hidden', display: 'flex', flexDirection: 'column', visibility: tab === 'params' ? undefined : 'hidden' }}>
            {tree ? (
              <ParamTree ref={treeRef} device={device} tree={tree} states={states} editing={editing}
                onSelect={setSelected} onDiscover={discover} onError={onError} />
            ) : null}
          </Paper>
          <Box sx={{ width: 400, flexShrink: 0, display: 'flex', flexDirection: 'column', gap: 1.5, minHeight: 0, visibility: tab === 'params' ? undefined : 'hidden' }}>
            <Paper variant="outlined" sx={{ flex: '1 1 46%', minHeight: 0, overflow: 'hidden' }}>
              <DetailsPane deviceId={id} node={selectedNode} state={selected ? states.get(selected) : undefined} />
            </Paper>
            <Paper variant="outlined" sx={{ flex: '1 1 54%', minHeight: 0, overflow: 'hidden' }}>
              <TaskPanel tasks={tasks} onCancel={cancelTask} onRetry={retryTask} device={device} />
            </Paper>
          </Box>
          {tab === 'transfers' ? (
            <Box sx={{ position: 'absolute', inset: 0, overflow: 'auto' }}>
              <DeviceTransfers device={device} transfers={transfers} />
            </Box>
          ) : null}
          {tab === 'diagnostics' ? (
            <Box sx={{ position: 'absolute', inset: 0, overflow: 'auto' }}>
              <DiagnosticsPanel device={device} />
            </Box>
          ) : null}
          {tab === 'compat' ? (
            <Box sx={{ position: 'absolute', inset: 0, overflow: 'auto' }}>
              <CompatPanel device={device} onOpenLog={() => go({ page: 'log', deviceId: id })} />
            </Box>
          ) : null}
        </Box>
      </TreeActionsContext.Provider>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
      <PushDialog open={upgrading} device={device} onClose={() => setUpgrading(false)} onPushed={() => setTab('transfers')} />
    </Box>
  );
}
