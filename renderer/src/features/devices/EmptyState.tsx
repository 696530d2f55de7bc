// First run: no device has informed yet. Two ways forward, side by side:
// point a real CPE at one of this machine's ACS URLs, or start a virtual one.
import { Box, Divider, Paper, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { AcsInfo } from '../../../../shared/api/contract';
import { AcsUrlList } from '../../components/AcsUrlList';
import { MONO } from '../../components/theme';
import { AddVirtualCpeButton } from './AddVirtualCpeDialog';

function RouterIcon() {
  return (
    <svg width="44" height="44" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
      <path d="M20.2 5.9l.8-.8C19.6 3.7 17.8 3 16 3s-3.6.7-5 2.1l.8.8C13 4.8 14.5 4.2 16 4.2s3 .6 4.2 1.7zm-.9.8c-.9-.9-2.1-1.4-3.3-1.4s-2.4.5-3.3 1.4l.8.8c.7-.7 1.6-1 2.5-1 .9 0 1.8.3 2.5 1l.8-.8zM19 13h-2V9h-2v4H5c-1.1 0-2 .9-2 2v4c0 1.1.9 2 2 2h14c1.1 0 2-.9 2-2v-4c0-1.1-.9-2-2-2zM8 18H6v-2h2v2zm3.5 0h-2v-2h2v2zm3.5 0h-2v-2h2v2z" />
    </svg>
  );
}

function Step({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  return (
    <Box sx={{ flex: 1, minWidth: 0 }}>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', mb: 1.5 }}>
        <Box sx={{
          width: 26, height: 26, borderRadius: '50%', display: 'grid', placeItems: 'center', flex: 'none',
          bgcolor: 'primary.main', color: 'primary.contrastText', fontSize: 13, fontWeight: 700,
        }}>{n}</Box>
        <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>{title}</Typography>
      </Stack>
      {children}
    </Box>
  );
}

export function EmptyState({ info }: { info: AcsInfo | undefined }) {
  return (
    <Box sx={{ display: 'grid', placeItems: 'start center', p: { xs: 2, md: 6 } }} data-testid="device-empty">
      <Paper variant="outlined" sx={{ width: '100%', maxWidth: 880, p: { xs: 3, md: 4 } }}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1, color: 'primary.main' }}>
          <RouterIcon />
          <Box>
            <Typography variant="h5" component="h1" sx={{ fontWeight: 600, color: 'text.primary' }}>No devices yet</Typography>
            <Typography color="textSecondary">
              The ACS is listening. A device appears here as soon as it sends its first Inform.
            </Typography>
          </Box>
        </Stack>
        <Divider sx={{ my: 3 }} />
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={4} divider={<Divider orientation="vertical" flexItem />}>
          <Step n={1} title="Point a CPE at this ACS">
            <Typography variant="body2" color="textSecondary" sx={{ mb: 1.5 }}>
              Set the gateway's ACS URL (<Box component="span" sx={{ fontFamily: MONO, fontSize: 12 }}>ManagementServer.URL</Box>,
              or the TR-069 page of its web UI) to one of these:
            </Typography>
            <AcsUrlList urls={info?.acsUrls} />
          </Step>
          <Step n={2} title="Or try a virtual CPE">
            <Typography variant="body2" color="textSecondary" sx={{ mb: 2 }}>
              No gateway at hand? Start a simulated TR-181 or TR-098 gateway with a realistic data model.
              It shows up here within seconds.
            </Typography>
            <AddVirtualCpeButton variant="contained" />
          </Step>
        </Stack>
      </Paper>
    </Box>
  );
}
