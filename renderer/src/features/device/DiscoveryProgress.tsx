// Where the device's discovery stands (GetParameterNames, then the values),
// live from device.updated: names learnt and values read so far.
import { Box, Button, LinearProgress, Typography } from '@mui/material';
import type { DeviceSummary } from '../../../../shared/model/records';
import { formatCount, formatTime } from '../../lib/format';

export function DiscoveryProgress({ device, onDiscover }: { device: DeviceSummary; onDiscover(): void }) {
  const d = device.discovery;
  const names = d.names ?? 0;
  const values = d.values ?? 0;
  // Values arrive after names; until the first names answer there is nothing to measure against.
  const pct = d.status === 'running' && names > 0 ? Math.min(100, (values / names) * 100) : undefined;
  let text: string;
  if (d.status === 'running') {
    text = names === 0 ? 'Discovering: asking the device for its parameter names…'
      : `Discovering: ${formatCount(names)} names, ${formatCount(values)} values read`;
  } else if (d.status === 'done') {
    text = `${formatCount(device.parameterCount)} parameters · discovered ${formatTime(d.finishedAt)}`;
  } else if (d.status === 'failed') {
    text = `Discovery failed${d.error ? `: ${d.error}` : ''}`;
  } else if (d.status === 'partial') {
    // Rule 2: never "done" when most leaves have no value.
    text = `Discovery incomplete: ${formatCount(values)} of ${formatCount(d.leaves ?? 0)} values read${d.error ? ` (${d.error})` : ''}`;
  } else {
    text = device.parameterCount > 0 ? `${formatCount(device.parameterCount)} parameters` : 'Not discovered yet: the tree fills in during the device\'s next session';
  }
  return (
    <Box data-testid="discovery-progress" data-status={d.status} sx={{ px: 1.5, py: 0.75, minHeight: 34 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography variant="caption" sx={{ flex: 1, color: d.status === 'failed' ? 'error.main' : d.status === 'partial' ? 'warning.main' : 'text.secondary' }} noWrap title={text}>
          {text}
        </Typography>
        {d.status === 'none' || d.status === 'failed' || d.status === 'partial' ? (
          <Button size="small" onClick={onDiscover} sx={{ py: 0, minHeight: 0 }}>Discover now</Button>
        ) : null}
      </Box>
      {d.status === 'running' ? (
        <LinearProgress variant={pct === undefined ? 'indeterminate' : 'determinate'} value={pct} sx={{ mt: 0.5, borderRadius: 1 }} />
      ) : null}
    </Box>
  );
}
