// The options of a push: DelaySeconds (A.3.2.8), per-transfer credentials on
// the file URL, time windows (ScheduleDownload, A.4.1.8, CWMP 1.2+, one
// device at a time), how many devices at once for a bulk push, and how long
// to wait for TransferComplete before calling the outcome 'unknown'.
import { Box, Button, FormControlLabel, MenuItem, Stack, Switch, TextField, Tooltip, Typography } from '@mui/material';
import type { BulkDownloadArgs, TransferDownloadArgs } from '../../../../shared/api/contract';

export const WINDOW_MODES = ['1 At Any Time', '2 Immediately', '3 When Idle', '4 Confirmation Needed'] as const;

export interface WindowForm { start: string; end: string; mode: string; userMessage: string }
export interface PushOptionsForm {
  delaySeconds: string;
  credentials: boolean;
  schedule: boolean;
  windows: WindowForm[];
  concurrency: string;
  deadlineMinutes: string;
}

export const DEFAULT_OPTIONS: PushOptionsForm = {
  delaySeconds: '0', credentials: false, schedule: false, concurrency: '5', deadlineMinutes: '',
  windows: [{ start: '0', end: '3600', mode: WINDOW_MODES[0], userMessage: '' }],
};

const int = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN);

/** Problems by field key ('delaySeconds', 'window0.end', …). */
export function optionProblems(o: PushOptionsForm, bulk: boolean): Map<string, string> {
  const p = new Map<string, string>();
  const d = int(o.delaySeconds || '0');
  if (!(d >= 0 && d <= 2_592_000)) p.set('delaySeconds', 'whole seconds, at most 30 days');
  if (bulk) {
    const c = int(o.concurrency);
    if (!(c >= 1 && c <= 1000)) p.set('concurrency', '1 to 1000');
  }
  if (o.deadlineMinutes.trim()) {
    const m = int(o.deadlineMinutes);
    if (!(m >= 1 && m <= 10_080)) p.set('deadlineMinutes', '1 to 10080 minutes (a week)');
  }
  if (o.schedule && !bulk) {
    o.windows.forEach((w, i) => {
      const s = int(w.start);
      const e = int(w.end);
      if (!(s >= 0)) p.set(`window${i}.start`, 'seconds from now');
      if (!(e >= 1)) p.set(`window${i}.end`, 'seconds from now');
      else if (s >= 0 && e <= s) p.set(`window${i}.end`, 'must end after it opens');
      if (i === 1 && s >= 0 && s < int(o.windows[0]!.end)) p.set('window1.start', 'after the first window closes');
    });
  }
  return p;
}

type Common = Pick<TransferDownloadArgs, 'delaySeconds' | 'credentials' | 'deadlineSeconds'>;

function common(o: PushOptionsForm): Common {
  const delay = int(o.delaySeconds || '0');
  return {
    ...(delay ? { delaySeconds: delay } : {}),
    ...(o.credentials ? { credentials: true } : {}),
    ...(o.deadlineMinutes.trim() ? { deadlineSeconds: int(o.deadlineMinutes) * 60 } : {}),
  };
}

export function downloadArgs(o: PushOptionsForm, deviceId: string, fileId: string): TransferDownloadArgs {
  return {
    deviceId, fileId, ...common(o),
    ...(o.schedule ? {
      windows: o.windows.map((w) => ({
        start: int(w.start), end: int(w.end), mode: w.mode, ...(w.mode.startsWith('4') && w.userMessage ? { userMessage: w.userMessage } : {}),
      })),
    } : {}),
  };
}

export function bulkArgs(o: PushOptionsForm, deviceIds: string[], fileId: string): BulkDownloadArgs {
  return { deviceIds, fileId, concurrency: int(o.concurrency), ...common(o) };
}

