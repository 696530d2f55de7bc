// Tests the device runs itself, in one click: ping or traceroute to a host
// (and, if wanted, count/tries, timeout, size, max hops). The values go to the
// device's test object with DiagnosticsState = Requested; each run's state and
// the device's answer are shown as they come (TR-181 Device.IP.Diagnostics.,
// TR-098 IPPingDiagnostics. / TraceRouteDiagnostics.).
import { Alert, Box, Button, Paper, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { PING_LIMITS, TRACEROUTE_LIMITS, pingHostProblem, type DiagnosticRecord } from '../../../../shared/api/diagnostics-contract';
import type { DeviceSummary } from '../../../../shared/model/records';
import { errorText } from '../../api/hooks';
import { getApi } from '../../api/window-api';
import { useErrorNotifier } from '../../components/notify';
import { MONO } from '../../components/theme';
import { RunRow } from './RunRow';
import { useDiagnostics } from './use-diagnostics';

type Kind = DiagnosticRecord['kind'];

/** The form's numbers, with their limits and defaults, per kind. */
const FIELDS: Record<Kind, { key: 'count' | 'timeout' | 'size' | 'hops'; label: string; min: number; max: number; initial: string; width: number }[]> = {
  IPPing: [
    { key: 'count', label: 'Count', min: 1, max: PING_LIMITS.repetitionsMax, initial: '4', width: 96 },
    { key: 'timeout', label: 'Timeout (ms)', min: 1, max: PING_LIMITS.timeoutMsMax, initial: '1000', width: 124 },
    { key: 'size', label: 'Size (bytes)', min: 1, max: PING_LIMITS.dataBlockSizeMax, initial: '64', width: 116 },
  ],
  TraceRoute: [
    { key: 'count', label: 'Tries', min: 1, max: TRACEROUTE_LIMITS.triesMax, initial: '3', width: 84 },
    { key: 'hops', label: 'Max hops', min: 1, max: TRACEROUTE_LIMITS.maxHopsMax, initial: '30', width: 104 },
    { key: 'timeout', label: 'Timeout (ms)', min: 1, max: TRACEROUTE_LIMITS.timeoutMsMax, initial: '5000', width: 124 },
  ],
};

function whole(text: string, min: number, max: number): number | string {
  const t = text.trim();
  const n = /^\d+$/.test(t) ? Number(t) : Number.NaN;
  return n >= min && n <= max ? n : `a whole number from ${min} to ${max}`;
}

export function DiagnosticsPanel({ device }: { device: DeviceSummary }) {
  const onError = useErrorNotifier();
  const runs = useDiagnostics(device.id, onError);
  const [kind, setKind] = useState<Kind>('IPPing');
  const [host, setHost] = useState('');
  const [values, setValues] = useState<Record<Kind, Record<string, string>>>(() => ({
    IPPing: Object.fromEntries(FIELDS.IPPing.map((f) => [f.key, f.initial])),
    TraceRoute: Object.fromEntries(FIELDS.TraceRoute.map((f) => [f.key, f.initial])),
  }));
  const [touched, setTouched] = useState(false);
  const [sending, setSending] = useState(false);
  const [refused, setRefused] = useState<string>();

  const fields = FIELDS[kind];
  const checked = Object.fromEntries(fields.map((f) => [f.key, whole(values[kind][f.key] ?? '', f.min, f.max)]));
  const hostError = touched ? pingHostProblem(host) : null;
  const running = runs.some((r) => r.kind === kind && (r.state === 'requested' || r.state === 'reading'));
  const invalid = pingHostProblem(host) !== null || Object.values(checked).some((v) => typeof v === 'string');
  const what = kind === 'IPPing' ? 'ping' : 'traceroute';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (invalid || running) return;
    setSending(true);
    setRefused(undefined);
    const n = (k: string) => checked[k] as number;
    try {
      if (kind === 'IPPing') {
        await getApi().invoke('diagnostics.ping', { deviceId: device.id, host: host.trim(), repetitions: n('count'), timeoutMs: n('timeout'), dataBlockSize: n('size') });
      } else {
        await getApi().invoke('diagnostics.traceroute', { deviceId: device.id, host: host.trim(), tries: n('count'), timeoutMs: n('timeout'), maxHops: n('hops') });
      }
    } catch (err) {
      setRefused(errorText(err));
    } finally {
      setSending(false);
    }
  };

  return (
    <Paper variant="outlined" data-testid="diagnostics-panel" sx={{ maxWidth: 1040 }}>
      <Box component="form" onSubmit={submit} sx={{ p: 2 }}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 0.5 }}>
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>Test from the device</Typography>
          <ToggleButtonGroup exclusive size="small" value={kind} color="primary" aria-label="Test"
            onChange={(_e, v: Kind | null) => { if (v) { setKind(v); setRefused(undefined); } }}
            sx={{ '& .MuiToggleButton-root': { textTransform: 'none', py: 0.25, px: 1.5 } }}>
            <ToggleButton value="IPPing" data-testid="diag-kind-ping">Ping</ToggleButton>
            <ToggleButton value="TraceRoute" data-testid="diag-kind-traceroute">Traceroute</ToggleButton>
          </ToggleButtonGroup>
        </Stack>
        <Typography variant="body2" color="textSecondary" sx={{ mb: 2 }}>
          The device itself runs the {what} and reports back with “8 DIAGNOSTICS COMPLETE”. It is woken at once when it accepts
          connection requests; otherwise the test runs at its next Inform.
        </Typography>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={1.5} sx={{ alignItems: 'flex-start' }}>
          <TextField label="Host" value={host} onChange={(e) => { setHost(e.target.value); setRefused(undefined); }}
            onBlur={() => setTouched(host !== '')} size="small" sx={{ flex: 1, minWidth: 240 }} autoFocus
            placeholder="e.g. 8.8.8.8 or www.example.com" error={!!hostError} helperText={hostError ?? 'Host name or IP address, as the device resolves it'}
            slotProps={{ htmlInput: { 'data-testid': 'diag-host', spellCheck: false, style: { fontFamily: MONO } } }} />
          {fields.map((f) => {
            const v = checked[f.key];
            return (
              <TextField key={`${kind}-${f.key}`} label={f.label} value={values[kind][f.key]} size="small" sx={{ width: f.width }}
                onChange={(e) => setValues({ ...values, [kind]: { ...values[kind], [f.key]: e.target.value } })}
                error={typeof v === 'string'} helperText={typeof v === 'string' ? v : ' '}
                slotProps={{ htmlInput: { 'data-testid': `diag-${f.key}`, inputMode: 'numeric' } }} />
            );
          })}
          <Button type="submit" variant="contained" disabled={sending || running || (touched && invalid)} data-testid="diag-run-button"
            sx={{ mt: '1px !important', height: 40, whiteSpace: 'nowrap', minWidth: 132 }}>
            {running ? `${kind === 'IPPing' ? 'Ping' : 'Traceroute'} running…` : `Run ${what}`}
          </Button>
        </Stack>
        {refused ? <Alert severity="error" sx={{ mt: 1 }} data-testid="diag-refused">{refused}</Alert> : null}
      </Box>
      {runs.length === 0 ? (
        <Typography variant="body2" color="textSecondary" sx={{ px: 2, pb: 2 }} data-testid="diag-empty">No test run from here yet.</Typography>
      ) : runs.map((r) => <RunRow key={r.id} r={r} />)}
    </Paper>
  );
}
