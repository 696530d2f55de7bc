// The Devices screen: every known device, live (device.updated pushes,
// session events for "in session"), with search, sorting, multi-select for
// bulk actions, and a first-run panel when there is nothing yet.
import { Box, CircularProgress, InputAdornment, Stack, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Route } from '../../lib/route';
import { useDevices } from '../../api/hooks';
import { useAcsInfo } from '../../api/use-acs-info';
import { getApi } from '../../api/window-api';
import { noteServerEvent } from '../../lib/clock';
import { usePresenceEvidence } from '../../lib/presence-evidence';
import { useNow } from '../../lib/use-now';
import { useErrorNotifier } from '../../components/notify';
import { AddVirtualCpeButton } from './AddVirtualCpeDialog';
import { BulkActions } from './BulkActions';
import { filterRows, plural, sortRows, toRow, type SortDir, type SortKey } from './device-rows';
import { DevicesTable } from './DevicesTable';
import { EmptyState } from './EmptyState';
import { useDevicesInSession } from './live-sessions';

// Sort and page survive a visit to a device page and back (module state, this window only).
const remembered = { sort: { key: 'serial' as SortKey, dir: 'asc' as SortDir }, rowsPerPage: 50, query: '' };

function SearchIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
      <path d="M15.5 14h-.79l-.28-.27A6.47 6.47 0 0 0 16 9.5 6.5 6.5 0 1 0 9.5 16c1.61 0 3.09-.59 4.23-1.57l.27.28v.79l5 4.99L20.49 19l-4.99-5zm-6 0C7.01 14 5 11.99 5 9.5S7.01 5 9.5 5 14 7.01 14 9.5 11.99 14 9.5 14z" />
    </svg>
  );
}

export function DevicesPage({ go }: { go: (r: Route) => void }) {
  const onError = useErrorNotifier();
  const { devices, loaded } = useDevices(onError);
  const info = useAcsInfo(onError);
  const inSession = useDevicesInSession();
  const evidence = usePresenceEvidence(getApi);
  const now = useNow();
  const [query, setQuery] = useState(remembered.query);
  const [sort, setSort] = useState(remembered.sort);
  const [rowsPerPage, setRowsPerPage] = useState(remembered.rowsPerPage);
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  // The server stamped these: its clock is at least that far (a fresh Inform never reads as in the future).
  useEffect(() => { for (const d of devices) noteServerEvent(d.lastInform); }, [devices]);
  const rows = useMemo(() => {
    const ev = { inSession, ...evidence };
    const all = devices.map((d) => toRow(d, now, ev));
    return sortRows(filterRows(all, query), sort.key, sort.dir);
  }, [devices, now, inSession, evidence, query, sort]);
  // Selected devices that still exist (one may be deleted while selected).
  const selectedDevices = useMemo(() => devices.filter((d) => selected.has(d.id)), [devices, selected]);

  const onSort = (key: SortKey) => {
    const next = { key, dir: (sort.key === key && sort.dir === 'asc' ? 'desc' : 'asc') as SortDir };
    remembered.sort = next;
    setSort(next);
  };
  const onToggle = useCallback((id: string) => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  // The header box selects every device the search shows (all pages), or clears them.
  const onToggleAll = () => {
    const all = rows.every((r) => selected.has(r.id));
    setSelected(all ? new Set([...selected].filter((id) => !rows.some((r) => r.id === id))) : new Set([...selected, ...rows.map((r) => r.id)]));
  };
  const onOpen = useCallback((id: string) => go({ page: 'device', id }), [go]);

  if (!loaded) {
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', height: '100%' }} data-testid="devices-page">
        <CircularProgress size={28} />
      </Box>
    );
  }
  if (devices.length === 0) {
    return <Box data-testid="devices-page"><EmptyState info={info} /></Box>;
  }
  return (
    <Box data-testid="devices-page" sx={{ display: 'flex', flexDirection: 'column', height: '100%', p: { xs: 1.5, md: 3 }, gap: 2 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline', flex: 'none' }}>
        <Typography variant="h5" component="h1" sx={{ fontWeight: 600 }}>Devices</Typography>
        <Typography color="textSecondary" data-testid="devices-count">
          {plural(devices.length, 'device')}
          {' · '}{devices.filter((d) => inSession.has(d.id)).length} in session
        </Typography>
      </Stack>
      <Box sx={{
        display: 'flex', flexDirection: 'column', flex: '0 1 auto', minHeight: 0, bgcolor: 'background.paper',
        border: 1, borderColor: 'divider', borderRadius: 2, overflow: 'hidden',
      }}>
        <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', p: 1.5, borderBottom: 1, borderColor: 'divider' }}>
          <TextField size="small" placeholder="Search serial, OUI, product class, IP, software" value={query}
            onChange={(e) => { remembered.query = e.target.value; setQuery(e.target.value); setPage(0); }}
            sx={{ width: 440, maxWidth: '100%' }}
            slotProps={{
              input: { startAdornment: <InputAdornment position="start" sx={{ color: 'text.secondary' }}><SearchIcon /></InputAdornment> },
              htmlInput: { 'data-testid': 'device-search', 'aria-label': 'search devices', spellCheck: false },
            }} />
          <Box sx={{ width: 8 }} />
          <Typography variant="body2" color={selectedDevices.length ? 'textPrimary' : 'textSecondary'} sx={{ minWidth: 84 }} data-testid="devices-selected">
            {selectedDevices.length ? `${selectedDevices.length} selected` : 'None selected'}
          </Typography>
          <BulkActions selected={selectedDevices} />
          <Box sx={{ flex: 1 }} />
          <AddVirtualCpeButton size="small" />
        </Stack>
        <DevicesTable rows={rows} total={devices.length} now={now} sort={sort} onSort={onSort}
          selected={selected} onToggle={onToggle} onToggleAll={onToggleAll} onOpen={onOpen}
          page={page} rowsPerPage={rowsPerPage} onPage={setPage}
          onRowsPerPage={(n) => { remembered.rowsPerPage = n; setRowsPerPage(n); setPage(0); }}
          emptyText={`No device matches “${query.trim()}”.`} />
      </Box>
    </Box>
  );
}
