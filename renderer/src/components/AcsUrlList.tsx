// The ACS URLs a CPE can use (one per address of this machine, loopback
// last), each copyable. Shown on first run and in Settings.
import { Box, Skeleton, Stack, Typography } from '@mui/material';
import { MONO } from './theme';
import { CopyButton } from './CopyButton';

export function AcsUrlList({ urls }: { urls: readonly string[] | undefined }) {
  if (!urls) return <Skeleton variant="rounded" height={36} sx={{ maxWidth: 360 }} />;
  return (
    <Stack spacing={0.75}>
      {urls.map((url) => {
        const loopback = /\/\/(127\.|\[::1\]|localhost)/.test(url);
        return (
          <Box key={url} sx={{
            display: 'flex', alignItems: 'center', gap: 1, pl: 1.5, pr: 0.5, py: 0.25, borderRadius: 1,
            border: 1, borderColor: 'divider', bgcolor: 'action.hover', width: 'fit-content', maxWidth: '100%',
          }}>
            <Typography data-testid="acs-url" sx={{ fontFamily: MONO, fontSize: 14, userSelect: 'all', overflowWrap: 'anywhere' }}>
              {url}
            </Typography>
            {loopback && (
              <Typography variant="caption" color="textSecondary" sx={{ whiteSpace: 'nowrap' }}>
                this machine only
              </Typography>
            )}
            <CopyButton text={url} label="Copy ACS URL" />
          </Box>
        );
      })}
    </Stack>
  );
}
