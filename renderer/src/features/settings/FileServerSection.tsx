// Where CPEs fetch firmware and send uploads: the file server's own port
// (beside CWMP's) and the URLs that go into Download / Upload requests
// (TR-069 A.3.2.8, A.4.1.5). A CPE is given the address its sessions come
// from, so the list is every address; the push dialog shows the exact URL
// for one device. "9015 unable to contact file server" starts here.
import { Alert, Box, Paper, Skeleton, Stack, Typography } from '@mui/material';
import type { AcsInfo } from '../../../../shared/api/contract';
import { CopyButton } from '../../components/CopyButton';
import { MONO } from '../../components/theme';

function UrlRow({ base, testid }: { base: string; testid: string }) {
  const loopback = /\/\/(127\.|\[::1\]|localhost)/.test(base);
  const root = base.replace(/\/$/, '');
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, pl: 1.5, pr: 0.5, py: 0.25, borderRadius: 1, border: 1, borderColor: 'divider',
      bgcolor: 'action.hover', width: 'fit-content', maxWidth: '100%' }}>
      <Typography data-testid={testid} sx={{ fontFamily: MONO, fontSize: 13.5, userSelect: 'all', overflowWrap: 'anywhere' }}>
        {root}/t/<Box component="span" sx={{ color: 'text.secondary' }}>&lt;token&gt;/&lt;file name&gt;</Box>
      </Typography>
      {loopback && <Typography variant="caption" color="textSecondary" sx={{ whiteSpace: 'nowrap' }}>this machine only</Typography>}
      <CopyButton text={root} label="Copy file server URL" />
    </Box>
  );
}

export function FileServerSection({ info }: { info: AcsInfo | undefined }) {
  const fs = info?.fileServer;
  return (
    <Paper variant="outlined" sx={{ p: 3 }} data-testid="settings-file-server">
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={{ xs: 2, md: 4 }}>
        <Box sx={{ width: { md: 260 }, flex: 'none' }}>
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 0.5 }}>File server</Typography>
          <Typography variant="body2" color="textSecondary">
            Where CPEs download firmware and upload configuration and log files. It has its own port: open it in firewalls and
            NAT as well as the CWMP port. Set with --file-port at start.
          </Typography>
        </Box>
        <Stack spacing={2} sx={{ flex: 1, minWidth: 0 }}>
          {!fs ? <Skeleton variant="rounded" height={36} sx={{ maxWidth: 360 }} /> : (
            <>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <Box sx={{ width: 8, height: 8, borderRadius: '50%', bgcolor: fs.listening ? 'success.main' : 'error.main' }} />
                <Typography variant="body2" data-testid="settings-file-port">
                  {fs.listening ? 'Listening on port ' : 'Not listening (port '}
                  <Box component="span" sx={{ fontFamily: MONO }}>{fs.port}</Box>{fs.listening ? '' : ')'}
                </Typography>
              </Stack>
              {!fs.listening && (
                <Alert severity="error" variant="outlined">Firmware pushes and uploads fail until the file server listens.</Alert>
              )}
              <Box>
                <Typography variant="body2" sx={{ fontWeight: 600, mb: 1 }}>Download URLs CPEs are given</Typography>
                <Stack spacing={0.75}>
                  {fs.urls.map((u) => <UrlRow key={u} base={u} testid="file-server-url" />)}
                </Stack>
                <Typography variant="caption" color="textSecondary" sx={{ display: 'block', mt: 1 }}>
                  Each transfer gets its own token; uploads go to <Box component="span" sx={{ fontFamily: MONO }}>/u/&lt;token&gt;</Box>.
                  A device is given the address its sessions come from; the Upgrade dialog shows the exact URL and warns when
                  the device may not reach it.
                </Typography>
              </Box>
            </>
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}
