// The device's task queue, live (task.updated): what was asked, when, what
// came back, and for failures the fault in words with the per-parameter
// SetParameterValuesFault list (TR-069 A.5.1). Queued tasks can be
// cancelled, failed ones retried.
import { Box, Button, Chip, Typography } from '@mui/material';
import { memo, useState } from 'react';
import type { TaskRecord, TaskStatus } from '../../../../shared/model/records';
import { MONO } from '../../components/theme';
import { formatDateTimeLong, formatDuration, formatTime, relativeTime } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { argsSummary, faultLines, resultSummary, taskTitle, type InformSeen } from './task-text';

const STATUS: Record<TaskStatus, { label: string; color: 'default' | 'info' | 'warning' | 'success' | 'error' }> = {
  queued: { label: 'queued', color: 'warning' },
  running: { label: 'running', color: 'info' },
  done: { label: 'done', color: 'success' },
  failed: { label: 'failed', color: 'error' },
  cancelled: { label: 'cancelled', color: 'default' },
  // Sent, no answer, not re-sent (it may have been applied): the user decides.
  unknown: { label: 'no answer', color: 'warning' },
};

const TaskRow = memo(function TaskRow({ task, now, onCancel, onRetry, lastInform, lastEvents }: {
  task: TaskRecord; now: number; onCancel(id: string): void; onRetry(id: string): void;
} & Partial<InformSeen>) {
  const s = STATUS[task.status];
  const args = argsSummary(task);
  const result = resultSummary(task, lastEvents ? { lastInform, lastEvents } : undefined);
  const faults = task.status === 'failed' || task.status === 'unknown' ? faultLines(task) : [];
  const took = formatDuration(task.started, task.finished);
  return (
    <Box data-testid={`task-row-${task.id}`} data-status={task.status} data-rpc={task.rpc}
      sx={{ px: 1.5, py: 1, borderBottom: 1, borderColor: 'divider', '&:last-child': { borderBottom: 0 } }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Chip size="small" label={s.label} color={s.color} variant={task.status === 'done' || task.status === 'cancelled' ? 'outlined' : 'filled'}
          sx={{ height: 20, fontSize: 11, fontWeight: 600, minWidth: 64 }} />
        <Typography sx={{ fontWeight: 600, fontSize: 13 }}>{taskTitle(task)}</Typography>
        <Box sx={{ flex: 1 }} />
        <Typography variant="caption" color="textSecondary" title={`created ${formatDateTimeLong(task.created)}${task.finished ? `\nfinished ${formatDateTimeLong(task.finished)}` : ''}`}>
          {formatTime(task.finished ?? task.started ?? task.created)}
        </Typography>
        {task.status === 'queued' ? (
          <Button size="small" color="inherit" onClick={() => onCancel(task.id)} data-testid={`task-cancel-${task.id}`} sx={{ py: 0, minWidth: 0 }}>Cancel</Button>
        ) : null}
        {task.status === 'failed' || task.status === 'unknown' ? (
          <Button size="small" onClick={() => onRetry(task.id)} data-testid={`task-retry-${task.id}`} sx={{ py: 0, minWidth: 0 }}>Retry</Button>
        ) : null}
      </Box>
      {args ? (
        <Typography sx={{ fontFamily: MONO, fontSize: 11.5, mt: 0.5, color: 'text.secondary', overflowWrap: 'anywhere' }}>{args}</Typography>
      ) : null}
      <Typography variant="caption" component="div" color="textSecondary" sx={{ mt: 0.25 }} data-testid="task-when">
        {task.status === 'queued'
          ? `waiting for the device's next session · queued ${relativeTime(task.created, now)}${task.attempts ? ` · attempt ${task.attempts + 1}` : ''}`
          : task.status === 'running' ? `sent ${relativeTime(task.started, now)}`
            : `${task.status} ${relativeTime(task.finished, now)}${took ? ` · took ${took}` : ''}`}
        {task.origin !== 'user' && task.origin !== 'api' && task.origin !== 'discovery' ? ` · ${task.origin}` : ''}
      </Typography>
      {result ? <Typography sx={{ fontSize: 12.5, mt: 0.25, color: 'success.main' }} data-testid="task-result">{result}</Typography> : null}
      {faults.length ? (
        <Box data-testid="task-fault" sx={{ mt: 0.5, p: 0.75, borderRadius: 1, bgcolor: 'action.hover', borderLeft: 3, borderColor: 'error.main' }}>
          {faults.map((f, i) => (
            <Typography key={i} sx={{ fontSize: 12.5, color: i === 0 ? 'error.main' : 'text.primary', overflowWrap: 'anywhere' }}>
              {f.parameter ? <Box component="span" sx={{ fontFamily: MONO, fontSize: 11.5 }}>{f.parameter}: </Box> : null}
              {f.text}
            </Typography>
          ))}
        </Box>
      ) : null}
    </Box>
  );
});

const SHOWN = 50;

export function TaskPanel({ tasks, onCancel, onRetry, device }: {
  tasks: TaskRecord[]; onCancel(id: string): void; onRetry(id: string): void;
  /** The device's last Inform, so a reboot or reset can be shown as over. */
  device?: InformSeen;
}) {
  const [all, setAll] = useState(false);
  // "done 15 s ago" keeps counting: every row reads the one clock (memo'd rows re-render as it ticks).
  const now = useNow();
  const pending = tasks.filter((t) => t.status === 'queued' || t.status === 'running').length;
  const failed = tasks.filter((t) => t.status === 'failed').length;
  const shown = all ? tasks : tasks.slice(0, SHOWN);
  return (
    <Box data-testid="task-panel" sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 1.5, py: 1, borderBottom: 1, borderColor: 'divider' }}>
        <Typography sx={{ fontWeight: 600, fontSize: 14 }}>Tasks</Typography>
        {pending ? <Chip size="small" label={`${pending} pending`} color="warning" sx={{ height: 20, fontSize: 11 }} /> : null}
        {failed ? <Chip size="small" label={`${failed} failed`} color="error" variant="outlined" sx={{ height: 20, fontSize: 11 }} /> : null}
      </Box>
      <Box sx={{ flex: 1, overflow: 'auto' }}>
        {tasks.length === 0 ? (
          <Typography variant="body2" color="textSecondary" sx={{ p: 2 }}>
            No tasks yet. Edits, reboots and refreshes appear here as they are queued, sent and answered.
          </Typography>
        ) : shown.map((t) => (
          <TaskRow key={t.id} task={t} now={now} onCancel={onCancel} onRetry={onRetry} lastInform={device?.lastInform} lastEvents={device?.lastEvents} />
        ))}
        {!all && tasks.length > SHOWN ? (
          <Button fullWidth size="small" onClick={() => setAll(true)}>Show all {tasks.length} tasks</Button>
        ) : null}
      </Box>
    </Box>
  );
}
