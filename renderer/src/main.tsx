// Placeholder UI: the ACS URLs and a live device table. It proves the whole
// path (core → transport → window.api → React) and gives e2e tests stable
// data-testid hooks; the real feature screens replace it.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import {
  Alert, AppBar, Box, Chip, Container, CssBaseline, Paper, Table, TableBody, TableCell, TableContainer, TableHead,
  TableRow, ThemeProvider, Toolbar, Typography, createTheme,
} from '@mui/material';
import type { AcsInfo } from '../../shared/api/contract';
import type { DeviceSummary, DiscoveryState } from '../../shared/model/records';
import { getApi } from './api/window-api';

const theme = createTheme({ palette: { mode: 'light' } });

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Devices from device.list, kept current by device.updated / device.deleted pushes. */
function useDevices(onError: (msg: string) => void): DeviceSummary[] {
  const [devices, setDevices] = useState<Map<string, DeviceSummary>>(new Map());
  useEffect(() => {
    const api = getApi();
    // Subscribe before listing so no update falls between the two; updates
    // that arrive while the list is in flight win over the (older) snapshot.
    const early = new Map<string, DeviceSummary>();
    let listed = false;
    const offUpdated = api.on('device.updated', (d) => {
      if (!listed) early.set(d.id, d);
      setDevices((prev) => new Map(prev).set(d.id, d));
    });
    const offDeleted = api.on('device.deleted', ({ id }) => {
      early.delete(id);
      setDevices((prev) => {
        const next = new Map(prev);
        next.delete(id);
        return next;
      });
    });
    api.invoke('device.list', {}).then(
      (list) => {
        listed = true;
        const next = new Map(list.map((d) => [d.id, d] as const));
        for (const [id, d] of early) next.set(id, d);
        setDevices(next);
      },
      (err: unknown) => onError(`device.list: ${message(err)}`),
    );
    return () => {
      offUpdated();
      offDeleted();
    };
  }, [onError]);
  return [...devices.values()].sort((a, b) => a.id.localeCompare(b.id));
}

function discoveryLabel(d: DiscoveryState): string {
  if (d.status !== 'running') return d.status;
  const parts = [d.names !== undefined && `${d.names} names`, d.values !== undefined && `${d.values} values`];
  return ['running', ...parts.filter(Boolean)].join(', ');
}

function DeviceTable({ devices }: { devices: DeviceSummary[] }) {
  return (
    <TableContainer component={Paper} data-testid="device-table">
      <Table size="small">
        <TableHead>
          <TableRow>
            {['Serial', 'OUI', 'Product class', 'Software', 'IP', 'Last inform', 'Parameters', 'Discovery'].map((h) => (
              <TableCell key={h}>{h}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {devices.length === 0 && (
            <TableRow data-testid="device-empty">
              <TableCell colSpan={8}>No device has informed yet. Point a CPE at one of the ACS URLs above.</TableCell>
            </TableRow>
          )}
          {devices.map((d) => (
            <TableRow key={d.id} data-testid="device-row" data-device-id={d.id}>
              <TableCell data-testid="device-serial">{d.deviceId.SerialNumber}</TableCell>
              <TableCell data-testid="device-oui">{d.deviceId.OUI}</TableCell>
              <TableCell data-testid="device-product-class">{d.deviceId.ProductClass}</TableCell>
              <TableCell data-testid="device-software">{d.softwareVersion ?? ''}</TableCell>
              <TableCell data-testid="device-ip">{d.ipAddress ?? d.remoteAddress ?? ''}</TableCell>
              <TableCell data-testid="device-last-inform">
                {d.lastInform ? new Date(d.lastInform).toLocaleString() : ''}
              </TableCell>
              <TableCell data-testid="device-parameters" align="right">{d.parameterCount}</TableCell>
              <TableCell data-testid="device-discovery" data-status={d.discovery.status}>
                {discoveryLabel(d.discovery)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function App() {
  const [info, setInfo] = useState<AcsInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const devices = useDevices(setError);

  useEffect(() => {
    getApi().invoke('acs.info', {}).then(setInfo, (err: unknown) => setError(`acs.info: ${message(err)}`));
  }, []);

  return (
    <>
      <AppBar position="static">
        <Toolbar>
          <Typography variant="h6" component="h1" data-testid="app-title">TR-069 Workbench</Typography>
        </Toolbar>
      </AppBar>
      <Container maxWidth="xl" sx={{ py: 2 }}>
        {error && <Alert severity="error" data-testid="api-error" sx={{ mb: 2 }}>{error}</Alert>}
        <Box data-testid="acs-info" sx={{ mb: 2 }}>
          <Typography variant="subtitle1">ACS URLs</Typography>
          <Box data-testid="acs-urls" sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            {info?.acsUrls.map((url) => <Chip key={url} label={url} data-testid="acs-url" variant="outlined" />)}
          </Box>
        </Box>
        <Typography variant="subtitle1" sx={{ mb: 1 }}>
          Devices (<span data-testid="device-count">{devices.length}</span>)
        </Typography>
        <DeviceTable devices={devices} />
      </Container>
    </>
  );
}

function Root() {
  try {
    getApi();
  } catch (err) {
    return <Alert severity="error" data-testid="api-error">{message(err)}</Alert>;
  }
  return <App />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <Root />
    </ThemeProvider>
  </StrictMode>,
);
