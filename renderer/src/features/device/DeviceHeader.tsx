// Who the device is (TR-069 DeviceIdStruct, §A.3.3.1), which data model and
// CWMP version it speaks, and whether it is in a session right now
// (session.started / session.ended pushes). A device whose compatibility
// profile is off its defaults says so here: it changes every message sent.
import { Box, Chip, IconButton, Tooltip, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import type { DeviceSummary } from '../../../../shared/model/records';
import type { Route } from '../../lib/route';
import { presence, type PresenceState } from '../../../../shared/model/presence';
import { noteServerEvent } from '../../lib/clock';
import { usePresenceEvidence } from '../../lib/presence-evidence';
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

/**
 * ManagementServer.PeriodicInformEnable from the stored tree (an Inform
 * rarely carries it): with it off, the interval is no promise of a next
 * Inform. Read again when a discovery or an Inform may have changed it.
 */
function usePeriodicEnable(device: DeviceSummary): boolean | undefined {
  const [enable, setEnable] = useState<boolean>();
  const path = `${device.root}ManagementServer.PeriodicInformEnable`;
  useEffect(() => {
    let live = true;
    getApi().invoke('parameter.list', { deviceId: device.id, path }).then((ps) => {
      const v = ps.find((p) => p.path === path)?.value?.trim().toLowerCase();
      if (live) setEnable(v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : undefined);
    }, () => undefined);
    return () => { live = false; };
  }, [device.id, path, device.discovery.status, device.lastInform]);
  return enable;
}

const PRESENCE_LOOK: Record<PresenceState, { label: string; color: 'success' | 'error' | 'default' | 'primary' }> = {
  'in-session': { label: 'in session', color: 'success' },
  online: { label: 'online', color: 'success' },
  offline: { label: 'offline', color: 'error' },
  unknown: { label: 'status unknown', color: 'default' },
};

export function DeviceHeader({ device, go, ask, onUpgrade, onCompat }: {
  device: DeviceSummary; go(r: Route): void; ask(r: ConfirmRequest): void; onUpgrade(): void;
  /** Opens the Compatibility tab. */
  onCompat?(): void;
}) {
  const inSession = useInSession(device.id);
  const now = useNow();
  const evidence = usePresenceEvidence(getApi);
  const periodicInformEnable = usePeriodicEnable(device);
  useEffect(() => noteServerEvent(device.lastInform), [device.lastInform]);
  // The same rule as the devices list (shared/model/presence.ts), plus the flag only this page reads.
  const status = presence({
    inSession, lastInform: device.lastInform, periodicInformInterval: device.periodicInformInterval, periodicInformEnable,
    lastConnectionRequest: evidence.contacts.get(device.id), acsStartedAt: evidence.acsStartedAt, hostedSimRunning: evidence.runningSims.has(device.id),
  }, now);
  const look = PRESENCE_LOOK[status.state];
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
          {/* The reason describes the chip (aria-describedby); its visible word stays its name. */}
          <Tooltip title={status.reason} describeChild>
            <Chip size="small" color={look.color} variant={status.state === 'online' ? 'outlined' : 'filled'} label={look.label}
              data-testid="device-presence" data-state={status.state}
              sx={{ height: 20, fontSize: 11, fontWeight: 600 }} />
          </Tooltip>
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
          <span title={formatDateTimeLong(device.lastInform)} data-testid="device-last-inform">Last inform {relativeTime(device.lastInform, now)}</span>
          {device.remoteAddress ? ` · from ${device.remoteAddress}` : ''}
          {device.lastFault ? (
            <Box component="span" sx={{ color: 'error.main' }} title={device.lastFault.message}> · last fault {device.lastFault.code} {relativeTime(device.lastFault.at, now)}</Box>
          ) : null}
        </Typography>
      </Box>
      <ActionsBar device={device} ask={ask} onUpgrade={onUpgrade} />
    </Box>
  );
}