export function PushOptions({ value, onChange, bulk, scheduleBlocked }: {
  value: PushOptionsForm; onChange(v: PushOptionsForm): void; bulk: boolean;
  /** Why ScheduleDownload cannot be used (several devices, CWMP < 1.2), or undefined. */
  scheduleBlocked?: string;
}) {
  const problems = optionProblems(value, bulk);
  const set = (patch: Partial<PushOptionsForm>) => onChange({ ...value, ...patch });
  const setWindow = (i: number, patch: Partial<WindowForm>) => set({ windows: value.windows.map((w, j) => (j === i ? { ...w, ...patch } : w)) });
  const num = (key: 'delaySeconds' | 'concurrency' | 'deadlineMinutes', label: string, hint: string, width: number, placeholder?: string) => (
    <TextField size="small" label={label} value={value[key]} onChange={(e) => set({ [key]: e.target.value })} sx={{ width }} placeholder={placeholder}
      error={problems.has(key)} helperText={problems.get(key) ?? hint}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { inputMode: 'numeric', 'data-testid': `push-${key}` } }} />
  );
  // Small switches: line their track up with the fields above, and the captions with the labels.
  const switchSx = { ml: '-4px' } as const;
  const captionSx = { ml: '36px', mt: -0.5 } as const;
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'flex-start', flexWrap: 'wrap', rowGap: 1.5 }}>
        {num('delaySeconds', 'Delay (seconds)', 'DelaySeconds, before it starts', 210)}
        {bulk ? num('concurrency', 'Devices at once', 'the others wait their turn', 190) : null}
        {num('deadlineMinutes', 'Wait for the outcome (min)', 'then it ends as "unknown"', 210, '30')}
      </Stack>
      <Box>
        <FormControlLabel label="Protect the URL with per-transfer credentials" sx={switchSx}
          control={<Switch size="small" checked={value.credentials} onChange={(e) => set({ credentials: e.target.checked })} data-testid="push-credentials" />} />
        <Typography variant="caption" color="textSecondary" component="div" sx={captionSx}>
          A random username and password, sent in the request and checked by the file server (HTTP Basic).
        </Typography>
      </Box>
      <Box>
        <Tooltip title={scheduleBlocked ?? ''} placement="top-start">
          <FormControlLabel label="Only within time windows (ScheduleDownload)" disabled={!!scheduleBlocked} sx={switchSx}
            control={<Switch size="small" checked={value.schedule && !scheduleBlocked} onChange={(e) => set({ schedule: e.target.checked })} data-testid="push-schedule" />} />
        </Tooltip>
        {scheduleBlocked ? (
          <Typography variant="caption" color="textSecondary" component="div" sx={captionSx}>{scheduleBlocked}</Typography>
        ) : null}
      </Box>
      {value.schedule && !scheduleBlocked ? (
        <Stack spacing={1.25} sx={{ pl: 1.5, borderLeft: 2, borderColor: 'divider' }} data-testid="push-windows">
          {value.windows.map((w, i) => (
            <Stack key={i} direction="row" spacing={1} sx={{ alignItems: 'flex-start', flexWrap: 'wrap', rowGap: 1 }}>
              <Typography variant="body2" sx={{ width: 76, pt: 1, fontWeight: 600, whiteSpace: 'nowrap' }}>Window {i + 1}</Typography>
              <TextField size="small" label="Opens in (s)" value={w.start} onChange={(e) => setWindow(i, { start: e.target.value })}
                error={problems.has(`window${i}.start`)} helperText={problems.get(`window${i}.start`)} sx={{ width: 140 }} />
              <TextField size="small" label="Closes in (s)" value={w.end} onChange={(e) => setWindow(i, { end: e.target.value })}
                error={problems.has(`window${i}.end`)} helperText={problems.get(`window${i}.end`)} sx={{ width: 140 }} />
              <TextField select size="small" label="Mode" value={w.mode} onChange={(e) => setWindow(i, { mode: e.target.value })} sx={{ width: 200 }}>
                {WINDOW_MODES.map((m) => <MenuItem key={m} value={m}>{m}</MenuItem>)}
              </TextField>
              {w.mode.startsWith('4') ? (
                <TextField size="small" label="Message to the user" value={w.userMessage} onChange={(e) => setWindow(i, { userMessage: e.target.value })}
                  sx={{ flex: 1, minWidth: 200 }} />
              ) : null}
            </Stack>
          ))}
          <Typography variant="caption" color="textSecondary">
            Seconds from when the CPE receives the request (A.4.1.8); the CPE downloads within a window, in the mode given.
          </Typography>
          <Box sx={{ mt: -0.5 }}>
            {value.windows.length < 2 ? (
              <Button size="small" onClick={() => {
                const end = int(value.windows[0]!.end);
                set({ windows: [...value.windows, { start: String(Number.isFinite(end) ? end : 3600), end: String((Number.isFinite(end) ? end : 3600) + 3600), mode: WINDOW_MODES[0], userMessage: '' }] });
              }}>Add a second window</Button>
            ) : (
              <Button size="small" color="inherit" onClick={() => set({ windows: value.windows.slice(0, 1) })}>Remove the second window</Button>
            )}
          </Box>
        </Stack>
      ) : null}
    </Stack>
  );
}
