// An empty library: what staging a file is for, and the one thing to do —
// drop an image on the page or choose it — with what happens next.
import { Box, Button, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { MONO } from '../../components/theme';
import { CloudUpload } from '../../components/icons';

function Step({ n, children }: { n: number; children: ReactNode }) {
  return (
    <Stack direction="row" spacing={1.25} sx={{ alignItems: 'flex-start', flex: 1, minWidth: 200 }}>
      <Box sx={{ width: 22, height: 22, borderRadius: '50%', display: 'grid', placeItems: 'center', flex: 'none', mt: 0.1,
        bgcolor: 'primary.main', color: 'primary.contrastText', fontSize: 12, fontWeight: 700 }}>{n}</Box>
      <Typography variant="body2" color="textSecondary">{children}</Typography>
    </Stack>
  );
}

export function LibraryEmpty({ onPick, dragging }: { onPick(): void; dragging: boolean }) {
  return (
    <Box sx={{ p: { xs: 2, md: 3 } }} data-testid="firmware-empty">
      <Box data-testid="firmware-drop" data-dragging={dragging ? 'true' : undefined}
        sx={{ border: '2px dashed', borderColor: dragging ? 'primary.main' : 'divider', borderRadius: 2, py: 5, px: 3, textAlign: 'center',
          bgcolor: dragging ? 'action.selected' : 'transparent', transition: 'background-color 120ms, border-color 120ms' }}>
        <Box sx={{ color: 'primary.main', mb: 1 }}><CloudUpload size={48} /></Box>
        <Typography variant="h6" sx={{ fontWeight: 600, mb: 0.5 }}>No firmware staged yet</Typography>
        <Typography color="textSecondary" sx={{ mb: 2.5, maxWidth: 620, mx: 'auto' }}>
          Drop a firmware image (or a configuration file) anywhere on this page, or choose one. The workbench keeps a copy
          in its data folder and serves it to CPEs from its own file server, with a URL of its own for every transfer.
        </Typography>
        <Button variant="contained" onClick={onPick} data-testid="firmware-choose">Choose a file…</Button>
      </Box>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ mt: 3, px: 1 }}>
        <Step n={1}>
          <b>Add</b> the image. Its SHA-256 is computed as it is copied; a first line{' '}
          <Box component="span" sx={{ fontFamily: MONO, fontSize: 12 }}>version=…</Box> or a version in the name fills in the version.
        </Step>
        <Step n={2}>
          <b>Check its details</b>: file type, and the vendor OUI and product class it is for, so pushing it to the wrong model is flagged.
        </Step>
        <Step n={3}>
          <b>Push</b> it to one device or many. Progress, TransferComplete and the SoftwareVersion before and after appear below.
        </Step>
      </Stack>
    </Box>
  );
}
