// Placeholder until the device page lands (issue 3).
import { Box, Typography } from '@mui/material';
import type { Route } from '../../api/hooks';

export function DevicePage({ id }: { id: string; go: (r: Route) => void }) {
  return <Box sx={{ p: 2 }} data-testid="device-page"><Typography>{id}</Typography></Box>;
}
