// Placeholder until the Devices screen lands (issue 3).
import { Box, Typography } from '@mui/material';
import type { Route } from '../../api/hooks';
import { useDevices } from '../../api/hooks';
import { useErrorNotifier } from '../../components/notify';

export function DevicesPage({ go }: { go: (r: Route) => void }) {
  const { devices } = useDevices(useErrorNotifier());
  return (
    <Box sx={{ p: 2 }} data-testid="devices-page">
      {devices.map((d) => (
        <Typography key={d.id} onClick={() => go({ page: 'device', id: d.id })}>{d.id}</Typography>
      ))}
    </Box>
  );
}
