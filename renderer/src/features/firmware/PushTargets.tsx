// What the push dialog pushes where: devices for a library file (several at
// once for a bulk push), or a library file for one device. Each choice shows
// whether it fits (the file's OUI / product class against the device's) and
// the version involved, so a mismatch is visible before anything is sent.
import { Box, Button, Checkbox, InputAdornment, Radio, TextField, Tooltip, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import type { DeviceSummary } from '../../../../shared/model/records';
import type { FirmwareFile } from '../../../../shared/model/transfers';
import { MONO } from '../../components/theme';
import { Search } from '../../components/icons';
import { fitsDevice, formatBytes, shortFileType } from './transfer-text';

const LIST_SX = { border: 1, borderColor: 'divider', borderRadius: 1, maxHeight: 230, overflow: 'auto' } as const;

function Fit({ fits }: { fits: boolean | undefined }) {
  if (fits === undefined) return null;
  return (
    <Typography component="span" sx={{ fontSize: 11.5, fontWeight: 600, color: fits ? 'success.main' : 'warning.main', whiteSpace: 'nowrap' }}>
      {fits ? 'matches' : 'other model'}
    </Typography>
  );
}

export function DevicePicker({ devices, file, selected, onChange }: {
  devices: DeviceSummary[]; file: FirmwareFile; selected: ReadonlySet<string>; onChange(next: Set<string>): void;
}) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    return devices.filter((d) => {
      const hay = `${d.id} ${d.deviceId.ProductClass} ${d.softwareVersion ?? ''} ${d.modelName ?? ''}`.toLowerCase();
      return terms.every((t) => hay.includes(t));
    });
  }, [devices, query]);
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (!next.delete(id)) next.add(id);
    onChange(next);
  };
  const matching = shown.filter((d) => fitsDevice(file, d) !== false && d.softwareVersion !== file.version);
  return (
    <Box>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', mb: 1 }}>
        <TextField size="small" placeholder="Filter devices" value={query} onChange={(e) => setQuery(e.target.value)} sx={{ flex: 1 }}
          slotProps={{
            input: { startAdornment: <InputAdornment position="start" sx={{ color: 'text.secondary' }}><Search size={16} /></InputAdornment> },
            htmlInput: { 'data-testid': 'push-device-search', spellCheck: false },
          }} />
        <Tooltip title="Devices of the file's OUI and product class that do not run its version yet">
          <span>
            <Button size="small" onClick={() => onChange(new Set([...selected, ...matching.map((d) => d.id)]))} disabled={!matching.length}>
              Select matching ({matching.length})
            </Button>
          </span>
        </Tooltip>
        <Button size="small" color="inherit" onClick={() => onChange(new Set())} disabled={!selected.size}>Clear</Button>
      </Box>
      <Box sx={LIST_SX} role="list" aria-label="devices">
        {shown.length === 0 ? (
          <Typography variant="body2" color="textSecondary" sx={{ p: 2 }}>{devices.length ? 'No device matches.' : 'No devices yet.'}</Typography>
        ) : shown.map((d) => (
          <Box key={d.id} component="label" role="listitem" data-testid={`push-device-${d.id}`} data-selected={selected.has(d.id) ? 'true' : undefined}
            sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 1, py: 0.25, cursor: 'pointer', borderBottom: 1, borderColor: 'divider',
              '&:last-child': { borderBottom: 0 }, '&:hover': { bgcolor: 'action.hover' } }}>
            <Checkbox size="small" checked={selected.has(d.id)} onChange={() => toggle(d.id)} sx={{ p: 0.5 }}
              slotProps={{ input: { 'aria-label': `push to ${d.id}` } }} />
            <Typography sx={{ fontFamily: MONO, fontSize: 12.5, fontWeight: 600, flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {d.id}
            </Typography>
            <Typography variant="body2" color="textSecondary" sx={{ width: 110, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {d.deviceId.ProductClass || '—'}
            </Typography>
            <Typography sx={{ fontFamily: MONO, fontSize: 12, width: 130, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
              color={d.softwareVersion === file.version ? 'textSecondary' : 'textPrimary'} title={d.softwareVersion}>
              {d.softwareVersion ?? '—'}
            </Typography>
            <Box sx={{ width: 80, textAlign: 'right' }}><Fit fits={fitsDevice(file, d)} /></Box>
          </Box>
        ))}
      </Box>
    </Box>
  );
}

export function FilePicker({ files, device, selected, onChange }: {
  files: FirmwareFile[]; device: DeviceSummary; selected: string | undefined; onChange(id: string): void;
}) {
  if (files.length === 0) {
    return (
      <Box sx={{ ...LIST_SX, p: 2 }}>
        <Typography variant="body2" color="textSecondary">
          The firmware library is empty. Add an image on the <b>Firmware</b> screen (drag it onto the page), then push it from here.
        </Typography>
      </Box>
    );
  }
  return (
    <Box sx={LIST_SX} role="radiogroup" aria-label="library files">
      {files.map((f) => (
        <Box key={f.id} component="label" data-testid={`push-file-${f.id}`} data-selected={selected === f.id ? 'true' : undefined}
          sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 1, py: 0.25, cursor: 'pointer', borderBottom: 1, borderColor: 'divider',
            '&:last-child': { borderBottom: 0 }, '&:hover': { bgcolor: 'action.hover' } }}>
          <Radio size="small" checked={selected === f.id} onChange={() => onChange(f.id)} sx={{ p: 0.5 }} slotProps={{ input: { 'aria-label': f.name } }} />
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <Typography sx={{ fontFamily: MONO, fontSize: 12.5, fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
              {f.name}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {shortFileType(f.fileType)} · {formatBytes(f.size)}{f.productClass ? ` · for ${f.productClass}` : ''}
            </Typography>
          </Box>
          <Typography sx={{ fontFamily: MONO, fontSize: 12, whiteSpace: 'nowrap' }} color={f.version === device.softwareVersion ? 'textSecondary' : 'textPrimary'}>
            {f.version ?? ''}
          </Typography>
          <Box sx={{ width: 80, textAlign: 'right' }}><Fit fits={fitsDevice(f, device)} /></Box>
        </Box>
      ))}
    </Box>
  );
}
