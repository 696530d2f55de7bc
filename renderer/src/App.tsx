// The workbench shell: app bar, navigation, light/dark theme, and the page
// for the current hash route. Pages live under features/.
import { AppBar, Box, Button, CssBaseline, IconButton, ThemeProvider, Toolbar, Tooltip, Typography, type PaletteMode } from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { routeHref, useRoute, type Route } from './lib/route';
import { NotifyProvider } from './components/notify';
import { DevicePage } from './features/device/DevicePage';
import { DevicesPage } from './features/devices/DevicesPage';
import { FirmwarePage } from './features/firmware/FirmwarePage';
import { LogPage } from './features/log/LogPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { makeTheme } from './components/theme';

const NAV: { route: Route; label: string; testid: string }[] = [
  { route: { page: 'devices' }, label: 'Devices', testid: 'nav-devices' },
  { route: { page: 'firmware' }, label: 'Firmware', testid: 'nav-firmware' },
  { route: { page: 'log' }, label: 'Session log', testid: 'nav-log' },
  { route: { page: 'settings' }, label: 'Settings', testid: 'nav-settings' },
];

function ThemeIcon({ mode }: { mode: PaletteMode }) {
  // Inline SVG: Debian's Chromium has no emoji font, and icon fonts cost a request.
  return mode === 'light' ? (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
      <path d="M12 3a9 9 0 1 0 9 9c0-.46-.04-.92-.1-1.36a5.39 5.39 0 0 1-4.4 2.26 5.4 5.4 0 0 1-3.14-9.8A9 9 0 0 0 12 3z" />
    </svg>
  ) : (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
      <circle cx="12" cy="12" r="5" />
      <path d="M12 1v3M12 20v3M4.2 4.2l2.1 2.1M17.7 17.7l2.1 2.1M1 12h3M20 12h3M4.2 19.8l2.1-2.1M17.7 6.3l2.1-2.1" stroke="currentColor" strokeWidth="2" />
    </svg>
  );
}

export function App() {
  const [mode, setMode] = useState<PaletteMode>(() => (localStorage.getItem('theme') === 'dark' ? 'dark' : 'light'));
  useEffect(() => localStorage.setItem('theme', mode), [mode]);
  const theme = useMemo(() => makeTheme(mode), [mode]);
  const [route, go] = useRoute();
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <NotifyProvider>
        <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
          <AppBar position="static" elevation={0} color="primary" enableColorOnDark>
            <Toolbar variant="dense" sx={{ gap: 1 }}>
              <Typography variant="h6" component="a" href={routeHref({ page: 'devices' })} data-testid="app-title"
                sx={{ color: 'inherit', textDecoration: 'none', fontWeight: 600, mr: 3, fontSize: 17 }}>
                TR-069 Workbench
              </Typography>
              {NAV.map((n) => (
                <Button key={n.testid} color="inherit" href={routeHref(n.route)} data-testid={n.testid}
                  sx={{ opacity: route.page === n.route.page || (n.route.page === 'devices' && route.page === 'device') ? 1 : 0.75,
                    borderBottom: route.page === n.route.page ? '2px solid currentColor' : '2px solid transparent', borderRadius: 0 }}>
                  {n.label}
                </Button>
              ))}
              <Box sx={{ flex: 1 }} />
              <Tooltip title={mode === 'light' ? 'Dark theme' : 'Light theme'}>
                <IconButton color="inherit" onClick={() => setMode(mode === 'light' ? 'dark' : 'light')} data-testid="theme-toggle" aria-label="toggle theme">
                  <ThemeIcon mode={mode} />
                </IconButton>
              </Tooltip>
            </Toolbar>
          </AppBar>
          <Box component="main" sx={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
            {route.page === 'devices' && <DevicesPage go={go} />}
            {/* One page per device (key): another device opens fresh, never with the last one's tab, selection or form. */}
            {route.page === 'device' && <DevicePage key={route.id} id={route.id} go={go} />}
            {route.page === 'firmware' && <FirmwarePage />}
            {route.page === 'settings' && <SettingsPage />}
            {route.page === 'log' && <LogPage key={route.deviceId ?? ''} deviceId={route.deviceId} go={go} />}
          </Box>
        </Box>
      </NotifyProvider>
    </ThemeProvider>
  );
}
