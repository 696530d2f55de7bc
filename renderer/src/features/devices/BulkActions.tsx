// Bulk actions on the selected devices: Reboot (confirmed: the devices drop
// off the network for a while), Refresh (rediscover the data model), and Set
// a parameter (confirmed in its dialog). Each queues one task per device and
// ends with a notice saying how many were queued and what failed.
import {
  Alert, Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, TextField,
} from '@mui/material';
import { useState } from 'react';
import type { DeviceSummary } from '../../../../shared/model/records';
import { errorText } from '../../api/hooks';
import { getApi } from '../../api/window-api';
import { useNotify } from '../../components/notify';
import { MONO } from '../../components/theme';
import { parameterPathProblem, plural, splitByRoot } from './device-rows';

type Notify = ReturnType<typeof useNotify>;

/** Runs `fn` for every device at once and reports "queued for N devices" (and who failed, and why). */
async function forEach(
  devices: DeviceSummary[], what: string, fn: (d: DeviceSummary) => Promise<unknown>, notify: Notify, note = '',
): Promise<void> {
  const results = await Promise.allSettled(devices.map(fn));
  const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`${devices[i].id}: ${errorText(r.reason)}`] : []));
  const ok = devices.length - failed.length;
  // One notice per action (notices queue up, so a second one would arrive late).
  const tail = note ? ` ${note}` : '';
  if (failed.length === 0) notify(`${what} queued for ${plural(ok, 'device')}.${tail}`, 'success');
  else if (ok === 0) notify(`${what} failed for every device. ${failed.slice(0, 3).join('; ')}${tail}`, 'error');
  else notify(`${what} queued for ${plural(ok, 'device')}; ${failed.length} failed: ${failed.slice(0, 3).join('; ')}${tail}`, 'warning');
}

function DeviceNames({ devices }: { devices: DeviceSummary[] }) {
  const shown = devices.slice(0, 5);
  return (
    <Box component="ul" sx={{ m: 0, mt: 1, pl: 2.5, fontFamily: MONO, fontSize: 12.5 }}>
      {shown.map((d) => <li key={d.id}>{d.id}</li>)}
      {devices.length > shown.length && <li>… and {devices.length - shown.length} more</li>}
    </Box>
  );
}

export function BulkActions({ selected }: { selected: DeviceSummary[] }) {
  const notify = useNotify();
  const [dialog, setDialog] = useState<'reboot' | 'set' | null>(null);
  const [busy, setBusy] = useState(false);
  const none = selected.length === 0;
  const api = getApi();

  const refresh = async () => {
    setBusy(true);
    await forEach(selected, 'Refresh (rediscovery)', (d) => api.invoke('device.discover', { id: d.id }), notify);
    setBusy(false);
  };
  const reboot = async () => {
    setBusy(true);
    const key = `wb-reboot-${Date.now()}`;
    await forEach(selected, 'Reboot', (d) => api.invoke('task.enqueue', { deviceId: d.id, rpc: 'Reboot', args: { CommandKey: key } }), notify);
    setBusy(false);
    setDialog(null);
  };

  return (
    <>
      <Button size="small" variant="outlined" disabled={none || busy} onClick={() => setDialog('reboot')} data-testid="bulk-reboot">Reboot</Button>
      <Button size="small" variant="outlined" disabled={none || busy} onClick={refresh} data-testid="bulk-refresh">Refresh</Button>
      <Button size="small" variant="outlined" disabled={none || busy} onClick={() => setDialog('set')} data-testid="bulk-set">Set parameter…</Button>

      <Dialog open={dialog === 'reboot'} onClose={busy ? undefined : () => setDialog(null)} maxWidth="xs" fullWidth>
        <DialogTitle>Reboot {plural(selected.length, 'device')}?</DialogTitle>
        <DialogContent>
          <DialogContentText component="div">
            Each device restarts and is unreachable until it boots and informs again (usually one to three minutes).
            Devices that are offline reboot at their next session.
            <DeviceNames devices={selected} />
          </DialogContentText>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={() => setDialog(null)} disabled={busy}>Cancel</Button>
          <Button variant="contained" color="warning" onClick={reboot} disabled={busy} data-testid="bulk-reboot-confirm"
            startIcon={busy ? <CircularProgress size={16} color="inherit" /> : undefined}>
            Reboot
          </Button>
        </DialogActions>
      </Dialog>

      {dialog === 'set' && <SetParameterDialog devices={selected} onClose={() => setDialog(null)} />}
    </>
  );
}

function SetParameterDialog({ devices, onClose }: { devices: DeviceSummary[]; onClose: () => void }) {
  const notify = useNotify();
  const [path, setPath] = useState('');
  const [value, setValue] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const problem = parameterPathProblem(path);
  const { targets, skipped } = splitByRoot(devices, path);
  const canSend = !problem && targets.length > 0 && !busy;

  const send = async () => {
    setTouched(true);
    if (!canSend) return;
    setBusy(true);
    const p = path.trim();
    const key = `wb-set-${Date.now()}`;
    // No xsi:type here: the core takes the type from the device's discovered tree.
    const note = skipped.length > 0 ? `${plural(skipped.length, 'device')} skipped (${skipped[0].root} data model).` : '';
    await forEach(targets, `Set ${p}`, (d) => getApi().invoke('task.enqueue', {
      deviceId: d.id, rpc: 'SetParameterValues', args: { ParameterList: [{ Name: p, Value: value }], ParameterKey: key },
    }), notify, note);
    onClose();
  };

  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth>
      <DialogTitle>Set a parameter on {plural(devices.length, 'device')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField label="Parameter path" value={path} onChange={(e) => setPath(e.target.value)} onBlur={() => setTouched(true)}
            autoFocus fullWidth placeholder="Device.ManagementServer.PeriodicInformInterval"
            error={touched && !!problem} helperText={touched && problem ? problem : 'The full path, as in the data-model tree.'}
            slotProps={{ htmlInput: { 'data-testid': 'bulk-set-path', spellCheck: false, style: { fontFamily: MONO } } }} />
          <TextField label="Value" value={value} onChange={(e) => setValue(e.target.value)} fullWidth
            helperText="Sent as text; each device checks it against the parameter's type and range."
            slotProps={{ htmlInput: { 'data-testid': 'bulk-set-value', spellCheck: false, style: { fontFamily: MONO } } }} />
          {!problem && skipped.length > 0 && (
            <Alert severity={targets.length === 0 ? 'error' : 'info'} variant="outlined">
              {targets.length === 0
                ? `None of the selected devices uses the ${path.trim().split('.')[0]}. data model.`
                : `${plural(skipped.length, 'device')} will be skipped: ${skipped.length === 1 ? 'it uses' : 'they use'} ${skipped[0].root} paths.`}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose} disabled={busy}>Cancel</Button>
        <Button variant="contained" onClick={send} disabled={busy || (touched && !canSend)} data-testid="bulk-set-confirm"
          startIcon={busy ? <CircularProgress size={16} color="inherit" /> : undefined}>
          Set on {plural(targets.length, 'device')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
