// One diagnostic run as it stands: its state, what was asked, and the CPE's
// answer in words: for a ping the replies and round-trip times, for a
// traceroute the hops (name, address, the tries' round trips; "*" for a hop
// that did not answer).
import { Box, Chip, CircularProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { DiagnosticRecord, RouteHop } from '../../../../shared/api/diagnostics-contract';
import { MONO } from '../../components/theme';
import { formatTime } from '../../lib/format';

const STATE_TEXT: Record<DiagnosticRecord['state'], string> = {
  requested: 'Sent to the device; waiting for it to run the test',
  reading: 'The device finished; reading the results',
  done: 'Done',
  failed: 'Failed',
  timeout: 'No answer',
};

function asked(r: DiagnosticRecord): string {
  return r.kind === 'IPPing'
    ? `ping · ${r.repetitions} × ${r.dataBlockSize} B, timeout ${r.timeoutMs} ms`
    : `traceroute · ${r.repetitions} ${r.repetitions === 1 ? 'try' : 'tries'} per hop, max ${r.maxHops ?? 30} hops, timeout ${r.timeoutMs} ms`;
}

function Hops({ hops }: { hops: RouteHop[] }) {
  return (
    <Table size="small" data-testid="route-hops" sx={{ mt: 0.75, '& td, & th': { py: 0.25, fontSize: 12.5 } }}>
      <TableHead>
        <TableRow>
          <TableCell sx={{ width: 40 }}>Hop</TableCell><TableCell>Host</TableCell><TableCell>Address</TableCell><TableCell>Round trips</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {hops.map((h, i) => (
          <TableRow key={i} data-testid="route-hop">
            <TableCell>{i + 1}</TableCell>
            <TableCell sx={{ fontFamily: MONO }}>{h.host || '*'}</TableCell>
            <TableCell sx={{ fontFamily: MONO }}>{h.address && h.address !== h.host ? h.address : ''}</TableCell>
            <TableCell sx={{ fontFamily: MONO }}>
              {h.rttMs.length ? h.rttMs.map((t) => `${t} ms`).join('  ') : '* no answer'}
              {h.errorCode ? <Box component="span" sx={{ color: 'warning.main' }}> (ICMP error {h.errorCode})</Box> : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function RunRow({ r }: { r: DiagnosticRecord }) {
  const running = r.state === 'requested' || r.state === 'reading';
  const color = r.state === 'done' ? (r.result && r.result.failureCount > 0 ? 'warning' : 'success') : running ? 'info' : 'error';
  const res = r.result;
  return (
    <Box data-testid="diag-run" data-kind={r.kind} data-state={r.state} sx={{ py: 1.25, px: 1.5, borderTop: 1, borderColor: 'divider' }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', minWidth: 0 }}>
        {running ? <CircularProgress size={14} /> : null}
        <Chip size="small" color={color} variant={running ? 'outlined' : 'filled'} label={STATE_TEXT[r.state]} data-testid="diag-state" />
        <Typography sx={{ fontFamily: MONO, fontSize: 13, overflow: 'hidden', textOverflow: 'ellipsis' }} title={r.host}>{r.host}</Typography>
        <Typography variant="caption" color="textSecondary" sx={{ ml: 'auto !important', whiteSpace: 'nowrap' }}>
          {asked(r)} · {formatTime(r.requested)}
        </Typography>
      </Stack>
      {res && r.state === 'done' ? (
        <Typography variant="body2" sx={{ mt: 0.75 }} data-testid="ping-result">
          <b>{res.successCount}</b> of {res.successCount + res.failureCount} replies
          {res.failureCount > 0 ? <> ({Math.round((res.failureCount / (res.successCount + res.failureCount)) * 100)} % lost)</> : null}
          {res.successCount > 0 ? <> · round trip min {res.minimumMs} ms / avg {res.averageMs} ms / max {res.maximumMs} ms</> : null}
        </Typography>
      ) : null}
      {r.route ? (
        <>
          {r.state === 'done' ? (
            <Typography variant="body2" sx={{ mt: 0.75 }} data-testid="route-summary">
              Reached in <b>{r.route.hops.length}</b> {r.route.hops.length === 1 ? 'hop' : 'hops'} · {r.route.responseTimeMs} ms
            </Typography>
          ) : null}
          {r.route.hops.length ? <Hops hops={r.route.hops} /> : null}
        </>
      ) : null}
      {r.error ? <Typography variant="body2" color="error" sx={{ mt: 0.75 }} data-testid="diag-error">{r.error}</Typography> : null}
    </Box>
  );
}
