// The summary support staff read first: WAN address and state, uptime,
// firmware, Wi-Fi networks, LAN hosts, last Inform and its events. Computed
// in the core (device.overview) for both TR-181 and TR-098 devices.
import { Box, Chip, Paper, Skeleton, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { DeviceOverview, DeviceSummary } from '../../../../shared/model/records';
import { useNow } from '../../lib/use-now';
import { MONO } from '../../components/theme';
import { formatDateTimeLong, formatTime, formatUptime, relativeTime } from '../../lib/format';
import { Chip as ChipIcon, Devices, Globe, Inform, Timer, Wifi } from '../../components/icons';

function Card({ title, icon, children, testid, wide, extra }: {
  title: string; icon: ReactNode; children: ReactNode; testid?: string; wide?: boolean; extra?: ReactNode;
}) {
  return (
    <Paper variant="outlined" data-testid={testid}
      sx={{ p: 1.5, minWidth: 0, gridColumn: wide ? { xs: 'span 2', lg: 'auto' } : undefined, display: 'flex', flexDirection: 'column', gap: 0.5 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.75, color: 'text.secondary', minHeight: 22 }}>
        {icon}
        <Typography variant="overline" sx={{ lineHeight: 1.6, fontWeight: 600, letterSpacing: '0.06em', flex: 1 }}>{title}</Typography>
        {extra}
      </Box>
      {children}
    </Paper>
  );
}

const GOOD = /^(up|connected|enabled|synchronized)$/i;
const BAD = /^(down|disconnected|error|lowerlayerdown|notpresent|unconfigured)$/i;

function StatusChip({ status }: { status?: string }) {
  if (!status) return null;
  const color = GOOD.test(status) ? 'success' : BAD.test(status) ? 'error' : 'default';
  return <Chip size="small" label={status} color={color} variant={color === 'default' ? 'outlined' : 'filled'} sx={{ height: 20, fontSize: 11, fontWeight: 600 }} />;
}

function Big({ children, testid, mono }: { children: ReactNode; testid?: string; mono?: boolean }) {
  return (
    <Typography data-testid={testid} sx={{ fontSize: 17, fontWeight: 600, fontFamily: mono ? MONO : undefined, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
      {children}
    </Typography>
  );
}

function Sub({ children }: { children: ReactNode }) {
  // The whole text on hover when the card is too narrow for it (a long serial number, a vendor name).
  const title = typeof children === 'string' ? children : undefined;
  return <Typography variant="caption" color="textSecondary" component="div" title={title} sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{children}</Typography>;
}

const none = <Box component="span" sx={{ color: 'text.disabled', fontWeight: 400 }}>—</Box>;

/** One row on wide screens (Wi-Fi the widest card), wrapping on narrow ones. */
const GRID = {
  display: 'grid', gap: 1.5,
  gridTemplateColumns: { xs: 'repeat(auto-fill, minmax(200px, 1fr))', lg: 'repeat(5, minmax(0, 1fr)) minmax(0, 1.8fr)' },
} as const;

/** An SSID name that opens its editor in the tree (support staff's most common change). */
function SsidName({ ssid, path, off, testid, onEdit }: { ssid: string; path: string; off: boolean; testid: string; onEdit?: (path: string) => void }) {
  const sx = { fontWeight: 600, fontFamily: MONO, color: off ? 'text.disabled' : 'text.primary' } as const;
  if (!onEdit) return <Box component="span" sx={sx} data-testid={testid}>{ssid}</Box>;
  return (
    <Box component="button" type="button" data-testid={testid} title={`Change ${path}SSID`} onClick={() => onEdit(`${path}SSID`)}
      sx={{ ...sx, p: 0, border: 0, bgcolor: 'transparent', font: 'inherit', fontWeight: 600, fontFamily: MONO, cursor: 'pointer', maxWidth: '100%',
        overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', textAlign: 'left',
        textDecoration: 'underline dotted', textUnderlineOffset: 3, '&:hover, &:focus-visible': { color: 'primary.main', textDecorationStyle: 'solid' } }}>
      {ssid}
    </Box>
  );
}

export function OverviewCards({ overview, device, onEditParam }: {
  overview: DeviceOverview | undefined; device: DeviceSummary;
  /** Opens the editor of a writable parameter in the tree; SSID names become links to it. */
  onEditParam?: (path: string) => void;
}) {
  // The renderer's one clock (server time, every second): the uptime counts in seconds after a reboot.
  const now = useNow();
  if (!overview) {
    return (
      <Box data-testid="device-overview" data-loading="true" sx={GRID}>
        {[0, 1, 2, 3, 4, 5].map((i) => <Skeleton key={i} variant="rounded" height={112} />)}
      </Box>
    );
  }
  const o = overview;
  // Uptime now, not as last read: counted from the boot time the core worked out.
  // The live summary's time, not the overview's (read once): the header shows the same one, from the same clock.
  const lastInform = device.lastInform ?? o.lastInform;
  const uptimeNow = o.bootedAt ? Math.max(0, (now - Date.parse(o.bootedAt)) / 1000) : o.uptimeSeconds;
  return (
    <Box data-testid="device-overview" sx={GRID}>
      <Card title="WAN" icon={<Globe size={16} />} testid="overview-wan" extra={<StatusChip status={o.wan?.status} />}>
        <Big testid="overview-wan-ip" mono>{o.wan?.ipAddress ?? none}</Big>
        <Sub>{o.wan ? [o.wan.connectionType, o.wan.name].filter(Boolean).join(' · ') || o.wan.path : 'No WAN interface found in the stored parameters'}</Sub>
        {o.wan?.ipv6Address ? <Sub><Box component="span" sx={{ fontFamily: MONO }}>{o.wan.ipv6Address}</Box></Sub> : null}
      </Card>
      <Card title="Uptime" icon={<Timer size={16} />} testid="overview-uptime">
        <Big testid="overview-uptime-value">{uptimeNow !== undefined ? formatUptime(uptimeNow) : none}</Big>
        <Sub>{o.bootedAt ? <span title={formatDateTimeLong(o.bootedAt)}>booted {formatTime(o.bootedAt)}</span> : 'DeviceInfo.UpTime not read yet'}</Sub>
      </Card>
      <Card title="Firmware" icon={<ChipIcon size={16} />} testid="overview-device">
        <Big testid="overview-firmware" mono>{o.softwareVersion ?? none}</Big>
        <Sub>{[o.hardwareVersion && `HW ${o.hardwareVersion}`, o.modelName].filter(Boolean).join(' · ') || ' '}</Sub>
        <Sub>{[o.manufacturer, o.serialNumber && `S/N ${o.serialNumber}`].filter(Boolean).join(' · ')}</Sub>
      </Card>
      <Card title="LAN hosts" icon={<Devices size={16} />} testid="overview-hosts">
        <Big testid="overview-hosts-count">{o.connectedHosts ?? none}</Big>
        <Sub>{o.knownHosts !== undefined ? `connected now, of ${o.knownHosts} known` : 'Hosts table not read yet'}</Sub>
      </Card>
      <Card title="Last inform" icon={<Inform size={16} />} testid="overview-inform">
        <Big testid="overview-last-inform"><span title={formatDateTimeLong(lastInform)}>{lastInform ? formatTime(lastInform) : none}</span></Big>
        <Sub><span data-testid="overview-last-inform-ago">{relativeTime(lastInform, now)}</span></Sub>
        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }} data-testid="overview-events">
          {o.lastEvents.map((e) => <Chip key={e} label={e} size="small" variant="outlined" sx={{ height: 20, fontSize: 11, fontFamily: MONO }} />)}
        </Box>
      </Card>
      <Card title={`Wi-Fi (${o.wifi.length})`} icon={<Wifi size={16} />} testid="overview-wifi" wide>
        {o.wifi.length === 0 ? <Sub>No SSIDs in the stored parameters{device.discovery.status !== 'done' ? ' yet' : ''}</Sub> : (
          <Box component="table" sx={{ borderCollapse: 'collapse', tableLayout: 'fixed', width: '100%', fontSize: 12.5, '& td': { py: 0.2, pr: 1, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } }}>
            <tbody>
              {o.wifi.map((w, i) => {
                const off = w.enabled === false;
                const state = off ? 'disabled' : w.status ?? 'enabled';
                return (
                  <tr key={w.path} data-testid={`overview-ssid-${i + 1}`} title={`${w.path}: ${state}`}>
                    <td style={{ width: 14, paddingRight: 0, overflow: 'visible' }}>
                      <Box component="span" sx={{ display: 'inline-block', width: 8, height: 8, borderRadius: '50%', bgcolor: off ? 'text.disabled' : w.status && !GOOD.test(w.status) ? 'warning.main' : 'success.main' }} />
                    </td>
                    <td>
                      <SsidName ssid={w.ssid} path={w.path} off={off} testid={`overview-ssid-${i + 1}-name`} onEdit={onEditParam} />
                    </td>
                    <td style={{ width: 112, textAlign: 'right' }}>
                      <Box component="span" sx={{ color: 'text.secondary' }}>{[w.band, w.channel && `ch ${w.channel}`].filter(Boolean).join(' · ')}{off ? ' · off' : ''}</Box>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </Box>
        )}
      </Card>
    </Box>
  );
}
