// Ping from the CPE, in one click: the host (and, if wanted, count, timeout
// and size) go to the device's IPPing object with DiagnosticsState =
// Requested; the run's state and the CPE's answer are shown as they come
// (TR-181 Device.IP.Diagnostics.IPPing., TR-098 IPPingDiagnostics.).
import { Alert, Box, Button, Chip, CircularProgress, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { PING_LIMITS, pingHostProblem, type DiagnosticRecord } from '../../../../shared/api/diagnostics-contract';
import type { DeviceSummary } from '../../../../shared/model/records';
import { errorText } from '../../api/hooks';
import { getApi } from '../../api/window-api';
import { useErrorNotifier } from '../../components/notify';
import { MONO } from '../../theme';
import { formatTime } from '../device/format';
import { useDiagnostics } from './use-diagnostics';

const STATE_TEXT: Record<DiagnosticRecord['state'], string> = {
  requested: 'Sent to the device; waiting for it to run the test',
  reading: 'The device finished; reading the results',
  done: 'Done',
  failed: 'Failed',
  timeout: 'No answer',
};

function whole(text: string, min: number, max: number): number | string {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return `a whole number from ${min} to ${max}`;
  const n = Number(t);
  return n >= min && n <= max ? n : `a whole number from ${min} to ${max}`;
}

function ms(v: number): string {
  return `${v} ms`;
}

function RunRow({ r }: { r: DiagnosticRecord }) {
  const running = r.state === 'requested' || r.state === 'reading';
  const color = r.state === 'done' ? (r.result && r.result.failureCount > 0 ? 'warning' : 'success') : running ? 'info' : 'error';
  const res = r.result;
  return (
    <Box data-testid="ping-run" data-state={r.state} sx={{ py: 1.25, px: 1.5, borderTop: 1, borderColor: 'divider' }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', minWidth: 0 }}>
        {running ? <CircularProgress size={14} /> : null}
        <Chip size="small" color={color} variant={running ? 'outlined' : 'filled'} label={STATE_TEXT[r.state]} data-testid="ping-state" />
        <Typography sx={{ fontFamily: MONO, fontSize: 13, overflow: 'hidden', textOverflow: 'ellipsis' }} title={r.host}>{r.host}</Typography>
        <Typography variant="caption" color="textSecondary" sx={{ ml: 'auto !important', whiteSpace: 'nowrap' }}>
          {r.repetitions} × {r.dataBlockSize} B, timeout {r.timeoutMs} ms · {formatTime(r.requested)}
        </Typography>
      </Stack>
      {res && r.state === 'done' ? (
        <Typography variant="body2" sx={{ mt: 0.75 }} data-testid="ping-result">
          <b>{res.successCount}</b> of {res.successCount + res.failureCount} replies
          {res.failureCount > 0 ? <> ({Math.round((res.failureCount / (res.successCount + res.failureCount)) * 100)} % lost)</> : null}
          {res.successCount > 0 ? <> · round trip min {ms(res.minimumMs)} / avg {ms(res.averageMs)} / max {ms(res.maximumMs)}</> : null}
        </Typography>
      ) : null}
      {r.error ? <Typography variant="body2" color="error" sx={{ mt: 0.75 }} data-testid="ping-error">{r.error}</Typography> : null}
    </Box>
  );
}

export function PingPanel({ device }: { device: DeviceSummary }) {
  const onError = useErrorNotifier();
  const runs = useDiagnostics(device.id, onError);
  const [host, setHost] = useState('');
  const [count, setCount] = useState('4');
  const [timeout, setTimeoutText] = useState('1000');
  const [size, setSize] = useState('64');
  const [touched, setTouched] = useState(false);
  const [sending, setSending] = useState(false);
  const [refused, setRefused] = useState<string>();

  const hostError = touched ? pingHostProblem(host) : null;
  const countV = whole(count, 1, PING_LIMITS.repetitionsMax);
  const timeoutV = whole(timeout, 1, PING_LIMITS.timeoutMsMax);
  const sizeV = whole(size, 1, PING_LIMITS.dataBlockSizeMax);
  const running = runs.some((r) => r.state === 'requested' || r.state === 'reading');
  const invalid = pingHostProblem(host) !== null || typeof countV === 'string' || typeof timeoutV === 'string' || typeof sizeV === 'string';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (invalid || running) return;
    setSending(true);
    setRefused(undefined);
    try {
      await getApi().invoke('diagnostics.ping', {
        deviceId: device.id, host: host.trim(), repetitions: countV as number, timeoutMs: timeoutV as number, dataBlockSize: sizeV as number,
      });
    } catch (err) {
      setRefused(errorText(err));
    } finally {
      setSending(false);
    }
  };
  const num = (label: string, value: string, set: (v: string) => void, v: number | string, testid: string, width: number) => (
    <TextField label={label} value={value} onChange={(e) => set(e.target.value)} size="small" sx={{ width }}
      error={typeof v === 'string'} helperText={typeof v === 'string' ? v : ' '}
      slotProps={{ htmlInput: { 'data-testid': testid, inputMode: 'numeric' } }} />
  );

  return (
    <Paper variant="outlined" data-testid="ping-panel" sx={{ maxWidth: 980 }}>
      <Box component="form" onSubmit={submit} sx={{ p: 2 }}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>Ping from the device</Typography>
        <Typography variant="body2" color="textSecondary" sx={{ mb: 2 }}>
          The device itself pings the host (its IPPing diagnostic) and reports back with “8 DIAGNOSTICS COMPLETE”.
          It is woken at once when it accepts connection requests; otherwise the test runs at its next Inform.
        </Typography>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={1.5} sx={{ alignItems: 'flex-start' }}>
          <TextField label="Host" value={host} onChange={(e) => { setHost(e.target.value); setRefused(undefined); }}
            onBlur={() => setTouched(host !== '')} size="small" sx={{ flex: 1, minWidth: 240 }} autoFocus
            placeholder="e.g. 8.8.8.8 or www.example.com" error={!!hostError} helperText={hostError ?? 'Host name or IP address, as the device resolves it'}
            slotProps={{ htmlInput: { 'data-testid': 'ping-host', spellCheck: false, style: { fontFamily: MONO } } }} />
          {num('Count', count, setCount, countV, 'ping-count', 96)}
          {num('Timeout (ms)', timeout, setTimeoutText, timeoutV, 'ping-timeout', 124)}
          {num('Size (bytes)', size, setSize, sizeV, 'ping-size', 116)}
          <Button type="submit" variant="contained" disabled={sending || running || (touched && invalid)} data-testid="ping-run-button"
            sx={{ mt: '1px !important', height: 40, whiteSpace: 'nowrap' }}>
            {running ? 'Ping running…' : 'Run ping'}
          </Button>
        </Stack>
        {refused ? <Alert severity="error" sx={{ mt: 1 }} data-testid="ping-refused">{refused}</Alert> : null}
      </Box>
      {runs.length === 0 ? (
        <Typography variant="body2" color="textSecondary" sx={{ px: 2, pb: 2 }} data-testid="ping-empty">No ping run from here yet.</Typography>
      ) : runs.map((r) => <RunRow key={r.id} r={r} />)}
    </Paper>
  );
}
