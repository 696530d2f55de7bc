// Who the device is (TR-069 DeviceIdStruct, §A.3.3.1), which data model and
// CWMP version it speaks, and whether it is in a session right now
// (session.started / session.ended pushes). A device whose compatibility
// profile is off its defaults says so here: it changes every message sent.
import { Box, Chip, IconButton, Tooltip, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import type { DeviceSummary } from '../../../../shared/model/records';
import type { Route } from '../../lib/route';
import { useNow } from '../../lib/use-now';
import { getApi } from '../../api/window-api';
import { MONO } from '../../components/theme';
import { ActionsBar } from './ActionsBar';
import type { ConfirmRequest } from '../../components/ConfirmDialog';
import { formatDateTimeLong, relativeTime } from '../../lib/format';
import { Back } from '../../components/icons';

function useInSession(id: string): boolean {
  const [active, setActive] = useState(false);
  useEffect(() => {
    const api = getApi();
    const sessions = new Set<string>();
    const offStart = api.on('session.started', (s) => { if (s.deviceId === id) { sessions.add(s.sessionId); setActive(true); } });
    const offEnd = api.on('session.ended', (s) => {
      if (sessions.delete(s.sessionId)) setActive(sessions.size > 0);
    });
    return () => { offStart(); offEnd(); };
  }, [id]);
  return active;
}

export function DeviceHeader({ device, go, ask, onUpgrade, onCompat }: {
  device: DeviceSummary; go(r: Route): void; ask(r: ConfirmRequest): void; onUpgrade(): void;
  /** Opens the Compatibility tab. */
  onCompat?(): void;
}) {
  const inSession = useInSession(device.id);
  useNow(15_000);
  const d = device.deviceId;
  const title = [d.Manufacturer, device.modelName ?? d.ProductClass].filter(Boolean).join(' ');
  const version = /cwmp-(\d)-(\d)/.exec(device.cwmpVersion);
  const compat = Object.values(device.compat ?? {});
  const learned = compat.filter((e) => e?.source === 'learned').length;
  return (
    <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1.5, flexWrap: 'wrap' }}>
      <Tooltip title="All devices">
        <IconButton onClick={() => go({ page: 'devices' })} size="small" sx={{ mt: 0.25 }} data-testid="device-back" aria-label="back to devices">
          <Back size={20} />
        </IconButton>
      </Tooltip>
      <Box sx={{ flex: 1, minWidth: 280 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
          <Typography variant="h6" sx={{ fontSize: 19, fontWeight: 600 }} data-testid="device-title">{title || device.id}</Typography>
          <Chip size="small" label={device.root === 'Device.' ? 'TR-181' : 'TR-098'} variant="outlined" sx={{ height: 20, fontSize: 11 }} />
          {version ? <Chip size="small" label={`CWMP ${version[1]}.${version[2]}`} variant="outlined" sx={{ height: 20, fontSize: 11 }} /> : null}
          {inSession ? (
            <Chip size="small" color="success" label="in session" data-testid="device-in-session" sx={{ height: 20, fontSize: 11, fontWeight: 600 }} />
          ) : null}
          {compat.length ? (
            <Tooltip title="Switches of the compatibility profile that are off their default: open the Compatibility tab">
              <Chip size="small" clickable onClick={onCompat} variant="outlined" color={learned ? 'warning' : 'default'} data-testid="device-compat-chip"
                label={`${compat.length} compat switch${compat.length === 1 ? '' : 'es'}${learned ? ` (${learned} learned)` : ''}`}
                sx={{ height: 20, fontSize: 11 }} />
            </Tooltip>
          ) : null}
          {device.pendingTasks > 0 ? <Chip size="small" color="warning" label={`${device.pendingTasks} pending`} sx={{ height: 20, fontSize: 11 }} /> : null}
        </Box>
        <Typography sx={{ fontFamily: MONO, fontSize: 12, color: 'text.secondary', mt: 0.25 }} data-testid="device-id">
          {device.id}
        </Typography>
        <Typography variant="caption" color="textSecondary" component="div">
          <span title={formatDateTimeLong(device.lastInform)}>Last inform {relativeTime(device.lastInform)}</span>
          {device.remoteAddress ? ` · from ${device.remoteAddress}` : ''}
          {device.lastFault ? (
            <Box component="span" sx={{ color: 'error.main' }} title={device.lastFault.message}> · last fault {device.lastFault.code} {relativeTime(device.lastFault.at)}</Box>
          ) : null}
        </Typography>
      </Box>
      <ActionsBar device={device} ask={ask} onUpgrade={onUpgrade} />
    </Box>
  );
}
